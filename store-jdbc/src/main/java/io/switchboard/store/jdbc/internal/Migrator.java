package io.switchboard.store.jdbc.internal;

import io.switchboard.store.jdbc.MigrationScript;
import io.switchboard.store.jdbc.SchemaMigrationException;
import io.switchboard.store.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The built-in migrator. Safe when several instances start at once: it takes a database-wide lock
 * (PostgreSQL {@code pg_advisory_xact_lock}, MySQL/MariaDB {@code GET_LOCK}, H2 a row lock on
 * {@code <prefix>schema_lock}), re-reads {@code <prefix>schema_history} under it, verifies the
 * checksums of applied scripts and applies the pending ones, recording each.
 *
 * <p>On PostgreSQL the whole migration is one transaction (DDL is transactional there). MySQL and
 * H2 commit each DDL statement implicitly, so a script failing half-way leaves its earlier
 * statements applied and is not recorded; the error says which script failed.
 */
public final class Migrator {

  private static final long PG_LOCK_NAMESPACE = 0x5357_4254_0000_0000L; // "SWBT"
  private static final int H2_LOCK_ATTEMPTS = 300;

  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final String prefix;
  private final List<MigrationScript> scripts;

  /**
   * Creates it.
   *
   * @param dataSource the database
   * @param dialect its dialect
   * @param prefix the table prefix
   */
  public Migrator(DataSource dataSource, SqlDialect dialect, String prefix) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.prefix = prefix;
    this.scripts = Scripts.load(dialect, prefix);
  }

  /**
   * Applies pending scripts.
   *
   * @return the versions applied by this call, empty if the schema was up to date
   * @throws SchemaMigrationException on a checksum mismatch or a failed script
   */
  public List<Integer> migrate() {
    try {
      return switch (dialect) {
        case POSTGRESQL -> migratePostgres();
        case MYSQL -> migrateMysql();
        case H2 -> migrateH2();
      };
    } catch (SQLException e) {
      throw new SchemaMigrationException("migrating tables with prefix '" + prefix + "' failed", e);
    }
  }

  private String history() {
    return prefix + "schema_history";
  }

  private String historyDdl() {
    String ts = switch (dialect) {
      case POSTGRESQL -> "TIMESTAMP WITH TIME ZONE";
      case MYSQL -> "DATETIME(6)";
      case H2 -> "TIMESTAMP(6) WITH TIME ZONE";
    };
    String ddl = "CREATE TABLE IF NOT EXISTS " + history() + " ("
        + "version INTEGER NOT NULL PRIMARY KEY, "
        + "description VARCHAR(200) NOT NULL, "
        + "checksum VARCHAR(64) NOT NULL, "
        + "applied_at " + ts + " NOT NULL)";
    return dialect == SqlDialect.MYSQL ? ddl + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : ddl;
  }

  // ------------------------------------------------------------------ PostgreSQL

  private List<Integer> migratePostgres() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      try {
        c.setAutoCommit(false);
        // the lock query must not fix a snapshot that hides a concurrent migrator's commit
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, PG_LOCK_NAMESPACE | (prefix.hashCode() & 0xFFFF_FFFFL));
          lock.execute();
        }
        List<Integer> applied = applyPending(c, true);
        c.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setTransactionIsolation(isolation);
        c.setAutoCommit(autoCommit);
      }
    }
  }

  // ------------------------------------------------------------------ MySQL / MariaDB

  private List<Integer> migrateMysql() throws SQLException {
    String lockName = "switchboard.schema." + prefix;
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(true);
      try {
        try (PreparedStatement lock = c.prepareStatement("SELECT GET_LOCK(?, 300)")) {
          lock.setString(1, lockName);
          try (ResultSet rs = lock.executeQuery()) {
            if (!rs.next() || rs.getInt(1) != 1) {
              throw new SchemaMigrationException("timed out after 300 s waiting for lock " + lockName);
            }
          }
        }
        try {
          return applyPending(c, false);
        } finally {
          try (PreparedStatement unlock = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            unlock.setString(1, lockName);
            unlock.execute();
          }
        }
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  // ------------------------------------------------------------------ H2

  private List<Integer> migrateH2() throws SQLException {
    String lockTable = prefix + "schema_lock";
    try (Connection lockConnection = dataSource.getConnection(); Connection c = dataSource.getConnection()) {
      boolean lockAutoCommit = lockConnection.getAutoCommit();
      boolean autoCommit = c.getAutoCommit();
      try {
        lockConnection.setAutoCommit(true);
        try (Statement s = lockConnection.createStatement()) {
          s.execute("CREATE TABLE IF NOT EXISTS " + lockTable + " (id INTEGER NOT NULL PRIMARY KEY)");
          s.execute("MERGE INTO " + lockTable + " (id) KEY (id) VALUES (1)");
        } catch (SQLException e) {
          if (!Jdbc.isIntegrityViolation(e)) { // a concurrent migrator inserted the row first
            throw e;
          }
        }
        lockConnection.setAutoCommit(false);
        lockH2(lockConnection, lockTable);
        try {
          c.setAutoCommit(true);
          return applyPending(c, false);
        } finally {
          lockConnection.rollback();
        }
      } finally {
        lockConnection.setAutoCommit(lockAutoCommit);
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private static void lockH2(Connection c, String lockTable) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id FROM " + lockTable + " WHERE id = 1 FOR UPDATE")) {
        rs.next();
        return;
      } catch (SQLException e) {
        c.rollback();
        if (!Jdbc.isTransient(e) || attempt >= H2_LOCK_ATTEMPTS) { // lock timeouts: keep waiting
          throw e;
        }
      }
    }
  }

  // ------------------------------------------------------------------ common

  private List<Integer> applyPending(Connection c, boolean transactional) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(historyDdl());
    }
    Map<Integer, String> appliedChecksums = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, checksum FROM " + history() + " ORDER BY version")) {
      while (rs.next()) {
        appliedChecksums.put(rs.getInt(1), rs.getString(2));
      }
    }
    for (MigrationScript script : scripts) {
      String recorded = appliedChecksums.get(script.version());
      if (recorded != null && !recorded.equalsIgnoreCase(script.checksum())) {
        throw new SchemaMigrationException("checksum mismatch for schema version " + script.version() + " ("
            + script.resource() + ") in " + history() + ": recorded " + recorded + ", shipped " + script.checksum()
            + ". The applied script was changed, or the tables belong to another Switchboard build;"
            + " do not edit applied scripts, add a new version instead");
      }
    }
    List<Integer> applied = new ArrayList<>();
    for (MigrationScript script : scripts) {
      if (appliedChecksums.containsKey(script.version())) {
        continue;
      }
      try (Statement s = c.createStatement()) {
        for (String statement : Scripts.statements(script.sql())) {
          s.execute(statement);
        }
      } catch (SQLException e) {
        throw new SchemaMigrationException("applying " + script.resource() + " failed"
            + (transactional ? " (rolled back)" : " (statements before the failing one stay applied)"), e);
      }
      String now = dialect == SqlDialect.MYSQL ? "UTC_TIMESTAMP(6)" : "CURRENT_TIMESTAMP";
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO " + history() + " (version, description, checksum, applied_at) VALUES (?, ?, ?, " + now + ")")) {
        insert.setInt(1, script.version());
        insert.setString(2, script.description());
        insert.setString(3, script.checksum());
        insert.executeUpdate();
      }
      applied.add(script.version());
    }
    return List.copyOf(applied);
  }
}
