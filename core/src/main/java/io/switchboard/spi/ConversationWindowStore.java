package io.switchboard.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers when each contact last wrote to each account, for the 24-hour (and 7-day human agent)
 * messaging windows. Implementations must be thread-safe, may block, report failures as
 * {@link io.switchboard.StoreException} and never return null.
 */
public interface ConversationWindowStore {

  /**
   * Records an inbound message time; keeps the later of the stored and the given time (webhooks
   * arrive out of order).
   *
   * @param key the conversation
   * @param at when the contact wrote
   */
  void recordInbound(WindowKey key, Instant at);

  /**
   * Records several inbound message times, with the same effect as recording each on its own (for
   * every key the later of the stored and the given time is kept). The dispatcher calls this once
   * per claimed batch; a database store should do it in one round trip. The default records them
   * one by one.
   *
   * @param latest the latest time per conversation
   */
  default void recordInbound(Map<WindowKey, Instant> latest) {
    Objects.requireNonNull(latest, "latest");
    latest.forEach(this::recordInbound);
  }

  /**
   * When the contact last wrote.
   *
   * @param key the conversation
   * @return the time, or empty if never
   */
  Optional<Instant> lastInbound(WindowKey key);
}
