package io.switchboard.store.jdbc;

import io.switchboard.ValidationException;
import io.switchboard.spi.ConversationWindowStore;
import io.switchboard.spi.WindowKey;
import io.switchboard.store.jdbc.internal.Jdbc;
import io.switchboard.store.jdbc.internal.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ConversationWindowStore} on table {@code <prefix>conversation_window}, one row per
 * (tenant, channel, account, contact). {@code recordInbound} is a single atomic upsert that keeps
 * the later time: PostgreSQL {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE stored < new},
 * MySQL/MariaDB {@code INSERT ... ON DUPLICATE KEY UPDATE last_inbound = GREATEST(...)}, H2 an
 * {@code UPDATE ... SET last_inbound = GREATEST(...)} followed, when no row exists, by an insert
 * whose duplicate-key error (a concurrent first insert) reruns the transaction. Concurrent records
 * of different times therefore always end with the latest.
 *
 * <p>Limits: account and contact ids 255 characters ({@link ValidationException}). Thread-safe.
 * Obtain it from {@link JdbcStores#windowStore()}.
 */
public final class JdbcConversationWindowStore implements ConversationWindowStore {

  /** Longest account id and contact id. */
  public static final int MAX_ID = 255;

  private static final String KEY = "tenant_id = ? AND channel = ? AND account_id = ? AND contact_id = ?";

  private final Jdbc jdbc;
  private final Sql sql;
  private final String table;

  JdbcConversationWindowStore(Jdbc jdbc, Sql sql) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.table = sql.t("conversation_window");
  }

  @Override
  public void recordInbound(WindowKey key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    validate(key);
    String insert = "INSERT INTO " + table + " (tenant_id, channel, account_id, contact_id, last_inbound)"
        + " VALUES (?, ?, ?, ?, ?)";
    // one upsert per inbound message: on PostgreSQL and MySQL a single statement, so it runs as its
    // own auto-committed transaction (one round trip instead of two); H2 needs two statements
    switch (sql.dialect()) {
      case POSTGRESQL -> jdbc.singleStatement("window.recordInbound", c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " AS w (tenant_id, channel, account_id,"
            + " contact_id, last_inbound) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, channel, account_id, contact_id)"
            + " DO UPDATE SET last_inbound = EXCLUDED.last_inbound WHERE w.last_inbound < EXCLUDED.last_inbound")) {
          bindKey(ps, 1, key);
          sql.setInstant(ps, 5, at);
          return ps.executeUpdate();
        }
      });
      case MYSQL -> jdbc.singleStatement("window.recordInbound", c -> {
        try (PreparedStatement ps = c.prepareStatement(insert
            + " ON DUPLICATE KEY UPDATE last_inbound = GREATEST(last_inbound, VALUES(last_inbound))")) {
          bindKey(ps, 1, key);
          sql.setInstant(ps, 5, at);
          return ps.executeUpdate();
        }
      });
      default -> jdbc.inTransaction("window.recordInbound", c -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
            + " SET last_inbound = GREATEST(last_inbound, ?) WHERE " + KEY)) {
          sql.setInstant(ps, 1, at);
          bindKey(ps, 2, key);
          if (ps.executeUpdate() == 1) {
            return 1;
          }
        }
        try (PreparedStatement ps = c.prepareStatement(insert)) {
          bindKey(ps, 1, key);
          sql.setInstant(ps, 5, at);
          return ps.executeUpdate();
        } catch (SQLException e) {
          if (Jdbc.isIntegrityViolation(e)) {
            throw new Jdbc.RetryException(e); // a concurrent first record won; update it on the next attempt
          }
          throw e;
        }
      });
    }
  }

  /**
   * {@inheritDoc} PostgreSQL and MySQL/MariaDB: one auto-committed multi-row upsert per
   * {@value #ROWS_PER_UPSERT} keys, in a fixed key order (so two concurrent batches lock their rows
   * in the same order); H2: one record after the other.
   */
  @Override
  public void recordInbound(Map<WindowKey, Instant> latest) {
    Objects.requireNonNull(latest, "latest");
    latest.forEach((key, at) -> {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(at, "at");
      validate(key);
    });
    if (sql.dialect() != SqlDialect.POSTGRESQL && sql.dialect() != SqlDialect.MYSQL || latest.size() == 1) {
      latest.forEach(this::recordInbound);
      return;
    }
    List<WindowKey> keys = new ArrayList<>(latest.keySet());
    keys.sort(KEY_ORDER);
    for (int from = 0; from < keys.size(); from += ROWS_PER_UPSERT) {
      List<WindowKey> chunk = keys.subList(from, Math.min(keys.size(), from + ROWS_PER_UPSERT));
      String values = String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?)"));
      String upsert = sql.dialect() == SqlDialect.POSTGRESQL
          ? "INSERT INTO " + table + " AS w (tenant_id, channel, account_id, contact_id, last_inbound) VALUES " + values
              + " ON CONFLICT (tenant_id, channel, account_id, contact_id) DO UPDATE SET last_inbound ="
              + " EXCLUDED.last_inbound WHERE w.last_inbound < EXCLUDED.last_inbound"
          : "INSERT INTO " + table + " (tenant_id, channel, account_id, contact_id, last_inbound) VALUES " + values
              + " ON DUPLICATE KEY UPDATE last_inbound = GREATEST(last_inbound, VALUES(last_inbound))";
      jdbc.singleStatement("window.recordInbound", c -> {
        try (PreparedStatement ps = c.prepareStatement(upsert)) {
          int p = 1;
          for (WindowKey key : chunk) {
            bindKey(ps, p, key);
            sql.setInstant(ps, p + 4, latest.get(key));
            p += 5;
          }
          return ps.executeUpdate();
        }
      });
    }
  }

  private static final int ROWS_PER_UPSERT = 500;
  private static final Comparator<WindowKey> KEY_ORDER = Comparator.comparing((WindowKey k) -> k.tenant().value())
      .thenComparing(k -> k.channel().name()).thenComparing(WindowKey::accountId).thenComparing(WindowKey::contactId);

  @Override
  public Optional<Instant> lastInbound(WindowKey key) {
    Objects.requireNonNull(key, "key");
    return jdbc.inTransaction("window.lastInbound", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT last_inbound FROM " + table + " WHERE " + KEY)) {
        bindKey(ps, 1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? sql.getInstant(rs, "last_inbound") : Optional.<Instant>empty();
        }
      }
    });
  }

  private static void bindKey(PreparedStatement ps, int p, WindowKey key) throws SQLException {
    ps.setString(p, key.tenant().value());
    ps.setString(p + 1, key.channel().name());
    ps.setString(p + 2, key.accountId());
    ps.setString(p + 3, key.contactId());
  }

  private static void validate(WindowKey key) {
    if (key.accountId().length() > MAX_ID) {
      throw ValidationException.of("accountId", "at most " + MAX_ID + " characters");
    }
    if (key.contactId().length() > MAX_ID) {
      throw ValidationException.of("contactId", "at most " + MAX_ID + " characters");
    }
  }
}
