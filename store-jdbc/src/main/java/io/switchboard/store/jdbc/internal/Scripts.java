package io.switchboard.store.jdbc.internal;

import io.switchboard.store.jdbc.MigrationScript;
import io.switchboard.store.jdbc.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Loads the shipped migration scripts and splits them into statements. */
public final class Scripts {

  /** The placeholder for the table prefix, in Flyway's syntax. */
  public static final String PREFIX_PLACEHOLDER = "${prefix}";

  /** Every shipped migration, in order: version and description. Same for every dialect. */
  private static final List<String> MIGRATIONS = List.of("V1__init", "V2__outbox", "V3__inbox_order");

  private Scripts() {}

  /**
   * Loads every script for a dialect with the prefix substituted.
   *
   * @param dialect the dialect
   * @param prefix the table prefix
   * @return the scripts, oldest first
   */
  public static List<MigrationScript> load(SqlDialect dialect, String prefix) {
    List<MigrationScript> scripts = new ArrayList<>();
    for (String name : MIGRATIONS) {
      String resource = dialect.scriptLocation() + "/" + name + ".sql";
      String template = read(resource);
      int separator = name.indexOf("__");
      int version = Integer.parseInt(name.substring(1, separator));
      String description = name.substring(separator + 2).replace('_', ' ');
      scripts.add(new MigrationScript(version, description, resource, checksum(template),
          template.replace(PREFIX_PLACEHOLDER, prefix)));
    }
    return List.copyOf(scripts);
  }

  private static String read(String resource) {
    ClassLoader loader = Scripts.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration script missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /**
   * SHA-256 of a script template, hex.
   *
   * @param template the script with its placeholder, line endings normalised to {@code \n}
   * @return 64 hex digits
   */
  public static String checksum(String template) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(template.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * Splits a script into statements: drops {@code --} comment lines and splits after each line
   * that ends with a semicolon. The shipped scripts are written to that rule.
   *
   * @param sql the script
   * @return the statements without their semicolons
   */
  public static List<String> statements(String sql) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      if (trimmed.endsWith(";")) {
        current.append(line, 0, line.lastIndexOf(';'));
        statements.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }
}
