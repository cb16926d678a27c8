package io.switchboard.store.memory;

import io.switchboard.spi.ConversationWindowStore;
import io.switchboard.spi.WindowKey;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ConversationWindowStore} in memory: for tests and single-process hosts; lost on
 * restart. Thread-safe.
 */
public final class InMemoryConversationWindowStore implements ConversationWindowStore {

  private final ConcurrentHashMap<WindowKey, Instant> last = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryConversationWindowStore() {}

  @Override
  public void recordInbound(WindowKey key, Instant at) {
    last.merge(key, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public Optional<Instant> lastInbound(WindowKey key) {
    return Optional.ofNullable(last.get(key));
  }
}
