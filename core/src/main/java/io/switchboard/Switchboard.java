package io.switchboard;

import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.Connections;
import io.switchboard.crypto.Keyring;
import io.switchboard.crypto.TokenCipher;
import io.switchboard.event.EventHandler;
import io.switchboard.event.Inbox;
import io.switchboard.graph.GraphApiException;
import io.switchboard.graph.GraphClient;
import io.switchboard.internal.ConnectionTenantResolver;
import io.switchboard.internal.DefaultConnections;
import io.switchboard.internal.DefaultWebhookProcessor;
import io.switchboard.internal.EventCodec;
import io.switchboard.internal.InboxDispatcher;
import io.switchboard.internal.OutboxEngine;
import io.switchboard.internal.TokenService;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import io.switchboard.outbox.Campaigns;
import io.switchboard.outbox.MessageHandle;
import io.switchboard.outbox.Outbox;
import io.switchboard.outbox.RetryPolicy;
import io.switchboard.outbox.ThroughputLimits;
import io.switchboard.outbox.WindowPolicy;
import io.switchboard.spi.CampaignStore;
import io.switchboard.spi.ConsentChecker;
import io.switchboard.spi.ConversationWindowStore;
import io.switchboard.spi.OutboxStore;
import io.switchboard.spi.Stores;
import io.switchboard.spi.ChannelAdapter;
import io.switchboard.spi.ChannelContext;
import io.switchboard.spi.ConnectionStore;
import io.switchboard.spi.InboxEntry;
import io.switchboard.spi.InboxStore;
import io.switchboard.spi.TenantResolver;
import io.switchboard.spi.TokenStore;
import io.switchboard.store.memory.InMemoryStores;
import io.switchboard.webhook.WebhookProcessor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: one instance per host application, shared by all its tenants.
 *
 * <pre>{@code
 * Switchboard switchboard = Switchboard.builder()
 *     .appSecret(Secret.of(appSecret))              // signs Meta's webhooks
 *     .verifyToken(Secret.of(verifyToken))          // the handshake token you typed in the App Dashboard
 *     .keyring(Keyring.builder().primary("k1", base64Key).build())
 *     .channel(WhatsAppChannel.create())
 *     .inMemoryStores()                             // or .stores(...) backed by a database
 *     .eventHandler((tenant, event) -> crm.onEvent(tenant, event))
 *     .build();
 * switchboard.start();                              // background dispatch of inbound events
 * }</pre>
 *
 * <p>Webhooks reach it through {@link #webhooks()}; tenants' accounts are managed through
 * {@link #connections()}; messages go out through {@link #send(SendRequest)} (queued, retried,
 * rate-limited) or {@link #sendNow(SendRequest)}. The instance starts
 * no thread until {@link #start()}, and {@link #close()} stops everything it started (but nothing
 * the host passed in). Thread-safe.
 */
public final class Switchboard implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Switchboard.class);

  private final Map<ChannelType, ChannelAdapter> adapters;
  private final DefaultConnections connections;
  private final DefaultWebhookProcessor webhooks;
  private final InboxDispatcher dispatcher;
  private final ConnectionTenantResolver defaultResolver;
  private final TenantResolver resolver;
  private final InboxStore inboxStore;
  private final Clock clock;
  private final OutboxEngine outbox;
  private final int outboxConcurrency;
  private final OkHttpClient ownedHttpClient;
  private final ScheduledExecutorService hostScheduler;
  private final int dispatcherThreads;
  private final int dispatchBatchSize;
  private final Duration pollInterval;
  private final Duration dispatchLinger;
  private final Duration inboxRetention;
  private final Duration maintenanceInterval;

  private final Object lifecycle = new Object();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final AtomicBoolean outboxWakePending = new AtomicBoolean();
  private volatile ExecutorService senderPool;
  private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
  private volatile ScheduledExecutorService scheduler;
  private volatile boolean running;
  private volatile boolean closed;

  private Switchboard(Builder b) {
    this.clock = b.clock;
    this.outboxConcurrency = b.outboxConcurrency;
    this.hostScheduler = b.scheduler;
    this.dispatcherThreads = b.dispatcherThreads;
    this.dispatchBatchSize = b.dispatchBatchSize;
    this.pollInterval = b.pollInterval;
    this.dispatchLinger = b.dispatchLinger;
    this.inboxRetention = b.inboxRetention;
    this.maintenanceInterval = b.maintenanceInterval;
    this.inboxStore = b.inboxStore;

    OkHttpClient http = b.httpClient;
    this.ownedHttpClient = http == null ? new OkHttpClient() : null;
    GraphClient graph = GraphClient.builder()
        .httpClient(http != null ? http : ownedHttpClient)
        .baseUrl(b.graphBaseUrl)
        .version(b.graphApiVersion)
        .build();

    TokenService tokens = new TokenService(b.tokenStore, new TokenCipher(b.keyring), clock);
    if (b.tenantResolver == null) {
      this.defaultResolver = new ConnectionTenantResolver(b.connectionStore, clock, b.resolverCacheTtl, 1_000_000);
      this.resolver = defaultResolver;
    } else {
      this.defaultResolver = null;
      this.resolver = b.tenantResolver;
    }
    this.connections = new DefaultConnections(
        b.connectionStore, tokens, b.inboxStore, defaultResolver, b.outboxStore, b.listener, clock);

    Map<ChannelType, ChannelAdapter> byChannel = new EnumMap<>(ChannelType.class);
    Map<String, ChannelAdapter> byObject = new HashMap<>();
    for (ChannelAdapter adapter : b.channels) {
      byChannel.put(adapter.channel(), adapter);
      adapter.webhookObjects().forEach(o -> byObject.put(o, adapter));
    }
    this.adapters = Map.copyOf(byChannel);
    String node = b.nodeId != null ? b.nodeId : "node-" + UUID.randomUUID();
    this.outbox = new OutboxEngine(b.outboxStore, b.campaignStore, b.windowStore, b.consentChecker, adapters,
        connections, clock, b.listener, new OutboxEngine.Settings(b.retryPolicy, b.throughputLimits, b.windowPolicy,
            b.outboxBatchSize, b.outboxConcurrency, b.dispatchLease, node));

    EventCodec codec = new EventCodec();
    this.dispatcher = new InboxDispatcher(
        b.inboxStore, codec, b.eventHandler, clock, b.handlerBackoff, b.dispatchBatchSize, b.dispatchLease,
        node, outbox);

    ChannelContext context = new Context(graph);
    for (ChannelAdapter adapter : b.channels) {
      adapter.bind(context);
    }
    List<Secret> secrets = new ArrayList<>();
    secrets.add(b.appSecret);
    secrets.addAll(b.additionalAppSecrets);
    this.webhooks = new DefaultWebhookProcessor(
        secrets, b.verifyToken, byObject, resolver, b.inboxStore, codec, clock,
        b.maxWebhookBodyBytes, b.orderByConversation, this::wakeDispatcher);
  }

  /**
   * Starts configuring a Switchboard.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The webhook endpoint logic. Mount it with
   * {@link io.switchboard.webhook.servlet.SwitchboardWebhookServlet}.
   *
   * @return the processor
   */
  public WebhookProcessor webhooks() {
    return webhooks;
  }

  /**
   * Connect, list and disconnect tenants' channel accounts.
   *
   * @return the connections API
   */
  public Connections connections() {
    return connections;
  }

  /**
   * Inspect stored inbound events and dispatch them on the calling thread.
   *
   * @return the inbox view
   */
  public Inbox inbox() {
    return dispatcher;
  }

  /**
   * Queues a message and returns at once. The message is checked first: against the channel's
   * documented limits ({@link ValidationException}) and the messaging-window policy
   * ({@link PolicyViolationException}); nothing is queued if a check fails. It is then stored
   * durably and sent by the dispatcher (after {@link #start()}, or {@link #outbox()}
   * {@code .dispatchDue()}), with the tenant's own token and account, within the account's
   * throughput limit, retried on retryable errors. With an idempotency key, repeating the call
   * returns the message queued the first time.
   *
   * @param request what to send
   * @return the handle: message id, current status, and a future for the channel's acceptance
   * @throws ValidationException if the request breaks a channel limit
   * @throws PolicyViolationException if a messaging-window rule forbids it
   * @throws ConnectionNotFoundException if the tenant has no connection on the channel
   */
  public MessageHandle send(SendRequest request) {
    Objects.requireNonNull(request, "request");
    ensureOpen();
    return outbox.enqueue(request);
  }

  /**
   * Sends a message now, on the calling thread, bypassing the queue: no retries and no throughput
   * limit. For interactive tools that must know the outcome immediately; everything else should
   * use {@link #send(SendRequest)}.
   *
   * @param request what to send
   * @return the channel's receipt with its message id
   * @throws ValidationException if the request breaks a channel limit
   * @throws PolicyViolationException if a messaging-window rule forbids it
   * @throws ConnectionNotFoundException if the tenant has no usable connection
   * @throws GraphApiException if the channel refuses it; a rejected token also marks the connection
   *     {@code NEEDS_REAUTH}
   * @throws TransportException if no answer came back
   */
  public SendReceipt sendNow(SendRequest request) {
    Objects.requireNonNull(request, "request");
    ensureOpen();
    return outbox.sendNow(request);
  }

  /**
   * The outbound queue: look messages up, list failures, re-drive them.
   *
   * @return the outbox view
   */
  public Outbox outbox() {
    return outbox;
  }

  /**
   * Bulk sends with consent checks, progress and cancel.
   *
   * @return the campaigns API
   */
  public Campaigns campaigns() {
    return outbox;
  }

  /**
   * Starts background work: inbound event dispatch, outbound sending (its sender threads), and
   * periodic inbox maintenance (purging old delivered events, handing unroutable events to tenants
   * connected on other instances). Uses
   * the host's scheduler if one was configured, otherwise starts its own daemon threads.
   * Calling it again has no effect.
   */
  public void start() {
    synchronized (lifecycle) {
      ensureOpen();
      if (running) {
        return;
      }
      ScheduledExecutorService s = hostScheduler;
      if (s == null) {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(dispatcherThreads + 1, r -> {
          Thread t = new Thread(r, "switchboard-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
        own.setRemoveOnCancelPolicy(true);
        s = own;
      }
      scheduler = s;
      running = true;
      AtomicInteger senderThreads = new AtomicInteger();
      ThreadPoolExecutor senders = new ThreadPoolExecutor(outboxConcurrency, outboxConcurrency, 60, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "switchboard-sender-" + senderThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      senderPool = senders;
      outbox.startBackground(senders, this::wakeOutbox);
      long poll = pollInterval.toMillis();
      scheduled.add(s.scheduleWithFixedDelay(this::outboxRoundQuietly, 0, poll, TimeUnit.MILLISECONDS));
      for (int i = 0; i < dispatcherThreads; i++) {
        scheduled.add(s.scheduleWithFixedDelay(this::drainQuietly, 0, poll, TimeUnit.MILLISECONDS));
      }
      long maint = maintenanceInterval.toMillis();
      scheduled.add(s.scheduleWithFixedDelay(this::maintainQuietly, maint, maint, TimeUnit.MILLISECONDS));
      log.info("switchboard started: {} dispatcher thread(s), channels {}", dispatcherThreads, adapters.keySet());
    }
  }

  /**
   * Whether {@link #start()} has been called and {@link #close()} has not.
   *
   * @return true while background work runs
   */
  public boolean isRunning() {
    return running;
  }

  /**
   * Stops background work, waiting up to 10 seconds for a dispatch in progress to finish, and
   * releases what this instance created (its threads, its HTTP connection pool). Events not yet
   * dispatched stay stored and are dispatched after the next start. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      running = false;
      scheduled.forEach(f -> f.cancel(false));
      scheduled.clear();
      outbox.stopBackground();
      ExecutorService senders = senderPool;
      if (senders != null) {
        shutdownAndWait(senders, "sends did not finish within 10 s; interrupting (their leases expire and they are retried)");
      }
      ScheduledExecutorService s = scheduler;
      if (s != null && s != hostScheduler) {
        shutdownAndWait(s, "dispatch did not finish within 10 s; interrupting");
      }
      if (ownedHttpClient != null) {
        ownedHttpClient.dispatcher().executorService().shutdown();
        ownedHttpClient.connectionPool().evictAll();
      }
      log.info("switchboard closed");
    }
  }

  /** Shuts down an executor this instance created, waiting up to 10 s before interrupting it. */
  private static void shutdownAndWait(ExecutorService executor, String whenLate) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn(whenLate);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this Switchboard is closed");
    }
  }

  private void wakeDispatcher() {
    wake(wakePending, this::drainQuietly, dispatchLinger);
  }

  private void wakeOutbox() {
    wake(outboxWakePending, this::outboxRoundQuietly, Duration.ZERO);
  }

  /**
   * Runs {@code round} on the scheduler after {@code delay} (at once if zero), unless a wake-up of
   * the same kind is already pending: wake-ups within the delay share one round.
   */
  private void wake(AtomicBoolean pending, Runnable round, Duration delay) {
    ScheduledExecutorService s = scheduler;
    if (running && s != null && pending.compareAndSet(false, true)) {
      Runnable task = () -> {
        pending.set(false);
        round.run();
      };
      try {
        if (delay.isZero()) {
          s.execute(task);
        } else {
          s.schedule(task, delay.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
      } catch (java.util.concurrent.RejectedExecutionException e) {
        pending.set(false); // shutting down; the work stays stored
      }
    }
  }

  private void outboxRoundQuietly() {
    quietly("outbox dispatch round", outbox::dispatchRound);
  }

  /**
   * Dispatches due events batch by batch while running: {@code close()} then waits for the batch
   * in hand, not for a whole backlog (which on a slow store could outlast its 10 s wait and keep
   * the thread dispatching after close returned). Undispatched events stay stored.
   */
  private void drainQuietly() {
    quietly("inbox dispatch round", () -> {
      int n;
      do {
        n = dispatcher.dispatchBatch();
      } while (n == dispatchBatchSize && running);
    });
  }

  private void maintainQuietly() {
    quietly("inbox maintenance", this::maintain);
  }

  /** Background work: skipped once stopped; a failure is logged and the next round tries again. */
  private void quietly(String what, Runnable work) {
    if (!running) {
      return;
    }
    try {
      work.run();
    } catch (RuntimeException e) {
      log.error("{} failed; retrying next round", what, e);
    }
  }

  /** Purges old delivered events and hands unroutable ones to tenants that now own their accounts. */
  void maintain() {
    int purged = inboxStore.purgeDelivered(clock.instant().minus(inboxRetention));
    if (purged > 0) {
      log.debug("purged {} delivered inbox entries", purged);
    }
    Set<List<String>> seen = new LinkedHashSet<>();
    for (InboxEntry entry : inboxStore.unroutable(500)) {
      ChannelType channel = entry.event().channel();
      String account = entry.event().accountId();
      if (seen.add(List.of(channel.name(), account))) {
        Optional<TenantId> owner = defaultResolver != null
            ? defaultResolver.lookup(channel, account)
            : resolver.resolve(channel, account);
        owner.ifPresent(t -> inboxStore.assignUnroutable(channel, account, t));
      }
    }
    if (!seen.isEmpty()) {
      wakeDispatcher();
    }
  }

  /** What channel adapters get. */
  private final class Context implements ChannelContext {
    private final GraphClient graph;

    Context(GraphClient graph) {
      this.graph = graph;
    }

    @Override
    public GraphClient graph() {
      return graph;
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public ChannelConnection connection(TenantId tenant, ChannelType channel, Optional<String> accountId) {
      return connections.usable(tenant, channel, accountId);
    }

    @Override
    public Secret accessToken(ChannelConnection connection) {
      return connections.token(connection);
    }

    @Override
    public void reportAuthFailure(ChannelConnection connection) {
      connections.markNeedsReauth(connection);
    }
  }

  /**
   * Configures a {@link Switchboard}. Required: {@link #appSecret}, {@link #verifyToken},
   * {@link #keyring}, at least one {@link #channel}, the stores, and
   * {@link #eventHandler}. {@link #build()} reports every missing or invalid setting at once.
   * Not thread-safe.
   */
  public static final class Builder {
    private Secret appSecret;
    private final List<Secret> additionalAppSecrets = new ArrayList<>();
    private Secret verifyToken;
    private Keyring keyring;
    private final List<ChannelAdapter> channels = new ArrayList<>();
    private TokenStore tokenStore;
    private ConnectionStore connectionStore;
    private InboxStore inboxStore;
    private EventHandler eventHandler;
    private TenantResolver tenantResolver;
    private Clock clock = Clock.systemUTC();
    private OkHttpClient httpClient;
    private String graphBaseUrl = GraphClient.DEFAULT_BASE_URL;
    private String graphApiVersion = GraphClient.DEFAULT_VERSION;
    private int maxWebhookBodyBytes = 4 * 1024 * 1024;
    private Backoff handlerBackoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(15));
    private int dispatchBatchSize = 100;
    private Duration dispatchLease = Duration.ofMinutes(5);
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration dispatchLinger = Duration.ofMillis(5);
    private int dispatcherThreads = 1;
    private boolean orderByConversation = true;
    private Duration inboxRetention = Duration.ofDays(8);
    private Duration maintenanceInterval = Duration.ofMinutes(1);
    private Duration resolverCacheTtl = Duration.ofSeconds(30);
    private ScheduledExecutorService scheduler;
    private String nodeId;
    private OutboxStore outboxStore;
    private ConversationWindowStore windowStore;
    private CampaignStore campaignStore;
    private ConsentChecker consentChecker = ConsentChecker.DENY_ALL;
    private SwitchboardListener listener = SwitchboardListener.NONE;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private ThroughputLimits throughputLimits = ThroughputLimits.defaults();
    private WindowPolicy windowPolicy = WindowPolicy.standard();
    private int outboxConcurrency = 32;
    private int outboxBatchSize = 100;

    private Builder() {}

    /**
     * The Meta app secret, used to verify {@code X-Hub-Signature-256}. Required.
     *
     * @param appSecret the app secret
     * @return this builder
     */
    public Builder appSecret(Secret appSecret) {
      this.appSecret = appSecret;
      return this;
    }

    /**
     * Another secret whose signatures are also accepted: the old secret during a rotation, or the
     * separate Instagram app secret of an Instagram-Login app.
     *
     * @param secret the additional secret
     * @return this builder
     */
    public Builder additionalAppSecret(Secret secret) {
      additionalAppSecrets.add(Objects.requireNonNull(secret, "secret"));
      return this;
    }

    /**
     * The token Meta echoes in the subscription handshake. Required.
     *
     * @param verifyToken the string typed in the App Dashboard
     * @return this builder
     */
    public Builder verifyToken(Secret verifyToken) {
      this.verifyToken = verifyToken;
      return this;
    }

    /**
     * The keys that encrypt access tokens at rest. Required.
     *
     * @param keyring the keyring
     * @return this builder
     */
    public Builder keyring(Keyring keyring) {
      this.keyring = keyring;
      return this;
    }

    /**
     * Registers a channel. At most one per {@link ChannelType}.
     *
     * @param adapter the channel, such as {@code WhatsAppChannel.create()}
     * @return this builder
     */
    public Builder channel(ChannelAdapter adapter) {
      channels.add(Objects.requireNonNull(adapter, "adapter"));
      return this;
    }

    /**
     * Sets every store from one backend (such as {@code JdbcStores}).
     *
     * @param stores the stores
     * @return this builder
     */
    public Builder stores(Stores stores) {
      this.tokenStore = stores.tokenStore();
      this.connectionStore = stores.connectionStore();
      this.inboxStore = stores.inboxStore();
      this.outboxStore = stores.outboxStore();
      this.windowStore = stores.windowStore();
      this.campaignStore = stores.campaignStore();
      return this;
    }

    /**
     * Uses fresh in-memory stores: for tests and demos. Everything is lost on restart, including
     * acknowledged webhooks and queued messages, so production hosts use a database-backed store.
     *
     * @return this builder
     */
    public Builder inMemoryStores() {
      return stores(new InMemoryStores());
    }

    /**
     * Sets the token store.
     *
     * @param store the store
     * @return this builder
     */
    public Builder tokenStore(TokenStore store) {
      this.tokenStore = store;
      return this;
    }

    /**
     * Sets the connection store.
     *
     * @param store the store
     * @return this builder
     */
    public Builder connectionStore(ConnectionStore store) {
      this.connectionStore = store;
      return this;
    }

    /**
     * Sets the inbox store.
     *
     * @param store the store
     * @return this builder
     */
    public Builder inboxStore(InboxStore store) {
      this.inboxStore = store;
      return this;
    }

    /**
     * Sets the outbound message store.
     *
     * @param store the store
     * @return this builder
     */
    public Builder outboxStore(OutboxStore store) {
      this.outboxStore = store;
      return this;
    }

    /**
     * Sets the messaging-window store.
     *
     * @param store the store
     * @return this builder
     */
    public Builder windowStore(ConversationWindowStore store) {
      this.windowStore = store;
      return this;
    }

    /**
     * Sets the campaign store.
     *
     * @param store the store
     * @return this builder
     */
    public Builder campaignStore(CampaignStore store) {
      this.campaignStore = store;
      return this;
    }

    /**
     * Decides who may receive campaigns. Default: nobody ({@link ConsentChecker#DENY_ALL}).
     *
     * @param checker the checker
     * @return this builder
     */
    public Builder consentChecker(ConsentChecker checker) {
      this.consentChecker = checker;
      return this;
    }

    /**
     * Told about outbound status changes and connection status changes. Default: none.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(SwitchboardListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * How outbound messages are retried. Default {@link RetryPolicy#defaults()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = policy;
      return this;
    }

    /**
     * Messages per second per sending account. Default {@link ThroughputLimits#defaults()}.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder throughputLimits(ThroughputLimits limits) {
      this.throughputLimits = limits;
      return this;
    }

    /**
     * The messaging-window rules. Default {@link WindowPolicy#standard()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder windowPolicy(WindowPolicy policy) {
      this.windowPolicy = policy;
      return this;
    }

    /**
     * How many outbound sends may be in flight at once (sender threads started by
     * {@link Switchboard#start()}). Default 32; raise it for high-latency links or many accounts.
     *
     * @param concurrency 1 to 1024
     * @return this builder
     */
    public Builder outboxConcurrency(int concurrency) {
      this.outboxConcurrency = concurrency;
      return this;
    }

    /**
     * Outbound messages claimed per dispatch round. Default 100.
     *
     * @param size 1 to 10,000
     * @return this builder
     */
    public Builder outboxBatchSize(int size) {
      this.outboxBatchSize = size;
      return this;
    }

    /**
     * The host's callback for inbound events. Required.
     *
     * @param handler the handler
     * @return this builder
     */
    public Builder eventHandler(EventHandler handler) {
      this.eventHandler = handler;
      return this;
    }

    /**
     * Replaces the default routing (connection store lookup through a cache).
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder tenantResolver(TenantResolver resolver) {
      this.tenantResolver = resolver;
      return this;
    }

    /**
     * The clock for every time decision. Default: system UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The host's OkHttp client; its pool is shared, and {@link Switchboard#close()} leaves it open.
     * Default: a client of Switchboard's own.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * The Graph API base URL. Default {@code https://graph.facebook.com}.
     *
     * @param baseUrl the URL
     * @return this builder
     */
    public Builder graphBaseUrl(String baseUrl) {
      this.graphBaseUrl = baseUrl;
      return this;
    }

    /**
     * The Graph API version. Default {@code v26.0}.
     *
     * @param version such as {@code v26.0}
     * @return this builder
     */
    public Builder graphApiVersion(String version) {
      this.graphApiVersion = version;
      return this;
    }

    /**
     * The largest webhook body accepted. Default 4 MiB (WhatsApp documents up to 3 MB).
     *
     * @param bytes the cap
     * @return this builder
     */
    public Builder maxWebhookBodyBytes(int bytes) {
      this.maxWebhookBodyBytes = bytes;
      return this;
    }

    /**
     * Waits between failed handler calls for one event. Default: 1 s doubling to 15 min.
     *
     * @param backoff the back-off
     * @return this builder
     */
    public Builder handlerBackoff(Backoff backoff) {
      this.handlerBackoff = backoff;
      return this;
    }

    /**
     * Events claimed per dispatch round. Default 100.
     *
     * @param size the batch size
     * @return this builder
     */
    public Builder dispatchBatchSize(int size) {
      this.dispatchBatchSize = size;
      return this;
    }

    /**
     * How long a claimed event is reserved for one dispatcher; after a crash, another instance
     * takes it over when the lease ends. Default 5 minutes; must exceed the handler's longest run.
     *
     * @param lease the lease
     * @return this builder
     */
    public Builder dispatchLease(Duration lease) {
      this.dispatchLease = lease;
      return this;
    }

    /**
     * How often dispatchers look for due events (new events also wake them at once). Default 1 s.
     *
     * @param interval the interval
     * @return this builder
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = interval;
      return this;
    }

    /**
     * How long a background dispatcher that a new event woke waits before it claims, so that the
     * events of the webhooks arriving meanwhile are claimed, handed over and marked delivered
     * together. Default 5 ms. Under load this turns many claims of one or two events into a few of
     * dozens (with a database inbox, one claim and one delivery mark cost several round trips);
     * the price is that an event reaches the handler up to this much later. Zero claims at once.
     * The acknowledgement to Meta never waits for it.
     *
     * @param linger the wait, from zero to the {@link #pollInterval(Duration) poll interval}
     * @return this builder
     */
    public Builder dispatchLinger(Duration linger) {
      this.dispatchLinger = linger;
      return this;
    }

    /**
     * Number of dispatcher threads {@link Switchboard#start()} runs. Default 1.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder dispatcherThreads(int threads) {
      this.dispatcherThreads = threads;
      return this;
    }

    /**
     * Whether the events of one conversation (channel, account and customer) reach the
     * {@link EventHandler} strictly in the order they arrived. Default {@code true}: while an event
     * is being retried after a handler failure, the later events of its conversation wait for it,
     * and other conversations go on. With {@code false}, every event is handed over as soon as it
     * is due, so a retried event can arrive after later ones. Applies to events received from now
     * on.
     *
     * @param ordered whether to keep conversation order
     * @return this builder
     */
    public Builder orderByConversation(boolean ordered) {
      this.orderByConversation = ordered;
      return this;
    }

    /**
     * How long delivered events are kept to recognise duplicates. Default 8 days (WhatsApp retries
     * for up to 7).
     *
     * @param retention the retention
     * @return this builder
     */
    public Builder inboxRetention(Duration retention) {
      this.inboxRetention = retention;
      return this;
    }

    /**
     * How long a routing lookup is cached; bounds how soon a connection made on another instance
     * is seen. Default 30 s.
     *
     * @param ttl the time to live
     * @return this builder
     */
    public Builder resolverCacheTtl(Duration ttl) {
      this.resolverCacheTtl = ttl;
      return this;
    }

    /**
     * Runs background work on the host's scheduler instead of Switchboard's own threads.
     * {@link Switchboard#close()} cancels its tasks but does not shut the scheduler down.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * This instance's id in claim leases (for diagnosis). Default: random.
     *
     * @param nodeId the id
     * @return this builder
     */
    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    /**
     * Validates the configuration and builds the instance. No thread is started.
     *
     * @return the Switchboard
     * @throws ConfigurationException listing every problem
     */
    public Switchboard build() {
      List<ValidationException.Violation> problems = new ArrayList<>();
      require(problems, appSecret, "appSecret");
      require(problems, verifyToken, "verifyToken");
      require(problems, keyring, "keyring");
      require(problems, tokenStore, "tokenStore");
      require(problems, connectionStore, "connectionStore");
      require(problems, inboxStore, "inboxStore");
      require(problems, outboxStore, "outboxStore");
      require(problems, windowStore, "windowStore");
      require(problems, campaignStore, "campaignStore");
      require(problems, consentChecker, "consentChecker");
      require(problems, listener, "listener");
      require(problems, retryPolicy, "retryPolicy");
      require(problems, throughputLimits, "throughputLimits");
      require(problems, windowPolicy, "windowPolicy");
      if (outboxConcurrency < 1 || outboxConcurrency > 1024) {
        problems.add(new ValidationException.Violation("outboxConcurrency", "must be 1..1024, got " + outboxConcurrency));
      }
      if (outboxBatchSize < 1 || outboxBatchSize > 10_000) {
        problems.add(new ValidationException.Violation("outboxBatchSize", "must be 1..10000, got " + outboxBatchSize));
      }
      require(problems, eventHandler, "eventHandler");
      require(problems, clock, "clock");
      require(problems, handlerBackoff, "handlerBackoff");
      if (channels.isEmpty()) {
        problems.add(new ValidationException.Violation("channels", "register at least one channel"));
      }
      Set<ChannelType> seenChannels = new java.util.HashSet<>();
      Set<String> seenObjects = new java.util.HashSet<>();
      for (ChannelAdapter a : channels) {
        if (!seenChannels.add(a.channel())) {
          problems.add(new ValidationException.Violation("channels", a.channel() + " is registered twice"));
        }
        for (String o : a.webhookObjects()) {
          if (!seenObjects.add(o)) {
            problems.add(new ValidationException.Violation("channels", "webhook object '" + o + "' is claimed twice"));
          }
        }
      }
      if (maxWebhookBodyBytes < 1024) {
        problems.add(new ValidationException.Violation("maxWebhookBodyBytes", "must be at least 1024, got " + maxWebhookBodyBytes));
      }
      if (dispatchBatchSize < 1 || dispatchBatchSize > 10_000) {
        problems.add(new ValidationException.Violation("dispatchBatchSize", "must be 1..10000, got " + dispatchBatchSize));
      }
      if (dispatcherThreads < 1 || dispatcherThreads > 64) {
        problems.add(new ValidationException.Violation("dispatcherThreads", "must be 1..64, got " + dispatcherThreads));
      }
      positive(problems, dispatchLease, "dispatchLease");
      positive(problems, pollInterval, "pollInterval");
      if (dispatchLinger == null || dispatchLinger.isNegative()
          || (pollInterval != null && dispatchLinger.compareTo(pollInterval) > 0)) {
        problems.add(new ValidationException.Violation("dispatchLinger",
            "must be from zero to the poll interval, got " + dispatchLinger));
      }
      positive(problems, inboxRetention, "inboxRetention");
      positive(problems, resolverCacheTtl, "resolverCacheTtl");
      if (graphApiVersion == null || !graphApiVersion.matches("v\\d+\\.\\d+")) {
        problems.add(new ValidationException.Violation("graphApiVersion", "must look like v26.0, got " + graphApiVersion));
      }
      if (graphBaseUrl == null || okhttp3.HttpUrl.parse(graphBaseUrl) == null) {
        problems.add(new ValidationException.Violation("graphBaseUrl", "must be an absolute http(s) URL"));
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      return new Switchboard(this);
    }

    private static void require(List<ValidationException.Violation> problems, Object value, String name) {
      if (value == null) {
        problems.add(new ValidationException.Violation(name, "is required"));
      }
    }

    private static void positive(List<ValidationException.Violation> problems, Duration d, String name) {
      if (d == null || d.isZero() || d.isNegative()) {
        problems.add(new ValidationException.Violation(name, "must be a positive duration, got " + d));
      }
    }
  }
}
