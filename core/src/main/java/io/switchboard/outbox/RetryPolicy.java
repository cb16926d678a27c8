package io.switchboard.outbox;

import io.switchboard.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How the outbound queue retries.
 *
 * @param maxAttempts attempts before a message fails for good (at least 1)
 * @param backoff waits between retryable failures; a longer wait Meta asks for ({@code Retry-After},
 *     business-use-case headers) is honoured
 * @param reauthHold how long messages of a connection whose token was rejected are held (not
 *     attempted) waiting for the tenant to reconnect, before they fail
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Duration reauthHold) {

  /** Checks the values. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(reauthHold, "reauthHold");
    if (reauthHold.isNegative()) {
      throw new IllegalArgumentException("reauthHold must not be negative");
    }
  }

  /**
   * 8 attempts, 2 s doubling to 10 minutes with jitter, connections held 24 hours for
   * re-authorisation.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(8, Backoff.exponential(Duration.ofSeconds(2), Duration.ofMinutes(10)), Duration.ofHours(24));
  }
}
