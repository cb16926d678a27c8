package io.switchboard.internal;

import io.switchboard.ConnectionNotFoundException;
import io.switchboard.Secret;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.crypto.TokenCipher;
import io.switchboard.spi.StoredToken;
import io.switchboard.spi.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts tokens before they reach the {@link TokenStore} and decrypts them on the way out, so a
 * store never sees plaintext. The associated data binds each ciphertext to its connection, so a
 * ciphertext copied to another tenant's row does not decrypt. Tokens written under an old key are
 * re-encrypted with the primary key when read (rotation write-back).
 */
public final class TokenService {

  private static final Logger log = LoggerFactory.getLogger(TokenService.class);

  private final TokenStore store;
  private final TokenCipher cipher;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param store where ciphertext is kept
   * @param cipher the cipher
   * @param clock for timestamps
   */
  public TokenService(TokenStore store, TokenCipher cipher, Clock clock) {
    this.store = store;
    this.cipher = cipher;
    this.clock = clock;
  }

  /**
   * Encrypts and stores a connection's token.
   *
   * @param key the connection
   * @param token the plaintext token
   * @param expiresAt its expiry, if any
   */
  public void save(ConnectionKey key, Secret token, Optional<Instant> expiresAt) {
    String ciphertext = cipher.encrypt(token.reveal(), associatedData(key));
    store.save(key, new StoredToken(ciphertext, expiresAt, clock.instant()));
  }

  /**
   * Reads and decrypts a connection's token.
   *
   * @param key the connection
   * @return the token
   * @throws ConnectionNotFoundException if none is stored
   */
  public Secret decrypt(ConnectionKey key) {
    StoredToken stored = store.find(key)
        .orElseThrow(() -> new ConnectionNotFoundException("no access token stored for " + key));
    String plaintext = cipher.decrypt(stored.ciphertext(), associatedData(key));
    if (!cipher.usesPrimaryKey(stored.ciphertext())) {
      String rewrapped = cipher.encrypt(plaintext, associatedData(key));
      store.save(key, new StoredToken(rewrapped, stored.expiresAt(), clock.instant()));
      log.info("re-encrypted the token of {} with the primary key (was key '{}')", key, cipher.keyIdOf(stored.ciphertext()));
    }
    return Secret.of(plaintext);
  }

  /**
   * Deletes a connection's token.
   *
   * @param key the connection
   * @return true if one existed
   */
  public boolean delete(ConnectionKey key) {
    return store.delete(key);
  }

  static String associatedData(ConnectionKey key) {
    return "switchboard-token|" + key.tenant().value() + "|" + key.channel().name() + "|" + key.accountId();
  }
}
