/**
 * An in-process fake of the Meta Graph API endpoints Switchboard calls, plus webhook driving, so
 * hosts test their integration offline.
 *
 * <p>{@link io.switchboard.testkit.emulator.MetaEmulator} serves WhatsApp Cloud API, Messenger
 * and Instagram paths on an embedded Jetty, validates requests the way Meta does (Graph error
 * JSON with codes 100 and 190), records every request, injects faults and throughput limits, and
 * posts signed webhooks (customer messages, status callbacks) to the host.
 * {@link io.switchboard.testkit.emulator.MetaEmulatorExtension} runs one per JUnit test.
 */
package io.switchboard.testkit.emulator;
