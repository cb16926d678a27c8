package io.switchboard.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.spi.InboxEntry;
import io.switchboard.spi.InboxEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryInboxStoreConcurrencyTest {

  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final TenantId A = TenantId.of("tenant-a");
  private static final int THREADS = 8;

  private final InMemoryInboxStore store = new InMemoryInboxStore();
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void append_eightThreadsSameThousandEvents_insertsEachExactlyOnce() throws Exception {
    List<Integer> counts = runConcurrently(t -> {
      int inserted = 0;
      for (int i = 0; i < 1000; i++) {
        // Each thread builds its own event objects (own entry ids), as separate webhook
        // deliveries of the same Meta event would.
        InboxEvent e = new InboxEvent(UUID.randomUUID().toString(), ChannelType.WHATSAPP,
            "wamid." + i, Optional.of(A), "111", "message", "{}", T0.plusMillis(i));
        inserted += store.append(List.of(e)).insertedCount();
      }
      return inserted;
    });

    assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
    assertThat(store.claimDue(T0.plusSeconds(60), 5000, Duration.ofMinutes(1), "check")).hasSize(1000);
  }

  @Test
  void append_concurrentBatchesOfSameEvent_exactlyOneTrue() throws Exception {
    for (int round = 0; round < 100; round++) {
      String externalId = "wamid.round-" + round;
      List<Integer> counts = runConcurrently(t -> store.append(List.of(new InboxEvent(
          UUID.randomUUID().toString(), ChannelType.WHATSAPP, externalId, Optional.of(A), "111",
          "message", "{}", T0))).insertedCount());

      assertThat(counts).as("round %d", round).containsOnlyOnce(1);
      assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    }
  }

  @Test
  void claimDue_concurrentClaimersWithinLease_neverShareAnEntry() throws Exception {
    int n = 5000;
    List<InboxEvent> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      events.add(InMemoryInboxStoreTest.event("e" + i, Optional.of(A), "111", T0.plusMillis(i)));
    }
    store.append(events);
    Instant now = T0.plusSeconds(60);

    List<List<String>> claims = runConcurrently(t -> {
      List<String> mine = new ArrayList<>();
      List<InboxEntry> page;
      while (!(page = store.claimDue(now, 7, Duration.ofMinutes(5), "node-" + t)).isEmpty()) {
        page.forEach(en -> mine.add(en.event().id()));
      }
      return mine;
    });

    Set<String> all = new HashSet<>();
    int total = 0;
    for (List<String> mine : claims) {
      all.addAll(mine);
      total += mine.size();
    }
    assertThat(total).isEqualTo(n);
    assertThat(all).hasSize(n);
  }

  @Test
  void claimDue_concurrentClaimAndDeliver_eachEntryDeliveredOnce() throws Exception {
    int n = 3000;
    List<InboxEvent> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      events.add(InMemoryInboxStoreTest.event("e" + i, Optional.of(A), "111", T0));
    }
    store.append(events);
    Instant now = T0.plusSeconds(1);

    List<Integer> delivered = runConcurrently(t -> {
      int count = 0;
      List<InboxEntry> page;
      while (!(page = store.claimDue(now, 10, Duration.ofMinutes(5), "node-" + t)).isEmpty()) {
        for (InboxEntry en : page) {
          store.markDelivered(en.event().id(), now);
          count++;
        }
      }
      return count;
    });

    assertThat(delivered.stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
    // Even after every lease would have expired, nothing comes back.
    assertThat(store.claimDue(now.plus(Duration.ofHours(1)), n, Duration.ofMinutes(1), "late")).isEmpty();
  }

  /** Runs the task on THREADS threads released together by a latch; returns results by thread. */
  private <T> List<T> runConcurrently(ThreadTask<T> task) throws Exception {
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Callable<T> c = () -> {
        ready.countDown();
        go.await();
        return task.run(thread);
      };
      futures.add(pool.submit(c));
    }
    assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  @FunctionalInterface
  private interface ThreadTask<T> {
    T run(int thread) throws Exception;
  }
}
