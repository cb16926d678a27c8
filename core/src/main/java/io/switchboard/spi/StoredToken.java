package io.switchboard.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An encrypted access token as a {@link TokenStore} keeps it. The ciphertext is an opaque,
 * self-describing string (it names the key it was encrypted with); stores persist it as-is.
 *
 * @param ciphertext the encrypted token
 * @param expiresAt when the token expires, if it does
 * @param updatedAt when it was stored
 */
public record StoredToken(String ciphertext, Optional<Instant> expiresAt, Instant updatedAt) {

  /** Checks required fields. */
  public StoredToken {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  @Override
  public String toString() {
    return "StoredToken[ciphertext=(" + ciphertext.length() + " chars), expiresAt=" + expiresAt
        + ", updatedAt=" + updatedAt + "]";
  }
}
