package io.switchboard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.StoreException;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.connection.ConnectionStatus;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.Priority;
import io.switchboard.spi.CampaignRecord;
import io.switchboard.spi.InboxEvent;
import io.switchboard.spi.OutboxQuery;
import io.switchboard.spi.OutboxRecord;
import io.switchboard.spi.WindowKey;
import io.switchboard.spi.MalformedWebhook;
import io.switchboard.spi.StoredToken;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.store.jdbc.internal.Jdbc;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailureTest {

  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private static final TenantId ACME = TenantId.of("acme");
  private static final ConnectionKey KEY = new ConnectionKey(ACME, ChannelType.WHATSAPP, "1065");

  private static InboxEvent event(String externalId) {
    return new InboxEvent(UUID.randomUUID().toString(), ChannelType.WHATSAPP, externalId, Optional.of(ACME), "1065",
        "MessageReceived", "{}", T);
  }

  /** Every store operation, by the name it must report. */
  private static Map<String, Runnable> allOperations(JdbcStores stores) {
    Map<String, Runnable> ops = new LinkedHashMap<>();
    ChannelConnection connection = new ChannelConnection(KEY, ConnectionStatus.CONNECTED, Map.of("waba_id", "w"), T, T);
    ops.put("token.find", () -> stores.tokenStore().find(KEY));
    ops.put("token.save", () -> stores.tokenStore().save(KEY, new StoredToken("v1:k:x", Optional.empty(), T)));
    ops.put("token.delete", () -> stores.tokenStore().delete(KEY));
    ops.put("connection.save", () -> stores.connectionStore().save(connection));
    ops.put("connection.find", () -> stores.connectionStore().find(KEY));
    ops.put("connection.findByAccount", () -> stores.connectionStore().findByAccount(ChannelType.WHATSAPP, "1065"));
    ops.put("connection.findByAttribute", () -> stores.connectionStore().findByAttribute(ChannelType.WHATSAPP, "waba_id", "w"));
    ops.put("connection.list", () -> stores.connectionStore().list(ACME));
    ops.put("connection.delete", () -> stores.connectionStore().delete(KEY));
    ops.put("inbox.append", () -> stores.inboxStore().append(List.of(event("e1"))));
    ops.put("inbox.claimDue", () -> stores.inboxStore().claimDue(T, 10, Duration.ofSeconds(30), "node"));
    ops.put("inbox.markDelivered", () -> stores.inboxStore().markDelivered("id", T));
    ops.put("inbox.reschedule", () -> stores.inboxStore().reschedule("id", 1, T, "err"));
    ops.put("inbox.assignUnroutable", () -> stores.inboxStore().assignUnroutable(ChannelType.WHATSAPP, "1065", ACME));
    ops.put("inbox.unroutable", () -> stores.inboxStore().unroutable(10));
    ops.put("inbox.find", () -> stores.inboxStore().find(ChannelType.WHATSAPP, "e1"));
    ops.put("inbox.purgeDelivered", () -> stores.inboxStore().purgeDelivered(T));
    ops.put("inbox.recordMalformed", () -> stores.inboxStore().recordMalformed(new MalformedWebhook("m", T, "bad", new byte[] {1})));
    ops.put("inbox.malformed", () -> stores.inboxStore().malformed(10));
    OutboxRecord message = OutboxRecord.queued(UUID.randomUUID().toString(), ACME, ChannelType.WHATSAPP, "1065", "1555",
        Priority.CONVERSATIONAL, Optional.of("k"), Optional.empty(), "{}", T);
    ops.put("outbox.enqueue", () -> stores.outboxStore().enqueue(message));
    ops.put("outbox.enqueueAll", () -> stores.outboxStore().enqueueAll(List.of(message)));
    ops.put("outbox.find", () -> stores.outboxStore().find("id"));
    ops.put("outbox.findByExternalId", () -> stores.outboxStore().findByExternalId(ChannelType.WHATSAPP, "wamid"));
    ops.put("outbox.claimDue", () -> stores.outboxStore().claimDue(T, 10, Duration.ofSeconds(30), "node"));
    ops.put("outbox.markSent", () -> stores.outboxStore().markSent("id", "wamid", 1, T));
    ops.put("outbox.reschedule", () -> stores.outboxStore().reschedule("id", 1, T, Optional.empty(), "err", T));
    ops.put("outbox.markFailed", () -> stores.outboxStore().markFailed("id", 1, Optional.empty(), "err", T));
    ops.put("outbox.advance", () -> stores.outboxStore().advance(ChannelType.WHATSAPP, "wamid", DeliveryStatus.READ, T,
        Optional.empty(), Optional.empty()));
    ops.put("outbox.advanceUpTo", () -> stores.outboxStore().advanceUpTo(ChannelType.MESSENGER, "page", "psid", T,
        DeliveryStatus.READ, T));
    ops.put("outbox.deferAccount", () -> stores.outboxStore().deferAccount(ChannelType.WHATSAPP, "1065", T, T));
    ops.put("outbox.requeue", () -> stores.outboxStore().requeue("id", T));
    ops.put("outbox.cancelCampaign", () -> stores.outboxStore().cancelCampaign("c", T));
    ops.put("outbox.countByCampaign", () -> stores.outboxStore().countByCampaign("c"));
    ops.put("outbox.list", () -> stores.outboxStore().list(OutboxQuery.all(10)));
    WindowKey window = new WindowKey(ACME, ChannelType.WHATSAPP, "1065", "1555");
    ops.put("window.recordInbound", () -> stores.windowStore().recordInbound(window, T));
    ops.put("window.lastInbound", () -> stores.windowStore().lastInbound(window));
    ops.put("campaign.create", () -> stores.campaignStore().create(new CampaignRecord("c", ACME, ChannelType.WHATSAPP,
        "1065", "name", 1, 0, T, Optional.empty())));
    ops.put("campaign.find", () -> stores.campaignStore().find("c"));
    ops.put("campaign.markCancelled", () -> stores.campaignStore().markCancelled("c", T));
    return ops;
  }

  @Test
  void everyOperation_databaseDown_throwsRetryableStoreExceptionNamingIt() {
    DataSource down = new FailingDataSource(new SQLException("Connection refused", "08001"));
    JdbcStores stores = JdbcStores.builder().dataSource(down).dialect(SqlDialect.POSTGRESQL).autoMigrate(false).build();
    allOperations(stores).forEach((operation, call) ->
        assertThatThrownBy(call::run)
            .as(operation)
            .isInstanceOf(StoreException.class)
            .hasMessage(operation + " failed: Connection refused")
            .hasCauseInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((StoreException) e).retryable()).isTrue()));
    assertThatThrownBy(stores::migrate).isInstanceOf(SchemaMigrationException.class);
  }

  @Test
  void everyOperation_closedPool_throwsStoreException() {
    SimplePool pool = new SimplePool(TestDatabases.h2("closed_pool"));
    JdbcStores stores = JdbcStores.builder().dataSource(pool).build();
    stores.tokenStore().find(KEY);
    pool.close();
    allOperations(stores).forEach((operation, call) ->
        assertThatThrownBy(call::run).as(operation).isInstanceOf(StoreException.class).hasMessageStartingWith(operation + " failed"));
  }

  @Test
  void operations_afterH2Shutdown_throwStoreException() {
    DataSource ds = TestDatabases.h2("shut_down");
    JdbcStores stores = JdbcStores.builder().dataSource(ds).build();
    TestDatabases.execute(ds, List.of("SHUTDOWN"));
    // the in-memory database is gone: a new connection gets an empty database without tables
    assertThatThrownBy(() -> stores.inboxStore().claimDue(T, 1, Duration.ofSeconds(1), "n"))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("inbox.claimDue failed");
  }

  @ParameterizedTest
  @EnumSource(value = Db.class)
  void append_oneEventTooLong_storesNoneOfTheBatch(Db db) {
    JdbcStores stores = TestDatabases.emptyStores(db, "fail_");
    List<InboxEvent> batch = List.of(event("ok-1"), event("x".repeat(600)), event("ok-2"));

    assertThatThrownBy(() -> stores.inboxStore().append(batch))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("inbox.append failed")
        .satisfies(e -> assertThat(((StoreException) e).retryable()).as("data error").isFalse());
    assertThat(stores.inboxStore().find(ChannelType.WHATSAPP, "ok-1")).isEmpty();
    assertThat(stores.inboxStore().find(ChannelType.WHATSAPP, "ok-2")).isEmpty();
    assertThat(stores.inboxStore().append(List.of(event("ok-1"))).inserted()).containsExactly(true);
  }

  @ParameterizedTest
  @EnumSource(value = Db.class)
  void connectionSave_attributeInsertFails_leavesNothingHalfWritten(Db db) {
    JdbcStores healthy = TestDatabases.emptyStores(db, "fail_");
    DataSource faulty = faulty(TestDatabases.dataSource(db), sql -> sql.contains("INSERT INTO fail_connection_attribute"));
    JdbcStores broken = JdbcStores.builder().dataSource(faulty).tablePrefix("fail_").autoMigrate(false).build();
    ChannelConnection original = new ChannelConnection(KEY, ConnectionStatus.CONNECTED, Map.of("waba_id", "w1"), T, T);
    healthy.connectionStore().save(original);

    ChannelConnection update = new ChannelConnection(KEY, ConnectionStatus.NEEDS_REAUTH, Map.of("waba_id", "w2"), T,
        T.plusSeconds(60));
    assertThatThrownBy(() -> broken.connectionStore().save(update))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("connection.save failed: injected");
    ChannelConnection newOne = new ChannelConnection(new ConnectionKey(ACME, ChannelType.WHATSAPP, "2"),
        ConnectionStatus.CONNECTED, Map.of("a", "b"), T, T);
    assertThatThrownBy(() -> broken.connectionStore().save(newOne)).isInstanceOf(StoreException.class);

    assertThat(healthy.connectionStore().find(KEY)).contains(original);
    assertThat(healthy.connectionStore().find(newOne.key())).isEmpty();
  }

  @Test
  void hostDataSourceWithAutoCommitOff_writesAreCommittedAndSettingKept() throws SQLException {
    DataSource plain = TestDatabases.h2("autocommit_off");
    JdbcStores.builder().dataSource(plain).build();
    List<Boolean> autoCommitAtClose = new java.util.ArrayList<>();
    DataSource autoCommitOff = autoCommitOff(plain, autoCommitAtClose);
    JdbcStores stores = JdbcStores.builder().dataSource(autoCommitOff).autoMigrate(false).dialect(SqlDialect.H2).build();

    stores.tokenStore().save(KEY, new StoredToken("v1:k:committed", Optional.empty(), T));

    assertThat(autoCommitAtClose).containsExactly(false);
    JdbcStores reader = JdbcStores.builder().dataSource(plain).autoMigrate(false).build();
    assertThat(reader.tokenStore().find(KEY).orElseThrow().ciphertext()).isEqualTo("v1:k:committed");
  }

  @Test
  void singleStatement_hostDataSourceWithAutoCommitOff_committedAndSettingKept() throws SQLException {
    DataSource plain = TestDatabases.h2("single_statement");
    try (Connection c = plain.getConnection(); java.sql.Statement st = c.createStatement()) {
      st.execute("CREATE TABLE single_statement_test (v INT)");
    }
    List<Boolean> autoCommitAtClose = new java.util.ArrayList<>();
    DataSource autoCommitOff = autoCommitOff(plain, autoCommitAtClose);

    int inserted = new Jdbc(autoCommitOff).singleStatement("test.insert", c -> {
      try (java.sql.Statement st = c.createStatement()) {
        return st.executeUpdate("INSERT INTO single_statement_test (v) VALUES (7)");
      }
    });

    assertThat(inserted).isEqualTo(1);
    assertThat(autoCommitAtClose).containsExactly(false);
    try (Connection c = plain.getConnection(); java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT v FROM single_statement_test")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(7);
    }
  }

  @Test
  void pooledConnections_comeBackWithAutoCommitRestoredEvenAfterFailures() {
    SimplePool pool = new SimplePool(TestDatabases.h2("clean_return"));
    JdbcStores stores = JdbcStores.builder().dataSource(pool).build();
    allOperations(stores).values().forEach(Runnable::run);
    assertThatThrownBy(() -> stores.inboxStore().append(List.of(event("y".repeat(600))))).isInstanceOf(StoreException.class);
    assertThat(pool.returnedDirty()).isZero();
  }

  // ------------------------------------------------------------------ helpers

  interface Invoker {
    Object invoke(Connection real, java.lang.reflect.Method method, Object[] args) throws Throwable;
  }

  interface Prepare {
    void accept(Connection c) throws SQLException;
  }

  /** Hands out connections with auto-commit off and notes the setting each has when closed. */
  private static DataSource autoCommitOff(DataSource target, List<Boolean> autoCommitAtClose) {
    return proxy(target, (real, method, args) -> {
      if (method.getName().equals("close")) {
        autoCommitAtClose.add(real.getAutoCommit());
      }
      return method.invoke(real, args);
    }, c -> c.setAutoCommit(false));
  }

  private static DataSource faulty(DataSource target, Predicate<String> failWhen) {
    return proxy(target, (real, method, args) -> {
      if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql && failWhen.test(sql)) {
        throw new SQLException("injected failure", "08S01");
      }
      return method.invoke(real, args);
    }, c -> { });
  }

  private static DataSource proxy(DataSource target, Invoker invoker, Prepare onOpen) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (p, m, a) -> {
          if (!m.getName().equals("getConnection")) {
            try {
              return m.invoke(target, a);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          }
          Connection real = target.getConnection();
          onOpen.accept(real);
          return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
              (cp, cm, ca) -> {
                try {
                  return invoker.invoke(real, cm, ca);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
        });
  }
}
