package io.switchboard.examples.engine;

import io.switchboard.Backoff;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.SwitchboardListener;
import io.switchboard.channel.instagram.InstagramChannel;
import io.switchboard.channel.instagram.InstagramConfig;
import io.switchboard.channel.messenger.MessengerChannel;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.crypto.Keyring;
import io.switchboard.crypto.TokenCipher;
import io.switchboard.outbox.OutboundMessage;
import io.switchboard.store.jdbc.JdbcStores;
import io.switchboard.testkit.emulator.MetaEmulator;
import io.switchboard.webhook.servlet.SwitchboardWebhookServlet;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine server: Switchboard behind an HTTP API, for applications that use messaging as a
 * separate service. Tenants are other applications; each gets an API key, connects its channels
 * through the admin API, sends with {@code POST /send} and receives its events, signed, at its
 * {@code forward_url}. See {@code examples/README.md}.
 */
public final class EngineServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("engine");

  private final EngineConfig config;
  private final String adminKey;
  private MetaEmulator emulator;
  private Switchboard switchboard;
  private Server jetty;
  private DataSource dataSource;
  private TenantRegistry tenants;
  private EmulatorAccounts emulatorAccounts;
  private int port;

  public EngineServer(EngineConfig config) {
    this.config = config;
    String key = config.adminKey();
    if (key == null) {
      key = config.demo() ? "demo-admin-key" : Crypto.newApiKey();
      log.info("admin key (not given, so {}): {}", config.demo() ? "the demo's" : "generated for this run", key);
    }
    this.adminKey = key;
  }

  public static void main(String[] args) throws Exception {
    EngineServer server;
    try {
      server = start(args, System.getenv());
    } catch (IllegalArgumentException e) {
      log.error("{}; {}", e.getMessage(), EngineConfig.usage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    server.jetty.join();
  }

  /**
   * Parses the command line against an environment and starts a server.
   *
   * @param args the command line (see {@link EngineConfig#usage()})
   * @param env the environment variables to read ({@code System.getenv()}, or a map in tests)
   * @return the started server
   * @throws IllegalArgumentException for a bad option or missing {@code --meta=live} settings, naming
   *     every missing one (never a value)
   */
  public static EngineServer start(String[] args, Map<String, String> env) throws Exception {
    return new EngineServer(EngineConfig.parse(args, env)).start();
  }

  /** Starts everything; returns when the API answers. */
  public EngineServer start() throws Exception {
    Keyring keyring = Keyring.builder().primary("engine", tokenKey()).build();
    Switchboard.Builder builder = Switchboard.builder()
        .appSecret(Secret.of(config.appSecret()))
        .verifyToken(Secret.of(config.verifyToken()))
        .keyring(keyring)
        .handlerBackoff(Backoff.exponential(config.handlerInitialBackoff(), config.handlerMaxBackoff()))
        .channel(WhatsAppChannel.create())
        .channel(MessengerChannel.create());
    String igBase = config.instagramBaseUrl();
    if (config.meta().equals("emulator")) {
      // The database keeps the message ids of earlier runs and Switchboard drops an event whose id
      // it has seen: each run's emulator counts its ids from this run's start time (1,000 per ms).
      emulator = MetaEmulator.builder().appSecret(Secret.of(config.appSecret())).autoDeliverStatuses(true)
          .firstId(System.currentTimeMillis() * 1000).build().start();
      builder.graphBaseUrl(emulator.baseUrl());
      igBase = emulator.instagramBaseUrl();
      log.info("meta: in-process emulator at {}", emulator.baseUrl());
    } else if (config.metaBaseUrl() != null) {
      builder.graphBaseUrl(config.metaBaseUrl());
      log.info("meta: Graph API at {} (app {})", config.metaBaseUrl(), config.appId());
    } else {
      log.info("meta: live Graph API (app {})", config.appId());
    }
    builder.channel(igBase == null ? InstagramChannel.create()
        : InstagramChannel.create(InstagramConfig.builder().instagramGraphBaseUrl(igBase).build()));

    if (config.db().equals("mem")) {
      builder.inMemoryStores();
      tenants = new InMemoryTenantRegistry();
      log.info("database: in memory (nothing survives a restart)");
    } else {
      dataSource = dataSource();
      builder.stores(JdbcStores.builder().dataSource(dataSource).build());
      tenants = new JdbcTenantRegistry(dataSource);
      if (emulator != null) {
        emulatorAccounts = new EmulatorAccounts(dataSource, new TokenCipher(keyring));
        registerStoredAccountsOnEmulator();
      }
    }
    builder.eventHandler(new Forwarder(tenants, () -> switchboard, config.forwardTimeout()));
    builder.listener(new SwitchboardListener() {
      @Override
      public void onMessageStatus(OutboundMessage m) {
        log.info("[{}] {} message {} to {} is {}{}", m.tenant(), m.channel().name().toLowerCase(Locale.ROOT), m.id(),
            m.request().to(), m.status().name().toLowerCase(Locale.ROOT),
            m.errorMessage().map(x -> " (" + x + ")").orElse(""));
      }

      @Override
      public void onConnectionStatus(ChannelConnection c) {
        log.info("[{}] {} {} is {}", c.tenant(), c.channel(), c.accountId(), c.status());
      }
    });
    switchboard = builder.build();

    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(config.port());
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new SwitchboardWebhookServlet(switchboard.webhooks())), "/webhooks/meta");
    context.addServlet(new ServletHolder(new ApiServlet(switchboard, tenants, adminKey, this::connect)),
        "/*");
    DemoTenantApp demoApp = null;
    if (config.demo()) {
      demoApp = new DemoTenantApp(this);
      context.addServlet(new ServletHolder(demoApp), "/demo/*");
    }
    jetty.setHandler(context);
    jetty.start();
    port = connector.getLocalPort();
    if (emulator != null) {
      emulator.webhookTarget(URI.create(baseUrl() + "webhooks/meta"));
    }
    switchboard.start();
    log.info("engine API on {} (webhooks: {}webhooks/meta)", baseUrl(), baseUrl());
    if (demoApp != null) {
      demoApp.seedAndPlay();
    }
    return this;
  }

  /**
   * Connects an account (admin API, demo). In emulator mode the account is created on the emulator
   * too, once Switchboard has accepted it (another tenant's account is refused first), and
   * remembered for the next start.
   */
  void connect(ConnectRequest request) {
    switchboard.connections().connect(request);
    if (emulator == null) {
      return;
    }
    EmulatorAccounts.Account account = EmulatorAccounts.Account.of(request);
    registerOnEmulator(account);
    if (emulatorAccounts != null) {
      emulatorAccounts.save(account);
    }
  }

  /**
   * The emulator starts empty while the database remembers the connections: registers again every
   * account an earlier run connected, before the dispatcher sends anything.
   */
  private void registerStoredAccountsOnEmulator() {
    List<EmulatorAccounts.Account> stored = emulatorAccounts.all();
    stored.forEach(this::registerOnEmulator);
    if (!stored.isEmpty()) {
      log.info("meta: {} account(s) connected in earlier runs registered on the emulator again", stored.size());
    }
  }

  private void registerOnEmulator(EmulatorAccounts.Account a) {
    String token = a.token().reveal();
    switch (a.channel()) {
      case WHATSAPP -> emulator.whatsAppNumber(a.accountId(), a.linkedId(), token);
      case MESSENGER -> emulator.page(a.accountId(), token);
      case INSTAGRAM -> {
        if (InstagramChannel.LOGIN_FACEBOOK.equals(a.login())) {
          emulator.instagramAccountViaPage(a.accountId(), a.linkedId(), token);
        } else {
          emulator.instagramAccount(a.accountId(), token);
        }
      }
      default -> throw new IllegalArgumentException("the emulator has no " + a.channel() + " accounts");
    }
  }

  private String tokenKey() throws IOException {
    if (config.tokenKey() != null) {
      return config.tokenKey();
    }
    if (config.db().equals("mem")) {
      return Keyring.generateKeyBase64();
    }
    if (!config.db().equals("file")) {
      throw new IllegalArgumentException(
          "with --db=<jdbc url> give the token encryption key: --token-key or SWITCHBOARD_TOKEN_KEY");
    }
    Files.createDirectories(config.dataDir());
    Path file = config.dataDir().resolve("token.key");
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
    String key = Keyring.generateKeyBase64();
    Files.writeString(file, key, StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    log.info("generated the token encryption key {} (keep it with the database)", file.toAbsolutePath());
    return key;
  }

  private DataSource dataSource() throws IOException {
    String url;
    if (config.db().equals("file")) {
      Files.createDirectories(config.dataDir());
      url = "jdbc:h2:file:" + config.dataDir().toAbsolutePath().resolve("engine");
    } else {
      url = config.db();
    }
    log.info("database: {}", EngineConfig.redactPassword(url));
    if (url.startsWith("jdbc:h2:")) {
      return JdbcConnectionPool.create(url, "sa", "");
    }
    return new DriverManagerDataSource(url);
  }

  /** The base URL of the API, ending with {@code /}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/";
  }

  public int port() {
    return port;
  }

  public String adminKey() {
    return adminKey;
  }

  public Switchboard switchboard() {
    return switchboard;
  }

  /** The in-process emulator ({@code --meta=emulator}), or null. */
  public MetaEmulator emulator() {
    return emulator;
  }

  TenantRegistry tenants() {
    return tenants;
  }

  @Override
  public synchronized void close() {
    if (switchboard != null) {
      switchboard.close();
    }
    if (jetty != null) {
      try {
        jetty.stop();
      } catch (Exception e) {
        log.warn("stopping jetty: {}", e.toString());
      }
    }
    if (emulator != null) {
      emulator.close();
    }
    if (dataSource instanceof JdbcConnectionPool pool) {
      pool.dispose();
    }
  }

  /** A plain DriverManager data source for non-H2 URLs (PostgreSQL): one connection per operation. */
  private static final class DriverManagerDataSource implements DataSource {
    private final String url;

    DriverManagerDataSource(String url) {
      this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
