package io.switchboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret string (access token, app secret, verify token) that never shows its value in
 * {@link #toString()}, log lines or exception messages.
 *
 * <p>The value is read only through {@link #reveal()}, which makes every place that handles the
 * plaintext easy to find. {@link #equals(Object)} compares in constant time. Immutable and
 * thread-safe.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @param value the plaintext; must not be null or blank
   * @return the secret
   * @throws IllegalArgumentException if the value is blank
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("secret value must not be blank");
    }
    return new Secret(value);
  }

  /**
   * Returns the plaintext. Call it only at the point where the value is sent or verified.
   *
   * @return the secret's plaintext
   */
  public String reveal() {
    return value;
  }

  /**
   * Compares this secret with a candidate value in constant time.
   *
   * @param candidate the value to check, may be null
   * @return true if the candidate equals the secret
   */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && matches(other.value);
  }

  @Override
  public int hashCode() {
    return 0; // deliberately constant: a hash would leak information about the value
  }

  /** Always {@code ***}. */
  @Override
  public String toString() {
    return "***";
  }
}
