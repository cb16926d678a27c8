package io.switchboard.store.memory;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.spi.AppendResult;
import io.switchboard.spi.InboxEntry;
import io.switchboard.spi.InboxEntry.State;
import io.switchboard.spi.InboxEvent;
import io.switchboard.spi.InboxStore;
import io.switchboard.spi.MalformedWebhook;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link InboxStore} on the heap.
 *
 * <p>For tests and single-process hosts only: everything is lost when the process stops,
 * including events Meta has already been told were received. Use a durable store in production.
 *
 * <p>All operations run under one lock, so each is atomic: of concurrent appends of the same
 * (channel, externalId) exactly one inserts, and concurrent {@link #claimDue} calls never lease
 * the same entry twice while its lease holds. Entries are indexed by state in sorted sets
 * (pending by due time, leased by lease expiry, unroutable by arrival, delivered by delivery
 * time), so claiming, assigning and purging cost O(k log n) for k affected entries rather than a
 * scan of the whole inbox. Entries with an ordering key are also kept per key until delivered; only
 * the oldest of each key (its head) waits in the ready set, so entries held back behind a failed
 * one cost nothing to claims. Never blocks on I/O.
 *
 * <p>Memory is bounded by the delivered entries it keeps: at most {@link #DEFAULT_MAX_DELIVERED}
 * (or the number given to {@link #InMemoryInboxStore(int)}); beyond that the one delivered
 * longest ago is forgotten at once, as {@link #purgeDelivered} would forget it later. A forgotten
 * event that Meta sends again is then stored and handed over again, which at-least-once delivery
 * allows. Pending and unroutable entries are never forgotten.
 *
 * <p>State changes follow the dispatcher's at-least-once rules: {@link #markDelivered} and
 * {@link #reschedule} only act on {@code PENDING} entries (a late reschedule cannot resurrect a
 * delivered event), and ignore ids that are not stored (for example, already purged).
 */
public final class InMemoryInboxStore implements InboxStore {

  private static final Comparator<Slot> BY_SEQ = Comparator.comparingLong(s -> s.seq);
  private static final Comparator<Slot> BY_NEXT_ATTEMPT =
      Comparator.comparing((Slot s) -> s.nextAttemptAt).thenComparingLong(s -> s.seq);
  private static final Comparator<Slot> BY_LEASE_UNTIL =
      Comparator.comparing((Slot s) -> s.leaseUntil).thenComparingLong(s -> s.seq);
  private static final Comparator<Slot> BY_RECEIVED =
      Comparator.comparing((Slot s) -> s.event.receivedAt()).thenComparingLong(s -> s.seq);
  private static final Comparator<Slot> BY_DELIVERED =
      Comparator.comparing((Slot s) -> s.deliveredAt).thenComparingLong(s -> s.seq);
  private static final Comparator<Malformed> NEWEST_FIRST =
      Comparator.comparing((Malformed m) -> m.webhook.receivedAt())
          .thenComparingLong(m -> m.seq)
          .reversed();

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Slot> byId = new HashMap<>();
  private final Map<ExternalKey, Slot> byExternal = new HashMap<>();
  /** PENDING without a live lease and not held back behind an older entry of its key, by due time. */
  private final NavigableSet<Slot> ready = new TreeSet<>(BY_NEXT_ATTEMPT);
  /** PENDING under a lease, by lease expiry. */
  private final NavigableSet<Slot> leased = new TreeSet<>(BY_LEASE_UNTIL);
  private final NavigableSet<Slot> unroutable = new TreeSet<>(BY_RECEIVED);
  /** PENDING and UNROUTABLE entries per ordering key, oldest first. */
  private final Map<String, NavigableSet<Slot>> undeliveredByKey = new HashMap<>();
  private final Map<Account, Set<Slot>> unroutableByAccount = new HashMap<>();
  private final NavigableSet<Slot> delivered = new TreeSet<>(BY_DELIVERED);
  private final NavigableSet<Malformed> malformed = new TreeSet<>(NEWEST_FIRST);
  private long sequence;
  private final int maxDelivered;

  /** Delivered entries kept at most by {@link #InMemoryInboxStore()}: 100,000. */
  public static final int DEFAULT_MAX_DELIVERED = 100_000;

  /** Creates an empty inbox that keeps at most {@link #DEFAULT_MAX_DELIVERED} delivered entries. */
  public InMemoryInboxStore() {
    this(DEFAULT_MAX_DELIVERED);
  }

  /**
   * Creates an empty inbox that keeps at most {@code maxDelivered} delivered entries.
   *
   * @param maxDelivered how many delivered entries to keep (for deduplication and {@link #find});
   *     the oldest delivered is forgotten first
   * @throws IllegalArgumentException if negative
   */
  public InMemoryInboxStore(int maxDelivered) {
    if (maxDelivered < 0) {
      throw new IllegalArgumentException("maxDelivered must not be negative (was " + maxDelivered + ")");
    }
    this.maxDelivered = maxDelivered;
  }

  /**
   * {@inheritDoc}
   *
   * <p>An event with a tenant is stored {@code PENDING}, due at its {@code receivedAt}; one
   * without is stored {@code UNROUTABLE}. A later event in the same list with the same
   * (channel, externalId) as an earlier one is a duplicate.
   *
   * @throws IllegalArgumentException if a new event reuses the entry id of another stored or
   *     listed event (nothing is stored then)
   */
  @Override
  public AppendResult append(List<InboxEvent> events) {
    Objects.requireNonNull(events, "events");
    List<InboxEvent> copy = List.copyOf(events);
    lock.lock();
    try {
      // Validate first so a bad batch changes nothing.
      Set<ExternalKey> batchKeys = new HashSet<>();
      Set<String> batchIds = new HashSet<>();
      List<Boolean> inserted = new ArrayList<>(copy.size());
      for (InboxEvent e : copy) {
        ExternalKey key = ExternalKey.of(e);
        boolean isNew = !byExternal.containsKey(key) && batchKeys.add(key);
        if (isNew && (byId.containsKey(e.id()) || !batchIds.add(e.id()))) {
          throw new IllegalArgumentException("inbox entry id " + e.id()
              + " is already used by another event");
        }
        inserted.add(isNew);
      }
      for (int i = 0; i < copy.size(); i++) {
        if (inserted.get(i)) {
          InboxEvent e = copy.get(i);
          Slot slot = new Slot(sequence++, e);
          if (e.tenant().isPresent()) {
            slot.state = State.PENDING;
            slot.nextAttemptAt = e.receivedAt();
          } else {
            slot.state = State.UNROUTABLE;
            slot.nextAttemptAt = e.receivedAt();
          }
          byId.put(e.id(), slot);
          byExternal.put(ExternalKey.of(e), slot);
          e.orderingKey().ifPresent(k ->
              undeliveredByKey.computeIfAbsent(k, x -> new TreeSet<>(BY_SEQ)).add(slot));
          index(slot);
        }
      }
      return new AppendResult(inserted);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Returns {@code PENDING} entries with {@code nextAttemptAt <= now} whose lease is absent or
   * has expired ({@code leaseUntil <= now}), oldest {@code nextAttemptAt} first: every due head of
   * a conversation (and entry without one) first, then, while the limit allows, the due, unleased
   * entries queued behind each head (the room shared out evenly between the conversations); it leases them to {@code owner} until {@code now + lease}.
   *
   * @throws IllegalArgumentException if {@code limit} is negative or {@code lease} not positive
   */
  @Override
  public List<InboxEntry> claimDue(Instant now, int limit, Duration lease, String owner) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(owner, "owner");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative (was " + limit + ")");
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive (was " + lease + ")");
    }
    Instant until = plusSaturated(now, lease);
    lock.lock();
    try {
      // Expired leases make their entries claimable again.
      while (!leased.isEmpty() && !leased.first().leaseUntil.isAfter(now)) {
        Slot s = leased.pollFirst();
        s.leaseUntil = null;
        s.leaseOwner = null;
        index(s);
      }
      // every due head first (oldest first), then the queues behind them, head by head
      List<Claimed> out = new ArrayList<>(Math.min(limit, ready.size()));
      List<Slot> heads = new ArrayList<>();
      while (out.size() < limit && !ready.isEmpty() && !ready.first().nextAttemptAt.isAfter(now)) {
        Slot head = ready.pollFirst();
        heads.add(head);
        lease(head, head.nextAttemptAt, until, owner, out);
      }
      // the room left is shared out evenly between the conversations
      long keyed = heads.stream().filter(h -> h.event.orderingKey().isPresent()).count();
      long share = keyed == 0 ? 0 : (limit - out.size() + keyed - 1) / keyed;
      for (Slot head : heads) {
        NavigableSet<Slot> queue = head.event.orderingKey().map(undeliveredByKey::get).orElse(null);
        if (queue == null || out.size() >= limit) {
          continue;
        }
        Instant due = head.nextAttemptAt;
        int taken = 0;
        for (Slot next : queue.tailSet(head, false)) {
          if (out.size() >= limit || taken++ == share || next.state != State.PENDING || next.leaseUntil != null
              || next.nextAttemptAt.isAfter(now)) {
            break;
          }
          // a follower sorts no earlier than the entry before it, so the conversation stays in order
          due = due.isAfter(next.nextAttemptAt) ? due : next.nextAttemptAt;
          lease(next, due, until, owner, out);
        }
      }
      out.sort(Comparator.comparing(Claimed::due).thenComparingLong(Claimed::seq));
      return out.stream().map(Claimed::entry).toList();
    } finally {
      lock.unlock();
    }
  }

  private void lease(Slot s, Instant due, Instant until, String owner, List<Claimed> out) {
    s.leaseUntil = until;
    s.leaseOwner = owner;
    leased.add(s);
    out.add(new Claimed(due, s.seq, s.snapshot()));
  }

  /** A claimed entry and where it sorts in the claim's result. */
  private record Claimed(Instant due, long seq, InboxEntry entry) {}

  /**
   * {@inheritDoc}
   *
   * <p>Acts only on a {@code PENDING} entry (leased or not): it becomes {@code DELIVERED} at
   * {@code at} and its lease is cleared. Does nothing for an unknown, delivered or unroutable id.
   */
  @Override
  public void markDelivered(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    markDelivered(List.of(id), at);
  }

  /** {@inheritDoc} Atomic: all under one lock. */
  @Override
  public void markDelivered(List<String> ids, Instant at) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(at, "at");
    lock.lock();
    try {
      for (String id : ids) {
        Slot s = byId.get(Objects.requireNonNull(id, "id"));
        if (s == null || s.state != State.PENDING) {
          continue;
        }
        unindex(s);
        s.state = State.DELIVERED;
        s.deliveredAt = at;
        s.leaseUntil = null;
        s.leaseOwner = null;
        index(s);
        releaseKey(s);
      }
      while (delivered.size() > maxDelivered) {
        forget(delivered.pollFirst());
      }
    } finally {
      lock.unlock();
    }
  }

  /** Takes a delivered entry out of its key's queue; the next one, if free, becomes ready. */
  private void releaseKey(Slot s) {
    String key = s.event.orderingKey().orElse(null);
    if (key == null) {
      return;
    }
    NavigableSet<Slot> queue = undeliveredByKey.get(key);
    if (queue == null || !queue.remove(s)) {
      return;
    }
    if (queue.isEmpty()) {
      undeliveredByKey.remove(key);
    } else {
      Slot next = queue.first();
      if (next.state == State.PENDING && next.leaseUntil == null) {
        ready.add(next);
      }
    }
  }

  private boolean isHead(Slot s) {
    String key = s.event.orderingKey().orElse(null);
    if (key == null) {
      return true;
    }
    NavigableSet<Slot> queue = undeliveredByKey.get(key);
    return queue == null || queue.first() == s;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Acts only on a {@code PENDING} entry: it stays {@code PENDING} with the given attempts,
   * due time and error ({@code null} for none), and its lease is cleared. Does nothing for an
   * unknown, delivered or unroutable id.
   *
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  @Override
  public void reschedule(String id, int attempts, Instant nextAttemptAt, String error) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative (was " + attempts + ")");
    }
    lock.lock();
    try {
      Slot s = byId.get(id);
      if (s == null || s.state != State.PENDING) {
        return;
      }
      unindex(s);
      s.attempts = attempts;
      s.nextAttemptAt = nextAttemptAt;
      s.lastError = error;
      s.leaseUntil = null;
      s.leaseOwner = null;
      index(s);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The events become {@code PENDING} for {@code tenant}, due at their {@code receivedAt} (so
   * immediately, in arrival order).
   */
  @Override
  public int assignUnroutable(ChannelType channel, String accountId, TenantId tenant) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(tenant, "tenant");
    lock.lock();
    try {
      Set<Slot> slots = unroutableByAccount.remove(new Account(channel, accountId));
      if (slots == null) {
        return 0;
      }
      for (Slot s : slots) {
        unroutable.remove(s);
        InboxEvent e = s.event;
        s.event = e.withTenant(tenant);
        s.state = State.PENDING;
        s.nextAttemptAt = e.receivedAt();
        index(s);
      }
      return slots.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<InboxEntry> unroutable(int limit) {
    checkLimit(limit);
    lock.lock();
    try {
      return firstSnapshots(unroutable, limit);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<InboxEntry> find(ChannelType channel, String externalId) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(externalId, "externalId");
    lock.lock();
    try {
      Slot s = byExternal.get(new ExternalKey(channel, externalId));
      return s == null ? Optional.empty() : Optional.of(s.snapshot());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int purgeDelivered(Instant deliveredBefore) {
    Objects.requireNonNull(deliveredBefore, "deliveredBefore");
    lock.lock();
    try {
      int purged = 0;
      while (!delivered.isEmpty() && delivered.first().deliveredAt.isBefore(deliveredBefore)) {
        forget(delivered.pollFirst());
        purged++;
      }
      return purged;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void recordMalformed(MalformedWebhook webhook) {
    Objects.requireNonNull(webhook, "webhook");
    lock.lock();
    try {
      malformed.add(new Malformed(sequence++, webhook));
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Newest {@code receivedAt} first; records with the same time, most recently recorded first.
   */
  @Override
  public List<MalformedWebhook> malformed(int limit) {
    checkLimit(limit);
    lock.lock();
    try {
      List<MalformedWebhook> out = new ArrayList<>(Math.min(limit, malformed.size()));
      Iterator<Malformed> it = malformed.iterator();
      while (out.size() < limit && it.hasNext()) {
        out.add(it.next().webhook);
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Shows counts only. */
  @Override
  public String toString() {
    lock.lock();
    try {
      return "InMemoryInboxStore[entries=" + byId.size() + ", pending=" + (byId.size() - unroutable.size() - delivered.size())
          + ", unroutable=" + unroutable.size() + ", delivered=" + delivered.size()
          + ", malformed=" + malformed.size() + "]";
    } finally {
      lock.unlock();
    }
  }

  /** Drops a delivered entry that has left the delivered index. */
  private void forget(Slot s) {
    byId.remove(s.event.id());
    byExternal.remove(ExternalKey.of(s.event));
  }

  private void index(Slot s) {
    switch (s.state) {
      case PENDING -> {
        if (s.leaseUntil != null) {
          leased.add(s);
        } else if (isHead(s)) {
          ready.add(s);
        }
      }
      case UNROUTABLE -> {
        unroutable.add(s);
        unroutableByAccount
            .computeIfAbsent(Account.of(s.event), a -> new HashSet<>())
            .add(s);
      }
      case DELIVERED -> delivered.add(s);
    }
  }

  private void unindex(Slot s) {
    switch (s.state) {
      case PENDING -> (s.leaseUntil == null ? ready : leased).remove(s);
      case UNROUTABLE -> {
        unroutable.remove(s);
        Account a = Account.of(s.event);
        Set<Slot> slots = unroutableByAccount.get(a);
        if (slots != null && slots.remove(s) && slots.isEmpty()) {
          unroutableByAccount.remove(a);
        }
      }
      case DELIVERED -> delivered.remove(s);
    }
  }

  private static List<InboxEntry> firstSnapshots(NavigableSet<Slot> set, int limit) {
    List<InboxEntry> out = new ArrayList<>(Math.min(limit, set.size()));
    Iterator<Slot> it = set.iterator();
    while (out.size() < limit && it.hasNext()) {
      out.add(it.next().snapshot());
    }
    return out;
  }

  private static void checkLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative (was " + limit + ")");
    }
  }

  private static Instant plusSaturated(Instant now, Duration lease) {
    try {
      return now.plus(lease);
    } catch (DateTimeException | ArithmeticException e) {
      return Instant.MAX;
    }
  }

  /**
   * Mutable state of one entry, touched only under the lock. Its sort keys change only while it
   * is out of every index.
   */
  private static final class Slot {
    final long seq;
    InboxEvent event;
    State state;
    int attempts;
    Instant nextAttemptAt;
    String lastError;
    Instant deliveredAt;
    Instant leaseUntil;
    String leaseOwner;

    Slot(long seq, InboxEvent event) {
      this.seq = seq;
      this.event = event;
    }

    InboxEntry snapshot() {
      return new InboxEntry(event, state, attempts, nextAttemptAt,
          Optional.ofNullable(lastError), Optional.ofNullable(deliveredAt));
    }
  }

  private record Malformed(long seq, MalformedWebhook webhook) {}

  private record ExternalKey(ChannelType channel, String externalId) {
    static ExternalKey of(InboxEvent e) {
      return new ExternalKey(e.channel(), e.externalId());
    }
  }

  private record Account(ChannelType channel, String accountId) {
    static Account of(InboxEvent e) {
      return new Account(e.channel(), e.accountId());
    }
  }
}
