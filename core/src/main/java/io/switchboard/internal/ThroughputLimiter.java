package io.switchboard.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.switchboard.ChannelType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One Bucket4j token bucket per sending account. The bucket holds a small burst and refills
 * continuously, sized so that no window of one second is granted more than 98 % of the
 * configured rate (burst {@code max(1, rate / 100)}, refill {@code rate - burst - 2 %}): the rest is
 * headroom for jitter between granting a send and the request reaching Meta. Time
 * comes from the injected {@link Clock}, so tests control refills. Limits are per process: with
 * several instances sending for the same account, give each its share of the rate.
 */
public final class ThroughputLimiter {

  private record Key(ChannelType channel, String accountId, int rate) {}

  /** An account's bucket and the queue of threads waiting for it (only the head polls). */
  private record Budget(Bucket bucket, java.util.concurrent.locks.ReentrantLock waiters) {}

  private final Cache<Key, Budget> buckets;
  private final TimeMeter time;

  /**
   * Creates a limiter.
   *
   * @param clock the time source
   */
  public ThroughputLimiter(Clock clock) {
    this.time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
    this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(1_000_000).build();
  }

  /**
   * Takes one send from an account's budget.
   *
   * @param channel the channel
   * @param accountId the sending account
   * @param perSecond the account's rate
   * @return zero if the send may go now, else how long to wait
   */
  public Duration tryAcquire(ChannelType channel, String accountId, int perSecond) {
    ConsumptionProbe probe = budget(channel, accountId, perSecond).bucket().tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
  }

  /**
   * Takes one send from an account's budget, waiting (parking the calling thread, without
   * reserving) until a token is free. Taken immediately before the send goes out, so send times follow the bucket: a thread
   * that was delayed does not catch up with sends booked earlier, and no one-second window can
   * exceed the rate.
   *
   * @param channel the channel
   * @param accountId the sending account
   * @param perSecond the account's rate
   * @param maxWait the longest acceptable wait
   * @return true if the send may go now, false if it would have waited longer than maxWait
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public boolean acquire(ChannelType channel, String accountId, int perSecond, Duration maxWait)
      throws InterruptedException {
    // Not Bucket4j's blocking consume: that reserves a future slot and parks, so threads delayed by
    // a pause (GC, CPU) all fire together when it ends. Here nothing is reserved: a token is taken
    // only when it is free, and tokens that went unused during a pause are lost beyond the burst.
    Budget budget = budget(channel, accountId, perSecond);
    Bucket bucket = budget.bucket();
    if (bucket.tryConsume(1)) {
      return true;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    // one waiter per account polls the bucket; the others wait their turn without spinning
    if (!budget.waiters().tryLock(maxWait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
      return false;
    }
    try {
      return pollUntil(bucket, deadline);
    } finally {
      budget.waiters().unlock();
    }
  }

  private boolean pollUntil(Bucket bucket, long deadline) throws InterruptedException {
    while (true) {
      ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
      if (probe.isConsumed()) {
        return true;
      }
      long now = System.nanoTime();
      if (now >= deadline) {
        return false;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for send budget");
      }
      long park = Math.min(probe.getNanosToWaitForRefill(), Math.min(deadline - now, 20_000_000L));
      java.util.concurrent.locks.LockSupport.parkNanos(this, Math.max(100_000L, park));
    }
  }

  private Budget budget(ChannelType channel, String accountId, int perSecond) {
    return buckets.get(new Key(channel, accountId, perSecond),
        k -> new Budget(newBucket(k.rate()), new java.util.concurrent.locks.ReentrantLock(true)));
  }

  private Bucket newBucket(int rate) {
    // burst 1 % of the rate, refill 2 % under the rest: at most 98 % of the limit is granted in
    // any second, leaving headroom for scheduling jitter between the grant and the wire
    int burst = Math.max(1, rate / 100);
    int refill = Math.max(1, rate - burst - (int) Math.ceil(rate * 0.02));
    Bandwidth limit = Bandwidth.builder()
        .capacity(burst)
        .refillGreedy(refill, Duration.ofSeconds(1))
        .initialTokens(burst)
        .build();
    return Bucket.builder().addLimit(limit).withCustomTimePrecision(time).build();
  }
}
