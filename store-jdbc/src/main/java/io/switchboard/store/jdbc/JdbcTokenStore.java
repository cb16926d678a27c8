package io.switchboard.store.jdbc;

import io.switchboard.connection.ConnectionKey;
import io.switchboard.spi.StoredToken;
import io.switchboard.spi.TokenStore;
import io.switchboard.store.jdbc.internal.Jdbc;
import io.switchboard.store.jdbc.internal.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TokenStore} on table {@code <prefix>token}: ciphertext only, one row per connection key,
 * saved with the dialect's atomic upsert. Thread-safe; every method borrows one connection.
 * Obtain it from {@link JdbcStores#tokenStore()}.
 */
public final class JdbcTokenStore implements TokenStore {

  private final Jdbc jdbc;
  private final Sql sql;
  private final String findSql;
  private final String saveSql;
  private final String deleteSql;

  JdbcTokenStore(Jdbc jdbc, Sql sql) {
    this.jdbc = jdbc;
    this.sql = sql;
    String table = sql.t("token");
    this.findSql = "SELECT ciphertext, expires_at, updated_at FROM " + table
        + " WHERE tenant_id = ? AND channel = ? AND account_id = ?";
    String columns = "(tenant_id, channel, account_id, ciphertext, expires_at, updated_at)";
    this.saveSql = switch (sql.dialect()) {
      case POSTGRESQL -> "INSERT INTO " + table + " " + columns + " VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (tenant_id, channel, account_id) DO UPDATE SET ciphertext = EXCLUDED.ciphertext,"
          + " expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at";
      case MYSQL -> "INSERT INTO " + table + " " + columns + " VALUES (?, ?, ?, ?, ?, ?)"
          + " ON DUPLICATE KEY UPDATE ciphertext = VALUES(ciphertext), expires_at = VALUES(expires_at),"
          + " updated_at = VALUES(updated_at)";
      case H2 -> "MERGE INTO " + table + " " + columns + " KEY (tenant_id, channel, account_id)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
    };
    this.deleteSql = "DELETE FROM " + table + " WHERE tenant_id = ? AND channel = ? AND account_id = ?";
  }

  @Override
  public Optional<StoredToken> find(ConnectionKey key) {
    Objects.requireNonNull(key, "key");
    return jdbc.inTransaction("token.find", c -> {
      try (PreparedStatement ps = c.prepareStatement(findSql)) {
        bindKey(ps, key);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(new StoredToken(rs.getString("ciphertext"), sql.getInstant(rs, "expires_at"),
              sql.requireInstant(rs, "updated_at")));
        }
      }
    });
  }

  @Override
  public void save(ConnectionKey key, StoredToken token) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(token, "token");
    jdbc.inTransaction("token.save", c -> {
      try (PreparedStatement ps = c.prepareStatement(saveSql)) {
        bindKey(ps, key);
        ps.setString(4, token.ciphertext());
        sql.setInstant(ps, 5, token.expiresAt());
        sql.setInstant(ps, 6, token.updatedAt());
        ps.executeUpdate();
      } catch (SQLException e) {
        if (Jdbc.isIntegrityViolation(e)) {
          throw new Jdbc.RetryException(e); // H2's MERGE lost an insert race; the next attempt updates
        }
        throw e;
      }
      return null;
    });
  }

  @Override
  public boolean delete(ConnectionKey key) {
    Objects.requireNonNull(key, "key");
    return jdbc.inTransaction("token.delete", c -> {
      try (PreparedStatement ps = c.prepareStatement(deleteSql)) {
        bindKey(ps, key);
        return ps.executeUpdate() > 0;
      }
    });
  }

  private static void bindKey(PreparedStatement ps, ConnectionKey key) throws SQLException {
    ps.setString(1, key.tenant().value());
    ps.setString(2, key.channel().name());
    ps.setString(3, key.accountId());
  }
}
