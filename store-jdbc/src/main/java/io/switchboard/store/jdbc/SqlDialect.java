package io.switchboard.store.jdbc;

/**
 * The SQL dialects the JDBC stores speak. Usually detected from the database's metadata; set it
 * explicitly with {@link JdbcStores.Builder#dialect} when detection cannot tell (a proxy, a
 * compatibility mode).
 */
public enum SqlDialect {
  /** PostgreSQL 12 or later: the scale-out engine ({@code FOR UPDATE SKIP LOCKED}, advisory locks). */
  POSTGRESQL("postgresql"),
  /** MySQL 8.0 or later, and MariaDB 10.6 or later (InnoDB, {@code utf8mb4_bin}). */
  MYSQL("mysql"),
  /** H2 2.x, for tests and single-node installations. */
  H2("h2");

  private final String folder;

  SqlDialect(String folder) {
    this.folder = folder;
  }

  /**
   * The folder of this dialect's migration scripts in the jar, such as
   * {@code db/switchboard/postgresql}. Point Flyway's {@code locations} at
   * {@code classpath:} plus this value.
   *
   * @return the classpath folder, without leading or trailing slash
   */
  public String scriptLocation() {
    return "db/switchboard/" + folder;
  }
}
