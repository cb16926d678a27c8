package io.switchboard.examples.engine;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tenants in table {@code engine_tenant} of the same database as Switchboard's stores (plain JDBC;
 * the DDL works on H2 and PostgreSQL).
 */
final class JdbcTenantRegistry implements TenantRegistry {
  private final DataSource dataSource;

  JdbcTenantRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS engine_tenant ("
          + "tenant_id VARCHAR(64) PRIMARY KEY, name VARCHAR(255) NOT NULL, forward_url VARCHAR(2000) NOT NULL,"
          + " forward_secret VARCHAR(255) NOT NULL, api_key_hash CHAR(64) NOT NULL UNIQUE,"
          + " created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create engine_tenant: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean create(Tenant t) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO engine_tenant (tenant_id, name, forward_url, forward_secret, api_key_hash) VALUES (?,?,?,?,?)")) {
      ps.setString(1, t.tenantId());
      ps.setString(2, t.name());
      ps.setString(3, t.forwardUrl().toString());
      ps.setString(4, t.forwardSecret());
      ps.setString(5, t.apiKeyHash());
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        return false; // integrity constraint: the id is taken
      }
      throw new IllegalStateException("engine_tenant insert failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean updateForwardUrl(String tenantId, URI forwardUrl) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE engine_tenant SET forward_url = ? WHERE tenant_id = ?")) {
      ps.setString(1, forwardUrl.toString());
      ps.setString(2, tenantId);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("engine_tenant update failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Tenant> find(String tenantId) {
    return query("tenant_id", tenantId);
  }

  @Override
  public Optional<Tenant> findByApiKeyHash(String apiKeyHash) {
    return query("api_key_hash", apiKeyHash);
  }

  private Optional<Tenant> query(String column, String value) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT tenant_id, name, forward_url, forward_secret, api_key_hash"
            + " FROM engine_tenant WHERE " + column + " = ?")) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Tenant(rs.getString(1), rs.getString(2), URI.create(rs.getString(3)),
            rs.getString(4), rs.getString(5)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("engine_tenant query failed: " + e.getMessage(), e);
    }
  }
}
