package io.switchboard.store.memory;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.Priority;
import io.switchboard.spi.EnqueueResult;
import io.switchboard.spi.OutboxQuery;
import io.switchboard.spi.OutboxRecord;
import io.switchboard.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An {@link OutboxStore} in memory: for tests and single-process hosts. Everything is lost on
 * restart, including queued messages. Thread-safe (one lock); claims cost O(tenants + claimed).
 */
public final class InMemoryOutboxStore implements OutboxStore {

  private static final class Entry {
    OutboxRecord record;
    final long seq;
    String leaseOwner;
    Instant leaseUntil;

    Entry(OutboxRecord record, long seq) {
      this.record = record;
      this.seq = seq;
    }
  }

  private static final Comparator<Entry> DUE_ORDER =
      Comparator.comparing((Entry e) -> e.record.nextAttemptAt()).thenComparingLong(e -> e.seq);
  private static final Comparator<Entry> LEASE_ORDER =
      Comparator.comparing((Entry e) -> e.leaseUntil).thenComparingLong(e -> e.seq);

  private final Object lock = new Object();
  private final Map<String, Entry> byId = new HashMap<>();
  private final Map<String, String> byIdempotencyKey = new HashMap<>();
  private final Map<String, String> byExternalId = new HashMap<>();
  /** Claimable entries per priority, then per tenant, in due order. */
  private final Map<Priority, Map<TenantId, TreeSet<Entry>>> queued = new EnumMap<>(Priority.class);
  private final TreeSet<Entry> leased = new TreeSet<>(LEASE_ORDER);
  private long seq;

  /** Creates an empty store. */
  public InMemoryOutboxStore() {
    for (Priority p : Priority.values()) {
      queued.put(p, new LinkedHashMap<>());
    }
  }

  private static String idemKey(TenantId tenant, String key) {
    return tenant.value() + '\u0000' + key;
  }

  private static String extKey(ChannelType channel, String externalId) {
    return channel.name() + '\u0000' + externalId;
  }

  private void index(Entry e) {
    queued.get(e.record.priority()).computeIfAbsent(e.record.tenant(), t -> new TreeSet<>(DUE_ORDER)).add(e);
  }

  private void unindex(Entry e) {
    Map<TenantId, TreeSet<Entry>> byTenant = queued.get(e.record.priority());
    TreeSet<Entry> set = byTenant.get(e.record.tenant());
    if (set != null && set.remove(e) && set.isEmpty()) {
      byTenant.remove(e.record.tenant());
    }
    if (e.leaseUntil != null) {
      leased.remove(e);
      e.leaseUntil = null;
      e.leaseOwner = null;
    }
  }

  @Override
  public EnqueueResult enqueue(OutboxRecord record) {
    Objects.requireNonNull(record, "record");
    synchronized (lock) {
      if (record.idempotencyKey().isPresent()) {
        String existing = byIdempotencyKey.get(idemKey(record.tenant(), record.idempotencyKey().get()));
        if (existing != null) {
          return new EnqueueResult(byId.get(existing).record, false);
        }
      }
      if (byId.containsKey(record.id())) {
        throw new IllegalArgumentException("message id " + record.id() + " is already stored");
      }
      Entry e = new Entry(record, seq++);
      byId.put(record.id(), e);
      record.idempotencyKey().ifPresent(k -> byIdempotencyKey.put(idemKey(record.tenant(), k), record.id()));
      record.externalId().ifPresent(x -> byExternalId.put(extKey(record.channel(), x), record.id()));
      if (record.status() == DeliveryStatus.QUEUED) {
        index(e);
      }
      return new EnqueueResult(record, true);
    }
  }

  @Override
  public List<EnqueueResult> enqueueAll(List<OutboxRecord> records) {
    List<EnqueueResult> out = new ArrayList<>(records.size());
    for (OutboxRecord r : records) {
      out.add(enqueue(r));
    }
    return out;
  }

  @Override
  public Optional<OutboxRecord> find(String id) {
    synchronized (lock) {
      Entry e = byId.get(id);
      return e == null ? Optional.empty() : Optional.of(e.record);
    }
  }

  @Override
  public Optional<OutboxRecord> findByExternalId(ChannelType channel, String externalId) {
    synchronized (lock) {
      String id = byExternalId.get(extKey(channel, externalId));
      return id == null ? Optional.empty() : Optional.of(byId.get(id).record);
    }
  }

  @Override
  public List<OutboxRecord> claimDue(Instant now, int limit, Duration lease, String owner) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    synchronized (lock) {
      // expired leases become claimable again (the claimer crashed or stalled)
      while (!leased.isEmpty() && !leased.first().leaseUntil.isAfter(now)) {
        Entry e = leased.pollFirst();
        e.leaseUntil = null;
        e.leaseOwner = null;
        index(e);
      }
      List<Entry> picked = new ArrayList<>();
      for (Priority p : Priority.values()) {
        if (picked.size() >= limit) {
          break;
        }
        // round-robin over tenants: every tenant's first due message, then every tenant's second...
        List<Iterator<Entry>> cursors = new ArrayList<>();
        List<Entry> heads = new ArrayList<>();
        for (TreeSet<Entry> set : queued.get(p).values()) {
          Iterator<Entry> it = set.iterator();
          Entry first = it.next();
          if (!first.record.nextAttemptAt().isAfter(now)) {
            cursors.add(it);
            heads.add(first);
          }
        }
        while (!heads.isEmpty() && picked.size() < limit) {
          List<Entry> round = new ArrayList<>(heads);
          round.sort(DUE_ORDER);
          List<Iterator<Entry>> nextCursors = new ArrayList<>();
          List<Entry> nextHeads = new ArrayList<>();
          for (Entry e : round) {
            if (picked.size() >= limit) {
              break;
            }
            picked.add(e);
          }
          for (int i = 0; i < heads.size(); i++) {
            Iterator<Entry> it = cursors.get(i);
            if (it.hasNext()) {
              Entry n = it.next();
              if (!n.record.nextAttemptAt().isAfter(now)) {
                nextCursors.add(it);
                nextHeads.add(n);
              }
            }
          }
          cursors = nextCursors;
          heads = nextHeads;
        }
      }
      List<OutboxRecord> out = new ArrayList<>(picked.size());
      for (Entry e : picked) {
        unindex(e);
        e.record = with(e.record, DeliveryStatus.SENDING, e.record.attempts(), e.record.nextAttemptAt(), now,
            e.record.errorCode(), e.record.errorMessage());
        e.leaseOwner = owner;
        e.leaseUntil = now.plus(lease);
        leased.add(e);
        out.add(e.record);
      }
      return out;
    }
  }

  private static OutboxRecord with(OutboxRecord r, DeliveryStatus status, int attempts, Instant next, Instant at,
      Optional<String> code, Optional<String> error) {
    return new OutboxRecord(r.id(), r.tenant(), r.channel(), r.accountId(), r.recipient(), r.priority(),
        r.idempotencyKey(), r.campaignId(), r.payload(), status, attempts, r.createdAt(), next, at, r.sentAt(),
        r.externalId(), code, error);
  }

  private static boolean pending(OutboxRecord r) {
    return r.status() == DeliveryStatus.QUEUED || r.status() == DeliveryStatus.SENDING;
  }

  @Override
  public boolean markSent(String id, String externalId, int attempts, Instant at) {
    synchronized (lock) {
      Entry e = byId.get(id);
      if (e == null || !pending(e.record)) {
        return false;
      }
      unindex(e);
      OutboxRecord r = e.record;
      e.record = new OutboxRecord(r.id(), r.tenant(), r.channel(), r.accountId(), r.recipient(), r.priority(),
          r.idempotencyKey(), r.campaignId(), r.payload(), DeliveryStatus.SENT, attempts, r.createdAt(),
          r.nextAttemptAt(), at, Optional.of(at), Optional.of(externalId), r.errorCode(), r.errorMessage());
      byExternalId.put(extKey(r.channel(), externalId), id);
      return true;
    }
  }

  @Override
  public boolean reschedule(String id, int attempts, Instant nextAttemptAt, Optional<String> errorCode, String error,
      Instant at) {
    synchronized (lock) {
      Entry e = byId.get(id);
      if (e == null || !pending(e.record)) {
        return false;
      }
      unindex(e);
      e.record = with(e.record, DeliveryStatus.QUEUED, attempts, nextAttemptAt, at, errorCode, Optional.ofNullable(error));
      index(e);
      return true;
    }
  }

  @Override
  public boolean markFailed(String id, int attempts, Optional<String> errorCode, String error, Instant at) {
    synchronized (lock) {
      Entry e = byId.get(id);
      if (e == null || !pending(e.record)) {
        return false;
      }
      unindex(e);
      e.record = with(e.record, DeliveryStatus.FAILED, attempts, e.record.nextAttemptAt(), at, errorCode,
          Optional.ofNullable(error));
      return true;
    }
  }

  @Override
  public Optional<OutboxRecord> advance(ChannelType channel, String externalId, DeliveryStatus to, Instant at,
      Optional<String> errorCode, Optional<String> error) {
    synchronized (lock) {
      String id = byExternalId.get(extKey(channel, externalId));
      if (id == null) {
        return Optional.empty();
      }
      Entry e = byId.get(id);
      if (!e.record.status().canAdvanceTo(to) || !e.record.status().isAccepted() && to != DeliveryStatus.FAILED) {
        return Optional.empty();
      }
      unindex(e);
      e.record = with(e.record, to, e.record.attempts(), e.record.nextAttemptAt(), at,
          to == DeliveryStatus.FAILED ? errorCode : e.record.errorCode(),
          to == DeliveryStatus.FAILED ? error : e.record.errorMessage());
      return Optional.of(e.record);
    }
  }

  @Override
  public List<OutboxRecord> advanceUpTo(ChannelType channel, String accountId, String recipient, Instant watermark,
      DeliveryStatus to, Instant at) {
    synchronized (lock) {
      List<OutboxRecord> moved = new ArrayList<>();
      for (Entry e : byId.values()) {
        OutboxRecord r = e.record;
        if (r.channel() == channel && r.accountId().equals(accountId) && r.recipient().equals(recipient)
            && r.status().isAccepted() && r.sentAt().isPresent() && !r.sentAt().get().isAfter(watermark)
            && r.status().canAdvanceTo(to)) {
          e.record = with(r, to, r.attempts(), r.nextAttemptAt(), at, r.errorCode(), r.errorMessage());
          moved.add(e.record);
        }
      }
      return moved;
    }
  }

  @Override
  public int deferAccount(ChannelType channel, String accountId, Instant until, Instant at) {
    synchronized (lock) {
      List<Entry> hit = new ArrayList<>();
      for (Map<TenantId, TreeSet<Entry>> byTenant : queued.values()) {
        for (TreeSet<Entry> set : byTenant.values()) {
          for (Entry e : set) {
            if (e.record.channel() == channel && e.record.accountId().equals(accountId)
                && e.record.status() == DeliveryStatus.QUEUED) {
              hit.add(e);
            }
          }
        }
      }
      for (Entry e : hit) {
        unindex(e);
        e.record = with(e.record, DeliveryStatus.QUEUED, e.record.attempts(), until, at, e.record.errorCode(),
            e.record.errorMessage());
        index(e);
      }
      return hit.size();
    }
  }

  @Override
  public boolean requeue(String id, Instant at) {
    synchronized (lock) {
      Entry e = byId.get(id);
      if (e == null || e.record.status() != DeliveryStatus.FAILED) {
        return false;
      }
      e.record = with(e.record, DeliveryStatus.QUEUED, 0, at, at, Optional.empty(), Optional.empty());
      index(e);
      return true;
    }
  }

  @Override
  public int cancelCampaign(String campaignId, Instant at) {
    synchronized (lock) {
      int n = 0;
      for (Entry e : byId.values()) {
        if (e.record.campaignId().filter(campaignId::equals).isPresent() && e.record.status() == DeliveryStatus.QUEUED) {
          unindex(e);
          e.record = with(e.record, DeliveryStatus.CANCELLED, e.record.attempts(), e.record.nextAttemptAt(), at,
              e.record.errorCode(), e.record.errorMessage());
          n++;
        }
      }
      return n;
    }
  }

  @Override
  public Map<DeliveryStatus, Integer> countByCampaign(String campaignId) {
    synchronized (lock) {
      Map<DeliveryStatus, Integer> counts = new EnumMap<>(DeliveryStatus.class);
      for (Entry e : byId.values()) {
        if (e.record.campaignId().filter(campaignId::equals).isPresent()) {
          counts.merge(e.record.status(), 1, Integer::sum);
        }
      }
      return counts;
    }
  }

  @Override
  public List<OutboxRecord> list(OutboxQuery query) {
    synchronized (lock) {
      return byId.values().stream()
          .filter(e -> query.tenant().map(t -> t.equals(e.record.tenant())).orElse(true))
          .filter(e -> query.statuses().isEmpty() || query.statuses().contains(e.record.status()))
          .filter(e -> query.campaignId().map(c -> e.record.campaignId().filter(c::equals).isPresent()).orElse(true))
          .sorted(Comparator.comparingLong((Entry e) -> e.seq).reversed())
          .limit(query.limit())
          .map(e -> e.record)
          .toList();
    }
  }
}
