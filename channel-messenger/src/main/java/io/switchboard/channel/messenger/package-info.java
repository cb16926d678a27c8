/**
 * The Messenger channel: a tenant's Facebook Page. Start at {@link
 * io.switchboard.channel.messenger.MessengerChannel}; settings are in {@link
 * io.switchboard.channel.messenger.MessengerConfig}, Send API limits in {@link
 * io.switchboard.channel.messenger.MessengerLimits}. Classes in the {@code internal} subpackage are
 * not API.
 */
package io.switchboard.channel.messenger;
