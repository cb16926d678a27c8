package io.switchboard.internal;

import io.switchboard.TenantId;
import io.switchboard.event.InboundEvent;
import java.util.List;
import java.util.Map;

/**
 * What the dispatcher applies to inbound events before the host's handler sees them (messaging
 * windows, outbound delivery reports). If a call throws, the events it covered are retried like a
 * handler failure.
 */
public interface InboundHook {

  /** Does nothing. */
  InboundHook NONE = new InboundHook() {
    @Override
    public void beforeBatch(List<Map.Entry<TenantId, InboundEvent>> events) {}

    @Override
    public void beforeHandler(TenantId tenant, InboundEvent event) {}
  };

  /**
   * Called once per claimed batch, before any of its handlers, with every readable event of the
   * batch in claim order; suits work that a store can do for many events at once.
   *
   * @param events tenant and event, in claim order
   */
  void beforeBatch(List<Map.Entry<TenantId, InboundEvent>> events);

  /**
   * Called right before the handler of one event.
   *
   * @param tenant the tenant
   * @param event the event
   */
  void beforeHandler(TenantId tenant, InboundEvent event);
}
