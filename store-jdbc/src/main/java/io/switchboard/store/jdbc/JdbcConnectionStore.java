package io.switchboard.store.jdbc;

import io.switchboard.ChannelType;
import io.switchboard.ConnectionConflictException;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.connection.ConnectionStatus;
import io.switchboard.spi.ConnectionStore;
import io.switchboard.store.jdbc.internal.Jdbc;
import io.switchboard.store.jdbc.internal.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ConnectionStore} on tables {@code <prefix>connection} (primary key channel + account id,
 * which makes an account belong to one tenant at most) and {@code <prefix>connection_attribute}
 * (one row per attribute, indexed by channel, name and value for {@link #findByAttribute}). A save
 * writes both tables in one transaction; reads use one statement, so they never see half a save.
 *
 * <p>Limits: account ids up to 255 characters, attribute names up to 128 and values up to 512
 * (longer ones are rejected with a {@link ValidationException} before any I/O). On MySQL/MariaDB
 * values compare byte for byte, but trailing spaces are ignored in lookups ({@code PAD SPACE}).
 *
 * <p>Thread-safe. Obtain it from {@link JdbcStores#connectionStore()}.
 */
public final class JdbcConnectionStore implements ConnectionStore {

  /** Longest attribute name stored. */
  public static final int MAX_ATTRIBUTE_NAME = 128;
  /** Longest attribute value stored. */
  public static final int MAX_ATTRIBUTE_VALUE = 512;
  /** Longest account id stored. */
  public static final int MAX_ACCOUNT_ID = 255;

  private final Jdbc jdbc;
  private final Sql sql;
  private final String connectionTable;
  private final String attributeTable;
  private final String selectJoined;

  JdbcConnectionStore(Jdbc jdbc, Sql sql) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.connectionTable = sql.t("connection");
    this.attributeTable = sql.t("connection_attribute");
    this.selectJoined = "SELECT c.channel, c.account_id, c.tenant_id, c.status, c.connected_at, c.updated_at,"
        + " a.attr_name, a.attr_value FROM " + connectionTable + " c LEFT JOIN " + attributeTable + " a"
        + " ON a.channel = c.channel AND a.account_id = c.account_id";
  }

  @Override
  public void save(ChannelConnection connection) {
    Objects.requireNonNull(connection, "connection");
    validate(connection);
    ConnectionKey key = connection.key();
    jdbc.inTransaction("connection.save", c -> {
      int updated;
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + connectionTable
          + " SET status = ?, connected_at = ?, updated_at = ? WHERE channel = ? AND account_id = ? AND tenant_id = ?")) {
        ps.setString(1, connection.status().name());
        sql.setInstant(ps, 2, connection.connectedAt());
        sql.setInstant(ps, 3, connection.updatedAt());
        ps.setString(4, key.channel().name());
        ps.setString(5, key.accountId());
        ps.setString(6, key.tenant().value());
        updated = ps.executeUpdate();
      }
      if (updated == 0) {
        insertOrConflict(c, connection);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM " + attributeTable + " WHERE channel = ? AND account_id = ?")) {
        ps.setString(1, key.channel().name());
        ps.setString(2, key.accountId());
        ps.executeUpdate();
      }
      if (!connection.attributes().isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + attributeTable
            + " (channel, account_id, attr_name, attr_value) VALUES (?, ?, ?, ?)")) {
          for (Map.Entry<String, String> attribute : connection.attributes().entrySet()) {
            ps.setString(1, key.channel().name());
            ps.setString(2, key.accountId());
            ps.setString(3, attribute.getKey());
            ps.setString(4, attribute.getValue());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      return null;
    });
  }

  private void insertOrConflict(Connection c, ChannelConnection connection) throws SQLException {
    ConnectionKey key = connection.key();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT tenant_id FROM " + connectionTable + " WHERE channel = ? AND account_id = ?")) {
      ps.setString(1, key.channel().name());
      ps.setString(2, key.accountId());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && !rs.getString(1).equals(key.tenant().value())) {
          throw conflict(key);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + connectionTable
        + " (channel, account_id, tenant_id, status, connected_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, key.channel().name());
      ps.setString(2, key.accountId());
      ps.setString(3, key.tenant().value());
      ps.setString(4, connection.status().name());
      sql.setInstant(ps, 5, connection.connectedAt());
      sql.setInstant(ps, 6, connection.updatedAt());
      ps.executeUpdate();
    } catch (SQLException e) {
      if (Jdbc.isIntegrityViolation(e)) {
        // a concurrent save inserted the account first: start over, the next attempt sees its row
        throw new Jdbc.RetryException(e);
      }
      throw e;
    }
  }

  private static ConnectionConflictException conflict(ConnectionKey key) {
    return new ConnectionConflictException(key.channel() + " account " + key.accountId()
        + " is already connected to another tenant; disconnect it there first");
  }

  private static void validate(ChannelConnection connection) {
    List<ValidationException.Violation> violations = new ArrayList<>();
    if (connection.accountId().length() > MAX_ACCOUNT_ID) {
      violations.add(new ValidationException.Violation("accountId", "at most " + MAX_ACCOUNT_ID + " characters"));
    }
    connection.attributes().forEach((name, value) -> {
      if (name.isEmpty() || name.length() > MAX_ATTRIBUTE_NAME) {
        violations.add(new ValidationException.Violation("attributes",
            "names must have 1 to " + MAX_ATTRIBUTE_NAME + " characters"));
      }
      if (value.length() > MAX_ATTRIBUTE_VALUE) {
        violations.add(new ValidationException.Violation("attributes." + abbreviate(name),
            "at most " + MAX_ATTRIBUTE_VALUE + " characters"));
      }
    });
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  @Override
  public Optional<ChannelConnection> find(ConnectionKey key) {
    Objects.requireNonNull(key, "key");
    List<ChannelConnection> found = query("connection.find",
        selectJoined + " WHERE c.channel = ? AND c.account_id = ? AND c.tenant_id = ?",
        key.channel().name(), key.accountId(), key.tenant().value());
    return found.stream().findFirst();
  }

  @Override
  public Optional<ChannelConnection> findByAccount(ChannelType channel, String accountId) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    return query("connection.findByAccount", selectJoined + " WHERE c.channel = ? AND c.account_id = ?",
        channel.name(), accountId).stream().findFirst();
  }

  @Override
  public List<ChannelConnection> findByAttribute(ChannelType channel, String name, String value) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.length() > MAX_ATTRIBUTE_NAME || value.length() > MAX_ATTRIBUTE_VALUE) {
      return List.of(); // cannot have been stored
    }
    return query("connection.findByAttribute", selectJoined
        + " WHERE c.channel = ? AND EXISTS (SELECT 1 FROM " + attributeTable + " m"
        + " WHERE m.channel = c.channel AND m.account_id = c.account_id AND m.channel = ?"
        + " AND m.attr_name = ? AND m.attr_value = ?)",
        channel.name(), channel.name(), name, value);
  }

  @Override
  public List<ChannelConnection> list(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return query("connection.list", selectJoined + " WHERE c.tenant_id = ?", tenant.value());
  }

  @Override
  public boolean delete(ConnectionKey key) {
    Objects.requireNonNull(key, "key");
    return jdbc.inTransaction("connection.delete", c -> {
      // attributes go with the row (ON DELETE CASCADE); deleted explicitly too, for clarity and for
      // schemas a host created without the foreign key
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + attributeTable
          + " WHERE channel = ? AND account_id = ? AND EXISTS (SELECT 1 FROM " + connectionTable + " o"
          + " WHERE o.channel = ? AND o.account_id = ? AND o.tenant_id = ?)")) {
        ps.setString(1, key.channel().name());
        ps.setString(2, key.accountId());
        ps.setString(3, key.channel().name());
        ps.setString(4, key.accountId());
        ps.setString(5, key.tenant().value());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM " + connectionTable + " WHERE channel = ? AND account_id = ? AND tenant_id = ?")) {
        ps.setString(1, key.channel().name());
        ps.setString(2, key.accountId());
        ps.setString(3, key.tenant().value());
        return ps.executeUpdate() > 0;
      }
    });
  }

  private List<ChannelConnection> query(String operation, String select, String... params) {
    return jdbc.inTransaction(operation, c -> {
      try (PreparedStatement ps = c.prepareStatement(select)) {
        for (int i = 0; i < params.length; i++) {
          ps.setString(i + 1, params[i]);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String channel = rs.getString("channel");
            String accountId = rs.getString("account_id");
            Row row = rows.get(channel + "\u0000" + accountId);
            if (row == null) {
              row = new Row(new ConnectionKey(TenantId.of(rs.getString("tenant_id")), ChannelType.valueOf(channel), accountId),
                  ConnectionStatus.valueOf(rs.getString("status")), sql.requireInstant(rs, "connected_at"),
                  sql.requireInstant(rs, "updated_at"), new HashMap<>());
              rows.put(channel + "\u0000" + accountId, row);
            }
            String name = rs.getString("attr_name");
            if (name != null) {
              row.attributes().put(name, rs.getString("attr_value"));
            }
          }
        }
        return rows.values().stream().map(Row::toConnection).toList();
      }
    });
  }

  private record Row(ConnectionKey key, ConnectionStatus status, Instant connectedAt, Instant updatedAt,
      Map<String, String> attributes) {
    ChannelConnection toConnection() {
      return new ChannelConnection(key, status, attributes, connectedAt, updatedAt);
    }
  }
}
