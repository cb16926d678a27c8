package io.switchboard.store.jdbc;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.spi.InboxEvent;
import io.switchboard.spi.InboxStore;
import io.switchboard.store.jdbc.TestDatabases.Db;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Inbox append throughput. Not part of the normal test run; run it by hand:
 *
 * <pre>
 * mvn -B -pl testkit,store-jdbc test -Dtest=InboxAppendBenchmark -Dswitchboard.benchmark=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * cat store-jdbc/target/benchmark.txt
 * </pre>
 *
 * <p>External PostgreSQL and MariaDB are measured too when their URL variables are set. Each event
 * carries a 1.5 KB JSON payload (a typical WhatsApp message webhook).
 */
@EnabledIfSystemProperty(named = "switchboard.benchmark", matches = "true")
class InboxAppendBenchmark {

  private static final AtomicLong IDS = new AtomicLong();
  private static final String PAYLOAD = payload();

  private static String payload() {
    StringBuilder sb = new StringBuilder("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{");
    while (sb.length() < 1500) {
      sb.append("\"text\":\"Hello, I would like to book an appointment for next Tuesday please\",");
    }
    return sb.append("\"end\":1}}]}]}").toString();
  }

  private static List<InboxEvent> batch(int size) {
    List<InboxEvent> events = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      long n = IDS.incrementAndGet();
      events.add(new InboxEvent(UUID.randomUUID().toString(), ChannelType.WHATSAPP, "wamid.bench." + n,
          Optional.of(TenantId.of("tenant-" + (n % 50))), "1065" + (n % 50), "MessageReceived", PAYLOAD, Instant.now()));
    }
    return events;
  }

  private static double measure(InboxStore store, int threads, int appendsPerThread, int batchSize) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        for (int i = 0; i < appendsPerThread; i++) {
          store.append(batch(batchSize));
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    long elapsed = System.nanoTime() - start;
    pool.shutdown();
    return threads * (double) appendsPerThread * batchSize / (elapsed / 1e9);
  }

  private static String settings(Db db, DataSource ds) {
    if (db == Db.H2 || db == Db.MARIADB) {
      return "";
    }
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      StringBuilder sb = new StringBuilder();
      for (String setting : List.of("server_version", "fsync", "synchronous_commit")) {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
          rs.next();
          sb.append(' ').append(setting).append('=').append(rs.getString(1));
        }
      }
      return sb.toString();
    } catch (Exception e) {
      return " (settings unknown: " + e.getMessage() + ")";
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void appendThroughput(Db db) throws Exception {
    InboxStore store = TestDatabases.emptyStores(db, "bench_").inboxStore();
    measure(store, 1, 300, 1); // warm-up
    measure(store, 1, 20, 50);
    String line = String.format("%-18s batch=1 x1 thread: %8.0f ev/s | batch=50 x1 thread: %8.0f ev/s |"
            + " batch=1 x4 threads: %8.0f ev/s | batch=50 x4 threads: %8.0f ev/s |%s%n",
        db, measure(store, 1, 2000, 1), measure(store, 1, 100, 50), measure(store, 4, 500, 1), measure(store, 4, 25, 50),
        settings(db, TestDatabases.dataSource(db)));
    System.out.print(line);
    Files.writeString(Path.of("target", "benchmark.txt"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
