package io.switchboard.store.jdbc;

import java.util.Objects;

/**
 * One versioned schema script, as the built-in migrator applies it.
 *
 * @param version the schema version it creates (1, 2, ...)
 * @param description what it does, from its file name ({@code V1__init.sql} → {@code init})
 * @param resource the classpath resource, such as {@code db/switchboard/postgresql/V1__init.sql}
 * @param checksum SHA-256 (hex) of the script as shipped, before the prefix is substituted;
 *     recorded in the history table and verified on every migration
 * @param sql the script with {@code ${prefix}} replaced by the table prefix, ready to run
 */
public record MigrationScript(int version, String description, String resource, String checksum, String sql) {

  /** Checks required fields. */
  public MigrationScript {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(sql, "sql");
  }
}
