package io.switchboard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.crypto.Keyring;
import io.switchboard.event.EventHandler;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.testkit.MutableClock;
import io.switchboard.testkit.WebhookSigner;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Switchboard instances sharing one database behave as one system: every acknowledged event
 * reaches the host exactly once between them, survives an instance that dies mid-dispatch, and no
 * table ever holds a plaintext token.
 */
class SharedDatabaseSwitchboardTest {

  private static final Secret APP_SECRET = Secret.of("shared-app-secret");
  private static final String KEY = Keyring.generateKeyBase64();
  private static final WebhookSigner SIGNER = WebhookSigner.of(APP_SECRET);
  private static final String PHONE_A = "200000000000001";
  private static final String PHONE_B = "200000000000002";

  private static Switchboard instance(DataSource ds, String prefix, Clock clock, String node, EventHandler handler) {
    JdbcStores stores = JdbcStores.builder().dataSource(ds).tablePrefix(prefix).build();
    return Switchboard.builder()
        .appSecret(APP_SECRET).verifyToken(Secret.of("verify"))
        .keyring(Keyring.builder().primary("k1", KEY).build())
        .channel(WhatsAppChannel.create())
        .stores(stores)
        .clock(clock).nodeId(node).dispatchBatchSize(7).dispatchLease(Duration.ofMinutes(1))
        .eventHandler(handler)
        .build();
  }

  private static void connectTenants(Switchboard sb, String token) {
    sb.connections().connect(ConnectRequest.builder().tenant(TenantId.of("acme")).channel(ChannelType.WHATSAPP)
        .accountId(PHONE_A).attribute(ChannelConnection.WABA_ID, "100000000000001").accessToken(Secret.of(token)).build());
    sb.connections().connect(ConnectRequest.builder().tenant(TenantId.of("globex")).channel(ChannelType.WHATSAPP)
        .accountId(PHONE_B).attribute(ChannelConnection.WABA_ID, "100000000000002").accessToken(Secret.of(token)).build());
  }

  /** One webhook with {@code perPhone} text messages to each of the two numbers. */
  private static String webhook(int n, int perPhone) {
    StringBuilder sb = new StringBuilder("{\"object\":\"whatsapp_business_account\",\"entry\":[");
    String[] phones = {PHONE_A, PHONE_B};
    for (int p = 0; p < 2; p++) {
      if (p > 0) {
        sb.append(',');
      }
      sb.append("{\"id\":\"10000000000000").append(p + 1).append("\",\"changes\":[{\"field\":\"messages\",\"value\":{")
          .append("\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"1555000000").append(p)
          .append("\",\"phone_number_id\":\"").append(phones[p]).append("\"},\"messages\":[");
      for (int m = 0; m < perPhone; m++) {
        if (m > 0) {
          sb.append(',');
        }
        sb.append("{\"from\":\"1555123000").append(m % 10).append("\",\"id\":\"wamid.W").append(n).append("_P").append(p)
            .append("_M").append(m).append("\",\"timestamp\":\"1763800000\",\"type\":\"text\",\"text\":{\"body\":\"hi ")
            .append(m).append("\"}}");
      }
      sb.append("]}}]}");
    }
    return sb.append("]}").toString();
  }

  private static String prefix(Db db, String test) {
    String p = test + "_" + db.name().toLowerCase(Locale.ROOT).charAt(0) + "_";
    TestDatabases.dropTables(TestDatabases.dataSource(db), p);
    for (String t : List.of("outbox", "window", "campaign")) {
      TestDatabases.execute(TestDatabases.dataSource(db), List.of("DROP TABLE IF EXISTS " + p + t));
    }
    return p;
  }

  @ParameterizedTest
  @EnumSource(value = Db.class, names = {"EMBEDDED_POSTGRES", "EXTERNAL_POSTGRES", "MARIADB"})
  void twoInstances_sameWebhooksConcurrently_eachEventReachesHostExactlyOnce(Db db) throws Exception {
    DataSource ds = TestDatabases.dataSource(db);
    String prefix = prefix(db, "sx2");
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    EventHandler handler = (tenant, event) ->
        deliveries.computeIfAbsent(tenant + "/" + event.externalId(), k -> new AtomicInteger()).incrementAndGet();
    Clock clock = Clock.systemUTC();
    Switchboard a = instance(ds, prefix, clock, "node-a", handler);
    Switchboard b = instance(ds, prefix, clock, "node-b", handler);
    connectTenants(a, "EAAG-shared-token");

    int webhooks = 30;
    int perPhone = 4;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> posts = new ArrayList<>();
    for (int w = 0; w < webhooks; w++) {
      String body = webhook(w, perPhone);
      for (Switchboard target : List.of(a, b)) {   // Meta retries land on either instance
        posts.add(pool.submit(() -> {
          go.await();
          return target.webhooks().handle(SIGNER.request(body)).status();
        }));
      }
    }
    List<Future<Integer>> dispatchers = new ArrayList<>();
    for (Switchboard target : List.of(a, b, a, b)) {
      dispatchers.add(pool.submit(() -> {
        go.await();
        int total = 0;
        for (int round = 0; round < 200; round++) {
          total += target.inbox().dispatchDue();
        }
        return total;
      }));
    }
    go.countDown();
    for (Future<Integer> f : posts) {
      assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(200);
    }
    for (Future<Integer> f : dispatchers) {
      f.get(120, TimeUnit.SECONDS);
    }
    a.inbox().dispatchDue();
    b.inbox().dispatchDue();
    pool.shutdown();

    assertThat(deliveries).hasSize(webhooks * perPhone * 2);
    assertThat(deliveries.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    assertThat(deliveries.keySet()).filteredOn(k -> k.startsWith("acme/wamid.W7_P0_")).hasSize(perPhone);
    assertThat(deliveries.keySet()).filteredOn(k -> k.startsWith("globex/wamid.W7_P1_")).hasSize(perPhone);
    a.close();
    b.close();
  }

  /** Simulates a process dying: escapes the dispatcher without releasing its claims. */
  private static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  @ParameterizedTest
  @EnumSource(value = Db.class, names = {"EMBEDDED_POSTGRES", "H2", "EXTERNAL_POSTGRES", "MARIADB"})
  void instanceAbandonedMidDispatch_nextInstanceDeliversEveryEvent(Db db) {
    DataSource ds = TestDatabases.dataSource(db);
    String prefix = prefix(db, "crash");
    MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    List<String> order = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    Switchboard doomed = instance(ds, prefix, clock, "doomed", (tenant, event) -> {
      if (calls.incrementAndGet() == 3) {
        throw new Crash();
      }
      handled.computeIfAbsent(event.externalId(), k -> new AtomicInteger()).incrementAndGet();
      order.add(event.externalId());
    });
    connectTenants(doomed, "EAAG-token");
    for (int w = 0; w < 3; w++) {
      assertThat(doomed.webhooks().handle(SIGNER.request(webhook(w, 2))).status()).isEqualTo(200);
    }
    assertThatThrownBy(() -> doomed.inbox().dispatchDue()).isInstanceOf(Crash.class);
    assertThat(handled).hasSize(2); // two handled, one crashed, the rest of the batch still claimed
    // the doomed instance is abandoned: never closed, its leases never released

    Switchboard survivor = instance(ds, prefix, clock, "survivor", (tenant, event) -> {
      handled.computeIfAbsent(event.externalId(), k -> new AtomicInteger()).incrementAndGet();
      order.add(event.externalId());
    });
    // only events outside the doomed node's claim, and only of conversations it holds nothing of
    assertThat(survivor.inbox().dispatchDue()).isLessThanOrEqualTo(12 - 7);
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));          // the doomed node's lease runs out
    survivor.inbox().dispatchDue();

    assertThat(handled).hasSize(12);
    assertThat(handled.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
    // each conversation (phone P, customer M) in webhook order W0, W1, W2 across both nodes
    for (String conversation : List.of("_P0_M0", "_P0_M1", "_P1_M0", "_P1_M1")) {
      assertThat(order.stream().filter(id -> id.endsWith(conversation)).toList()).as(conversation)
          .containsExactly("wamid.W0" + conversation, "wamid.W1" + conversation, "wamid.W2" + conversation);
    }
    survivor.close();
  }

  @ParameterizedTest
  @EnumSource(value = Db.class, names = {"EMBEDDED_POSTGRES", "H2", "EXTERNAL_POSTGRES", "MARIADB"})
  void everyTable_neverHoldsThePlaintextToken(Db db) throws Exception {
    DataSource ds = TestDatabases.dataSource(db);
    String prefix = prefix(db, "scan");
    String needle = "EAAGplaintextNeedle7731";
    Switchboard sb = instance(ds, prefix, Clock.systemUTC(), "scan", (t, e) -> {});
    connectTenants(sb, needle);
    sb.webhooks().handle(SIGNER.request(webhook(1, 2)));
    sb.webhooks().handle(SIGNER.request("{\"object\":\"whatsapp_business_account\",\"entry\":\"broken\"}"));
    sb.inbox().dispatchDue();
    assertThat(sb.connections().list(TenantId.of("acme"))).hasSize(1);

    List<String> tables = new ArrayList<>();
    int rows = 0;
    try (Connection c = ds.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            tables.add(name);
          }
        }
      }
      for (String table : tables) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            rows++;
            for (int i = 1; i <= md.getColumnCount(); i++) {
              int type = md.getColumnType(i);
              boolean binary = type == java.sql.Types.BINARY || type == java.sql.Types.VARBINARY
                  || type == java.sql.Types.LONGVARBINARY || type == java.sql.Types.BLOB;
              String text;
              if (binary) {
                byte[] bytes = rs.getBytes(i);
                text = bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
              } else {
                text = String.valueOf(rs.getString(i));
              }
              assertThat(text).as(table + "." + md.getColumnName(i)).doesNotContain(needle);
            }
          }
        }
      }
    }
    assertThat(tables).hasSizeGreaterThanOrEqualTo(5);
    assertThat(rows).isGreaterThan(8); // tokens, connections, attributes, inbox, malformed, history were all scanned
    sb.close();
  }
}
