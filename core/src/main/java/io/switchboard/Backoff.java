package io.switchboard;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter: attempt {@code n} waits {@code initial * 2^(n-1)}, capped at
 * {@code max}, shortened by a random fraction up to {@code jitter} so that many retries do not fire
 * together. Immutable.
 *
 * @param initial the wait after the first failure
 * @param max the longest wait
 * @param jitter the largest random fraction taken off a wait, 0 to 1 (0 = deterministic)
 */
public record Backoff(Duration initial, Duration max, double jitter) {

  /** Checks the values. */
  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial back-off must be positive, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max back-off " + max + " is shorter than initial " + initial);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
    }
  }

  /**
   * Exponential back-off with 20 % jitter.
   *
   * @param initial the first wait
   * @param max the longest wait
   * @return the back-off
   */
  public static Backoff exponential(Duration initial, Duration max) {
    return new Backoff(initial, max, 0.2);
  }

  /**
   * The wait before attempt {@code attempt + 1}, after {@code attempt} failures.
   *
   * @param attempt failures so far, at least 1
   * @return the wait
   */
  public Duration delay(int attempt) {
    int exponent = Math.max(0, Math.min(attempt - 1, 40));
    long initialMillis = initial.toMillis();
    long maxMillis = max.toMillis();
    long millis = exponent >= 62 || initialMillis > (maxMillis >> exponent) ? maxMillis : Math.min(maxMillis, initialMillis << exponent);
    if (jitter > 0) {
      millis = (long) (millis * (1 - jitter * ThreadLocalRandom.current().nextDouble()));
    }
    return Duration.ofMillis(Math.max(1, millis));
  }
}
