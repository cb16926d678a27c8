package io.switchboard.store.jdbc.internal;

import io.switchboard.store.jdbc.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Table names for one prefix and the few places where the dialects differ: time binding, row
 * limits, upserts and row locking.
 */
public final class Sql {

  private final SqlDialect dialect;
  private final String prefix;
  private final boolean skipLocked;

  /**
   * Creates it.
   *
   * @param dialect the dialect
   * @param prefix the validated table prefix
   * @param skipLocked whether the database supports {@code FOR UPDATE SKIP LOCKED} with a limit
   */
  public Sql(SqlDialect dialect, String prefix, boolean skipLocked) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.skipLocked = skipLocked;
  }

  /**
   * The dialect.
   *
   * @return it
   */
  public SqlDialect dialect() {
    return dialect;
  }

  /**
   * Bind markers for an {@code IN (...)} list.
   *
   * @param n how many, at least 1
   * @return {@code "?, ?, ..."} with {@code n} markers
   */
  public static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  /**
   * The table prefix.
   *
   * @return it
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Whether claims lock rows with {@code FOR UPDATE SKIP LOCKED}; otherwise they use conditional
   * updates.
   *
   * @return true if supported
   */
  public boolean skipLocked() {
    return skipLocked;
  }

  /**
   * A table or constraint name with the prefix.
   *
   * @param name the unprefixed name, such as {@code inbox}
   * @return the prefixed name
   */
  public String t(String name) {
    return prefix + name;
  }

  /**
   * The clause limiting a query to {@code ?} rows.
   *
   * @return {@code LIMIT ?} or {@code FETCH FIRST ? ROWS ONLY}
   */
  public String limit() {
    return dialect == SqlDialect.H2 ? "FETCH FIRST ? ROWS ONLY" : "LIMIT ?";
  }

  /**
   * The clause limiting a query to one row, with no parameter (for correlated subqueries).
   *
   * @return {@code LIMIT 1} or {@code FETCH FIRST 1 ROWS ONLY}
   */
  public String limitOne() {
    return dialect == SqlDialect.H2 ? "FETCH FIRST 1 ROWS ONLY" : "LIMIT 1";
  }

  /**
   * Binds an instant, truncated to microseconds (what every dialect stores).
   *
   * @param ps the statement
   * @param index the parameter index
   * @param instant the value
   * @throws SQLException on failure
   */
  public void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
    if (dialect == SqlDialect.MYSQL) {
      ps.setObject(index, LocalDateTime.ofInstant(micros, ZoneOffset.UTC));
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(micros, ZoneOffset.UTC));
    }
  }

  /**
   * Binds an optional instant.
   *
   * @param ps the statement
   * @param index the parameter index
   * @param instant the value, or empty for NULL
   * @throws SQLException on failure
   */
  public void setInstant(PreparedStatement ps, int index, Optional<Instant> instant) throws SQLException {
    if (instant.isPresent()) {
      setInstant(ps, index, instant.get());
    } else {
      ps.setNull(index, dialect == SqlDialect.MYSQL ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE);
    }
  }

  /**
   * Reads an instant.
   *
   * @param rs the result set
   * @param column the column name
   * @return the value, or empty if NULL
   * @throws SQLException on failure
   */
  public Optional<Instant> getInstant(ResultSet rs, String column) throws SQLException {
    if (dialect == SqlDialect.MYSQL) {
      LocalDateTime value = rs.getObject(column, LocalDateTime.class);
      return value == null ? Optional.empty() : Optional.of(value.toInstant(ZoneOffset.UTC));
    }
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? Optional.empty() : Optional.of(value.toInstant());
  }

  /**
   * Reads a required instant.
   *
   * @param rs the result set
   * @param column the column name
   * @return the value
   * @throws SQLException on failure or NULL
   */
  public Instant requireInstant(ResultSet rs, String column) throws SQLException {
    return getInstant(rs, column).orElseThrow(() -> new SQLException("column " + column + " is NULL", "22004"));
  }
}
