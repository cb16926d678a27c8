package io.switchboard.testkit.emulator;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.Secret;
import io.switchboard.webhook.WebhookSignature;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An in-process fake of the Meta Graph API endpoints Switchboard calls, with webhook driving, so a
 * host tests its integration offline:
 *
 * <pre>{@code
 * try (MetaEmulator meta = MetaEmulator.builder().appSecret(Secret.of("app-secret")).build().start()) {
 *   meta.whatsAppNumber("106540352242922", "102290129340398", "EAAG-token");
 *   meta.webhookTarget(URI.create("http://localhost:8080/webhooks/meta"));
 *   Switchboard sb = Switchboard.builder().graphBaseUrl(meta.baseUrl())...build();
 *   meta.whatsAppCustomer("106540352242922", "16505551234", "Ana").sendsText("hi");
 *   ...
 *   meta.deliverPendingStatuses(); // sent, delivered, read for every accepted message
 * }
 * }</pre>
 *
 * <p><b>Served</b> (any {@code v<major>.<minor>} version; {@code graph.instagram.com} paths under
 * {@link #instagramBaseUrl()}):
 * <ul>
 *   <li>WhatsApp: {@code POST /{v}/{phone_number_id}/messages} (send, mark read, typing),
 *       {@code POST /{v}/{phone_number_id}/media} (multipart), {@code GET|DELETE /{v}/{media_id}},
 *       the media download URL (bearer required, valid 5 minutes),
 *       {@code GET|POST|DELETE /{v}/{waba_id}/message_templates} (cursor paging),
 *       {@code GET /{v}/{template_id}}.
 *   <li>Messenger and Instagram: {@code POST /{v}/{page_id|ig_id|me}/messages},
 *       {@code GET /{v}/{psid|igsid}?fields=...}, {@code POST /{v}/{page_id|me}/subscribed_apps}.
 * </ul>
 *
 * <p><b>Validated like Meta</b>: a missing, unknown or foreign bearer token answers code 190
 * (HTTP 401); an unknown account or object answers code 100 subcode 33 (HTTP 400); malformed JSON
 * and missing required fields answer code 100 (HTTP 400) with a message naming the field.
 *
 * <p><b>Recorded</b>: every request with what was answered ({@link #requests()},
 * {@link #takeRequest(Duration)}). <b>Faults</b>: {@link #failNext}, {@link #failAlways},
 * {@link #latency(Duration)}, {@link #throughputLimit(int)}. <b>Webhooks</b>: customers
 * ({@link #whatsAppCustomer}, {@link #messengerCustomer}, {@link #instagramCustomer}) post signed
 * notifications to {@link #webhookTarget(URI)}; accepted outbound messages queue status callbacks
 * that {@link #deliverPendingStatuses()} or {@link #deliverDueStatuses()} post.
 *
 * <p>Thread-safe. Webhooks are posted on the thread that triggers them (a customer call or a
 * {@code deliver...} call), never on the server's request threads, unless
 * {@link Builder#autoDeliverStatuses(boolean)} is on.
 */
public final class MetaEmulator implements AutoCloseable {

  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Meta sends non-ASCII characters as {@code \\uXXXX} escapes and signs that form. */
  private static final ObjectMapper WEBHOOK_MAPPER =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  static final String INSTAGRAM_PREFIX = "/instagram";
  static final String MEDIA_PREFIX = "/lookaside/whatsapp_business/attachments/";

  private final Secret appSecret;
  private final int requestedPort;
  private final Clock clock;
  private final Duration statusDelay;
  private final boolean autoDeliver;
  private final boolean strictTemplates;

  final Object lock = new Object();
  final Map<String, Account> accounts = new LinkedHashMap<>();
  final Map<String, Media> media = new HashMap<>();
  final Map<String, IssuedUrl> mediaUrls = new HashMap<>();
  final Map<String, List<Template>> templates = new HashMap<>();
  /** Customer profiles by account id, then user id. */
  final Map<String, Map<String, ObjectNode>> profiles = new HashMap<>();
  /** Instagram customers by IGSID: the Instagram account they write to. */
  final Map<String, String> instagramCustomerOf = new HashMap<>();
  final Map<String, WhatsAppCustomer> whatsAppCustomers = new HashMap<>();
  private final List<RecordedRequest> recorded = new ArrayList<>();
  private final BlockingQueue<RecordedRequest> unread = new LinkedBlockingQueue<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private Fault standingFault;
  private volatile Duration latency = Duration.ZERO;
  private Integer defaultThroughput;
  private final Map<String, Window> windows = new HashMap<>();
  private final List<Pending> pending = new ArrayList<>();
  private final List<WebhookDelivery> deliveries = new ArrayList<>();
  private volatile WebhookSink sink;

  private final AtomicLong sequence;
  private final SecureRandom random = new SecureRandom();

  private Server server;
  private String baseUrl;
  private ScheduledExecutorService autoDeliverer;
  private volatile HttpClient webhookHttp;

  private MetaEmulator(Builder b) {
    this.appSecret = b.appSecret;
    this.requestedPort = b.port;
    this.clock = b.clock;
    this.statusDelay = b.statusDelay;
    this.autoDeliver = b.autoDeliver;
    this.strictTemplates = b.strictTemplates;
    this.sequence = new AtomicLong(b.firstId - 1);
  }

  /**
   * Starts a configuration.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Starts the HTTP server on {@code 127.0.0.1}.
   *
   * @return this emulator
   * @throws IllegalStateException if it is already started or the port is taken
   */
  public MetaEmulator start() {
    synchronized (lock) {
      if (server != null) {
        throw new IllegalStateException("the emulator is already started");
      }
      QueuedThreadPool threads = new QueuedThreadPool(32, 4);
      threads.setName("meta-emulator");
      threads.setDaemon(true);
      Server s = new Server(threads);
      ServerConnector connector = new ServerConnector(s);
      connector.setHost("127.0.0.1");
      connector.setPort(requestedPort);
      s.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      ServletHolder holder = new ServletHolder(new EmulatorServlet(this));
      holder.getRegistration().setMultipartConfig(
          new MultipartConfigElement(System.getProperty("java.io.tmpdir"), 200L << 20, 210L << 20, 1 << 20));
      context.addServlet(holder, "/*");
      s.setHandler(context);
      try {
        s.start();
      } catch (Exception e) {
        try {
          s.stop();
        } catch (Exception ignored) {
          // best effort
        }
        throw new IllegalStateException("cannot start the Meta emulator on port " + requestedPort + ": " + e, e);
      }
      server = s;
      baseUrl = "http://127.0.0.1:" + connector.getLocalPort() + "/";
      if (autoDeliver) {
        autoDeliverer = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "meta-emulator-statuses");
          t.setDaemon(true);
          return t;
        });
        autoDeliverer.scheduleWithFixedDelay(this::deliverDueQuietly, 20, 20, TimeUnit.MILLISECONDS);
      }
      return this;
    }
  }

  /** Stops the server and the status deliverer. Idempotent. */
  @Override
  public void close() {
    Server s;
    ScheduledExecutorService auto;
    synchronized (lock) {
      s = server;
      auto = autoDeliverer;
      server = null;
      autoDeliverer = null;
    }
    if (auto != null) {
      auto.shutdownNow();
    }
    if (s != null) {
      try {
        s.stop();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop the Meta emulator: " + e, e);
      }
    }
  }

  /**
   * The Graph API base URL to give Switchboard ({@code Switchboard.builder().graphBaseUrl(...)}).
   *
   * @return such as {@code http://127.0.0.1:41234/}
   */
  public String baseUrl() {
    synchronized (lock) {
      if (baseUrl == null) {
        throw new IllegalStateException("start() the emulator first");
      }
      return baseUrl;
    }
  }

  /**
   * The base URL standing in for {@code https://graph.instagram.com} (Instagram Login), for
   * {@code InstagramConfig.builder().instagramGraphBaseUrl(...)}.
   *
   * @return such as {@code http://127.0.0.1:41234/instagram/}
   */
  public String instagramBaseUrl() {
    return baseUrl() + INSTAGRAM_PREFIX.substring(1) + "/";
  }

  /**
   * The port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return URI.create(baseUrl()).getPort();
  }

  /**
   * The clock used for timestamps, status due times and throughput windows.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * The app secret webhooks are signed with.
   *
   * @return the secret
   * @throws IllegalStateException if none was configured
   */
  public Secret appSecret() {
    if (appSecret == null) {
      throw new IllegalStateException("configure MetaEmulator.builder().appSecret(...) to sign webhooks");
    }
    return appSecret;
  }

  // ------------------------------------------------------------------ accounts

  /**
   * Registers a WhatsApp Business phone number. Its token is accepted for its messages and media
   * and for its WABA's templates.
   *
   * @param phoneNumberId the phone number id
   * @param wabaId the WhatsApp Business Account id
   * @param token the access token Switchboard will send
   * @return this emulator
   */
  public MetaEmulator whatsAppNumber(String phoneNumberId, String wabaId, String token) {
    requireId(phoneNumberId, "phoneNumberId");
    requireId(wabaId, "wabaId");
    Objects.requireNonNull(token, "token");
    synchronized (lock) {
      accounts.put(phoneNumberId, new Account(Platform.WHATSAPP, phoneNumberId, token, wabaId, null));
      templates.computeIfAbsent(wabaId, k -> new ArrayList<>());
    }
    return this;
  }

  /**
   * Registers a Facebook Page for Messenger. Registering a Page again replaces its token and keeps
   * the Instagram account {@link #instagramAccountViaPage} linked to it, so the two may be
   * registered in either order.
   *
   * @param pageId the Page id
   * @param token the Page access token
   * @return this emulator
   */
  public MetaEmulator page(String pageId, String token) {
    requireId(pageId, "pageId");
    Objects.requireNonNull(token, "token");
    synchronized (lock) {
      Account earlier = accounts.get(pageId);
      String linked = earlier != null && earlier.platform == Platform.MESSENGER ? earlier.linkedInstagram : null;
      accounts.put(pageId, new Account(Platform.MESSENGER, pageId, token, null, linked));
    }
    return this;
  }

  /**
   * Registers an Instagram professional account using Instagram Login: served under
   * {@link #instagramBaseUrl()} at {@code /{ig_id}/...} and {@code /me/...}.
   *
   * @param igId the Instagram account id
   * @param token the Instagram user access token
   * @return this emulator
   */
  public MetaEmulator instagramAccount(String igId, String token) {
    requireId(igId, "igId");
    Objects.requireNonNull(token, "token");
    synchronized (lock) {
      accounts.put(igId, new Account(Platform.INSTAGRAM, igId, token, null, null));
    }
    return this;
  }

  /**
   * Registers an Instagram account using Facebook Login: messages go through its linked Page
   * ({@code POST /{page_id}/messages} on {@link #baseUrl()} with the Page token). Registers the
   * Page as well (for Messenger too), with this token.
   *
   * @param igId the Instagram account id (the {@code entry.id} of its webhooks)
   * @param pageId the linked Page id
   * @param pageToken the Page access token
   * @return this emulator
   */
  public MetaEmulator instagramAccountViaPage(String igId, String pageId, String pageToken) {
    requireId(igId, "igId");
    requireId(pageId, "pageId");
    Objects.requireNonNull(pageToken, "pageToken");
    synchronized (lock) {
      accounts.put(pageId, new Account(Platform.MESSENGER, pageId, pageToken, null, igId));
    }
    return this;
  }

  /**
   * The webhook fields an account subscribed to through {@code subscribed_apps}.
   *
   * @param accountId the Page, Instagram account or WABA id
   * @return the fields, empty if it never subscribed
   */
  public Set<String> subscribedFields(String accountId) {
    synchronized (lock) {
      Account a = accounts.get(accountId);
      if (a != null) {
        return Set.copyOf(a.subscribedFields);
      }
      return accounts.values().stream()
          .filter(x -> accountId.equals(x.wabaId))
          .findFirst()
          .map(x -> Set.copyOf(x.wabaSubscribedFields))
          .orElse(Set.of());
    }
  }

  // ------------------------------------------------------------------ media & templates

  /**
   * Stores a media file as if it had been uploaded to (or received by) a phone number, for
   * inbound media messages and download tests.
   *
   * @param phoneNumberId the owning phone number
   * @param content the bytes
   * @param mimeType such as {@code image/jpeg}
   * @return the media id
   */
  public String addMedia(String phoneNumberId, byte[] content, String mimeType) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(mimeType, "mimeType");
    synchronized (lock) {
      requireAccount(phoneNumberId, Platform.WHATSAPP);
      String id = Long.toString(1_000_000_000_000_000L + sequence.incrementAndGet());
      media.put(id, new Media(id, phoneNumberId, content.clone(), mimeType, sha256(content)));
      return id;
    }
  }

  /**
   * The bytes of a stored media file.
   *
   * @param mediaId the media id
   * @return the bytes, empty if unknown or deleted
   */
  public Optional<byte[]> media(String mediaId) {
    synchronized (lock) {
      Media m = media.get(mediaId);
      return m == null || m.deleted ? Optional.empty() : Optional.of(m.content.clone());
    }
  }

  /**
   * Adds a message template to a WABA (as if created and reviewed).
   *
   * @param wabaId the WABA
   * @param name the template name
   * @param language such as {@code en_US}
   * @param category {@code MARKETING}, {@code UTILITY} or {@code AUTHENTICATION}
   * @param status such as {@code APPROVED}
   * @return the template id
   */
  public String addTemplate(String wabaId, String name, String language, String category, String status) {
    synchronized (lock) {
      List<Template> list = templates.get(wabaId);
      if (list == null) {
        throw new IllegalArgumentException("no phone number is registered with WABA " + wabaId);
      }
      String id = Long.toString(2_000_000_000_000_000L + sequence.incrementAndGet());
      list.add(new Template(id, name, language, category, status, null,
          JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode()
              .put("type", "BODY").put("text", "Template " + name))));
      return id;
    }
  }

  /**
   * Changes a template's review status (all languages).
   *
   * @param wabaId the WABA
   * @param name the template name
   * @param status such as {@code APPROVED} or {@code REJECTED}
   */
  public void templateStatus(String wabaId, String name, String status) {
    synchronized (lock) {
      for (Template t : templates.getOrDefault(wabaId, List.of())) {
        if (t.name.equals(name)) {
          t.status = status;
        }
      }
    }
  }

  /**
   * The templates of a WABA, as JSON objects in the list endpoint's shape.
   *
   * @param wabaId the WABA
   * @return the templates
   */
  public List<JsonNode> templates(String wabaId) {
    synchronized (lock) {
      List<JsonNode> out = new ArrayList<>();
      for (Template t : templates.getOrDefault(wabaId, List.of())) {
        out.add(t.toJson());
      }
      return out;
    }
  }

  // ------------------------------------------------------------------ recording

  /**
   * Every request received so far, oldest first.
   *
   * @return a snapshot
   */
  public List<RecordedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(recorded);
    }
  }

  /**
   * The requests that addressed one account.
   *
   * @param accountId a phone number, Page or Instagram account id
   * @return a snapshot, oldest first
   */
  public List<RecordedRequest> requestsTo(String accountId) {
    synchronized (lock) {
      return recorded.stream().filter(r -> r.account().filter(accountId::equals).isPresent()).toList();
    }
  }

  /**
   * Takes the oldest request not taken yet, waiting for it.
   *
   * @param timeout how long to wait
   * @return the request
   * @throws AssertionError if none arrives in time
   */
  public RecordedRequest takeRequest(Duration timeout) {
    try {
      RecordedRequest r = unread.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (r == null) {
        throw new AssertionError("no request reached the Meta emulator within " + timeout);
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a request", e);
    }
  }

  /** Forgets recorded requests and webhook deliveries. */
  public void clearRecorded() {
    synchronized (lock) {
      recorded.clear();
      unread.clear();
      deliveries.clear();
    }
  }

  void record(RecordedRequest r) {
    synchronized (lock) {
      recorded.add(r);
      unread.add(r);
    }
  }

  // ------------------------------------------------------------------ faults

  /**
   * Answers the next {@code n} Graph requests (any account) with an error instead of handling
   * them.
   *
   * @param n how many requests
   * @param httpStatus the HTTP status, such as 400 or 503
   * @param metaCode the Graph {@code error.code}, such as 2 or 131000
   * @return this emulator
   */
  public MetaEmulator failNext(int n, int httpStatus, int metaCode) {
    return failNext(null, n, httpStatus, metaCode);
  }

  /**
   * Answers the next {@code n} requests addressed to one account with an error.
   *
   * @param accountId the phone number, Page, Instagram account or WABA id in the path
   * @param n how many requests
   * @param httpStatus the HTTP status
   * @param metaCode the Graph {@code error.code}
   * @return this emulator
   */
  public MetaEmulator failNext(String accountId, int n, int httpStatus, int metaCode) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive, got " + n);
    }
    synchronized (lock) {
      faults.add(new Fault(accountId, n, httpStatus, metaCode));
    }
    return this;
  }

  /**
   * Answers every Graph request with an error until {@link #clearFaults()}.
   *
   * @param httpStatus the HTTP status
   * @param metaCode the Graph {@code error.code}
   * @return this emulator
   */
  public MetaEmulator failAlways(int httpStatus, int metaCode) {
    synchronized (lock) {
      standingFault = new Fault(null, -1, httpStatus, metaCode);
    }
    return this;
  }

  /**
   * Removes injected faults, latency and throughput limits.
   *
   * @return this emulator
   */
  public MetaEmulator clearFaults() {
    synchronized (lock) {
      faults.clear();
      standingFault = null;
      defaultThroughput = null;
      windows.clear();
      for (Account a : accounts.values()) {
        a.throughput = null;
      }
    }
    latency = Duration.ZERO;
    return this;
  }

  /**
   * Delays every answer (real time; keep it short in tests).
   *
   * @param delay the delay, zero for none
   * @return this emulator
   */
  public MetaEmulator latency(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    latency = delay;
    return this;
  }

  /**
   * Limits every account to {@code perSecond} sends ({@code POST .../messages}) per second of the
   * emulator's clock; beyond that WhatsApp answers code 130429 and Messenger and Instagram code
   * 613 (HTTP 400).
   *
   * @param perSecond the most sends accepted per second and account
   * @return this emulator
   */
  public MetaEmulator throughputLimit(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be positive, got " + perSecond);
    }
    synchronized (lock) {
      defaultThroughput = perSecond;
    }
    return this;
  }

  /**
   * Limits one account's sends per second (overrides {@link #throughputLimit(int)}).
   *
   * @param accountId the phone number, Page or Instagram account id
   * @param perSecond the most sends accepted per second
   * @return this emulator
   */
  public MetaEmulator throughputLimit(String accountId, int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be positive, got " + perSecond);
    }
    synchronized (lock) {
      Account a = accounts.get(accountId);
      if (a == null) {
        throw new IllegalArgumentException("unknown account " + accountId);
      }
      a.throughput = perSecond;
    }
    return this;
  }

  Duration latency() {
    return latency;
  }

  /** The fault to answer with for a request addressing {@code node}, consuming it. */
  Fault takeFault(String node) {
    synchronized (lock) {
      for (var it = faults.iterator(); it.hasNext(); ) {
        Fault f = it.next();
        if (f.accountId == null || f.accountId.equals(node)) {
          if (--f.remaining == 0) {
            it.remove();
          }
          return f;
        }
      }
      return standingFault;
    }
  }

  /** Counts one send against the account's window; false if over its limit. */
  boolean admit(Account account) {
    synchronized (lock) {
      Integer limit = account.throughput != null ? account.throughput : defaultThroughput;
      if (limit == null) {
        return true;
      }
      long second = clock.instant().getEpochSecond();
      Window w = windows.computeIfAbsent(account.id, k -> new Window());
      if (w.second != second) {
        w.second = second;
        w.count = 0;
      }
      if (w.count >= limit) {
        return false;
      }
      w.count++;
      return true;
    }
  }

  // ------------------------------------------------------------------ webhooks

  /**
   * Posts webhooks to the host's endpoint over HTTP (such as {@code .../webhooks/meta}).
   *
   * @param uri the endpoint
   * @return this emulator
   */
  public MetaEmulator webhookTarget(URI uri) {
    Objects.requireNonNull(uri, "uri");
    HttpClient http = webhookHttp();
    this.sink = (body, headers) -> {
      HttpRequest.Builder req = HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(20))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(req::header);
      return http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    };
    return this;
  }

  /**
   * Hands webhooks to code instead of HTTP, such as {@code switchboard.webhooks().handle(...)}.
   *
   * @param sink the receiver
   * @return this emulator
   */
  public MetaEmulator webhookTarget(WebhookSink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
    return this;
  }

  private HttpClient webhookHttp() {
    HttpClient h = webhookHttp;
    if (h == null) {
      synchronized (lock) {
        h = webhookHttp;
        if (h == null) {
          h = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5)).build();
          webhookHttp = h;
        }
      }
    }
    return h;
  }

  /**
   * A WhatsApp user writing to a registered phone number.
   *
   * @param phoneNumberId the business phone number id
   * @param waId the customer's WhatsApp id (phone digits)
   * @param name the customer's profile name
   * @return the customer (the same object for the same number and id)
   */
  public WhatsAppCustomer whatsAppCustomer(String phoneNumberId, String waId, String name) {
    synchronized (lock) {
      requireAccount(phoneNumberId, Platform.WHATSAPP);
      return whatsAppCustomers.computeIfAbsent(phoneNumberId + "/" + waId,
          k -> new WhatsAppCustomer(this, phoneNumberId, waId, name));
    }
  }

  /**
   * A person writing to a registered Page on Messenger; their profile becomes readable through
   * {@code GET /{psid}} with the Page token.
   *
   * @param pageId the Page
   * @param psid the person's Page-scoped id
   * @param firstName first name
   * @param lastName last name
   * @return the customer
   */
  public MessengerCustomer messengerCustomer(String pageId, String psid, String firstName, String lastName) {
    synchronized (lock) {
      requireAccount(pageId, Platform.MESSENGER);
      ObjectNode profile = JsonNodeFactory.instance.objectNode()
          .put("first_name", firstName).put("last_name", lastName)
          .put("profile_pic", baseUrl() + "profile/" + psid + ".jpg").put("id", psid);
      profiles.computeIfAbsent(pageId, k -> new HashMap<>()).put(psid, profile);
    }
    return new MessengerCustomer(this, pageId, psid);
  }

  /**
   * A person writing to an Instagram account (either setup); their profile becomes readable
   * through {@code GET /{igsid}} with the account's token.
   *
   * @param igId the Instagram account id (for Facebook Login, the id given to
   *     {@link #instagramAccountViaPage})
   * @param igsid the person's Instagram-scoped id
   * @param username their username
   * @return the customer
   */
  public InstagramCustomer instagramCustomer(String igId, String igsid, String username) {
    synchronized (lock) {
      Account owner = instagramOwner(igId);
      if (owner == null) {
        throw new IllegalArgumentException("no Instagram account " + igId + " is registered");
      }
      ObjectNode profile = JsonNodeFactory.instance.objectNode()
          .put("name", username).put("username", username)
          .put("profile_pic", baseUrl() + "profile/" + igsid + ".jpg")
          .put("follower_count", 0).put("is_user_follow_business", false)
          .put("is_business_follow_user", false).put("is_verified_user", false).put("id", igsid);
      profiles.computeIfAbsent(owner.id, k -> new HashMap<>()).put(igsid, profile);
      instagramCustomerOf.put(igsid, igId);
    }
    return new InstagramCustomer(this, igId, igsid);
  }

  /** The account that serves an Instagram account's calls: itself or its linked Page. */
  Account instagramOwner(String igId) {
    Account a = accounts.get(igId);
    if (a != null && a.platform == Platform.INSTAGRAM) {
      return a;
    }
    for (Account p : accounts.values()) {
      if (igId.equals(p.linkedInstagram)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Signs a webhook body with the app secret and posts it to the target now.
   *
   * @param payload the notification, such as one built from Meta's documented examples
   * @return what was delivered and what the host answered
   * @throws IllegalStateException if no target or app secret is configured, or the host did not
   *     answer 2xx
   */
  public WebhookDelivery postWebhook(JsonNode payload) {
    WebhookDelivery d = deliver(payload);
    if (d.status() < 200 || d.status() > 299) {
      throw new IllegalStateException("the webhook target answered HTTP " + d.status() + " to " + d.bodyText());
    }
    return d;
  }

  private WebhookDelivery deliver(JsonNode payload) {
    WebhookSink target = sink;
    if (target == null) {
      throw new IllegalStateException("set emulator.webhookTarget(...) before driving webhooks");
    }
    byte[] body;
    try {
      body = WEBHOOK_MAPPER.writeValueAsBytes(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put(WebhookSignature.HEADER, WebhookSignature.sign(appSecret(), body));
    int status;
    try {
      status = target.deliver(body, Collections.unmodifiableMap(headers));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = -1;
    } catch (Exception e) {
      status = -1;
    }
    WebhookDelivery d = new WebhookDelivery(body, payload, headers, status, clock.instant());
    synchronized (lock) {
      deliveries.add(d);
    }
    return d;
  }

  /**
   * Every webhook posted so far, oldest first.
   *
   * @return a snapshot
   */
  public List<WebhookDelivery> webhookDeliveries() {
    synchronized (lock) {
      return List.copyOf(deliveries);
    }
  }

  /**
   * How many status callbacks are queued.
   *
   * @return the number not delivered yet
   */
  public int pendingStatusCount() {
    synchronized (lock) {
      return pending.size();
    }
  }

  /**
   * Posts every queued status callback now, in due order, whatever the clock says.
   *
   * @return how many webhooks were posted
   * @throws IllegalStateException if the host did not answer 2xx
   */
  public int deliverPendingStatuses() {
    return deliverUpTo(Instant.MAX);
  }

  /**
   * Posts the queued status callbacks due by the emulator's clock (each stage comes
   * {@link Builder#statusDelay(Duration)} after the previous one).
   *
   * @return how many webhooks were posted
   * @throws IllegalStateException if the host did not answer 2xx
   */
  public int deliverDueStatuses() {
    return deliverUpTo(clock.instant());
  }

  private void deliverDueQuietly() {
    try {
      deliverDueStatuses();
    } catch (RuntimeException ignored) {
      // the host will see the next ones; failures are in webhookDeliveries()
    }
  }

  private int deliverUpTo(Instant limit) {
    int n = 0;
    while (true) {
      Pending next;
      synchronized (lock) {
        next = pending.stream()
            .filter(p -> !p.due.isAfter(limit))
            .min(Comparator.comparing((Pending p) -> p.due).thenComparingLong(p -> p.seq))
            .orElse(null);
        if (next == null) {
          return n;
        }
        pending.remove(next);
      }
      postWebhook(next.payload.apply(next.due));
      n++;
    }
  }

  void schedule(Instant due, Function<Instant, JsonNode> payload) {
    synchronized (lock) {
      pending.add(new Pending(sequence.incrementAndGet(), due, payload));
    }
  }

  Duration statusDelay() {
    return statusDelay;
  }

  boolean strictTemplates() {
    return strictTemplates;
  }

  // ------------------------------------------------------------------ helpers

  long nextSequence() {
    return sequence.incrementAndGet();
  }

  String fbtraceId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return "A" + Base64.getUrlEncoder().withoutPadding().encodeToString(b).substring(0, 22);
  }

  String randomKey() {
    byte[] b = new byte[12];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  Account requireAccount(String id, Platform platform) {
    Account a = accounts.get(id);
    if (a == null || a.platform != platform) {
      throw new IllegalArgumentException("no " + platform + " account " + id + " is registered on the emulator");
    }
    return a;
  }

  static String sha256(byte[] content) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void requireId(String id, String name) {
    if (id == null || !id.matches("[0-9A-Za-z_-]+")) {
      throw new IllegalArgumentException(name + " must be a Graph id (letters, digits, _ or -), got " + id);
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "MetaEmulator[" + (baseUrl == null ? "not started" : baseUrl) + ", accounts=" + accounts.keySet() + "]";
    }
  }

  // ------------------------------------------------------------------ state types

  /** A registered account. Guarded by {@code lock}. */
  static final class Account {
    final Platform platform;
    final String id;
    final String token;
    final String wabaId;
    final String linkedInstagram;
    final Set<String> subscribedFields = new LinkedHashSet<>();
    final Set<String> wabaSubscribedFields = new LinkedHashSet<>();
    Integer throughput;

    Account(Platform platform, String id, String token, String wabaId, String linkedInstagram) {
      this.platform = platform;
      this.id = id;
      this.token = token;
      this.wabaId = wabaId;
      this.linkedInstagram = linkedInstagram;
    }

    String displayPhoneNumber() {
      String digits = id.replaceAll("\\D", "");
      String tail = digits.length() >= 7 ? digits.substring(digits.length() - 7) : String.format("%7s", digits).replace(' ', '0');
      return "1555" + tail;
    }
  }

  /** An uploaded media file. Guarded by {@code lock}. */
  static final class Media {
    final String id;
    final String owner;
    final byte[] content;
    final String mimeType;
    final String sha256;
    boolean deleted;

    Media(String id, String owner, byte[] content, String mimeType, String sha256) {
      this.id = id;
      this.owner = owner;
      this.content = content;
      this.mimeType = mimeType;
      this.sha256 = sha256;
    }
  }

  /** A media URL handed out by a lookup. */
  record IssuedUrl(String mediaId, Instant expiresAt) {}

  /** A message template. Guarded by {@code lock}. */
  static final class Template {
    final String id;
    final String name;
    final String language;
    final String category;
    String status;
    final String parameterFormat;
    final JsonNode components;

    Template(String id, String name, String language, String category, String status, String parameterFormat,
        JsonNode components) {
      this.id = id;
      this.name = name;
      this.language = language;
      this.category = category;
      this.status = status;
      this.parameterFormat = parameterFormat;
      this.components = components;
    }

    ObjectNode toJson() {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      n.put("name", name);
      if (parameterFormat != null) {
        n.put("parameter_format", parameterFormat);
      }
      n.set("components", components.deepCopy());
      n.put("language", language);
      n.put("status", status);
      n.put("category", category);
      n.put("id", id);
      return n;
    }
  }

  /** An injected fault. Guarded by {@code lock}. */
  static final class Fault {
    final String accountId;
    int remaining;
    final int httpStatus;
    final int code;

    Fault(String accountId, int remaining, int httpStatus, int code) {
      this.accountId = accountId;
      this.remaining = remaining;
      this.httpStatus = httpStatus;
      this.code = code;
    }

    GraphError toError() {
      boolean retriable = code == 1 || code == 2 || code == 131000 || code == 131016 || code == 133004;
      return new GraphError(httpStatus, code, null,
          "(#" + code + ") " + (retriable ? "Service temporarily unavailable" : "Injected fault"),
          "Injected by MetaEmulator", false);
    }
  }

  private static final class Window {
    long second = Long.MIN_VALUE;
    int count;
  }

  private record Pending(long seq, Instant due, Function<Instant, JsonNode> payload) {}

  // ------------------------------------------------------------------ builder

  /** Configures a {@link MetaEmulator}. Not thread-safe. */
  public static final class Builder {
    private Secret appSecret;
    private int port;
    private Clock clock = Clock.systemUTC();
    private Duration statusDelay = Duration.ofSeconds(1);
    private boolean autoDeliver;
    private boolean strictTemplates;
    private long firstId = 1;

    private Builder() {}

    /**
     * The app secret webhooks are signed with (the one Switchboard is configured with).
     *
     * @param appSecret the secret
     * @return this builder
     */
    public Builder appSecret(Secret appSecret) {
      this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
      return this;
    }

    /**
     * The port to listen on; 0 (the default) picks a free one.
     *
     * @param port the port
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The clock for webhook timestamps, status due times and throughput windows (such as the
     * testkit's {@code MutableClock}). Default: the system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The time between an accepted message and its {@code delivered}, and between
     * {@code delivered} and {@code read}. Default one second.
     *
     * @param delay the delay
     * @return this builder
     */
    public Builder statusDelay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("statusDelay must not be negative");
      }
      this.statusDelay = delay;
      return this;
    }

    /**
     * Posts status callbacks from a background thread when they fall due by the clock, for
     * hosts that run {@code Switchboard.start()}. Off by default: tests call
     * {@link MetaEmulator#deliverPendingStatuses()}.
     *
     * @param enabled whether to deliver automatically
     * @return this builder
     */
    public Builder autoDeliverStatuses(boolean enabled) {
      this.autoDeliver = enabled;
      return this;
    }

    /**
     * Rejects template sends whose name and language are not an {@code APPROVED} template of the
     * number's WABA with code 132001, as Meta does. Off by default.
     *
     * @param enabled whether to check templates
     * @return this builder
     */
    public Builder strictTemplates(boolean enabled) {
      this.strictTemplates = enabled;
      return this;
    }

    /**
     * Where the numbers in the ids the emulator makes up start counting (message ids such as
     * {@code wamid.IN000000000001}, media and template ids). Default 1, so every emulator makes
     * the same ids in the same order. Give each emulator its own start when a store outlives it:
     * a host restarted on its database with a new emulator would otherwise see the ids of the
     * earlier run again, and Switchboard drops a webhook event whose id it already stored.
     *
     * @param first the first number, 1 to 10<sup>17</sup>
     * @return this builder
     */
    public Builder firstId(long first) {
      if (first < 1 || first > 100_000_000_000_000_000L) {
        throw new IllegalArgumentException("firstId must be 1..10^17, got " + first);
      }
      this.firstId = first;
      return this;
    }

    /**
     * Builds the emulator (not started).
     *
     * @return the emulator
     */
    public MetaEmulator build() {
      return new MetaEmulator(this);
    }
  }
}
