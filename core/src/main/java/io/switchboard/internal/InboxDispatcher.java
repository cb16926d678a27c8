package io.switchboard.internal;

import io.switchboard.Backoff;
import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.event.EventHandler;
import io.switchboard.event.Inbox;
import io.switchboard.event.InboundEvent;
import io.switchboard.spi.InboxEntry;
import io.switchboard.spi.InboxStore;
import io.switchboard.spi.MalformedWebhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands stored inbound events to the host's {@link EventHandler}, at least once: an event is marked
 * delivered only after the handler returns; a handler failure reschedules it with back-off. Claims
 * are leased, so several dispatchers (threads or processes on one database) never run the same
 * event concurrently, and a crashed dispatcher's events come back when the lease ends.
 */
public final class InboxDispatcher implements Inbox {

  private static final Logger log = LoggerFactory.getLogger(InboxDispatcher.class);

  private final InboxStore store;
  private final EventCodec codec;
  private final EventHandler handler;
  private final Clock clock;
  private final Backoff backoff;
  private final int batchSize;
  private final Duration lease;
  private final String owner;
  private final java.util.function.BiConsumer<TenantId, InboundEvent> beforeHandler;

  /**
   * Creates a dispatcher.
   *
   * @param store the inbox
   * @param codec reads stored events
   * @param handler the host's handler
   * @param clock the clock
   * @param backoff waits between handler failures
   * @param batchSize events claimed per round
   * @param lease how long a claim holds
   * @param owner this node's id
   * @param beforeHandler applied to every event before the handler (outbound status and
   *     messaging windows); if it throws, the event is retried like a handler failure
   */
  public InboxDispatcher(
      InboxStore store,
      EventCodec codec,
      EventHandler handler,
      Clock clock,
      Backoff backoff,
      int batchSize,
      Duration lease,
      String owner,
      java.util.function.BiConsumer<TenantId, InboundEvent> beforeHandler) {
    this.store = store;
    this.codec = codec;
    this.handler = handler;
    this.clock = clock;
    this.backoff = backoff;
    this.batchSize = batchSize;
    this.lease = lease;
    this.owner = owner;
    this.beforeHandler = beforeHandler;
  }

  /**
   * Claims and dispatches one batch.
   *
   * @return the number of entries claimed
   */
  public int dispatchBatch() {
    List<InboxEntry> claimed = store.claimDue(clock.instant(), batchSize, lease, owner);
    for (InboxEntry entry : claimed) {
      dispatch(entry);
    }
    return claimed.size();
  }

  @Override
  public int dispatchDue() {
    int total = 0;
    int n;
    do {
      n = dispatchBatch();
      total += n;
    } while (n == batchSize);
    return total;
  }

  private void dispatch(InboxEntry entry) {
    String id = entry.event().id();
    int attempt = entry.attempts() + 1;
    Optional<TenantId> tenant = entry.event().tenant();
    if (tenant.isEmpty()) {
      // A store must not hand out unroutable entries; reschedule far out rather than lose it.
      store.reschedule(id, entry.attempts(), clock.instant().plus(backoff.max()), "claimed without a tenant");
      return;
    }
    InboundEvent event;
    try {
      event = codec.decode(entry.event().payload());
    } catch (RuntimeException e) {
      log.error("inbox entry {} ({} {}) cannot be read; it stays stored for inspection", id,
          entry.event().channel(), entry.event().externalId(), e);
      store.reschedule(id, attempt, clock.instant().plus(backoff.max()), describe(e));
      return;
    }
    try {
      beforeHandler.accept(tenant.get(), event);
      handler.onEvent(tenant.get(), event);
      store.markDelivered(id, clock.instant());
    } catch (RuntimeException e) {
      Instant next = clock.instant().plus(backoff.delay(attempt));
      log.warn("event handler failed for {} {} of tenant {} (attempt {}); retrying at {}: {}",
          entry.event().channel(), entry.event().externalId(), tenant.get(), attempt, next, describe(e));
      store.reschedule(id, attempt, next, describe(e));
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String text = e.getClass().getName() + (message == null ? "" : ": " + message);
    return text.length() > 2000 ? text.substring(0, 2000) : text;
  }

  @Override
  public List<InboxEntry> unroutable(int limit) {
    return store.unroutable(limit);
  }

  @Override
  public List<MalformedWebhook> malformed(int limit) {
    return store.malformed(limit);
  }

  @Override
  public Optional<InboxEntry> find(ChannelType channel, String externalId) {
    return store.find(channel, externalId);
  }
}
