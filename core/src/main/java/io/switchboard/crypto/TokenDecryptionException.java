package io.switchboard.crypto;

import io.switchboard.SwitchboardException;
import java.util.Optional;

/**
 * A stored token could not be decrypted: the text is not a Switchboard ciphertext, it names a key
 * the {@link Keyring} does not hold, or authentication failed (tampered data, a different key
 * under the same id, or associated data of another connection). Not retryable: the same input
 * fails the same way until the keyring or the stored value changes.
 *
 * <p>The message says what failed and, when known, the key id. It never contains the ciphertext,
 * the plaintext or key material.
 */
public class TokenDecryptionException extends SwitchboardException {

  private static final long serialVersionUID = 1L;

  private final String keyId;

  /**
   * Creates the exception.
   *
   * @param message what failed (no secrets)
   * @param keyId the key id the ciphertext names, or null if it could not be read
   */
  public TokenDecryptionException(String message, String keyId) {
    super(message);
    this.keyId = keyId;
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed (no secrets)
   * @param keyId the key id the ciphertext names, or null if it could not be read
   * @param cause the underlying failure
   */
  public TokenDecryptionException(String message, String keyId, Throwable cause) {
    super(message, cause);
    this.keyId = keyId;
  }

  /**
   * The key id named by the ciphertext.
   *
   * @return the key id, or empty if the ciphertext was too malformed to name one
   */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }
}
