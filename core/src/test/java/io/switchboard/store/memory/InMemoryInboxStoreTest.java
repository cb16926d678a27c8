package io.switchboard.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.spi.AppendResult;
import io.switchboard.spi.InboxEntry;
import io.switchboard.spi.InboxEntry.State;
import io.switchboard.spi.InboxEvent;
import io.switchboard.spi.MalformedWebhook;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryInboxStoreTest {

  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final TenantId A = TenantId.of("tenant-a");

  private final InMemoryInboxStore store = new InMemoryInboxStore();

  @Test
  void append_eventWithTenant_isPendingDueAtReceivedAt() {
    InboxEvent e = event("wamid.1", Optional.of(A), "111", T0);

    AppendResult result = store.append(List.of(e));

    assertThat(result.inserted()).containsExactly(true);
    InboxEntry entry = store.find(ChannelType.WHATSAPP, "wamid.1").orElseThrow();
    assertThat(entry.event()).isEqualTo(e);
    assertThat(entry.state()).isEqualTo(State.PENDING);
    assertThat(entry.nextAttemptAt()).isEqualTo(T0);
    assertThat(entry.attempts()).isZero();
    assertThat(entry.lastError()).isEmpty();
    assertThat(entry.deliveredAt()).isEmpty();
  }

  @Test
  void markDelivered_beyondMaxDelivered_forgetsTheEntriesDeliveredLongestAgoOnly() {
    InMemoryInboxStore small = new InMemoryInboxStore(2);
    List<InboxEvent> events = java.util.stream.IntStream.range(0, 5)
        .mapToObj(i -> event("wamid." + i, Optional.of(A), "111", T0)).toList();
    small.append(events);
    small.append(List.of(event("wamid.unroutable", Optional.empty(), "999", T0)));
    small.claimDue(T0, 10, LEASE, "node-1");
    for (int i = 0; i < 4; i++) {
      small.markDelivered(events.get(i).id(), T0.plusSeconds(i));
    }

    assertThat(small.find(ChannelType.WHATSAPP, "wamid.0")).isEmpty();
    assertThat(small.find(ChannelType.WHATSAPP, "wamid.1")).isEmpty();
    assertThat(small.find(ChannelType.WHATSAPP, "wamid.2")).get().extracting(InboxEntry::state).isEqualTo(State.DELIVERED);
    assertThat(small.find(ChannelType.WHATSAPP, "wamid.3")).get().extracting(InboxEntry::state).isEqualTo(State.DELIVERED);
    assertThat(small.find(ChannelType.WHATSAPP, "wamid.4")).get().extracting(InboxEntry::state).isEqualTo(State.PENDING);
    assertThat(small.unroutable(10)).hasSize(1);
    // a forgotten event is new again (at least once); a kept one is still a duplicate
    assertThat(small.append(List.of(event("wamid.0", Optional.of(A), "111", T0), event("wamid.3", Optional.of(A), "111", T0)))
        .inserted()).containsExactly(true, false);
    assertThat(small.toString()).contains("delivered=2");
  }

  @Test
  void constructor_negativeMaxDelivered_isRejected() {
    assertThatThrownBy(() -> new InMemoryInboxStore(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDelivered");
  }

  @Test
  void append_eventWithoutTenant_isUnroutableAndNeverClaimed() {
    store.append(List.of(event("wamid.1", Optional.empty(), "111", T0)));

    assertThat(store.find(ChannelType.WHATSAPP, "wamid.1")).get()
        .extracting(InboxEntry::state).isEqualTo(State.UNROUTABLE);
    assertThat(store.claimDue(T0.plusSeconds(3600), 10, LEASE, "node-1")).isEmpty();
  }

  @Test
  void append_duplicateExternalId_reportsFalseAndKeepsFirst() {
    InboxEvent first = event("wamid.1", Optional.of(A), "111", T0);
    store.append(List.of(first));

    AppendResult again = store.append(List.of(event("wamid.1", Optional.of(A), "111", T0.plusSeconds(5)),
        event("wamid.2", Optional.of(A), "111", T0.plusSeconds(5))));

    assertThat(again.inserted()).containsExactly(false, true);
    assertThat(again.duplicateCount()).isEqualTo(1);
    assertThat(store.find(ChannelType.WHATSAPP, "wamid.1").orElseThrow().event()).isEqualTo(first);
  }

  @Test
  void append_duplicateWithinOneBatch_secondIsFalse() {
    AppendResult result = store.append(List.of(
        event("wamid.1", Optional.of(A), "111", T0), event("wamid.1", Optional.of(A), "111", T0)));

    assertThat(result.inserted()).containsExactly(true, false);
  }

  @Test
  void append_sameExternalIdOnOtherChannel_isNew() {
    store.append(List.of(event("m.1", Optional.of(A), "111", T0)));

    AppendResult result = store.append(List.of(
        new InboxEvent(UUID.randomUUID().toString(), ChannelType.MESSENGER, "m.1", Optional.of(A),
            "page-1", "message", "{}", T0)));

    assertThat(result.inserted()).containsExactly(true);
  }

  @Test
  void append_reusedEntryId_throwsAndStoresNothing() {
    InboxEvent first = event("wamid.1", Optional.of(A), "111", T0);
    store.append(List.of(first));
    InboxEvent fresh = event("wamid.2", Optional.of(A), "111", T0);
    InboxEvent clash = new InboxEvent(first.id(), ChannelType.WHATSAPP, "wamid.3", Optional.of(A),
        "111", "message", "{}", T0);

    assertThatThrownBy(() -> store.append(List.of(fresh, clash)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(first.id());
    assertThat(store.find(ChannelType.WHATSAPP, "wamid.2")).isEmpty();
    assertThat(store.find(ChannelType.WHATSAPP, "wamid.3")).isEmpty();
  }

  @Test
  void claimDue_mixedDueTimes_returnsOnlyDueOldestFirst() {
    store.append(List.of(
        event("e3", Optional.of(A), "111", T0.plusSeconds(3)),
        event("e1", Optional.of(A), "111", T0.plusSeconds(1)),
        event("future", Optional.of(A), "111", T0.plusSeconds(60)),
        event("e2", Optional.of(A), "111", T0.plusSeconds(2))));

    List<InboxEntry> claimed = store.claimDue(T0.plusSeconds(3), 10, LEASE, "node-1");

    assertThat(claimed).extracting(en -> en.event().externalId()).containsExactly("e1", "e2", "e3");
  }

  @Test
  void claimDue_limit_returnsAtMostLimitOldestFirst() {
    for (int i = 0; i < 5; i++) {
      store.append(List.of(event("e" + i, Optional.of(A), "111", T0.plusSeconds(i))));
    }

    assertThat(store.claimDue(T0.plusSeconds(10), 2, LEASE, "node-1"))
        .extracting(en -> en.event().externalId()).containsExactly("e0", "e1");
    assertThat(store.claimDue(T0.plusSeconds(10), 2, LEASE, "node-2"))
        .extracting(en -> en.event().externalId()).containsExactly("e2", "e3");
    assertThat(store.claimDue(T0.plusSeconds(10), 0, LEASE, "node-3")).isEmpty();
  }

  @Test
  void claimDue_leasedEntry_notReturnedToAnotherClaimerUntilLeaseExpires() {
    store.append(List.of(event("e1", Optional.of(A), "111", T0)));
    assertThat(store.claimDue(T0, 10, LEASE, "node-1")).hasSize(1);

    assertThat(store.claimDue(T0.plus(LEASE).minusNanos(1), 10, LEASE, "node-2")).isEmpty();
    assertThat(store.claimDue(T0.plus(LEASE), 10, LEASE, "node-2"))
        .extracting(en -> en.event().externalId()).containsExactly("e1");
    assertThat(store.claimDue(T0.plus(LEASE).plusSeconds(1), 10, LEASE, "node-1")).isEmpty();
  }

  @Test
  void claimDue_expiredLeaseAndFreshEntry_ordersByDueTimeNotLeaseTime() {
    store.append(List.of(event("old", Optional.of(A), "111", T0)));
    store.claimDue(T0, 10, LEASE, "crashed-node");
    store.append(List.of(event("new", Optional.of(A), "111", T0.plusSeconds(10))));

    List<InboxEntry> claimed = store.claimDue(T0.plus(LEASE), 10, LEASE, "node-2");

    assertThat(claimed).extracting(en -> en.event().externalId()).containsExactly("old", "new");
  }

  @Test
  void claimDue_invalidArguments_throw() {
    assertThatThrownBy(() -> store.claimDue(T0, -1, LEASE, "n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.claimDue(T0, 1, Duration.ZERO, "n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.claimDue(T0, 1, Duration.ofSeconds(-1), "n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void markDelivered_claimedEntry_becomesDeliveredAndIsNotClaimedAgain() {
    InboxEvent e = event("e1", Optional.of(A), "111", T0);
    store.append(List.of(e));
    store.claimDue(T0, 10, LEASE, "node-1");

    store.markDelivered(e.id(), T0.plusSeconds(1));

    InboxEntry entry = store.find(ChannelType.WHATSAPP, "e1").orElseThrow();
    assertThat(entry.state()).isEqualTo(State.DELIVERED);
    assertThat(entry.deliveredAt()).contains(T0.plusSeconds(1));
    assertThat(store.claimDue(T0.plus(LEASE).plusSeconds(60), 10, LEASE, "node-2")).isEmpty();
  }

  @Test
  void markDelivered_twice_keepsFirstDeliveryTime() {
    InboxEvent e = event("e1", Optional.of(A), "111", T0);
    store.append(List.of(e));
    store.markDelivered(e.id(), T0.plusSeconds(1));

    store.markDelivered(e.id(), T0.plusSeconds(9));

    assertThat(store.find(ChannelType.WHATSAPP, "e1").orElseThrow().deliveredAt())
        .contains(T0.plusSeconds(1));
  }

  @Test
  void markDelivered_unknownId_isIgnored() {
    store.markDelivered("no-such-id", T0);

    assertThat(store.toString()).contains("entries=0");
  }

  @Test
  void reschedule_claimedEntry_releasesLeaseAndRecordsAttemptAndError() {
    InboxEvent e = event("e1", Optional.of(A), "111", T0);
    store.append(List.of(e));
    store.claimDue(T0, 10, Duration.ofHours(1), "node-1");

    store.reschedule(e.id(), 1, T0.plusSeconds(5), "java.io.IOException: handler down");

    InboxEntry entry = store.find(ChannelType.WHATSAPP, "e1").orElseThrow();
    assertThat(entry.state()).isEqualTo(State.PENDING);
    assertThat(entry.attempts()).isEqualTo(1);
    assertThat(entry.nextAttemptAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(entry.lastError()).contains("java.io.IOException: handler down");
    assertThat(store.claimDue(T0.plusSeconds(4), 10, LEASE, "node-2")).isEmpty();
    List<InboxEntry> again = store.claimDue(T0.plusSeconds(5), 10, LEASE, "node-2");
    assertThat(again).singleElement().satisfies(en -> {
      assertThat(en.attempts()).isEqualTo(1);
      assertThat(en.lastError()).contains("java.io.IOException: handler down");
    });
  }

  @Test
  void reschedule_deliveredEntry_staysDelivered() {
    InboxEvent e = event("e1", Optional.of(A), "111", T0);
    store.append(List.of(e));
    store.markDelivered(e.id(), T0.plusSeconds(1));

    store.reschedule(e.id(), 3, T0.plusSeconds(5), "late failure report");

    InboxEntry entry = store.find(ChannelType.WHATSAPP, "e1").orElseThrow();
    assertThat(entry.state()).isEqualTo(State.DELIVERED);
    assertThat(entry.attempts()).isZero();
    assertThat(store.claimDue(T0.plusSeconds(60), 10, LEASE, "node-1")).isEmpty();
  }

  @Test
  void reschedule_negativeAttempts_throws() {
    assertThatThrownBy(() -> store.reschedule("id", -1, T0, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void assignUnroutable_matchingAccount_makesThemPendingForTenantDueAtReceivedAt() {
    store.append(List.of(
        event("u1", Optional.empty(), "111", T0.plusSeconds(2)),
        event("u2", Optional.empty(), "111", T0.plusSeconds(1)),
        event("other-account", Optional.empty(), "222", T0),
        new InboxEvent(UUID.randomUUID().toString(), ChannelType.MESSENGER, "other-channel",
            Optional.empty(), "111", "message", "{}", T0)));

    int assigned = store.assignUnroutable(ChannelType.WHATSAPP, "111", A);

    assertThat(assigned).isEqualTo(2);
    InboxEntry u1 = store.find(ChannelType.WHATSAPP, "u1").orElseThrow();
    assertThat(u1.state()).isEqualTo(State.PENDING);
    assertThat(u1.event().tenant()).contains(A);
    assertThat(u1.nextAttemptAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(store.claimDue(T0.plusSeconds(2), 10, LEASE, "node-1"))
        .extracting(en -> en.event().externalId()).containsExactly("u2", "u1");
    assertThat(store.unroutable(10)).extracting(en -> en.event().externalId())
        .containsExactly("other-account", "other-channel");
    assertThat(store.assignUnroutable(ChannelType.WHATSAPP, "111", A)).isZero();
  }

  @Test
  void unroutable_limit_returnsOldestFirst() {
    store.append(List.of(
        event("u3", Optional.empty(), "111", T0.plusSeconds(3)),
        event("u1", Optional.empty(), "222", T0.plusSeconds(1)),
        event("routed", Optional.of(A), "333", T0),
        event("u2", Optional.empty(), "333", T0.plusSeconds(2))));

    assertThat(store.unroutable(2)).extracting(en -> en.event().externalId()).containsExactly("u1", "u2");
    assertThat(store.unroutable(10)).extracting(en -> en.event().externalId())
        .containsExactly("u1", "u2", "u3");
    assertThat(store.unroutable(10)).allSatisfy(en -> assertThat(en.state()).isEqualTo(State.UNROUTABLE));
  }

  @Test
  void find_unknownEvent_returnsEmpty() {
    assertThat(store.find(ChannelType.WHATSAPP, "nope")).isEmpty();
  }

  @Test
  void purgeDelivered_cutoff_deletesOnlyEntriesDeliveredBefore() {
    InboxEvent old = event("old", Optional.of(A), "111", T0);
    InboxEvent recent = event("recent", Optional.of(A), "111", T0);
    InboxEvent pending = event("pending", Optional.of(A), "111", T0);
    store.append(List.of(old, recent, pending, event("unroutable", Optional.empty(), "9", T0)));
    store.markDelivered(old.id(), T0.plusSeconds(10));
    store.markDelivered(recent.id(), T0.plusSeconds(20));

    int purged = store.purgeDelivered(T0.plusSeconds(20));

    assertThat(purged).isEqualTo(1);
    assertThat(store.find(ChannelType.WHATSAPP, "old")).isEmpty();
    assertThat(store.find(ChannelType.WHATSAPP, "recent")).isPresent();
    assertThat(store.find(ChannelType.WHATSAPP, "pending")).isPresent();
    assertThat(store.find(ChannelType.WHATSAPP, "unroutable")).isPresent();
    // Once purged, the same external id is no longer recognised as a duplicate.
    assertThat(store.append(List.of(event("old", Optional.of(A), "111", T0))).inserted()).containsExactly(true);
  }

  @Test
  void malformed_severalRecorded_returnsNewestFirstUpToLimit() {
    MalformedWebhook m1 = malformed("m1", T0.plusSeconds(1));
    MalformedWebhook m3 = malformed("m3", T0.plusSeconds(3));
    MalformedWebhook m2 = malformed("m2", T0.plusSeconds(2));
    store.recordMalformed(m1);
    store.recordMalformed(m3);
    store.recordMalformed(m2);

    assertThat(store.malformed(2)).containsExactly(m3, m2);
    assertThat(store.malformed(10)).containsExactly(m3, m2, m1);
    assertThat(store.malformed(0)).isEmpty();
    assertThat(store.malformed(1).get(0).bodyText()).isEqualTo("{\"bad\": m3");
  }

  @Test
  void claimDue_hundredThousandEntries_claimsAllInDueOrder() {
    int n = 100_000;
    for (int batch = 0; batch < n; batch += 1000) {
      List<InboxEvent> events = new java.util.ArrayList<>(1000);
      for (int i = batch; i < batch + 1000; i++) {
        // Due times shuffled across batches so ordering is exercised.
        long second = (i * 7919L) % n;
        events.add(event("e" + i, Optional.of(A), "111", T0.plusSeconds(second)));
      }
      store.append(events);
    }

    Instant now = T0.plusSeconds(n);
    Instant previous = Instant.MIN;
    int claimed = 0;
    List<InboxEntry> page;
    while (!(page = store.claimDue(now, 500, LEASE, "node-1")).isEmpty()) {
      for (InboxEntry en : page) {
        assertThat(en.nextAttemptAt()).isAfterOrEqualTo(previous);
        previous = en.nextAttemptAt();
        store.markDelivered(en.event().id(), now);
      }
      claimed += page.size();
    }

    assertThat(claimed).isEqualTo(n);
    assertThat(store.purgeDelivered(now.plusSeconds(1))).isEqualTo(n);
  }

  static InboxEvent event(String externalId, Optional<TenantId> tenant, String account, Instant receivedAt) {
    return new InboxEvent(UUID.randomUUID().toString(), ChannelType.WHATSAPP, externalId, tenant,
        account, "message", "{\"id\":\"" + externalId + "\"}", receivedAt);
  }

  private static MalformedWebhook malformed(String id, Instant at) {
    return new MalformedWebhook(id, at, "invalid JSON",
        ("{\"bad\": " + id).getBytes(StandardCharsets.UTF_8));
  }
}
