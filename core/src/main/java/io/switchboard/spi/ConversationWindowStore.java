package io.switchboard.spi;

import java.time.Instant;
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
   * When the contact last wrote.
   *
   * @param key the conversation
   * @return the time, or empty if never
   */
  Optional<Instant> lastInbound(WindowKey key);
}
