package io.switchboard.testkit.contract;

import static io.switchboard.testkit.contract.ContractSupport.UNICODE;
import static io.switchboard.testkit.contract.ContractSupport.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link OutboxStore} contract: idempotent enqueues (also under concurrency), leased claims in
 * dispatch order (conversational before bulk, fair between tenants, then by due time), the
 * forward-only status machine of {@link DeliveryStatus#canAdvanceTo} for sends, retries, failures and
 * status webhooks (also concurrent ones), watermarks, deferral, re-drive, campaign cancellation and
 * counts, listing, and 64 KB Unicode payloads. Extend it and return a fresh, empty store from
 * {@link #newStore()}:
 *
 * <pre>{@code
 * class MyOutboxStoreTest extends OutboxStoreContract {
 *   @Override
 *   protected OutboxStore newStore() {
 *     return new MyOutboxStore(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>All times are explicit and microsecond-precise: "now" is an argument of {@code claimDue}, so
 * lease expiry is tested without sleeping. Messages are only ever marked sent after being claimed,
 * as the dispatcher does.
 */
public abstract class OutboxStoreContract {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final TenantId INITECH = TenantId.of("initech");
  private static final String ACCOUNT = "1065000001";
  private static final String OTHER_ACCOUNT = "1065000002";
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration LONG_LEASE = Duration.ofDays(1);
  private static final AtomicInteger RECIPIENTS = new AtomicInteger();

  /** The store under test; a new one for each test. */
  protected OutboxStore store;

  /**
   * Creates the store under test. Called before every test.
   *
   * @return a fresh store holding no messages
   */
  protected abstract OutboxStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  // ---------------------------------------------------------------- fixtures

  /** A message under construction; defaults: acme, WhatsApp, conversational, created and due at T0. */
  private static final class Msg {
    private String id = UUID.randomUUID().toString();
    private TenantId tenant = ACME;
    private ChannelType channel = ChannelType.WHATSAPP;
    private String account = ACCOUNT;
    private String recipient = "1555" + String.format("%07d", RECIPIENTS.incrementAndGet());
    private Priority priority = Priority.CONVERSATIONAL;
    private Optional<String> key = Optional.empty();
    private Optional<String> campaign = Optional.empty();
    private String payload = "{\"type\":\"text\",\"text\":{\"body\":\"hello\"}}";
    private Instant created = at(0);
    private Instant due;

    Msg tenant(TenantId value) {
      tenant = value;
      return this;
    }

    Msg channel(ChannelType value) {
      channel = value;
      return this;
    }

    Msg account(String value) {
      account = value;
      return this;
    }

    Msg recipient(String value) {
      recipient = value;
      return this;
    }

    Msg bulk() {
      priority = Priority.BULK;
      return this;
    }

    Msg key(String value) {
      key = Optional.of(value);
      return this;
    }

    Msg campaign(String value) {
      campaign = Optional.of(value);
      return this;
    }

    Msg payload(String value) {
      payload = value;
      return this;
    }

    Msg created(Instant value) {
      created = value;
      return this;
    }

    Msg due(Instant value) {
      due = value;
      return this;
    }

    OutboxRecord build() {
      Instant next = due == null ? created : due;
      return new OutboxRecord(id, tenant, channel, account, recipient, priority, key, campaign, payload,
          DeliveryStatus.QUEUED, 0, created, next, created, Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty());
    }
  }

  private static Msg msg() {
    return new Msg();
  }

  private OutboxRecord enqueued(Msg m) {
    OutboxRecord r = m.build();
    assertThat(store.enqueue(r).inserted()).isTrue();
    return r;
  }

  private OutboxRecord stored(OutboxRecord r) {
    return store.find(r.id()).orElseThrow();
  }

  private DeliveryStatus status(OutboxRecord r) {
    return stored(r).status();
  }

  private static List<String> ids(List<OutboxRecord> records) {
    return records.stream().map(OutboxRecord::id).toList();
  }

  private static List<String> ids(OutboxRecord... records) {
    return ids(List.of(records));
  }

  /**
   * Enqueues a message, claims it and marks it sent, the dispatcher's way. Call it only while no
   * other message is queued: it checks that the claim returns exactly this one.
   */
  private OutboxRecord sent(Msg m, String externalId, Instant sentAt) {
    OutboxRecord r = enqueued(m.created(sentAt.minusSeconds(2)));
    assertThat(ids(store.claimDue(sentAt.minusSeconds(1), 1000, LEASE, "sender"))).containsExactly(r.id());
    assertThat(store.markSent(r.id(), externalId, 1, sentAt)).isTrue();
    return stored(r);
  }

  private static OutboxRecord with(OutboxRecord r, DeliveryStatus status, Instant updatedAt) {
    return new OutboxRecord(r.id(), r.tenant(), r.channel(), r.accountId(), r.recipient(), r.priority(),
        r.idempotencyKey(), r.campaignId(), r.payload(), status, r.attempts(), r.createdAt(), r.nextAttemptAt(),
        updatedAt, r.sentAt(), r.externalId(), r.errorCode(), r.errorMessage());
  }

  private static Map<DeliveryStatus, Integer> nonZero(Map<DeliveryStatus, Integer> counts) {
    Map<DeliveryStatus, Integer> out = new EnumMap<>(DeliveryStatus.class);
    counts.forEach((s, n) -> {
      if (n != 0) {
        out.put(s, n);
      }
    });
    return out;
  }

  // ---------------------------------------------------------------- enqueue and find

  @Test
  void enqueue_newMessage_isStoredAsGivenAndFoundById() {
    OutboxRecord r = msg().key("order-1").build();

    EnqueueResult result = store.enqueue(r);

    assertThat(result.inserted()).isTrue();
    assertThat(result.record()).isEqualTo(r);
    assertThat(store.find(r.id())).contains(r);
  }

  @Test
  void enqueue_everyFieldRoundTrips() {
    OutboxRecord r = msg().tenant(GLOBEX).channel(ChannelType.MESSENGER).account("104729301").recipient("2518840019")
        .bulk().key("idem:" + UNICODE).campaign("camp-" + UUID.randomUUID()).payload("{\"text\":\"" + UNICODE + "\"}")
        .created(at(5)).due(at(3600)).build();

    store.enqueue(r);

    assertThat(store.find(r.id())).contains(r);
  }

  @Test
  void find_unknown_isEmpty() {
    assertThat(store.find(UUID.randomUUID().toString())).isEmpty();
    assertThat(store.findByExternalId(ChannelType.WHATSAPP, "wamid.unknown")).isEmpty();
  }

  @Test
  void enqueue_sameTenantAndKey_returnsTheFirstMessage() {
    OutboxRecord first = enqueued(msg().key("order-42"));
    OutboxRecord second = msg().key("order-42").payload("{\"other\":true}").created(at(5)).build();

    EnqueueResult result = store.enqueue(second);

    assertThat(result.inserted()).isFalse();
    assertThat(result.record()).isEqualTo(first);
    assertThat(store.find(second.id())).isEmpty();
    assertThat(store.list(OutboxQuery.all(100))).hasSize(1);
  }

  @Test
  void enqueue_sameKeyAfterTheFirstMoved_returnsItsCurrentState() {
    OutboxRecord first = enqueued(msg().key("order-43"));
    store.claimDue(at(1), 10, LEASE, "node-a");

    EnqueueResult result = store.enqueue(msg().key("order-43").created(at(2)).build());

    assertThat(result.inserted()).isFalse();
    assertThat(result.record().id()).isEqualTo(first.id());
    assertThat(result.record().status()).isEqualTo(DeliveryStatus.SENDING);
  }

  @Test
  void enqueue_sameKeyForDifferentTenants_insertsBoth() {
    OutboxRecord acme = msg().tenant(ACME).key("shared-key").build();
    OutboxRecord globex = msg().tenant(GLOBEX).key("shared-key").build();

    assertThat(store.enqueue(acme).inserted()).isTrue();
    assertThat(store.enqueue(globex).inserted()).isTrue();
    assertThat(store.find(acme.id())).contains(acme);
    assertThat(store.find(globex.id())).contains(globex);
  }

  @Test
  void enqueue_withoutKey_isNeverDeduplicated() {
    OutboxRecord a = msg().recipient("15550000001").build();
    OutboxRecord b = msg().recipient("15550000001").build();

    assertThat(store.enqueue(a).inserted()).isTrue();
    assertThat(store.enqueue(b).inserted()).isTrue();
    assertThat(store.list(OutboxQuery.all(10))).hasSize(2);
  }

  @Test
  void enqueue_sameKeyConcurrently_exactlyOneInsertsAndAllSeeIt() throws Exception {
    int threads = 12;
    for (int round = 0; round < 3; round++) {
      String key = "race-" + round;
      List<OutboxRecord> candidates = IntStream.range(0, threads).mapToObj(i -> msg().key(key).build()).toList();

      List<EnqueueResult> results = ContractSupport.runConcurrently(threads, i -> () -> store.enqueue(candidates.get(i)));

      List<EnqueueResult> inserted = results.stream().filter(EnqueueResult::inserted).toList();
      assertThat(inserted).as("round %d: inserts", round).hasSize(1);
      String winner = inserted.get(0).record().id();
      assertThat(results).extracting(r -> r.record().id()).as("every caller sees the stored message").containsOnly(winner);
      assertThat(store.find(winner)).isPresent();
    }
    assertThat(store.list(OutboxQuery.all(100))).hasSize(3);
  }

  @Test
  void enqueue_sameIdTwice_isRejectedAndKeepsTheFirst() {
    OutboxRecord first = enqueued(msg());
    OutboxRecord clash = new OutboxRecord(first.id(), first.tenant(), first.channel(), first.accountId(), "other",
        first.priority(), Optional.empty(), Optional.empty(), "{}", first.status(), 0, at(9), at(9), at(9),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    assertThatThrownBy(() -> store.enqueue(clash)).isInstanceOf(RuntimeException.class);
    assertThat(store.find(first.id())).contains(first);
  }

  // ---------------------------------------------------------------- enqueueAll

  @Test
  void enqueueAll_reportsEachRecordInOrder() {
    OutboxRecord existing = enqueued(msg().key("k-existing"));
    OutboxRecord a = msg().build();
    OutboxRecord b = msg().key("k-existing").build();
    OutboxRecord c = msg().key("k-new").build();
    OutboxRecord d = msg().key("k-new").build();
    OutboxRecord e = msg().tenant(GLOBEX).key("k-existing").build();

    List<EnqueueResult> results = store.enqueueAll(List.of(a, b, c, d, e));

    assertThat(results).extracting(EnqueueResult::inserted).containsExactly(true, false, true, false, true);
    assertThat(results).extracting(r -> r.record().id()).containsExactly(a.id(), existing.id(), c.id(), c.id(), e.id());
    assertThat(store.find(a.id())).contains(a);
    assertThat(store.find(c.id())).contains(c);
    assertThat(store.find(e.id())).contains(e);
    assertThat(store.find(b.id())).isEmpty();
    assertThat(store.find(d.id())).isEmpty();
  }

  @Test
  void enqueueAll_campaignOfMany_storesEveryOne() {
    List<OutboxRecord> batch = IntStream.range(0, 300)
        .mapToObj(i -> msg().bulk().campaign("camp-big").key("camp-big:" + i).build()).toList();

    List<EnqueueResult> results = store.enqueueAll(batch);

    assertThat(results).hasSize(300).allMatch(EnqueueResult::inserted);
    assertThat(nonZero(store.countByCampaign("camp-big"))).isEqualTo(Map.of(DeliveryStatus.QUEUED, 300));
    assertThat(store.enqueueAll(batch)).extracting(EnqueueResult::inserted).containsOnly(false);
  }

  @Test
  void enqueueAll_empty_returnsEmpty() {
    assertThat(store.enqueueAll(List.of())).isEmpty();
  }

  // ---------------------------------------------------------------- claimDue

  @Test
  void claimDue_returnsDueMessagesMarkedSending() {
    OutboxRecord due = enqueued(msg());
    OutboxRecord later = enqueued(msg().due(at(100)));

    List<OutboxRecord> claimed = store.claimDue(at(10), 10, LONG_LEASE, "node-a");

    assertThat(claimed).containsExactly(with(due, DeliveryStatus.SENDING, at(10)));
    assertThat(store.find(due.id())).contains(claimed.get(0));
    assertThat(status(later)).isEqualTo(DeliveryStatus.QUEUED);
    assertThat(ids(store.claimDue(at(99), 10, LEASE, "node-a"))).isEmpty();
    assertThat(ids(store.claimDue(at(100), 10, LEASE, "node-a"))).containsExactly(later.id());
  }

  @Test
  void claimDue_nothingDueOrLimitZero_returnsEmpty() {
    assertThat(store.claimDue(at(0), 10, LEASE, "node-a")).isEmpty();
    enqueued(msg());
    assertThat(store.claimDue(at(0), 0, LEASE, "node-a")).isEmpty();
    assertThat(store.claimDue(at(0).minusNanos(1000), 10, LEASE, "node-a")).isEmpty();
    assertThat(store.claimDue(at(0), 10, LEASE, "node-a")).hasSize(1);
  }

  @Test
  void claimDue_neverReturnsSentFailedOrCancelledMessages() {
    OutboxRecord s = enqueued(msg());
    OutboxRecord f = enqueued(msg());
    OutboxRecord c = enqueued(msg().campaign("camp-x"));
    assertThat(store.cancelCampaign("camp-x", at(1))).isEqualTo(1);
    assertThat(ids(store.claimDue(at(2), 10, LEASE, "node-a"))).containsExactlyInAnyOrder(s.id(), f.id());
    store.markSent(s.id(), "wamid.s", 1, at(3));
    store.markFailed(f.id(), 1, Optional.empty(), "bad request", at(3));

    assertThat(store.claimDue(at(100_000), 10, LEASE, "node-b")).isEmpty();
    assertThat(status(c)).isEqualTo(DeliveryStatus.CANCELLED);
  }

  @Test
  void claimDue_leaseExcludesEveryClaimerUntilItExpires() {
    OutboxRecord m = enqueued(msg());
    assertThat(ids(store.claimDue(at(1), 10, LEASE, "node-a"))).containsExactly(m.id());

    assertThat(store.claimDue(at(2), 10, LEASE, "node-b")).isEmpty();
    assertThat(store.claimDue(at(2), 10, LEASE, "node-a")).as("the owner too").isEmpty();
    assertThat(store.claimDue(at(31).minusNanos(1000), 10, LEASE, "node-b")).isEmpty();

    List<OutboxRecord> retaken = store.claimDue(at(31), 10, LEASE, "node-b");
    assertThat(ids(retaken)).containsExactly(m.id());
    assertThat(retaken.get(0).status()).isEqualTo(DeliveryStatus.SENDING);
    assertThat(store.claimDue(at(32), 10, LEASE, "node-a")).as("node-b's new lease").isEmpty();
    assertThat(ids(store.claimDue(at(61), 10, LEASE, "node-a"))).containsExactly(m.id());
  }

  @Test
  void claimDue_conversationalBeforeBulk() {
    OutboxRecord bulk1 = enqueued(msg().bulk().created(at(0)));
    OutboxRecord bulk2 = enqueued(msg().bulk().created(at(1)));
    OutboxRecord conv = enqueued(msg().tenant(GLOBEX).created(at(5)));
    OutboxRecord conv2 = enqueued(msg().created(at(6)));

    assertThat(ids(store.claimDue(at(10), 1, LEASE, "node-a"))).containsExactly(conv.id());
    assertThat(ids(store.claimDue(at(10), 10, LEASE, "node-a"))).containsExactly(conv2.id(), bulk1.id(), bulk2.id());
  }

  @Test
  void claimDue_isFairBetweenTenants() {
    List<OutboxRecord> a = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      a.add(enqueued(msg().tenant(ACME).bulk().campaign("camp-a").created(at(i))));
    }
    OutboxRecord b = enqueued(msg().tenant(GLOBEX).bulk().created(at(60)));

    assertThat(ids(store.claimDue(at(100), 2, LEASE, "node-a"))).containsExactly(a.get(0).id(), b.id());
    assertThat(ids(store.claimDue(at(100), 3, LEASE, "node-a")))
        .containsExactly(a.get(1).id(), a.get(2).id(), a.get(3).id());
  }

  @Test
  void claimDue_takesEveryTenantsNextMessageRoundByRound() {
    OutboxRecord a1 = enqueued(msg().tenant(ACME).created(at(1)));
    OutboxRecord a2 = enqueued(msg().tenant(ACME).created(at(2)));
    OutboxRecord a3 = enqueued(msg().tenant(ACME).created(at(3)));
    OutboxRecord b4 = enqueued(msg().tenant(GLOBEX).created(at(4)));
    OutboxRecord b5 = enqueued(msg().tenant(GLOBEX).created(at(5)));
    OutboxRecord c0 = enqueued(msg().tenant(INITECH).created(at(0)));

    assertThat(ids(store.claimDue(at(10), 10, LEASE, "node-a")))
        .containsExactly(c0.id(), a1.id(), b4.id(), a2.id(), b5.id(), a3.id());
  }

  @Test
  void claimDue_withinATenant_ordersByNextAttemptAt() {
    OutboxRecord third = enqueued(msg().created(at(0)).due(at(3)));
    OutboxRecord first = enqueued(msg().created(at(1)).due(at(1)));
    OutboxRecord second = enqueued(msg().created(at(2)).due(at(2)));

    assertThat(ids(store.claimDue(at(10), 10, LEASE, "node-a"))).containsExactly(first.id(), second.id(), third.id());
  }

  @Test
  void claimDue_respectsTheLimit() {
    List<OutboxRecord> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(enqueued(msg().created(at(i))));
    }

    assertThat(ids(store.claimDue(at(10), 3, LEASE, "node-a"))).containsExactlyElementsOf(ids(all.subList(0, 3)));
    assertThat(ids(store.claimDue(at(10), 3, LEASE, "node-a"))).containsExactlyElementsOf(ids(all.subList(3, 5)));
  }

  @Test
  void claimDue_concurrentClaimers_neverGetTheSameMessage() throws Exception {
    int total = 200;
    List<OutboxRecord> batch = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      batch.add(msg().tenant(TenantId.of("t" + (i % 4))).created(at(i % 50)).build());
      if (i % 3 == 0) {
        batch.set(i, msg().tenant(TenantId.of("t" + (i % 4))).bulk().created(at(i % 50)).build());
      }
    }
    store.enqueueAll(batch);

    List<List<String>> perClaimer = ContractSupport.runConcurrently(6, t -> () -> {
      List<String> mine = new ArrayList<>();
      int empty = 0;
      while (empty < 3) {
        List<OutboxRecord> claimed = store.claimDue(at(100), 7, LEASE, "node-" + t);
        assertThat(claimed).hasSizeLessThanOrEqualTo(7).allMatch(r -> r.status() == DeliveryStatus.SENDING);
        empty = claimed.isEmpty() ? empty + 1 : 0;
        mine.addAll(ids(claimed));
      }
      return mine;
    });

    List<String> all = perClaimer.stream().flatMap(List::stream).toList();
    assertThat(all).doesNotHaveDuplicates().hasSize(total);
  }

  // ---------------------------------------------------------------- markSent

  @Test
  void markSent_recordsTheSendAndIndexesTheExternalId() {
    OutboxRecord m = enqueued(msg());
    store.claimDue(at(1), 10, LEASE, "node-a");

    assertThat(store.markSent(m.id(), "wamid.HBgLMTU1NTAwMDAwMDE", 1, at(2))).isTrue();

    OutboxRecord r = stored(m);
    assertThat(r.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(r.externalId()).contains("wamid.HBgLMTU1NTAwMDAwMDE");
    assertThat(r.sentAt()).contains(at(2));
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.updatedAt()).isEqualTo(at(2));
    assertThat(r.payload()).isEqualTo(m.payload());
    assertThat(store.findByExternalId(ChannelType.WHATSAPP, "wamid.HBgLMTU1NTAwMDAwMDE")).contains(r);
    assertThat(store.findByExternalId(ChannelType.MESSENGER, "wamid.HBgLMTU1NTAwMDAwMDE")).isEmpty();
    assertThat(store.claimDue(at(100_000), 10, LEASE, "node-b")).as("not claimable any more").isEmpty();
  }

  @Test
  void markSent_afterRetries_keepsTheAttemptsGiven() {
    OutboxRecord m = enqueued(msg());
    store.claimDue(at(1), 10, LEASE, "node-a");
    store.reschedule(m.id(), 1, at(10), Optional.of("131056"), "rate limited", at(2));
    store.claimDue(at(10), 10, LEASE, "node-a");

    assertThat(store.markSent(m.id(), "wamid.retry", 2, at(11))).isTrue();
    assertThat(stored(m).attempts()).isEqualTo(2);
    assertThat(stored(m).status()).isEqualTo(DeliveryStatus.SENT);
  }

  @Test
  void markSent_alreadySentFailedCancelledOrUnknown_doesNothing() {
    OutboxRecord s = enqueued(msg());
    OutboxRecord f = enqueued(msg());
    OutboxRecord c = enqueued(msg().campaign("camp-c"));
    store.cancelCampaign("camp-c", at(1));
    store.claimDue(at(1), 10, LEASE, "node-a");
    store.markSent(s.id(), "wamid.first", 1, at(2));
    store.markFailed(f.id(), 1, Optional.of("131026"), "undeliverable", at(2));
    OutboxRecord sBefore = stored(s);
    OutboxRecord fBefore = stored(f);
    OutboxRecord cBefore = stored(c);

    assertThat(store.markSent(s.id(), "wamid.second", 2, at(5))).isFalse();
    assertThat(store.markSent(f.id(), "wamid.f", 2, at(5))).isFalse();
    assertThat(store.markSent(c.id(), "wamid.c", 1, at(5))).isFalse();
    assertThat(store.markSent(UUID.randomUUID().toString(), "wamid.x", 1, at(5))).isFalse();

    assertThat(stored(s)).isEqualTo(sBefore);
    assertThat(stored(f)).isEqualTo(fBefore);
    assertThat(stored(c)).isEqualTo(cBefore);
    assertThat(store.findByExternalId(ChannelType.WHATSAPP, "wamid.second")).isEmpty();
  }

  // ---------------------------------------------------------------- reschedule

  @Test
  void reschedule_queuesAgainWithTheErrorAndReleasesTheLease() {
    OutboxRecord m = enqueued(msg());
    store.claimDue(at(1), 10, Duration.ofMinutes(5), "node-a");

    assertThat(store.reschedule(m.id(), 1, at(60), Optional.of("131056"), "pair rate limit hit", at(2))).isTrue();

    OutboxRecord r = stored(m);
    assertThat(r.status()).isEqualTo(DeliveryStatus.QUEUED);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.nextAttemptAt()).isEqualTo(at(60));
    assertThat(r.errorCode()).contains("131056");
    assertThat(r.errorMessage()).contains("pair rate limit hit");
    assertThat(r.updatedAt()).isEqualTo(at(2));
    assertThat(store.claimDue(at(60).minusNanos(1000), 10, LEASE, "node-b")).isEmpty();
    assertThat(ids(store.claimDue(at(60), 10, LEASE, "node-b")))
        .as("node-a's lease (to +301 s) was released").containsExactly(m.id());
  }

  @Test
  void reschedule_withoutErrorCode_storesNone() {
    OutboxRecord m = enqueued(msg());
    store.claimDue(at(1), 10, LEASE, "node-a");

    assertThat(store.reschedule(m.id(), 1, at(5), Optional.empty(), "timeout", at(2))).isTrue();

    assertThat(stored(m).errorCode()).isEmpty();
    assertThat(stored(m).errorMessage()).contains("timeout");
  }

  @Test
  void reschedule_queuedMessage_movesItsDueTime() {
    OutboxRecord m = enqueued(msg());

    assertThat(store.reschedule(m.id(), 0, at(30), Optional.empty(), "held", at(1))).isTrue();

    assertThat(stored(m).nextAttemptAt()).isEqualTo(at(30));
    assertThat(store.claimDue(at(29), 10, LEASE, "node-a")).isEmpty();
  }

  @Test
  void reschedule_sentFailedCancelledOrUnknown_doesNothing() {
    OutboxRecord s = enqueued(msg());
    OutboxRecord f = enqueued(msg());
    OutboxRecord c = enqueued(msg().campaign("camp-r"));
    store.cancelCampaign("camp-r", at(1));
    store.claimDue(at(1), 10, LEASE, "node-a");
    store.markSent(s.id(), "wamid.s", 1, at(2));
    store.markFailed(f.id(), 1, Optional.empty(), "bad", at(2));
    List<OutboxRecord> before = List.of(stored(s), stored(f), stored(c));

    for (OutboxRecord r : before) {
      assertThat(store.reschedule(r.id(), 5, at(10), Optional.of("1"), "retry", at(3))).as(r.status().name()).isFalse();
    }
    assertThat(store.reschedule(UUID.randomUUID().toString(), 1, at(10), Optional.empty(), "x", at(3))).isFalse();

    assertThat(List.of(stored(s), stored(f), stored(c))).isEqualTo(before);
    assertThat(store.claimDue(at(100_000), 10, LEASE, "node-b")).isEmpty();
  }

  // ---------------------------------------------------------------- markFailed

  @Test
  void markFailed_failsForGoodAndReleasesTheLease() {
    OutboxRecord m = enqueued(msg());
    store.claimDue(at(1), 10, LEASE, "node-a");

    assertThat(store.markFailed(m.id(), 3, Optional.of("131026"), "Message undeliverable", at(4))).isTrue();

    OutboxRecord r = stored(m);
    assertThat(r.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(r.attempts()).isEqualTo(3);
    assertThat(r.errorCode()).contains("131026");
    assertThat(r.errorMessage()).contains("Message undeliverable");
    assertThat(r.updatedAt()).isEqualTo(at(4));
    assertThat(store.claimDue(at(100_000), 10, LEASE, "node-b")).isEmpty();
    assertThat(store.markFailed(m.id(), 4, Optional.empty(), "again", at(5))).isFalse();
    assertThat(stored(m)).isEqualTo(r);
  }

  @Test
  void markFailed_queuedMessage_failsIt() {
    OutboxRecord m = enqueued(msg());

    assertThat(store.markFailed(m.id(), 0, Optional.empty(), "no consent", at(1))).isTrue();

    assertThat(status(m)).isEqualTo(DeliveryStatus.FAILED);
    assertThat(store.claimDue(at(10), 10, LEASE, "node-a")).isEmpty();
  }

  @Test
  void markFailed_sentOrCancelledOrUnknown_doesNothing() {
    OutboxRecord s = sent(msg(), "wamid.sent", at(10));
    OutboxRecord c = enqueued(msg().campaign("camp-f"));
    store.cancelCampaign("camp-f", at(11));

    assertThat(store.markFailed(s.id(), 2, Optional.of("x"), "late", at(12))).isFalse();
    assertThat(store.markFailed(c.id(), 2, Optional.of("x"), "late", at(12))).isFalse();
    assertThat(store.markFailed(UUID.randomUUID().toString(), 1, Optional.empty(), "x", at(12))).isFalse();
    assertThat(stored(s)).isEqualTo(s);
    assertThat(status(c)).isEqualTo(DeliveryStatus.CANCELLED);
  }

  // ---------------------------------------------------------------- advance

  @Test
  void advance_movesForwardOnly() {
    OutboxRecord m = sent(msg(), "wamid.adv", at(10));

    Optional<OutboxRecord> delivered = store.advance(ChannelType.WHATSAPP, "wamid.adv", DeliveryStatus.DELIVERED, at(11),
        Optional.empty(), Optional.empty());
    assertThat(delivered).contains(with(m, DeliveryStatus.DELIVERED, at(11)));
    assertThat(store.find(m.id())).isEqualTo(delivered);

    assertThat(store.advance(ChannelType.WHATSAPP, "wamid.adv", DeliveryStatus.READ, at(12), Optional.empty(),
        Optional.empty())).contains(with(m, DeliveryStatus.READ, at(12)));

    for (DeliveryStatus late : List.of(DeliveryStatus.DELIVERED, DeliveryStatus.READ, DeliveryStatus.SENT,
        DeliveryStatus.FAILED)) {
      assertThat(store.advance(ChannelType.WHATSAPP, "wamid.adv", late, at(13), Optional.of("1"), Optional.of("x")))
          .as(late.name()).isEmpty();
    }
    assertThat(stored(m)).isEqualTo(with(m, DeliveryStatus.READ, at(12)));

    assertThat(store.advance(ChannelType.WHATSAPP, "wamid.adv", DeliveryStatus.PLAYED, at(14), Optional.empty(),
        Optional.empty())).map(OutboxRecord::status).contains(DeliveryStatus.PLAYED);
    assertThat(store.advance(ChannelType.WHATSAPP, "wamid.adv", DeliveryStatus.READ, at(15), Optional.empty(),
        Optional.empty())).isEmpty();
  }

  @Test
  void advance_skippingAStatus_isProgress() {
    OutboxRecord m = sent(msg(), "wamid.skip", at(10));

    assertThat(store.advance(ChannelType.WHATSAPP, "wamid.skip", DeliveryStatus.READ, at(11), Optional.empty(),
        Optional.empty())).map(OutboxRecord::status).contains(DeliveryStatus.READ);
    assertThat(store.advance(ChannelType.WHATSAPP, "wamid.skip", DeliveryStatus.DELIVERED, at(12), Optional.empty(),
        Optional.empty())).isEmpty();
    assertThat(status(m)).isEqualTo(DeliveryStatus.READ);
  }

  @Test
  void advance_failedAfterSent_recordsTheError() {
    OutboxRecord m = sent(msg(), "wamid.fail", at(10));

    Optional<OutboxRecord> failed = store.advance(ChannelType.WHATSAPP, "wamid.fail", DeliveryStatus.FAILED, at(11),
        Optional.of("131047"), Optional.of("Re-engagement message"));

    assertThat(failed).isPresent();
    assertThat(failed.get().status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(failed.get().errorCode()).contains("131047");
    assertThat(failed.get().errorMessage()).contains("Re-engagement message");
    assertThat(failed.get().updatedAt()).isEqualTo(at(11));
    assertThat(failed.get().externalId()).contains("wamid.fail");
    assertThat(store.find(m.id())).isEqualTo(failed);
    assertThat(store.advance(ChannelType.WHATSAPP, "wamid.fail", DeliveryStatus.DELIVERED, at(12), Optional.empty(),
        Optional.empty())).as("FAILED is terminal").isEmpty();
  }

  @Test
  void advance_failedAfterDelivered_doesNothing() {
    OutboxRecord m = sent(msg(), "wamid.dlv", at(10));
    store.advance(ChannelType.WHATSAPP, "wamid.dlv", DeliveryStatus.DELIVERED, at(11), Optional.empty(), Optional.empty());

    assertThat(store.advance(ChannelType.WHATSAPP, "wamid.dlv", DeliveryStatus.FAILED, at(12), Optional.of("131000"),
        Optional.of("late failure"))).isEmpty();

    OutboxRecord r = stored(m);
    assertThat(r.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(r.errorCode()).isEmpty();
    assertThat(r.errorMessage()).isEmpty();
  }

  @Test
  void advance_unknownExternalIdOrOtherChannel_isEmpty() {
    sent(msg(), "wamid.known", at(10));

    assertThat(store.advance(ChannelType.WHATSAPP, "wamid.unknown", DeliveryStatus.DELIVERED, at(11), Optional.empty(),
        Optional.empty())).isEmpty();
    assertThat(store.advance(ChannelType.MESSENGER, "wamid.known", DeliveryStatus.DELIVERED, at(11), Optional.empty(),
        Optional.empty())).isEmpty();
    assertThat(store.findByExternalId(ChannelType.WHATSAPP, "wamid.known").orElseThrow().status())
        .isEqualTo(DeliveryStatus.SENT);
  }

  @Test
  void advance_concurrentReportsInAnyOrder_neverMoveBackwards() throws Exception {
    int messages = 10;
    List<OutboxRecord> batch = IntStream.range(0, messages).mapToObj(i -> msg().created(at(0)).build()).toList();
    store.enqueueAll(batch);
    assertThat(store.claimDue(at(1), 100, LEASE, "node-a")).hasSize(messages);
    for (int i = 0; i < messages; i++) {
      store.markSent(batch.get(i).id(), "wamid.c" + i, 1, at(2));
    }
    List<DeliveryStatus> reports = List.of(DeliveryStatus.DELIVERED, DeliveryStatus.READ, DeliveryStatus.DELIVERED,
        DeliveryStatus.SENT);

    List<Integer> moved = ContractSupport.runConcurrently(8, t -> () -> {
      Random random = new Random(t);
      int n = 0;
      List<Integer> order = new ArrayList<>(IntStream.range(0, messages).boxed().toList());
      Collections.shuffle(order, random);
      for (int i : order) {
        DeliveryStatus to = reports.get(random.nextInt(reports.size()));
        if (t == 0) {
          to = DeliveryStatus.READ; // at least one READ report per message
        }
        if (store.advance(ChannelType.WHATSAPP, "wamid.c" + i, to, to == DeliveryStatus.READ ? at(4) : at(3),
            Optional.empty(), Optional.empty()).isPresent()) {
          n++;
        }
      }
      return n;
    });

    for (OutboxRecord r : batch) {
      assertThat(status(r)).isEqualTo(DeliveryStatus.READ);
      assertThat(stored(r).updatedAt()).isEqualTo(at(4));
    }
    assertThat(moved.stream().mapToInt(Integer::intValue).sum()).as("at most SENT->DELIVERED->READ per message")
        .isBetween(messages, 2 * messages);
  }

  // ---------------------------------------------------------------- advanceUpTo

  @Test
  void advanceUpTo_movesTheRecipientsAcceptedMessagesSentUpToTheWatermark() {
    String r = "2518840019";
    OutboxRecord m1 = sent(msg().recipient(r), "wamid.m1", at(10));
    OutboxRecord m2 = sent(msg().recipient(r), "wamid.m2", at(20));
    OutboxRecord m3 = sent(msg().recipient(r), "wamid.m3", at(30));
    OutboxRecord otherRecipient = sent(msg().recipient("999"), "wamid.o1", at(10));
    OutboxRecord otherAccount = sent(msg().recipient(r).account(OTHER_ACCOUNT), "wamid.o2", at(10));
    OutboxRecord otherChannel = sent(msg().recipient(r).channel(ChannelType.MESSENGER), "mid.o3", at(10));
    OutboxRecord alreadyRead = sent(msg().recipient(r), "wamid.m0", at(5));
    store.advance(ChannelType.WHATSAPP, "wamid.m0", DeliveryStatus.READ, at(6), Optional.empty(), Optional.empty());
    OutboxRecord failed = sent(msg().recipient(r), "wamid.mf", at(8));
    store.advance(ChannelType.WHATSAPP, "wamid.mf", DeliveryStatus.FAILED, at(9), Optional.of("1"), Optional.of("x"));
    OutboxRecord queued = enqueued(msg().recipient(r).created(at(1)));

    List<OutboxRecord> delivered = store.advanceUpTo(ChannelType.WHATSAPP, ACCOUNT, r, at(20), DeliveryStatus.DELIVERED,
        at(40));

    assertThat(delivered).containsExactlyInAnyOrder(with(m1, DeliveryStatus.DELIVERED, at(40)),
        with(m2, DeliveryStatus.DELIVERED, at(40)));
    assertThat(status(m3)).isEqualTo(DeliveryStatus.SENT);
    assertThat(stored(otherRecipient)).isEqualTo(otherRecipient);
    assertThat(stored(otherAccount)).isEqualTo(otherAccount);
    assertThat(stored(otherChannel)).isEqualTo(otherChannel);
    assertThat(status(alreadyRead)).isEqualTo(DeliveryStatus.READ);
    assertThat(status(failed)).isEqualTo(DeliveryStatus.FAILED);
    assertThat(status(queued)).isEqualTo(DeliveryStatus.QUEUED);

    List<OutboxRecord> read = store.advanceUpTo(ChannelType.WHATSAPP, ACCOUNT, r, at(30), DeliveryStatus.READ, at(41));
    assertThat(ids(read)).containsExactlyInAnyOrder(m1.id(), m2.id(), m3.id());
    assertThat(read).allMatch(x -> x.status() == DeliveryStatus.READ && x.updatedAt().equals(at(41)));

    assertThat(store.advanceUpTo(ChannelType.WHATSAPP, ACCOUNT, r, at(30), DeliveryStatus.READ, at(42))).isEmpty();
    assertThat(store.advanceUpTo(ChannelType.WHATSAPP, ACCOUNT, r, at(30), DeliveryStatus.DELIVERED, at(42))).isEmpty();
    assertThat(stored(m1).updatedAt()).isEqualTo(at(41));
  }

  // ---------------------------------------------------------------- deferAccount

  @Test
  void deferAccount_movesOnlyTheAccountsQueuedMessages() {
    OutboxRecord s = sent(msg(), "wamid.def", at(10));
    OutboxRecord sending = enqueued(msg().created(at(11)));
    assertThat(ids(store.claimDue(at(11), 10, LONG_LEASE, "node-a"))).containsExactly(sending.id());
    OutboxRecord q1 = enqueued(msg().created(at(12)));
    OutboxRecord q2 = enqueued(msg().tenant(GLOBEX).created(at(13)).due(at(20)));
    OutboxRecord otherAccount = enqueued(msg().account(OTHER_ACCOUNT).created(at(12)));
    OutboxRecord otherChannel = enqueued(msg().channel(ChannelType.MESSENGER).created(at(12)));

    assertThat(store.deferAccount(ChannelType.WHATSAPP, ACCOUNT, at(3600), at(14))).isEqualTo(2);

    for (OutboxRecord q : List.of(q1, q2)) {
      OutboxRecord r = stored(q);
      assertThat(r.status()).isEqualTo(DeliveryStatus.QUEUED);
      assertThat(r.nextAttemptAt()).isEqualTo(at(3600));
      assertThat(r.updatedAt()).isEqualTo(at(14));
    }
    assertThat(stored(otherAccount)).isEqualTo(otherAccount);
    assertThat(stored(otherChannel)).isEqualTo(otherChannel);
    assertThat(stored(s)).isEqualTo(s);
    assertThat(status(sending)).isEqualTo(DeliveryStatus.SENDING);
    assertThat(ids(store.claimDue(at(100), 10, LEASE, "node-b")))
        .containsExactlyInAnyOrder(otherAccount.id(), otherChannel.id());

    assertThat(store.deferAccount(ChannelType.WHATSAPP, ACCOUNT, at(50), at(15))).as("released early").isEqualTo(2);
    assertThat(ids(store.claimDue(at(100), 10, LEASE, "node-b"))).containsExactlyInAnyOrder(q1.id(), q2.id());
    assertThat(store.deferAccount(ChannelType.WHATSAPP, ACCOUNT, at(50), at(16))).isZero();
  }

  // ---------------------------------------------------------------- requeue

  @Test
  void requeue_failedMessage_isQueuedAgainWithAttemptsReset() {
    OutboxRecord m = enqueued(msg());
    store.claimDue(at(1), 10, LEASE, "node-a");
    store.markFailed(m.id(), 5, Optional.of("131026"), "undeliverable", at(2));

    assertThat(store.requeue(m.id(), at(100))).isTrue();

    OutboxRecord r = stored(m);
    assertThat(r.status()).isEqualTo(DeliveryStatus.QUEUED);
    assertThat(r.attempts()).isZero();
    assertThat(r.nextAttemptAt()).isEqualTo(at(100));
    assertThat(r.updatedAt()).isEqualTo(at(100));
    assertThat(r.payload()).isEqualTo(m.payload());
    assertThat(store.claimDue(at(100).minusNanos(1000), 10, LEASE, "node-a")).isEmpty();
    assertThat(ids(store.claimDue(at(100), 10, LEASE, "node-a"))).containsExactly(m.id());
    assertThat(store.requeue(m.id(), at(101))).as("SENDING now").isFalse();
  }

  @Test
  void requeue_notFailed_doesNothing() {
    OutboxRecord s = sent(msg(), "wamid.rq", at(10));
    OutboxRecord q = enqueued(msg().created(at(11)));
    OutboxRecord c = enqueued(msg().campaign("camp-rq").created(at(11)));
    store.cancelCampaign("camp-rq", at(12));
    List<OutboxRecord> before = List.of(stored(s), stored(q), stored(c));

    for (OutboxRecord r : before) {
      assertThat(store.requeue(r.id(), at(20))).as(r.status().name()).isFalse();
    }
    assertThat(store.requeue(UUID.randomUUID().toString(), at(20))).isFalse();
    assertThat(List.of(stored(s), stored(q), stored(c))).isEqualTo(before);
  }

  // ---------------------------------------------------------------- campaigns

  @Test
  void cancelCampaign_cancelsOnlyItsQueuedMessages_andCountByCampaignCountsPerStatus() {
    OutboxRecord s = sent(msg().bulk().campaign("camp-1"), "wamid.cs", at(10));
    OutboxRecord sending = enqueued(msg().bulk().campaign("camp-1").created(at(11)));
    assertThat(ids(store.claimDue(at(11), 10, LONG_LEASE, "node-a"))).containsExactly(sending.id());
    List<OutboxRecord> queued = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      queued.add(enqueued(msg().bulk().campaign("camp-1").created(at(12 + i))));
    }
    OutboxRecord otherCampaign = enqueued(msg().bulk().campaign("camp-2").created(at(12)));
    OutboxRecord noCampaign = enqueued(msg().created(at(12)));
    assertThat(nonZero(store.countByCampaign("camp-1")))
        .isEqualTo(Map.of(DeliveryStatus.SENT, 1, DeliveryStatus.SENDING, 1, DeliveryStatus.QUEUED, 3));

    assertThat(store.cancelCampaign("camp-1", at(20))).isEqualTo(3);

    for (OutboxRecord q : queued) {
      assertThat(stored(q)).isEqualTo(with(q, DeliveryStatus.CANCELLED, at(20)));
    }
    assertThat(stored(s)).isEqualTo(s);
    assertThat(status(sending)).isEqualTo(DeliveryStatus.SENDING);
    assertThat(stored(otherCampaign)).isEqualTo(otherCampaign);
    assertThat(stored(noCampaign)).isEqualTo(noCampaign);
    assertThat(nonZero(store.countByCampaign("camp-1")))
        .isEqualTo(Map.of(DeliveryStatus.SENT, 1, DeliveryStatus.SENDING, 1, DeliveryStatus.CANCELLED, 3));
    assertThat(nonZero(store.countByCampaign("camp-2"))).isEqualTo(Map.of(DeliveryStatus.QUEUED, 1));
    assertThat(nonZero(store.countByCampaign("camp-none"))).isEmpty();

    assertThat(store.cancelCampaign("camp-1", at(21))).isZero();
    assertThat(store.cancelCampaign("camp-none", at(21))).isZero();
    assertThat(ids(store.claimDue(at(100), 10, LEASE, "node-b")))
        .containsExactlyInAnyOrder(noCampaign.id(), otherCampaign.id());
    assertThat(store.markSent(sending.id(), "wamid.cs2", 1, at(101))).as("the one being sent completes").isTrue();
    assertThat(nonZero(store.countByCampaign("camp-1")))
        .isEqualTo(Map.of(DeliveryStatus.SENT, 2, DeliveryStatus.CANCELLED, 3));
  }

  // ---------------------------------------------------------------- list

  @Test
  void list_filtersByTenantStatusAndCampaign_newestFirst() {
    OutboxRecord a1 = enqueued(msg().tenant(ACME).campaign("camp-1").created(at(1)));
    OutboxRecord a2 = enqueued(msg().tenant(ACME).created(at(2)));
    OutboxRecord g1 = enqueued(msg().tenant(GLOBEX).campaign("camp-1").created(at(3)));
    OutboxRecord a3 = enqueued(msg().tenant(ACME).campaign("camp-1").created(at(4)));
    OutboxRecord g2 = enqueued(msg().tenant(GLOBEX).created(at(5)));
    OutboxRecord a4 = enqueued(msg().tenant(ACME).created(at(6)));
    assertThat(store.claimDue(at(10), 100, LEASE, "node-a")).hasSize(6);
    store.markSent(a2.id(), "wamid.a2", 1, at(11));
    store.markFailed(a3.id(), 1, Optional.empty(), "bad", at(11));
    for (OutboxRecord r : List.of(a1, g1, g2, a4)) {
      store.reschedule(r.id(), 1, at(60), Optional.empty(), "retry", at(11));
    }

    assertThat(ids(store.list(OutboxQuery.forTenant(ACME, 10)))).containsExactly(a4.id(), a3.id(), a2.id(), a1.id());
    assertThat(ids(store.list(OutboxQuery.forTenant(ACME, 2)))).containsExactly(a4.id(), a3.id());
    assertThat(ids(store.list(OutboxQuery.forTenant(ACME, 10, DeliveryStatus.QUEUED)))).containsExactly(a4.id(), a1.id());
    assertThat(ids(store.list(OutboxQuery.forTenant(ACME, 10, DeliveryStatus.SENT, DeliveryStatus.FAILED))))
        .containsExactly(a3.id(), a2.id());
    assertThat(ids(store.list(OutboxQuery.all(10)))).containsExactly(a4.id(), g2.id(), a3.id(), g1.id(), a2.id(), a1.id());
    assertThat(ids(store.list(OutboxQuery.all(10, DeliveryStatus.QUEUED)))).containsExactly(a4.id(), g2.id(), g1.id(),
        a1.id());
    assertThat(ids(store.list(new OutboxQuery(Optional.empty(), Set.of(), Optional.of("camp-1"), 10))))
        .containsExactly(a3.id(), g1.id(), a1.id());
    assertThat(ids(store.list(new OutboxQuery(Optional.of(GLOBEX), Set.of(DeliveryStatus.QUEUED), Optional.of("camp-1"),
        10)))).containsExactly(g1.id());
    assertThat(store.list(OutboxQuery.forTenant(INITECH, 10))).isEmpty();
    assertThat(store.list(OutboxQuery.forTenant(ACME, 10, DeliveryStatus.CANCELLED))).isEmpty();
    assertThat(store.list(OutboxQuery.forTenant(ACME, 10, DeliveryStatus.SENT))).containsExactly(stored(a2));
  }

  // ---------------------------------------------------------------- payloads

  @Test
  void payload_64KiBOfUnicode_roundTripsExactly() {
    String payload = ContractSupport.largeText(64 * 1024) + UNICODE;
    assertThat(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(64 * 1024);
    OutboxRecord m = enqueued(msg().key("big").payload(payload));

    assertThat(stored(m).payload()).isEqualTo(payload);
    assertThat(store.enqueue(msg().key("big").build()).record().payload()).isEqualTo(payload);
    List<OutboxRecord> claimed = store.claimDue(at(1), 10, LEASE, "node-a");
    assertThat(claimed).hasSize(1);
    assertThat(claimed.get(0).payload()).isEqualTo(payload);
    assertThat(store.list(OutboxQuery.all(1)).get(0).payload()).isEqualTo(payload);
  }
}
