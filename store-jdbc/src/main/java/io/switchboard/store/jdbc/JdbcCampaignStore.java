package io.switchboard.store.jdbc;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import io.switchboard.ValidationException.Violation;
import io.switchboard.spi.CampaignRecord;
import io.switchboard.spi.CampaignStore;
import io.switchboard.store.jdbc.internal.Jdbc;
import io.switchboard.store.jdbc.internal.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CampaignStore} on table {@code <prefix>campaign} (primary key: the campaign id).
 * {@code create} of an id that exists fails with a {@link ValidationException} and keeps the stored
 * campaign; {@code markCancelled} is {@code UPDATE ... WHERE cancelled_at IS NULL}, so of concurrent
 * calls exactly one wins and the first time is kept.
 *
 * <p>Limits: campaign ids 128 characters, account ids 255, names 1000. Thread-safe. Obtain it from
 * {@link JdbcStores#campaignStore()}.
 */
public final class JdbcCampaignStore implements CampaignStore {

  /** Longest campaign id. */
  public static final int MAX_ID = 128;
  /** Longest account id. */
  public static final int MAX_ACCOUNT_ID = 255;
  /** Longest name. */
  public static final int MAX_NAME = 1000;

  private static final String COLUMNS = "id, tenant_id, channel, account_id, name, recipients, refused, created_at,"
      + " cancelled_at";

  private final Jdbc jdbc;
  private final Sql sql;
  private final String table;
  private final String pk;

  JdbcCampaignStore(Jdbc jdbc, Sql sql) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.table = sql.t("campaign");
    this.pk = sql.t("campaign_pk");
  }

  @Override
  public void create(CampaignRecord campaign) {
    Objects.requireNonNull(campaign, "campaign");
    validate(campaign);
    jdbc.inTransaction("campaign.create", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, campaign.id());
        ps.setString(2, campaign.tenant().value());
        ps.setString(3, campaign.channel().name());
        ps.setString(4, campaign.accountId());
        ps.setString(5, campaign.name());
        ps.setInt(6, campaign.recipients());
        ps.setInt(7, campaign.refused());
        sql.setInstant(ps, 8, campaign.createdAt());
        sql.setInstant(ps, 9, campaign.cancelledAt());
        return ps.executeUpdate();
      } catch (SQLException e) {
        // PostgreSQL names the constraint; MySQL says 'PRIMARY', H2 names the primary key index
        if (Jdbc.violates(e, pk) || Jdbc.isIntegrityViolation(e) && exists(c, campaign.id())) {
          throw ValidationException.of("id", "campaign " + campaign.id() + " already exists");
        }
        throw e;
      }
    });
  }

  private boolean exists(java.sql.Connection c, String id) {
    if (sql.dialect() == SqlDialect.POSTGRESQL) {
      return false; // the failed statement aborted the transaction; PostgreSQL named the constraint anyway
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public Optional<CampaignRecord> find(String id) {
    Objects.requireNonNull(id, "id");
    return jdbc.inTransaction("campaign.find", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<CampaignRecord>empty();
          }
          return Optional.of(new CampaignRecord(rs.getString("id"), TenantId.of(rs.getString("tenant_id")),
              ChannelType.valueOf(rs.getString("channel")), rs.getString("account_id"), rs.getString("name"),
              rs.getInt("recipients"), rs.getInt("refused"), sql.requireInstant(rs, "created_at"),
              sql.getInstant(rs, "cancelled_at")));
        }
      }
    });
  }

  @Override
  public boolean markCancelled(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    return jdbc.inTransaction("campaign.markCancelled", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET cancelled_at = ?"
          + " WHERE id = ? AND cancelled_at IS NULL")) {
        sql.setInstant(ps, 1, at);
        ps.setString(2, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  private static void validate(CampaignRecord campaign) {
    List<Violation> violations = new ArrayList<>();
    if (campaign.id().length() > MAX_ID) {
      violations.add(new Violation("id", "at most " + MAX_ID + " characters"));
    }
    if (campaign.accountId().length() > MAX_ACCOUNT_ID) {
      violations.add(new Violation("accountId", "at most " + MAX_ACCOUNT_ID + " characters"));
    }
    if (campaign.name().length() > MAX_NAME) {
      violations.add(new Violation("name", "at most " + MAX_NAME + " characters"));
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }
}
