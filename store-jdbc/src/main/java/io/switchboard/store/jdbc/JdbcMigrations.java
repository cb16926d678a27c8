package io.switchboard.store.jdbc;

import io.switchboard.store.jdbc.internal.Scripts;
import java.util.List;

/**
 * The schema scripts the JDBC stores need, readable without touching a database: for review, for a
 * DBA to apply by hand, or to compare with what a host's own Flyway or Liquibase applies.
 *
 * <p>The scripts ship in this jar as {@code db/switchboard/<dialect>/V<n>__<description>.sql} with a
 * {@code ${prefix}} placeholder for the table prefix. The built-in migrator
 * ({@link JdbcStores#migrate()}) additionally keeps a history table, {@code <prefix>schema_history}
 * (version, description, checksum, applied_at), created on first use.
 */
public final class JdbcMigrations {

  private JdbcMigrations() {}

  /**
   * Every script for a dialect, oldest first, with the prefix substituted.
   *
   * @param dialect the dialect
   * @param tablePrefix the table prefix, {@code [a-z][a-z0-9_]{0,20}}
   * @return the scripts
   * @throws IllegalArgumentException if the prefix is not valid
   */
  public static List<MigrationScript> scripts(SqlDialect dialect, String tablePrefix) {
    JdbcStores.checkPrefix(tablePrefix);
    return Scripts.load(dialect, tablePrefix);
  }

  /**
   * Every script for a dialect as one SQL text, for printing or piping into a database client.
   *
   * @param dialect the dialect
   * @param tablePrefix the table prefix
   * @return the scripts, concatenated in order
   */
  public static String ddl(SqlDialect dialect, String tablePrefix) {
    StringBuilder sb = new StringBuilder();
    for (MigrationScript script : scripts(dialect, tablePrefix)) {
      sb.append("-- ").append(script.resource()).append('\n').append(script.sql()).append('\n');
    }
    return sb.toString();
  }
}
