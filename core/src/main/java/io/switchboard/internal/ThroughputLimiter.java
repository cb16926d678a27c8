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
 * One Bucket4j token bucket per sending account. The bucket holds a small burst and refills the
 * rest of the rate continuously, sized so that no window of one second ever sees more than the
 * configured rate: burst {@code b = max(1, rate / 50)}, refill {@code rate - b} per second. Time
 * comes from the injected {@link Clock}, so tests control refills. Limits are per process: with
 * several instances sending for the same account, give each its share of the rate.
 */
public final class ThroughputLimiter {

  private record Key(ChannelType channel, String accountId, int rate) {}

  private final Cache<Key, Bucket> buckets;
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
    ConsumptionProbe probe = bucket(channel, accountId, perSecond).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
  }

  /**
   * Takes one send from an account's budget, waiting (parking the calling thread) until a token is
   * free. Taken immediately before the send goes out, so send times follow the bucket: a thread
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
    return bucket(channel, accountId, perSecond).asBlocking().tryConsume(1, maxWait);
  }

  private Bucket bucket(ChannelType channel, String accountId, int perSecond) {
    return buckets.get(new Key(channel, accountId, perSecond), k -> newBucket(k.rate()));
  }

  private Bucket newBucket(int rate) {
    int burst = Math.max(1, rate / 50);
    int refill = Math.max(1, rate - burst);
    Bandwidth limit = Bandwidth.builder()
        .capacity(burst)
        .refillGreedy(refill, Duration.ofSeconds(1))
        .initialTokens(burst)
        .build();
    return Bucket.builder().addLimit(limit).withCustomTimePrecision(time).build();
  }
}
