package io.switchboard.store.jdbc;

import io.switchboard.ConfigurationException;
import io.switchboard.StoreException;
import io.switchboard.ValidationException.Violation;
import io.switchboard.store.jdbc.internal.Jdbc;
import io.switchboard.store.jdbc.internal.Migrator;
import io.switchboard.store.jdbc.internal.Sql;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Entry point of the JDBC stores: one database, one table prefix, six stores.
 *
 * <pre>{@code
 * JdbcStores stores = JdbcStores.builder()
 *     .dataSource(hikari)          // the host's pool; Switchboard keeps none of its own
 *     .tablePrefix("sb_")          // default "switchboard_"
 *     .build();                    // detects the dialect, applies pending schema scripts
 * Switchboard sb = Switchboard.builder()
 *     .tokenStore(stores.tokenStore())
 *     .connectionStore(stores.connectionStore())
 *     .inboxStore(stores.inboxStore())
 *     ...                          // outbound queue: stores.outboxStore(), windowStore(), campaignStore()
 * }</pre>
 *
 * <p>With {@code autoMigrate(false)} nothing is created: apply the scripts yourself (see
 * {@link JdbcMigrations}) or call {@link #migrate()} when you choose. Immutable and thread-safe;
 * the stores it hands out are thread-safe and may be shared.
 */
public final class JdbcStores implements io.switchboard.spi.Stores {

  /** The default table prefix. */
  public static final String DEFAULT_TABLE_PREFIX = "switchboard_";

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,20}");
  private static final Pattern MARIADB_VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+-MariaDB", Pattern.CASE_INSENSITIVE);

  private final Jdbc jdbc;
  private final Sql sql;
  private final JdbcTokenStore tokenStore;
  private final JdbcConnectionStore connectionStore;
  private final JdbcInboxStore inboxStore;
  private final JdbcOutboxStore outboxStore;
  private final JdbcConversationWindowStore windowStore;
  private final JdbcCampaignStore campaignStore;

  private JdbcStores(Jdbc jdbc, Sql sql) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.tokenStore = new JdbcTokenStore(jdbc, sql);
    this.connectionStore = new JdbcConnectionStore(jdbc, sql);
    this.inboxStore = new JdbcInboxStore(jdbc, sql);
    this.outboxStore = new JdbcOutboxStore(jdbc, sql);
    this.windowStore = new JdbcConversationWindowStore(jdbc, sql);
    this.campaignStore = new JdbcCampaignStore(jdbc, sql);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The token store.
   *
   * @return the store (the same instance on every call)
   */
  @Override
  public JdbcTokenStore tokenStore() {
    return tokenStore;
  }

  /**
   * The connection store.
   *
   * @return the store (the same instance on every call)
   */
  @Override
  public JdbcConnectionStore connectionStore() {
    return connectionStore;
  }

  /**
   * The inbox store.
   *
   * @return the store (the same instance on every call)
   */
  @Override
  public JdbcInboxStore inboxStore() {
    return inboxStore;
  }

  /**
   * The outbound queue.
   *
   * @return the store (the same instance on every call)
   */
  @Override
  public JdbcOutboxStore outboxStore() {
    return outboxStore;
  }

  /**
   * The conversation window store (when each contact last wrote).
   *
   * @return the store (the same instance on every call)
   */
  @Override
  public JdbcConversationWindowStore windowStore() {
    return windowStore;
  }

  /**
   * The campaign store.
   *
   * @return the store (the same instance on every call)
   */
  @Override
  public JdbcCampaignStore campaignStore() {
    return campaignStore;
  }

  /**
   * The dialect in use.
   *
   * @return the configured or detected dialect
   */
  public SqlDialect dialect() {
    return sql.dialect();
  }

  /**
   * The table prefix.
   *
   * @return the prefix
   */
  public String tablePrefix() {
    return sql.prefix();
  }

  /**
   * Applies pending schema scripts under a database lock, safe to call from several instances at
   * once; verifies the checksums of scripts applied before.
   *
   * @return the versions applied by this call, empty if the schema was up to date
   * @throws SchemaMigrationException on a checksum mismatch or a failed script
   */
  public List<Integer> migrate() {
    return new Migrator(jdbc.dataSource(), sql.dialect(), sql.prefix()).migrate();
  }

  static void checkPrefix(String prefix) {
    Objects.requireNonNull(prefix, "tablePrefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(prefixProblem(prefix));
    }
  }

  private static String prefixProblem(String prefix) {
    return "must match [a-z][a-z0-9_]{0,20} (lower case, at most 21 characters), got '" + prefix + "'";
  }

  /** Builds {@link JdbcStores}. Not thread-safe. */
  public static final class Builder {

    private DataSource dataSource;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private SqlDialect dialect;
    private boolean autoMigrate = true;

    private Builder() {}

    /**
     * The database. Required. Connections are borrowed per operation and returned with their
     * auto-commit setting restored.
     *
     * @param dataSource the host's data source (a pool, typically)
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /**
     * The prefix of every table, index and lock name, so that several installations can share a
     * schema. Default {@value JdbcStores#DEFAULT_TABLE_PREFIX}.
     *
     * @param tablePrefix {@code [a-z][a-z0-9_]{0,20}}
     * @return this builder
     */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
      return this;
    }

    /**
     * The dialect. Optional: detected from the database's metadata when not set (one connection is
     * borrowed at {@link #build()}). When set explicitly, the minimum versions are assumed
     * (PostgreSQL 12, MySQL 8.0, MariaDB 10.6, H2 2.x).
     *
     * @param dialect the dialect
     * @return this builder
     */
    public Builder dialect(SqlDialect dialect) {
      this.dialect = dialect;
      return this;
    }

    /**
     * Whether {@link #build()} applies pending schema scripts. Default true. Turn it off when the
     * host applies the scripts with its own Flyway or Liquibase (see the module README).
     *
     * @param autoMigrate true to migrate at build time
     * @return this builder
     */
    public Builder autoMigrate(boolean autoMigrate) {
      this.autoMigrate = autoMigrate;
      return this;
    }

    /**
     * Validates the settings, detects the dialect if needed and migrates if enabled.
     *
     * @return the stores
     * @throws ConfigurationException listing every invalid setting, or an unsupported database
     * @throws StoreException if the database cannot be reached
     * @throws SchemaMigrationException if migrating fails
     */
    public JdbcStores build() {
      List<Violation> violations = new ArrayList<>();
      if (dataSource == null) {
        violations.add(new Violation("dataSource", "is required"));
      }
      if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
        violations.add(new Violation("tablePrefix", prefixProblem(String.valueOf(tablePrefix))));
      }
      if (!violations.isEmpty()) {
        throw new ConfigurationException(violations);
      }
      Jdbc jdbc = new Jdbc(dataSource);
      Sql sql = dialect != null ? new Sql(dialect, tablePrefix, dialect != SqlDialect.H2) : detect(jdbc, tablePrefix);
      JdbcStores stores = new JdbcStores(jdbc, sql);
      if (autoMigrate) {
        stores.migrate();
      }
      return stores;
    }

    private static Sql detect(Jdbc jdbc, String prefix) {
      try (Connection c = jdbc.dataSource().getConnection()) {
        DatabaseMetaData meta = c.getMetaData();
        String product = Optional.ofNullable(meta.getDatabaseProductName()).orElse("");
        String version = Optional.ofNullable(meta.getDatabaseProductVersion()).orElse("");
        String name = product.toLowerCase(Locale.ROOT);
        int major = meta.getDatabaseMajorVersion();
        int minor = meta.getDatabaseMinorVersion();
        if (name.contains("postgresql")) {
          return new Sql(SqlDialect.POSTGRESQL, prefix, true);
        }
        if (name.equals("h2")) {
          // H2 applies SKIP LOCKED before the row limit, so claims use conditional updates instead
          return new Sql(SqlDialect.H2, prefix, false);
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
          Matcher mariadb = MARIADB_VERSION.matcher(version);
          boolean skipLocked;
          if (name.contains("mariadb") || mariadb.find()) {
            if (mariadb.find(0)) {
              major = Integer.parseInt(mariadb.group(1));
              minor = Integer.parseInt(mariadb.group(2));
            }
            skipLocked = major > 10 || (major == 10 && minor >= 6);
          } else {
            skipLocked = major >= 8;
          }
          return new Sql(SqlDialect.MYSQL, prefix, skipLocked);
        }
        throw new ConfigurationException(List.of(new Violation("dialect",
            "cannot detect a supported dialect for database '" + product + " " + version
                + "'; supported: PostgreSQL, MySQL 8, MariaDB 10.6, H2 2 (set dialect(...) if it is compatible)")));
      } catch (SQLException e) {
        throw Jdbc.failure("jdbc.detectDialect", e);
      }
    }
  }
}
