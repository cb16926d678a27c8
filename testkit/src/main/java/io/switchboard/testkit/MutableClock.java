package io.switchboard.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link Clock} a test moves by hand, so that retries, leases, windows and expiries are tested
 * without waiting for real time: pass it to {@code Switchboard.builder().clock(...)} and call
 * {@link #advance(Duration)}. Thread-safe.
 */
public final class MutableClock extends Clock {

  private volatile Instant now;

  /**
   * A clock standing at a given time.
   *
   * @param start the initial time
   */
  public MutableClock(Instant start) {
    this.now = start;
  }

  /**
   * A clock standing at an ISO-8601 instant.
   *
   * @param isoInstant such as {@code 2026-11-22T10:00:00Z}
   * @return the clock
   */
  public static MutableClock at(String isoInstant) {
    return new MutableClock(Instant.parse(isoInstant));
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far
   */
  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  /**
   * Sets the time.
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
