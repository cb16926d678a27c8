package io.switchboard.spi;

import io.switchboard.connection.ConnectionKey;
import java.util.Optional;

/**
 * Keeps each connection's access token, <b>encrypted</b>. Switchboard encrypts before
 * {@link #save} and decrypts after {@link #find}, so an implementation only ever sees ciphertext.
 *
 * <p>Implementations must be thread-safe. Methods may block (database I/O) and report failures as
 * {@link io.switchboard.StoreException}. They never return null.
 */
public interface TokenStore {

  /**
   * Reads a connection's token.
   *
   * @param key the connection
   * @return the stored token, or empty if none
   */
  Optional<StoredToken> find(ConnectionKey key);

  /**
   * Stores or replaces a connection's token.
   *
   * @param key the connection
   * @param token the encrypted token
   */
  void save(ConnectionKey key, StoredToken token);

  /**
   * Deletes a connection's token.
   *
   * @param key the connection
   * @return true if a token was deleted
   */
  boolean delete(ConnectionKey key);
}
