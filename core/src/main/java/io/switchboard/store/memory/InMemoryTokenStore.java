package io.switchboard.store.memory;

import io.switchboard.connection.ConnectionKey;
import io.switchboard.spi.StoredToken;
import io.switchboard.spi.TokenStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link TokenStore} in a concurrent map.
 *
 * <p>For tests and single-process hosts only: everything is lost when the process stops, so every
 * tenant would have to reconnect. Like every token store it only ever sees ciphertext; it logs
 * nothing. Thread-safe, never blocks.
 */
public final class InMemoryTokenStore implements TokenStore {

  private final ConcurrentMap<ConnectionKey, StoredToken> tokens = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryTokenStore() {}

  @Override
  public Optional<StoredToken> find(ConnectionKey key) {
    Objects.requireNonNull(key, "key");
    return Optional.ofNullable(tokens.get(key));
  }

  @Override
  public void save(ConnectionKey key, StoredToken token) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(token, "token");
    tokens.put(key, token);
  }

  @Override
  public boolean delete(ConnectionKey key) {
    Objects.requireNonNull(key, "key");
    return tokens.remove(key) != null;
  }

  /** Shows the number of tokens only. */
  @Override
  public String toString() {
    return "InMemoryTokenStore[tokens=" + tokens.size() + "]";
  }
}
