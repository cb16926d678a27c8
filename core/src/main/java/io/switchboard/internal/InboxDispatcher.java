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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands stored inbound events to the host's {@link EventHandler}, at least once: an event is marked
 * delivered only after the handler returns; a handler failure reschedules it with back-off. Claims
 * are leased, so several dispatchers (threads or processes on one database) never run the same
 * event concurrently, and a crashed dispatcher's events come back when the lease ends. The store
 * hands out a conversation's events in order and holds back the rest of a conversation behind an
 * event that is being retried; this class keeps that order within a batch.
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
  private final InboundHook hook;

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
   * @param hook applied to each batch and event before the handler (messaging windows, outbound
   *     status); if it throws, the events it covered are retried like a handler failure
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
      InboundHook hook) {
    this.store = store;
    this.codec = codec;
    this.handler = handler;
    this.clock = clock;
    this.backoff = backoff;
    this.batchSize = batchSize;
    this.lease = lease;
    this.owner = owner;
    this.hook = hook;
  }

  /**
   * Claims and dispatches one batch. Entries run in the order claimed; once one fails, the later
   * entries of its conversation in this batch are released untouched (they wait for it), and the
   * accepted ones are marked delivered together at the end.
   *
   * @return the number of entries claimed
   */
  public int dispatchBatch() {
    List<InboxEntry> claimed = store.claimDue(clock.instant(), batchSize, lease, owner);
    List<String> delivered = new ArrayList<>(claimed.size());
    Map<String, String> held = new HashMap<>();
    try {
      // read the whole batch first, so that the hook sees it at once (one window-store round trip)
      Map<String, InboundEvent> events = new HashMap<>();
      Map<String, RuntimeException> unreadable = new HashMap<>();
      List<Map.Entry<TenantId, InboundEvent>> readable = new ArrayList<>(claimed.size());
      for (InboxEntry entry : claimed) {
        if (entry.event().tenant().isEmpty()) {
          continue;
        }
        try {
          InboundEvent event = codec.decode(entry.event().payload());
          events.put(entry.event().id(), event);
          readable.add(Map.entry(entry.event().tenant().get(), event));
        } catch (RuntimeException e) {
          unreadable.put(entry.event().id(), e);
        }
      }
      RuntimeException batchFailure = null;
      if (!readable.isEmpty()) {
        try {
          hook.beforeBatch(readable);
        } catch (RuntimeException e) {
          batchFailure = e;
        }
      }
      for (InboxEntry entry : claimed) {
        Optional<String> key = entry.event().orderingKey();
        String blocker = key.map(held::get).orElse(null);
        if (blocker != null) {
          store.reschedule(entry.event().id(), entry.attempts(), clock.instant(),
              "waiting for earlier event " + blocker + " of the same conversation");
        } else if (dispatch(entry, events.get(entry.event().id()), unreadable.get(entry.event().id()), batchFailure)) {
          delivered.add(entry.event().id());
        } else {
          key.ifPresent(k -> held.put(k, entry.event().externalId()));
        }
      }
    } finally {
      // also when an Error escapes the handler, so that what it accepted is not handed over again
      markDelivered(delivered);
    }
    return claimed.size();
  }

  private void markDelivered(List<String> delivered) {
    if (delivered.isEmpty()) {
      return;
    }
    try {
      store.markDelivered(delivered, clock.instant());
    } catch (RuntimeException e) {
      // The handler has them; they come back when their lease ends and are handed over again.
      log.error("could not mark {} handled events delivered; they will be handed over again after their lease",
          delivered.size(), e);
    }
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

  /**
   * Runs one entry; true if the handler accepted it.
   *
   * @param event the decoded event (null if it could not be read, or for an entry without tenant)
   * @param unreadable why the event could not be read, if so
   * @param batchFailure what the batch hook threw, if anything: then the entry counts as failed
   */
  private boolean dispatch(InboxEntry entry, InboundEvent event, RuntimeException unreadable,
      RuntimeException batchFailure) {
    String id = entry.event().id();
    int attempt = entry.attempts() + 1;
    Optional<TenantId> tenant = entry.event().tenant();
    if (tenant.isEmpty()) {
      // A store must not hand out unroutable entries; reschedule far out rather than lose it.
      store.reschedule(id, entry.attempts(), clock.instant().plus(backoff.max()), "claimed without a tenant");
      return false;
    }
    if (unreadable != null) {
      log.error("inbox entry {} ({} {}) cannot be read; it stays stored for inspection", id,
          entry.event().channel(), entry.event().externalId(), unreadable);
      store.reschedule(id, attempt, clock.instant().plus(backoff.max()), describe(unreadable));
      return false;
    }
    try {
      if (batchFailure != null) {
        throw batchFailure;
      }
      hook.beforeHandler(tenant.get(), event);
      handler.onEvent(tenant.get(), event);
      return true;
    } catch (RuntimeException e) {
      Instant next = clock.instant().plus(backoff.delay(attempt));
      log.warn("event handler failed for {} {} of tenant {} (attempt {}); retrying at {}: {}",
          entry.event().channel(), entry.event().externalId(), tenant.get(), attempt, next, describe(e));
      store.reschedule(id, attempt, next, describe(e));
      return false;
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
