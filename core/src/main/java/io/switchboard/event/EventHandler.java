package io.switchboard.event;

import io.switchboard.TenantId;

/**
 * The host's callback for inbound events.
 *
 * <p>Delivery is at least once: Switchboard calls the handler after the event is stored, and calls
 * it again later (with growing back-off) if it throws. A handler that must not act twice should
 * key its own writes on {@link InboundEvent#externalId()}. Called from Switchboard's dispatcher
 * thread(s), possibly concurrently for different events; implementations must be thread-safe.
 */
@FunctionalInterface
public interface EventHandler {

  /**
   * Handles one event for one tenant.
   *
   * @param tenant the tenant the event was routed to
   * @param event the event
   * @throws RuntimeException to have the event delivered again later
   */
  void onEvent(TenantId tenant, InboundEvent event);
}
