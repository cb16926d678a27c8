package io.switchboard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.spi.InboxEntry;
import io.switchboard.spi.InboxEvent;
import io.switchboard.spi.InboxStore;
import io.switchboard.store.jdbc.TestDatabases.Db;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two store instances (two "nodes", each with its own pool) on one database. */
class CrossInstanceClaimTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private static List<InboxEvent> events(int n) {
    return IntStream.range(0, n).mapToObj(i -> new InboxEvent(UUID.randomUUID().toString(), ChannelType.WHATSAPP, "x" + i,
        Optional.of(TenantId.of("acme")), "1065", "MessageReceived", "{\"i\":" + i + "}", T0.plusMillis(i))).toList();
  }

  private static InboxStore node(Db db) {
    TestDatabases.emptyStores(db, "cross_"); // migrated and empty
    return JdbcStores.builder().dataSource(new SimplePool(TestDatabases.unpooled(db))).tablePrefix("cross_").build()
        .inboxStore();
  }

  @ParameterizedTest
  @EnumSource(value = Db.class, names = {"EMBEDDED_POSTGRES", "EXTERNAL_POSTGRES", "MARIADB", "H2"})
  void twoInstancesClaimingConcurrently_neverGetTheSameEntry(Db db) throws Exception {
    InboxStore a = node(db);
    InboxStore b = JdbcStores.builder().dataSource(new SimplePool(TestDatabases.unpooled(db))).tablePrefix("cross_").build()
        .inboxStore();
    int total = 400;
    a.append(events(total));

    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<String>>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      InboxStore store = t % 2 == 0 ? a : b;
      String owner = "node-" + (t % 2 == 0 ? "a" : "b") + "-worker-" + t;
      futures.add(pool.submit(() -> {
        go.await();
        List<String> mine = new ArrayList<>();
        int empty = 0;
        while (empty < 3) {
          List<InboxEntry> batch = store.claimDue(T0.plusSeconds(1), 10, Duration.ofMinutes(5), owner);
          empty = batch.isEmpty() ? empty + 1 : 0;
          batch.forEach(e -> mine.add(e.event().externalId()));
        }
        return mine;
      }));
    }
    go.countDown();
    List<String> all = new ArrayList<>();
    List<Integer> perWorker = new ArrayList<>();
    for (Future<List<String>> f : futures) {
      List<String> mine = f.get(120, TimeUnit.SECONDS);
      perWorker.add(mine.size());
      all.addAll(mine);
    }
    pool.shutdown();

    assertThat(all).doesNotHaveDuplicates();
    assertThat(new HashSet<>(all)).hasSize(total);
    assertThat(perWorker).as("both nodes did work").allMatch(n -> n >= 0);
  }

  @ParameterizedTest
  @EnumSource(value = Db.class, names = {"EMBEDDED_POSTGRES", "EXTERNAL_POSTGRES", "MARIADB", "H2"})
  void crashedInstancesClaims_areRetakenByTheOtherAfterTheLease(Db db) {
    InboxStore a = node(db);
    InboxStore b = JdbcStores.builder().dataSource(new SimplePool(TestDatabases.unpooled(db))).tablePrefix("cross_").build()
        .inboxStore();
    a.append(events(20));
    Duration lease = Duration.ofSeconds(30);

    List<InboxEntry> takenByA = a.claimDue(T0.plusSeconds(1), 10, lease, "node-a"); // then node-a "crashes"
    assertThat(takenByA).hasSize(10);

    List<InboxEntry> b1 = b.claimDue(T0.plusSeconds(10), 50, lease, "node-b");
    assertThat(b1).hasSize(10).extracting(e -> e.event().externalId())
        .doesNotContainAnyElementsOf(takenByA.stream().map(e -> e.event().externalId()).toList());
    b1.forEach(e -> b.markDelivered(e.event().id(), T0.plusSeconds(11)));

    List<InboxEntry> b2 = b.claimDue(T0.plusSeconds(32), 50, lease, "node-b");
    assertThat(b2).extracting(e -> e.event().externalId())
        .containsExactlyElementsOf(takenByA.stream().map(e -> e.event().externalId()).toList());
  }
}
