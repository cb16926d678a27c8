package io.switchboard.store.jdbc;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.message.Priority;
import io.switchboard.spi.OutboxRecord;
import io.switchboard.spi.OutboxStore;
import io.switchboard.store.jdbc.TestDatabases.Db;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Outbox throughput: messages/s through enqueue, claimDue and markSent. Not part of the normal test
 * run; run it by hand:
 *
 * <pre>
 * mvn -B -pl testkit,store-jdbc test -Dtest=OutboxThroughputBenchmark -Dswitchboard.benchmark=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * cat store-jdbc/target/benchmark.txt
 * </pre>
 *
 * <p>Two runs per database: "send" (2 threads enqueue one message per call, as {@code send()} does,
 * while 4 dispatcher threads claim 20 at a time and mark each sent) and "campaign" (one
 * {@code enqueueAll} of 500 bulk messages at a time, same dispatchers). 50 tenants, 1 KB payloads.
 * External PostgreSQL and MariaDB are measured too when their URL variables are set.
 */
@EnabledIfSystemProperty(named = "switchboard.benchmark", matches = "true")
class OutboxThroughputBenchmark {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final AtomicLong IDS = new AtomicLong();
  private static final String PAYLOAD = "{\"type\":\"text\",\"text\":{\"body\":\"" + "Your appointment is confirmed. ".repeat(32)
      + "\"}}";

  private static OutboxRecord message(Priority priority) {
    long n = IDS.incrementAndGet();
    return OutboxRecord.queued(UUID.randomUUID().toString(), TenantId.of("tenant-" + (n % 50)), ChannelType.WHATSAPP,
        "1065" + (n % 50), "1555" + n, priority, Optional.of("idem-" + n), Optional.empty(), PAYLOAD, NOW);
  }

  private static double run(OutboxStore store, int total, boolean campaign) throws Exception {
    int producers = campaign ? 1 : 2;
    int dispatchers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(producers + dispatchers);
    AtomicInteger sent = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      futures.add(pool.submit(() -> {
        if (campaign) {
          for (int done = 0; done < total; done += 500) {
            List<OutboxRecord> batch = new ArrayList<>(500);
            for (int i = 0; i < 500; i++) {
              batch.add(message(Priority.BULK));
            }
            store.enqueueAll(batch);
          }
        } else {
          for (int i = 0; i < total / producers; i++) {
            store.enqueue(message(Priority.CONVERSATIONAL));
          }
        }
        return null;
      }));
    }
    for (int d = 0; d < dispatchers; d++) {
      String owner = "dispatcher-" + d;
      futures.add(pool.submit(() -> {
        while (sent.get() < total) {
          List<OutboxRecord> claimed = store.claimDue(NOW.plusSeconds(1), 20, Duration.ofMinutes(1), owner);
          if (claimed.isEmpty()) {
            Thread.sleep(1);
          }
          for (OutboxRecord r : claimed) {
            store.markSent(r.id(), "wamid." + r.id(), 1, NOW.plusSeconds(2));
            sent.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    long elapsed = System.nanoTime() - start;
    pool.shutdown();
    return total / (elapsed / 1e9);
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void enqueueClaimMarkSentThroughput(Db db) throws Exception {
    OutboxStore store = TestDatabases.emptyStores(db, "bench_").outboxStore();
    run(store, 1000, false); // warm-up
    String line = String.format("%-18s outbox send (2 enqueuers, 4 dispatchers): %7.0f msg/s | campaign (enqueueAll 500,"
        + " 4 dispatchers): %7.0f msg/s%n", db, run(store, 6000, false), run(store, 6000, true));
    System.out.print(line);
    Files.writeString(Path.of("target", "benchmark.txt"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
