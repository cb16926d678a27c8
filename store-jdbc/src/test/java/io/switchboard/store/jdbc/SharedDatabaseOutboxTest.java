package io.switchboard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.crypto.Keyring;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Template;
import io.switchboard.outbox.ThroughputLimits;
import io.switchboard.spi.OutboxQuery;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Outbound messages queued on one database are sent exactly once by the instances sharing it. */
class SharedDatabaseOutboxTest {

  private static final String KEY = Keyring.generateKeyBase64();
  private static final TenantId ACME = TenantId.of("acme");

  @StartStop private final MockWebServer graph = new MockWebServer();
  private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();

  private Switchboard instance(DataSource ds, String prefix, Clock clock, String node) {
    return Switchboard.builder()
        .appSecret(Secret.of("s")).verifyToken(Secret.of("v"))
        .keyring(Keyring.builder().primary("k1", KEY).build())
        .channel(WhatsAppChannel.create())
        .stores(JdbcStores.builder().dataSource(ds).tablePrefix(prefix).build())
        .clock(clock).nodeId(node).outboxBatchSize(9).dispatchLease(Duration.ofMinutes(1))
        .throughputLimits(ThroughputLimits.defaults().with(ChannelType.WHATSAPP, 10_000))
        .graphBaseUrl(graph.url("/").toString())
        .eventHandler((t, e) -> {})
        .build();
  }

  private void countAccepts() {
    graph.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String to = request.getBody().utf8().replaceAll(".*\"to\":\"\\+?([0-9]+)\".*", "$1");
        accepted.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
        return new MockResponse.Builder()
            .body("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid." + to + "\"}]}").build();
      }
    });
  }

  private static String freshPrefix(Db db, String name) {
    String prefix = name + "_" + db.name().toLowerCase(Locale.ROOT).charAt(0) + "_";
    DataSource ds = TestDatabases.dataSource(db);
    TestDatabases.dropTables(ds, prefix);
    TestDatabases.execute(ds, List.of("DROP TABLE IF EXISTS " + prefix + "outbox",
        "DROP TABLE IF EXISTS " + prefix + "conversation_window", "DROP TABLE IF EXISTS " + prefix + "campaign"));
    return prefix;
  }

  private static void enqueue(Switchboard sb, int count) {
    sb.connections().connect(ConnectRequest.builder().tenant(ACME).channel(ChannelType.WHATSAPP)
        .accountId("200000000000001").accessToken(Secret.of("EAAG-acme")).build());
    for (int i = 0; i < count; i++) {
      sb.send(SendRequest.builder().tenant(ACME).channel(ChannelType.WHATSAPP).to("+1555" + (100000 + i))
          .content(Template.builder("order_update", "en_US").build()).build());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Db.class, names = {"EMBEDDED_POSTGRES", "EXTERNAL_POSTGRES", "MARIADB"})
  void twoInstances_dispatchingConcurrently_sendEveryMessageExactlyOnce(Db db) throws Exception {
    DataSource ds = TestDatabases.dataSource(db);
    String prefix = freshPrefix(db, "obx2");
    Switchboard a = instance(ds, prefix, Clock.systemUTC(), "a");
    Switchboard b = instance(ds, prefix, Clock.systemUTC(), "b");
    countAccepts();
    enqueue(a, 150);

    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> rounds = new ArrayList<>();
    for (Switchboard sb : List.of(a, b, a, b)) {
      rounds.add(pool.submit(() -> {
        go.await();
        return sb.outbox().dispatchDue();
      }));
    }
    go.countDown();
    int total = 0;
    for (Future<Integer> f : rounds) {
      total += f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(total).isEqualTo(150);
    assertThat(accepted).hasSize(150);
    assertThat(accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(b.outbox().list(OutboxQuery.all(500, DeliveryStatus.SENT))).hasSize(150);
    a.close();
    b.close();
  }

  @ParameterizedTest
  @EnumSource(value = Db.class, names = {"EMBEDDED_POSTGRES", "H2", "EXTERNAL_POSTGRES", "MARIADB"})
  void instanceDiesAfterClaiming_nextInstanceSendsEverything(Db db) {
    DataSource ds = TestDatabases.dataSource(db);
    String prefix = freshPrefix(db, "obxc");
    MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    Switchboard doomed = instance(ds, prefix, clock, "doomed");
    countAccepts();
    enqueue(doomed, 20);
    JdbcStores raw = JdbcStores.builder().dataSource(ds).tablePrefix(prefix).build();
    assertThat(raw.outboxStore().claimDue(clock.instant(), 12, Duration.ofMinutes(1), "doomed")).hasSize(12);
    // the doomed process is gone: its 12 claims are never released

    Switchboard survivor = instance(ds, prefix, clock, "survivor");
    assertThat(survivor.outbox().dispatchDue()).isEqualTo(8);
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(survivor.outbox().dispatchDue()).isEqualTo(12);

    assertThat(accepted).hasSize(20);
    assertThat(accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    survivor.close();
  }
}
