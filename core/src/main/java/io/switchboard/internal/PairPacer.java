package io.switchboard.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.ChannelType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Paces one recipient after WhatsApp's pair rate limit (error 131056: too many messages from one
 * number to one user): the next attempt to that recipient waits 4^X seconds (X = 0, 1, 2 ... for
 * consecutive refusals, capped), while every other recipient of the number goes on unaffected. A
 * successful send resets the recipient. Per process, in memory.
 */
public final class PairPacer {

  private record Key(ChannelType channel, String accountId, String recipient) {}

  private record State(int strikes, Instant notBefore) {}

  private static final int MAX_EXPONENT = 6; // 4^6 s = 68 minutes

  private final Cache<Key, State> states;
  private final Clock clock;

  /**
   * Creates a pacer.
   *
   * @param clock the time source
   */
  public PairPacer(Clock clock) {
    this.clock = clock;
    this.states = Caffeine.newBuilder()
        .ticker(() -> clock.millis() * 1_000_000L)
        .expireAfterWrite(Duration.ofHours(3))
        .maximumSize(1_000_000)
        .build();
  }

  /**
   * When the recipient may be sent to again, if it is being paced.
   *
   * @param channel the channel
   * @param accountId the sending account
   * @param recipient the recipient
   * @return the earliest time, or empty if not paced
   */
  public Optional<Instant> notBefore(ChannelType channel, String accountId, String recipient) {
    State s = states.getIfPresent(new Key(channel, accountId, recipient));
    return s == null || !s.notBefore().isAfter(clock.instant()) ? Optional.empty() : Optional.of(s.notBefore());
  }

  /**
   * Records a pair-rate refusal.
   *
   * @param channel the channel
   * @param accountId the sending account
   * @param recipient the recipient
   * @return when the recipient may be tried again
   */
  public Instant refused(ChannelType channel, String accountId, String recipient) {
    State next = states.asMap().compute(new Key(channel, accountId, recipient), (k, s) -> {
      int strikes = s == null ? 0 : s.strikes() + 1;
      long wait = 1L << (2 * Math.min(strikes, MAX_EXPONENT)); // 4^strikes seconds
      return new State(strikes, clock.instant().plusSeconds(wait));
    });
    return next.notBefore();
  }

  /**
   * Records a successful send: the recipient is no longer paced.
   *
   * @param channel the channel
   * @param accountId the sending account
   * @param recipient the recipient
   */
  public void succeeded(ChannelType channel, String accountId, String recipient) {
    states.invalidate(new Key(channel, accountId, recipient));
  }
}
