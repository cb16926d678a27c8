package io.switchboard.testkit.contract;

import static io.switchboard.testkit.contract.ContractSupport.UNICODE;
import static io.switchboard.testkit.contract.ContractSupport.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.spi.AppendResult;
import io.switchboard.spi.InboxEntry;
import io.switchboard.spi.InboxEntry.State;
import io.switchboard.spi.InboxEvent;
import io.switchboard.spi.InboxStore;
import io.switchboard.spi.MalformedWebhook;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link InboxStore} contract: deduplicating appends (also under concurrency), PENDING versus
 * UNROUTABLE, leased claims in due order, conversation order (also under concurrent claimers),
 * delivery (one by one and in batches), rescheduling, assignment of unroutable events, purging and
 * malformed bodies, with payloads of several megabytes. Extend it and return a fresh,
 * empty store from {@link #newStore()}:
 *
 * <pre>{@code
 * class MyInboxStoreTest extends InboxStoreContract {
 *   @Override
 *   protected InboxStore newStore() {
 *     return new MyInboxStore(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>All times are explicit: "now" is an argument of {@code claimDue}, so lease expiry is tested
 * without sleeping. Times are microsecond-precise, which is what databases keep.
 */
public abstract class InboxStoreContract {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final Duration LEASE = Duration.ofSeconds(30);

  /** The store under test; a new one for each test. */
  protected InboxStore store;

  /**
   * Creates the store under test. Called before every test.
   *
   * @return a fresh store holding no events and no malformed bodies
   */
  protected abstract InboxStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  // ---------------------------------------------------------------- fixtures

  private static InboxEvent event(String externalId, Optional<TenantId> tenant, String account, Instant receivedAt) {
    return new InboxEvent(UUID.randomUUID().toString(), ChannelType.WHATSAPP, externalId, tenant, account,
        "MessageReceived", "{\"id\":\"" + externalId + "\"}", receivedAt);
  }

  private static InboxEvent pending(String externalId, Instant receivedAt) {
    return event(externalId, Optional.of(ACME), "1065000001", receivedAt);
  }

  private static InboxEvent unroutable(String externalId, String account, Instant receivedAt) {
    return event(externalId, Optional.empty(), account, receivedAt);
  }

  private static List<String> externalIds(List<InboxEntry> entries) {
    return entries.stream().map(e -> e.event().externalId()).toList();
  }

  private InboxEntry stored(InboxEvent e) {
    return store.find(e.channel(), e.externalId()).orElseThrow();
  }

  // ---------------------------------------------------------------- append

  @Test
  void append_newEventWithTenant_isStoredPendingAndDueAtOnce() {
    InboxEvent e = pending("wamid.1", at(0));
    AppendResult result = store.append(List.of(e));

    assertThat(result.inserted()).containsExactly(true);
    InboxEntry entry = stored(e);
    assertThat(entry.event()).isEqualTo(e);
    assertThat(entry.state()).isEqualTo(State.PENDING);
    assertThat(entry.attempts()).isZero();
    assertThat(entry.lastError()).isEmpty();
    assertThat(entry.deliveredAt()).isEmpty();
    assertThat(entry.nextAttemptAt()).isBeforeOrEqualTo(e.receivedAt());
    assertThat(externalIds(store.claimDue(at(0), 10, LEASE, "node-a"))).containsExactly("wamid.1");
  }

  @Test
  void append_eventWithoutTenant_isStoredUnroutableAndNeverClaimed() {
    InboxEvent e = unroutable("wamid.u1", "1065000009", at(0));
    assertThat(store.append(List.of(e)).inserted()).containsExactly(true);

    InboxEntry entry = stored(e);
    assertThat(entry.state()).isEqualTo(State.UNROUTABLE);
    assertThat(entry.event().tenant()).isEmpty();
    assertThat(store.claimDue(at(3600), 10, LEASE, "node-a")).isEmpty();
    assertThat(externalIds(store.unroutable(10))).containsExactly("wamid.u1");
  }

  @Test
  void append_sameExternalIdAgain_reportsDuplicateAndKeepsTheOriginal() {
    InboxEvent original = pending("wamid.dup", at(0));
    store.append(List.of(original));
    InboxEvent again = new InboxEvent(UUID.randomUUID().toString(), ChannelType.WHATSAPP, "wamid.dup", Optional.of(GLOBEX),
        "other", "StatusChanged", "{\"changed\":true}", at(5));

    AppendResult result = store.append(List.of(again));

    assertThat(result.inserted()).containsExactly(false);
    assertThat(result.duplicateCount()).isEqualTo(1);
    assertThat(stored(original).event()).isEqualTo(original);
  }

  @Test
  void append_batch_reportsEachEventInOrder() {
    store.append(List.of(pending("b", at(0)), pending("d", at(0))));
    List<InboxEvent> batch = List.of(pending("a", at(1)), pending("b", at(1)), pending("c", at(1)), pending("d", at(1)),
        unroutable("e", "9", at(1)));

    AppendResult result = store.append(batch);

    assertThat(result.inserted()).containsExactly(true, false, true, false, true);
    assertThat(result.insertedCount()).isEqualTo(3);
    assertThat(store.find(ChannelType.WHATSAPP, "a")).isPresent();
    assertThat(store.find(ChannelType.WHATSAPP, "e").orElseThrow().state()).isEqualTo(State.UNROUTABLE);
  }

  @Test
  void append_sameEventTwiceInOneBatch_insertsTheFirstOnly() {
    InboxEvent first = pending("wamid.twice", at(0));
    InboxEvent second = new InboxEvent(UUID.randomUUID().toString(), ChannelType.WHATSAPP, "wamid.twice", Optional.of(ACME),
        "1065000001", "MessageReceived", "{\"second\":true}", at(0));

    assertThat(store.append(List.of(first, second)).inserted()).containsExactly(true, false);
    assertThat(stored(first).event().payload()).isEqualTo(first.payload());
  }

  @Test
  void append_emptyList_returnsEmptyResult() {
    assertThat(store.append(List.of()).inserted()).isEmpty();
  }

  @Test
  void append_sameExternalIdOnAnotherChannel_isADifferentEvent() {
    InboxEvent wa = pending("123", at(0));
    InboxEvent ig = new InboxEvent(UUID.randomUUID().toString(), ChannelType.INSTAGRAM, "123", Optional.of(ACME), "ig-1",
        "MessageReceived", "{}", at(0));

    assertThat(store.append(List.of(wa, ig)).inserted()).containsExactly(true, true);
    assertThat(store.find(ChannelType.INSTAGRAM, "123").orElseThrow().event()).isEqualTo(ig);
    assertThat(store.find(ChannelType.MESSENGER, "123")).isEmpty();
  }

  @Test
  void append_externalIdsDifferingOnlyInCase_areDifferentEvents() {
    assertThat(store.append(List.of(pending("wamid.ABC", at(0)), pending("wamid.abc", at(0)))).inserted())
        .containsExactly(true, true);
  }

  @Test
  void append_sameEventsFromManyThreads_reportsEachAsNewExactlyOnce() throws Exception {
    int threads = 8;
    int events = 25;
    List<String> ids = IntStream.range(0, events).mapToObj(i -> "wamid.race." + i).toList();
    List<Map<String, Boolean>> perThread = ContractSupport.runConcurrently(threads, t -> () -> {
      List<String> order = new ArrayList<>(ids);
      Collections.shuffle(order, new Random(t));
      List<InboxEvent> batch = new ArrayList<>();
      for (String id : order) {
        batch.add(id.hashCode() % 3 == 0 ? unroutable(id, "77", at(0)) : pending(id, at(0)));
      }
      List<Boolean> inserted = new ArrayList<>();
      // half the threads append in one batch, the other half event by event
      if (t % 2 == 0) {
        inserted.addAll(store.append(batch).inserted());
      } else {
        for (InboxEvent e : batch) {
          inserted.addAll(store.append(List.of(e)).inserted());
        }
      }
      Map<String, Boolean> byId = new HashMap<>();
      for (int i = 0; i < order.size(); i++) {
        byId.put(order.get(i), inserted.get(i));
      }
      return byId;
    });

    for (String id : ids) {
      long winners = perThread.stream().filter(m -> m.get(id)).count();
      assertThat(winners).as("appends of %s reported as new", id).isEqualTo(1);
      assertThat(store.find(ChannelType.WHATSAPP, id)).isPresent();
    }
  }

  @Test
  void append_payloadOfThreeMegabytes_roundTrips() {
    String payload = ContractSupport.largeText(3 * 1024 * 1024);
    InboxEvent e = new InboxEvent(UUID.randomUUID().toString(), ChannelType.WHATSAPP, "wamid.big", Optional.of(ACME),
        "1065000001", "MessageReceived", payload, at(0));

    assertThat(store.append(List.of(e)).inserted()).containsExactly(true);

    assertThat(stored(e).event().payload()).isEqualTo(payload);
    List<InboxEntry> claimed = store.claimDue(at(0), 1, LEASE, "node-a");
    assertThat(claimed).hasSize(1);
    assertThat(claimed.get(0).event().payload()).isEqualTo(payload);
  }

  @Test
  void append_unicodeFields_roundTrip() {
    InboxEvent e = new InboxEvent(UUID.randomUUID().toString(), ChannelType.MESSENGER, "m_" + UNICODE, Optional.of(ACME),
        "page-ü", "Postback", "{\"text\":\"" + UNICODE + "\"}", at(0));
    store.append(List.of(e));
    assertThat(store.find(ChannelType.MESSENGER, e.externalId()).orElseThrow().event()).isEqualTo(e);
  }

  @Test
  void find_unknown_returnsEmpty() {
    assertThat(store.find(ChannelType.WHATSAPP, "nope")).isEmpty();
  }

  // ---------------------------------------------------------------- claimDue

  @Test
  void claimDue_returnsOnlyDueEntriesOldestFirstUpToLimit() {
    store.append(List.of(pending("t30", at(30)), pending("t10", at(10)), pending("t20", at(20)), pending("t40", at(40))));
    store.append(List.of(unroutable("u5", "9", at(5))));

    Duration hour = Duration.ofHours(1);
    assertThat(externalIds(store.claimDue(at(25), 10, hour, "node-a"))).containsExactly("t10", "t20");
    assertThat(externalIds(store.claimDue(at(100), 1, hour, "node-a"))).containsExactly("t30");
    assertThat(externalIds(store.claimDue(at(100), 10, hour, "node-a"))).containsExactly("t40");
    assertThat(store.claimDue(at(100), 10, hour, "node-a")).isEmpty();
  }

  @Test
  void claimDue_returnsEntriesWithTheirState() {
    InboxEvent e = pending("wamid.1", at(0));
    store.append(List.of(e));
    InboxEntry claimed = store.claimDue(at(1), 1, LEASE, "node-a").get(0);
    assertThat(claimed.event()).isEqualTo(e);
    assertThat(claimed.state()).isEqualTo(State.PENDING);
    assertThat(claimed.attempts()).isZero();
    assertThat(claimed.deliveredAt()).isEmpty();
  }

  @Test
  void claimDue_emptyStore_returnsEmpty() {
    assertThat(store.claimDue(at(0), 10, LEASE, "node-a")).isEmpty();
  }

  @Test
  void claimDue_leasedEntry_isNotReturnedToAnyoneUntilTheLeaseExpires() {
    store.append(List.of(pending("wamid.1", at(0))));
    assertThat(store.claimDue(at(0), 10, LEASE, "node-a")).hasSize(1);

    assertThat(store.claimDue(at(10), 10, LEASE, "node-b")).isEmpty();
    assertThat(store.claimDue(at(29), 10, LEASE, "node-a")).isEmpty();

    List<InboxEntry> retaken = store.claimDue(at(31), 10, LEASE, "node-b");
    assertThat(externalIds(retaken)).containsExactly("wamid.1");
    assertThat(store.claimDue(at(40), 10, LEASE, "node-a")).as("node-b holds a new lease until t=61").isEmpty();
    assertThat(store.claimDue(at(62), 10, LEASE, "node-a")).hasSize(1);
  }

  @Test
  void claimDue_someEntriesLeased_returnsTheOthers() {
    store.append(List.of(pending("a", at(0)), pending("b", at(1)), pending("c", at(2))));
    assertThat(externalIds(store.claimDue(at(5), 1, LEASE, "node-a"))).containsExactly("a");
    assertThat(externalIds(store.claimDue(at(6), 10, LEASE, "node-b"))).containsExactly("b", "c");
  }

  @Test
  void claimDue_concurrentClaimers_neverGetTheSameEntry() throws Exception {
    int total = 120;
    List<InboxEvent> events = IntStream.range(0, total).mapToObj(i -> pending("c" + i, at(i % 7))).toList();
    store.append(events);

    List<List<String>> claims = ContractSupport.runConcurrently(4, t -> () -> {
      List<String> mine = new ArrayList<>();
      for (int round = 0; round < 200; round++) {
        List<InboxEntry> batch = store.claimDue(at(10), 7, Duration.ofMinutes(5), "node-" + t);
        if (batch.isEmpty() && round > 5) {
          break;
        }
        mine.addAll(externalIds(batch));
      }
      return mine;
    });

    List<String> all = claims.stream().flatMap(List::stream).toList();
    assertThat(all).doesNotHaveDuplicates();
    assertThat(new HashSet<>(all)).hasSize(total);
  }

  // ---------------------------------------------------------------- markDelivered, reschedule

  @Test
  void markDelivered_entryIsDeliveredAndNeverClaimedAgain() {
    InboxEvent e = pending("wamid.1", at(0));
    store.append(List.of(e));
    store.claimDue(at(0), 1, LEASE, "node-a");

    store.markDelivered(e.id(), at(2));

    InboxEntry entry = stored(e);
    assertThat(entry.state()).isEqualTo(State.DELIVERED);
    assertThat(entry.deliveredAt()).contains(at(2));
    assertThat(store.claimDue(at(3600), 10, LEASE, "node-b")).isEmpty();
    assertThat(store.unroutable(10)).isEmpty();
  }

  @Test
  void reschedule_recordsAttemptsAndErrorAndReleasesTheLease() {
    InboxEvent e = pending("wamid.1", at(0));
    store.append(List.of(e));
    store.claimDue(at(0), 1, LEASE, "node-a");

    store.reschedule(e.id(), 1, at(10), "java.io.IOException: handler down " + UNICODE);

    InboxEntry entry = stored(e);
    assertThat(entry.state()).isEqualTo(State.PENDING);
    assertThat(entry.attempts()).isEqualTo(1);
    assertThat(entry.nextAttemptAt()).isEqualTo(at(10));
    assertThat(entry.lastError()).contains("java.io.IOException: handler down " + UNICODE);
    assertThat(store.claimDue(at(9), 10, LEASE, "node-b")).as("not due yet").isEmpty();
    List<InboxEntry> again = store.claimDue(at(10), 10, LEASE, "node-b");
    assertThat(again).as("due at t=10 although node-a's lease ran to t=30").hasSize(1);
    assertThat(again.get(0).attempts()).isEqualTo(1);
    assertThat(again.get(0).lastError()).isPresent();
  }

  @Test
  void reschedule_repeatedly_keepsTheLatestValues() {
    InboxEvent e = pending("wamid.1", at(0));
    store.append(List.of(e));
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(store.claimDue(at(attempt * 100L), 1, LEASE, "node-a")).hasSize(1);
      store.reschedule(e.id(), attempt, at(attempt * 100L + 50), "error " + attempt);
    }
    InboxEntry entry = stored(e);
    assertThat(entry.attempts()).isEqualTo(3);
    assertThat(entry.nextAttemptAt()).isEqualTo(at(350));
    assertThat(entry.lastError()).contains("error 3");
  }

  @Test
  void reschedule_orderOfDueEntriesFollowsNextAttempt() {
    InboxEvent a = pending("a", at(0));
    InboxEvent b = pending("b", at(1));
    store.append(List.of(a, b));
    store.claimDue(at(1), 10, LEASE, "node-a");
    store.reschedule(a.id(), 1, at(20), "x");
    store.reschedule(b.id(), 1, at(10), "y");
    assertThat(externalIds(store.claimDue(at(30), 10, LEASE, "node-a"))).containsExactly("b", "a");
  }

  @Test
  void markDelivered_afterReschedule_isDelivered() {
    InboxEvent e = pending("wamid.1", at(0));
    store.append(List.of(e));
    store.reschedule(e.id(), 1, at(5), "x");
    store.markDelivered(e.id(), at(6));
    InboxEntry entry = stored(e);
    assertThat(entry.state()).isEqualTo(State.DELIVERED);
    assertThat(entry.attempts()).isEqualTo(1);
    assertThat(store.claimDue(at(100), 10, LEASE, "node-a")).isEmpty();
  }

  // ---------------------------------------------------------------- unroutable

  @Test
  void unroutable_listsOldestFirstUpToLimit() {
    store.append(List.of(unroutable("u3", "9", at(3)), unroutable("u1", "9", at(1)), pending("p", at(0)),
        unroutable("u2", "8", at(2))));
    assertThat(externalIds(store.unroutable(10))).containsExactly("u1", "u2", "u3");
    assertThat(externalIds(store.unroutable(2))).containsExactly("u1", "u2");
  }

  @Test
  void assignUnroutable_givesTheAccountsEventsToTheTenantAsPending() {
    store.append(List.of(unroutable("u1", "acct-1", at(1)), unroutable("u2", "acct-1", at(2)),
        unroutable("u3", "acct-2", at(3)), pending("p", at(0))));
    InboxEvent otherChannel = new InboxEvent(UUID.randomUUID().toString(), ChannelType.MESSENGER, "m1", Optional.empty(),
        "acct-1", "MessageReceived", "{}", at(4));
    store.append(List.of(otherChannel));

    int assigned = store.assignUnroutable(ChannelType.WHATSAPP, "acct-1", GLOBEX);

    assertThat(assigned).isEqualTo(2);
    InboxEntry u1 = store.find(ChannelType.WHATSAPP, "u1").orElseThrow();
    assertThat(u1.state()).isEqualTo(State.PENDING);
    assertThat(u1.event().tenant()).contains(GLOBEX);
    assertThat(externalIds(store.unroutable(10))).containsExactly("u3", "m1");
    List<InboxEntry> claimed = store.claimDue(at(10), 10, LEASE, "node-a");
    assertThat(externalIds(claimed)).containsExactly("p", "u1", "u2");
    assertThat(claimed.get(1).event().tenant()).contains(GLOBEX);
    assertThat(store.assignUnroutable(ChannelType.WHATSAPP, "acct-1", GLOBEX)).isZero();
  }

  @Test
  void assignUnroutable_noEvents_returnsZero() {
    assertThat(store.assignUnroutable(ChannelType.WHATSAPP, "acct-1", ACME)).isZero();
  }

  @Test
  void assignUnroutable_doesNotTouchPendingOrDeliveredEventsOfTheAccount() {
    InboxEvent p = event("p", Optional.of(ACME), "acct-1", at(0));
    InboxEvent d = event("d", Optional.of(ACME), "acct-1", at(0));
    store.append(List.of(p, d));
    store.markDelivered(d.id(), at(1));

    assertThat(store.assignUnroutable(ChannelType.WHATSAPP, "acct-1", GLOBEX)).isZero();
    assertThat(stored(p).event().tenant()).contains(ACME);
    assertThat(stored(d).state()).isEqualTo(State.DELIVERED);
    assertThat(stored(d).event().tenant()).contains(ACME);
  }

  // ---------------------------------------------------------------- purge

  @Test
  void purgeDelivered_deletesOnlyEntriesDeliveredBeforeTheCutOff() {
    InboxEvent old = pending("old", at(0));
    InboxEvent recent = pending("recent", at(0));
    InboxEvent open = pending("open", at(0));
    InboxEvent lost = unroutable("lost", "9", at(0));
    store.append(List.of(old, recent, open, lost));
    store.markDelivered(old.id(), at(10));
    store.markDelivered(recent.id(), at(100));

    assertThat(store.purgeDelivered(at(50))).isEqualTo(1);

    assertThat(store.find(ChannelType.WHATSAPP, "old")).isEmpty();
    assertThat(store.find(ChannelType.WHATSAPP, "recent")).isPresent();
    assertThat(store.find(ChannelType.WHATSAPP, "open")).isPresent();
    assertThat(store.find(ChannelType.WHATSAPP, "lost")).isPresent();
    assertThat(store.purgeDelivered(at(50))).isZero();
    assertThat(store.purgeDelivered(at(100))).as("cut-off is exclusive").isZero();
    assertThat(store.purgeDelivered(at(101))).isEqualTo(1);
  }

  @Test
  void purgeDelivered_purgedEventIsNoLongerRecognisedAsDuplicate() {
    InboxEvent e = pending("wamid.1", at(0));
    store.append(List.of(e));
    store.markDelivered(e.id(), at(1));
    store.purgeDelivered(at(2));
    assertThat(store.append(List.of(pending("wamid.1", at(3)))).inserted()).containsExactly(true);
  }

  // ---------------------------------------------------------------- malformed

  @Test
  void malformed_empty_returnsEmpty() {
    assertThat(store.malformed(10)).isEmpty();
  }

  @Test
  void recordMalformed_listsNewestFirstUpToLimit() {
    MalformedWebhook m1 = new MalformedWebhook(UUID.randomUUID().toString(), at(1), "invalid JSON", "{".getBytes(StandardCharsets.UTF_8));
    MalformedWebhook m3 = new MalformedWebhook(UUID.randomUUID().toString(), at(3), "unknown object: " + UNICODE, "{\"object\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    MalformedWebhook m2 = new MalformedWebhook(UUID.randomUUID().toString(), at(2), "empty", new byte[0]);
    store.recordMalformed(m1);
    store.recordMalformed(m3);
    store.recordMalformed(m2);

    assertThat(store.malformed(10)).containsExactly(m3, m2, m1);
    assertThat(store.malformed(2)).containsExactly(m3, m2);
  }

  @Test
  void recordMalformed_binaryBodyOfThreeMegabytes_roundTripsByteForByte() {
    byte[] body = new byte[3 * 1024 * 1024];
    new Random(42).nextBytes(body);
    body[0] = 0;
    body[body.length - 1] = (byte) 0xFF;
    MalformedWebhook m = new MalformedWebhook(UUID.randomUUID().toString(), at(0), "not UTF-8", body);

    store.recordMalformed(m);

    List<MalformedWebhook> kept = store.malformed(1);
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).body()).isEqualTo(body);
    assertThat(kept.get(0)).isEqualTo(m);
  }

  @Test
  void recordMalformed_doesNotAffectEvents() {
    store.recordMalformed(new MalformedWebhook(UUID.randomUUID().toString(), at(0), "bad", new byte[] {1, 2}));
    assertThat(store.claimDue(at(10), 10, LEASE, "node-a")).isEmpty();
    assertThat(store.unroutable(10)).isEmpty();
  }

  // ---------------------------------------------------------------- conversation order

  private static InboxEvent inConversation(String externalId, String key, Instant receivedAt) {
    return inConversation(externalId, key, Optional.of(ACME), receivedAt);
  }

  private static InboxEvent inConversation(String externalId, String key, Optional<TenantId> tenant,
      Instant receivedAt) {
    return new InboxEvent(UUID.randomUUID().toString(), ChannelType.WHATSAPP, externalId, tenant, "1065000001",
        "MessageReceived", "{}", receivedAt, Optional.of(key));
  }

  @Test
  void append_keepsTheOrderingKey() {
    InboxEvent e = inConversation("k.1", "WHATSAPP:1065000001:" + UNICODE, at(0));
    store.append(List.of(e));

    assertThat(stored(e).event()).isEqualTo(e);
    assertThat(store.claimDue(at(0), 10, LEASE, "node-a").get(0).event().orderingKey()).isEqualTo(e.orderingKey());
  }

  @Test
  void claimDue_returnsAConversationInAppendOrderEvenWhenListedOutOfIdOrder() {
    // ids sort the other way round from the append order, in one batch and across batches
    store.append(List.of(inConversation("z3", "alice", at(0)), inConversation("m2", "alice", at(0)),
        inConversation("b9", "bob", at(0))));
    store.append(List.of(inConversation("a1", "alice", at(0))));

    List<InboxEntry> claimed = store.claimDue(at(0), 10, LEASE, "node-a");

    assertThat(externalIds(claimed)).containsExactlyInAnyOrder("z3", "m2", "a1", "b9");
    assertThat(externalIds(claimed).stream().filter(id -> !id.equals("b9")).toList())
        .containsExactly("z3", "m2", "a1");
  }

  @Test
  void claimDue_whileTheHeadIsLeased_laterEntriesOfItsConversationWait() {
    store.append(List.of(inConversation("a1", "alice", at(0)), inConversation("a2", "alice", at(0)),
        inConversation("b1", "bob", at(0))));

    assertThat(externalIds(store.claimDue(at(0), 1, LEASE, "node-a"))).containsExactly("a1");
    assertThat(externalIds(store.claimDue(at(0), 10, LEASE, "node-b"))).containsExactly("b1");
    assertThat(store.claimDue(at(1), 10, LEASE, "node-c")).isEmpty();
  }

  @Test
  void claimDue_afterTheHeadIsDelivered_theNextEntryIsClaimable() {
    InboxEvent a1 = inConversation("a1", "alice", at(0));
    store.append(List.of(a1, inConversation("a2", "alice", at(0)), inConversation("a3", "alice", at(0))));
    store.claimDue(at(0), 1, LEASE, "node-a");

    store.markDelivered(a1.id(), at(1));

    assertThat(externalIds(store.claimDue(at(1), 10, LEASE, "node-b"))).containsExactly("a2", "a3");
  }

  @Test
  void claimDue_aRescheduledEntryHoldsBackItsConversationOnly() {
    InboxEvent a1 = inConversation("a1", "alice", at(0));
    store.append(List.of(a1, inConversation("a2", "alice", at(0)), inConversation("b1", "bob", at(0)),
        pending("plain", at(0))));
    store.claimDue(at(0), 1, LEASE, "node-a");
    store.reschedule(a1.id(), 1, at(60), "handler failed");

    List<InboxEntry> others = store.claimDue(at(1), 10, LEASE, "node-a");
    assertThat(externalIds(others)).containsExactlyInAnyOrder("b1", "plain");
    store.markDelivered(others.stream().map(e -> e.event().id()).toList(), at(2));
    assertThat(store.claimDue(at(59), 10, LEASE, "node-a")).isEmpty();
    assertThat(externalIds(store.claimDue(at(60), 10, LEASE, "node-a"))).containsExactly("a1", "a2");
  }

  @Test
  void claimDue_followersStopAtTheFirstEntryThatIsNotDue() {
    InboxEvent a1 = inConversation("a1", "alice", at(0));
    InboxEvent a2 = inConversation("a2", "alice", at(0));
    InboxEvent a3 = inConversation("a3", "alice", at(0));
    store.append(List.of(a1, a2, a3));
    store.claimDue(at(0), 10, LEASE, "node-a");
    store.markDelivered(a1.id(), at(1));
    store.reschedule(a2.id(), 1, at(30), "handler failed");
    store.reschedule(a3.id(), 0, at(1), "waiting for a2");

    assertThat(store.claimDue(at(2), 10, LEASE, "node-b")).isEmpty();
    assertThat(externalIds(store.claimDue(at(30), 10, LEASE, "node-b"))).containsExactly("a2", "a3");
  }

  @Test
  void claimDue_aLongQueueBehindAWaitingHead_doesNotStarveLaterConversations() {
    // the whole front of the due queue is alice's, held back by a1's retry: bob must still be found
    InboxEvent a0 = inConversation("a0", "alice", at(0));
    List<InboxEvent> alice = new ArrayList<>(List.of(a0));
    IntStream.range(1, 1200).forEach(i -> alice.add(inConversation("a" + i, "alice", at(0))));
    store.append(alice);
    store.append(List.of(inConversation("b0", "bob", at(1)), inConversation("b1", "bob", at(1))));
    assertThat(externalIds(store.claimDue(at(1), 1, LEASE, "node-a"))).containsExactly("a0");
    store.reschedule(a0.id(), 1, at(3600), "handler failed");

    assertThat(externalIds(store.claimDue(at(2), 10, LEASE, "node-a"))).containsExactly("b0", "b1");
    assertThat(store.claimDue(at(2), 10, LEASE, "node-b")).isEmpty();
  }

  @Test
  void claimDue_fewConversationsWithLongQueues_fillTheBatchFromEveryHead() {
    List<InboxEvent> events = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      for (String key : List.of("alice", "bob", "carol")) {
        events.add(inConversation(key + "-" + i, key, at(0)));
      }
    }
    store.append(events);

    List<InboxEntry> claimed = store.claimDue(at(0), 30, LEASE, "node-a");

    assertThat(claimed).hasSize(30);
    for (String key : List.of("alice", "bob", "carol")) {
      List<String> ids = externalIds(claimed).stream().filter(id -> id.startsWith(key + "-")).toList();
      assertThat(ids).as("claimed of %s", key).isNotEmpty()
          .isEqualTo(IntStream.range(0, ids.size()).mapToObj(i -> key + "-" + i).toList());
    }
  }

  @Test
  void claimDue_aCrashedClaimersConversationComesBackWholeAndInOrder() {
    store.append(List.of(inConversation("a1", "alice", at(0)), inConversation("a2", "alice", at(0))));
    assertThat(externalIds(store.claimDue(at(0), 10, LEASE, "node-a"))).containsExactly("a1", "a2");

    assertThat(store.claimDue(at(29), 10, LEASE, "node-b")).isEmpty();
    assertThat(externalIds(store.claimDue(at(30), 10, LEASE, "node-b"))).containsExactly("a1", "a2");
  }

  @Test
  void claimDue_limitCountsFollowers() {
    store.append(IntStream.range(0, 6).mapToObj(i -> inConversation("a" + i, "alice", at(0))).toList());

    assertThat(externalIds(store.claimDue(at(0), 4, LEASE, "node-a"))).containsExactly("a0", "a1", "a2", "a3");
    assertThat(store.claimDue(at(0), 4, LEASE, "node-b")).isEmpty();
  }

  @Test
  void claimDue_anUnroutableEarlierEntryHoldsBackItsConversationUntilAssigned() {
    store.append(List.of(inConversation("u1", "alice", Optional.empty(), at(0))));
    store.append(List.of(inConversation("p2", "alice", at(1))));

    assertThat(store.claimDue(at(2), 10, LEASE, "node-a")).isEmpty();
    assertThat(store.assignUnroutable(ChannelType.WHATSAPP, "1065000001", ACME)).isEqualTo(1);
    assertThat(externalIds(store.claimDue(at(2), 10, LEASE, "node-a"))).containsExactly("u1", "p2");
  }

  @Test
  void markDelivered_batch_deliversEveryListedPendingEntryAndIgnoresUnknownIds() {
    InboxEvent a = pending("batch-a", at(0));
    InboxEvent b = pending("batch-b", at(0));
    InboxEvent c = pending("batch-c", at(0));
    store.append(List.of(a, b, c));
    store.claimDue(at(0), 10, LEASE, "node-a");

    store.markDelivered(List.of(a.id(), b.id(), "no-such-id"), at(3));
    store.markDelivered(List.of(), at(3));

    assertThat(stored(a).state()).isEqualTo(State.DELIVERED);
    assertThat(stored(a).deliveredAt()).contains(at(3));
    assertThat(stored(b).state()).isEqualTo(State.DELIVERED);
    assertThat(stored(c).state()).isEqualTo(State.PENDING);
    assertThat(externalIds(store.claimDue(at(31), 10, LEASE, "node-b"))).containsExactly("batch-c");
  }

  @Test
  void claimDue_concurrentClaimersWithFailures_deliverEveryConversationInOrder() throws Exception {
    int conversations = 12;
    int perConversation = 15;
    List<InboxEvent> events = new ArrayList<>();
    for (int i = 0; i < perConversation; i++) {
      for (int k = 0; k < conversations; k++) {
        events.add(inConversation("c" + k + "-" + i, "conv-" + k, at(0)));
      }
    }
    for (int from = 0; from < events.size(); from += 20) {
      store.append(events.subList(from, Math.min(events.size(), from + 20)));
    }
    Map<String, List<Integer>> deliveredOrder = new HashMap<>();

    ContractSupport.runConcurrently(4, t -> () -> {
      Random random = new Random(t);
      int idle = 0;
      for (int round = 0; round < 2000 && idle < 20; round++) {
        List<InboxEntry> batch = store.claimDue(at(0), 5, Duration.ofHours(1), "node-" + t);
        idle = batch.isEmpty() ? idle + 1 : 0;
        Set<String> failedKeys = new HashSet<>();
        List<String> done = new ArrayList<>();
        for (InboxEntry entry : batch) {
          String key = entry.event().orderingKey().orElseThrow();
          if (failedKeys.contains(key)) {
            store.reschedule(entry.event().id(), entry.attempts(), at(0), "waiting");
          } else if (random.nextInt(5) == 0) {
            failedKeys.add(key);
            store.reschedule(entry.event().id(), entry.attempts() + 1, at(0), "handler failed");
          } else {
            String id = entry.event().externalId();
            synchronized (deliveredOrder) {
              deliveredOrder.computeIfAbsent(key, x -> new ArrayList<>())
                  .add(Integer.parseInt(id.substring(id.indexOf('-') + 1)));
            }
            done.add(entry.event().id());
          }
        }
        store.markDelivered(done, at(0));
      }
      return null;
    });

    assertThat(deliveredOrder).hasSize(conversations);
    List<Integer> expected = IntStream.range(0, perConversation).boxed().toList();
    deliveredOrder.forEach((key, order) -> assertThat(order).as("delivery order of %s", key).isEqualTo(expected));
  }

  // ---------------------------------------------------------------- a full life cycle

  @Test
  void lifeCycle_appendClaimFailRetryDeliverPurge() {
    List<InboxEvent> events = IntStream.range(0, 5).mapToObj(i -> pending("life-" + i, at(i))).toList();
    assertThat(store.append(events).insertedCount()).isEqualTo(5);

    List<InboxEntry> first = store.claimDue(at(10), 10, LEASE, "node-a");
    assertThat(externalIds(first)).containsExactly("life-0", "life-1", "life-2", "life-3", "life-4");
    Set<String> failed = Set.of("life-1", "life-3");
    for (InboxEntry entry : first) {
      if (failed.contains(entry.event().externalId())) {
        store.reschedule(entry.event().id(), 1, at(20), "boom");
      } else {
        store.markDelivered(entry.event().id(), at(11));
      }
    }
    List<InboxEntry> retry = store.claimDue(at(20), 10, LEASE, "node-b");
    assertThat(retry.stream().map(e -> e.event().externalId()).collect(Collectors.toSet())).isEqualTo(failed);
    retry.forEach(e -> store.markDelivered(e.event().id(), at(21)));

    assertThat(store.purgeDelivered(at(12))).isEqualTo(3);
    assertThat(store.purgeDelivered(at(22))).isEqualTo(2);
    assertThat(store.claimDue(at(1000), 10, LEASE, "node-a")).isEmpty();
  }
}
