package io.switchboard;

import static io.switchboard.testing.Fixtures.APP_SECRET;
import static io.switchboard.testing.Fixtures.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.connection.ConnectionStatus;
import io.switchboard.crypto.Keyring;
import io.switchboard.graph.GraphApiException;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Text;
import io.switchboard.spi.InboxEntry;
import java.util.Optional;
import java.util.Map;
import java.time.Instant;
import io.switchboard.store.memory.InMemoryConversationWindowStore;
import io.switchboard.spi.WindowKey;
import io.switchboard.spi.ConversationWindowStore;
import io.switchboard.spi.StoredToken;
import io.switchboard.store.memory.InMemoryStores;
import io.switchboard.outbox.WindowPolicy;
import io.switchboard.store.memory.InMemoryTokenStore;
import io.switchboard.testing.CapturedLogs;
import io.switchboard.testing.FakeChannel;
import io.switchboard.testing.Fixtures;
import io.switchboard.testing.MutableClock;
import io.switchboard.webhook.WebhookRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SwitchboardTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final String ACME_TOKEN = "EAAG-acme-plaintext-token-123";
  private static final String GLOBEX_TOKEN = "EAAG-globex-plaintext-token-456";

  @StartStop private final MockWebServer graph = new MockWebServer();

  private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
  private final InMemoryStores stores = new InMemoryStores();
  private final InMemoryTokenStore tokenStore = stores.tokenStore();
  private Switchboard switchboard;

  @BeforeEach
  void setUp() {
    switchboard = builder(Fixtures.keyring()).build();
  }

  @AfterEach
  void tearDown() {
    switchboard.close();
  }

  private Switchboard.Builder builder(Keyring keyring) {
    return Switchboard.builder()
        .appSecret(APP_SECRET)
        .verifyToken(VERIFY_TOKEN)
        .keyring(keyring)
        .channel(new FakeChannel())
        .stores(stores)
        .windowPolicy(WindowPolicy.notEnforced())
        .clock(clock)
        .graphBaseUrl(graph.url("/").toString())
        .eventHandler((t, e) -> {});
  }

  private void connect(TenantId tenant, String account, String token) {
    switchboard.connections().connect(ConnectRequest.builder()
        .tenant(tenant).channel(ChannelType.WHATSAPP).accountId(account)
        .attribute(ChannelConnection.WABA_ID, "waba-" + account)
        .accessToken(Secret.of(token)).build());
  }

  private static SendRequest text(TenantId tenant, String body) {
    return SendRequest.builder().tenant(tenant).channel(ChannelType.WHATSAPP).to("+16505551234")
        .content(Text.of(body)).build();
  }

  @Test
  void build_missingEverything_reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> Switchboard.builder().dispatchBatchSize(0).graphApiVersion("26").build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
            .extracting(ValidationException.Violation::field)
            .contains("appSecret", "verifyToken", "keyring", "tokenStore", "connectionStore", "inboxStore",
                "eventHandler", "channels", "dispatchBatchSize", "graphApiVersion"));
  }

  @Test
  void build_sameChannelTwice_isRejected() {
    assertThatThrownBy(() -> builder(Fixtures.keyring()).channel(new FakeChannel()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("WHATSAPP is registered twice");
  }

  @Test
  void send_twoTenants_eachUsesItsOwnTokenAndAccount() throws Exception {
    connect(ACME, "111", ACME_TOKEN);
    connect(GLOBEX, "222", GLOBEX_TOKEN);
    graph.enqueue(new MockResponse.Builder().body("{\"id\":\"m-acme\"}").build());
    graph.enqueue(new MockResponse.Builder().body("{\"id\":\"m-globex\"}").build());

    SendReceipt a = switchboard.sendNow(text(ACME, "hi acme"));
    SendReceipt g = switchboard.sendNow(text(GLOBEX, "hi globex"));

    RecordedRequest ra = graph.takeRequest();
    assertThat(ra.getTarget()).isEqualTo("/v26.0/111/messages");
    assertThat(ra.getHeaders().get("Authorization")).isEqualTo("Bearer " + ACME_TOKEN);
    assertThat(ra.getBody().utf8()).isEqualTo("{\"to\":\"+16505551234\",\"text\":\"hi acme\"}");
    RecordedRequest rg = graph.takeRequest();
    assertThat(rg.getTarget()).isEqualTo("/v26.0/222/messages");
    assertThat(rg.getHeaders().get("Authorization")).isEqualTo("Bearer " + GLOBEX_TOKEN);
    assertThat(a.externalId()).isEqualTo("m-acme");
    assertThat(a.accountId()).isEqualTo("111");
    assertThat(g.externalId()).isEqualTo("m-globex");
  }

  @Test
  void send_contentOverChannelLimit_throwsBeforeAnyIo() {
    connect(ACME, "111", ACME_TOKEN);
    assertThatThrownBy(() -> switchboard.sendNow(text(ACME, "much too long for it")))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.violations()).singleElement()
              .isEqualTo(new ValidationException.Violation("text.body", "must be at most 10 characters (was 20)"));
          assertThat(e.retryable()).isFalse();
        });
    assertThat(graph.getRequestCount()).isZero();
  }

  @Test
  void send_tenantWithoutConnection_throwsConnectionNotFound() {
    assertThatThrownBy(() -> switchboard.sendNow(text(ACME, "hi")))
        .isInstanceOf(ConnectionNotFoundException.class)
        .hasMessageContaining("acme has no WHATSAPP connection");
  }

  @Test
  void send_tenantWithTwoAccountsAndNoFrom_asksToNameOne() {
    connect(ACME, "111", ACME_TOKEN);
    connect(ACME, "112", ACME_TOKEN);
    assertThatThrownBy(() -> switchboard.sendNow(text(ACME, "hi")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("from: tenant acme has 2 WHATSAPP accounts");
  }

  @Test
  void send_otherTenantsAccountAsFrom_isNotFound() {
    connect(ACME, "111", ACME_TOKEN);
    connect(GLOBEX, "222", GLOBEX_TOKEN);
    SendRequest sneaky = text(ACME, "hi").toBuilder().from("222").build();
    assertThatThrownBy(() -> switchboard.sendNow(sneaky)).isInstanceOf(ConnectionNotFoundException.class);
    assertThat(graph.getRequestCount()).isZero();
  }

  @Test
  void send_tokenRejected_marksConnectionNeedsReauthAndLaterSendsRefused() {
    connect(ACME, "111", ACME_TOKEN);
    graph.enqueue(new MockResponse.Builder().code(401).body(
        "{\"error\":{\"message\":\"Error validating access token\",\"type\":\"OAuthException\",\"code\":190,"
            + "\"error_subcode\":463,\"fbtrace_id\":\"Atrace1\"}}").build());

    assertThatThrownBy(() -> switchboard.sendNow(text(ACME, "hi")))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.isAuthError()).isTrue();
          assertThat(e.retryable()).isFalse();
          assertThat(e.subcode()).hasValue(463);
          assertThat(e.getMessage()).doesNotContain(ACME_TOKEN);
        });
    assertThat(switchboard.connections().find(new ConnectionKey(ACME, ChannelType.WHATSAPP, "111")))
        .get().extracting(ChannelConnection::status).isEqualTo(ConnectionStatus.NEEDS_REAUTH);
    assertThatThrownBy(() -> switchboard.sendNow(text(ACME, "hi")))
        .isInstanceOf(ConnectionNotFoundException.class)
        .hasMessageContaining("NEEDS_REAUTH");

    connect(ACME, "111", "EAAG-new-token");
    graph.enqueue(new MockResponse.Builder().body("{\"id\":\"m2\"}").build());
    assertThat(switchboard.sendNow(text(ACME, "hi")).externalId()).isEqualTo("m2");
  }

  @Test
  void connect_accountOwnedByAnotherTenant_isRefusedWithoutNamingIt() {
    connect(ACME, "111", ACME_TOKEN);
    assertThatThrownBy(() -> connect(GLOBEX, "111", GLOBEX_TOKEN))
        .isInstanceOf(ConnectionConflictException.class)
        .hasMessageNotContaining("acme");
    assertThat(tokenStore.find(new ConnectionKey(GLOBEX, ChannelType.WHATSAPP, "111"))).isEmpty();
  }

  @Test
  void disconnect_removesConnectionAndToken() {
    connect(ACME, "111", ACME_TOKEN);
    ConnectionKey key = new ConnectionKey(ACME, ChannelType.WHATSAPP, "111");
    assertThat(switchboard.connections().disconnect(key)).isTrue();
    assertThat(switchboard.connections().list(ACME)).isEmpty();
    assertThat(tokenStore.find(key)).isEmpty();
  }

  @Test
  void tokens_neverStoredLoggedOrPrintedInPlaintext() {
    connect(ACME, "111", ACME_TOKEN);
    graph.enqueue(new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"oops\",\"code\":1}}").build());
    assertThatThrownBy(() -> switchboard.sendNow(text(ACME, "hi"))).isInstanceOf(GraphApiException.class);

    StoredToken stored = tokenStore.find(new ConnectionKey(ACME, ChannelType.WHATSAPP, "111")).orElseThrow();
    assertThat(stored.ciphertext()).doesNotContain(ACME_TOKEN).startsWith("sb1:k1:");
    assertThat(stored.toString()).doesNotContain(stored.ciphertext());
    assertThat(CapturedLogs.all()).doesNotContain(ACME_TOKEN).contains("connected acme/WHATSAPP/111");
    ConnectRequest req = ConnectRequest.builder().tenant(ACME).channel(ChannelType.WHATSAPP).accountId("1")
        .accessToken(Secret.of(ACME_TOKEN)).build();
    assertThat(req.toString()).doesNotContain(ACME_TOKEN).contains("***");
    assertThat(Secret.of(ACME_TOKEN).toString()).isEqualTo("***");
    assertThat(Fixtures.keyring().toString()).doesNotContain(Fixtures.KEY_1);
  }

  @Test
  void tokenCiphertext_copiedToAnotherTenantsRow_doesNotDecrypt() {
    connect(ACME, "111", ACME_TOKEN);
    connect(GLOBEX, "222", GLOBEX_TOKEN);
    StoredToken acmes = tokenStore.find(new ConnectionKey(ACME, ChannelType.WHATSAPP, "111")).orElseThrow();
    tokenStore.save(new ConnectionKey(GLOBEX, ChannelType.WHATSAPP, "222"), acmes);

    assertThatThrownBy(() -> switchboard.sendNow(text(GLOBEX, "hi")))
        .isInstanceOf(io.switchboard.crypto.TokenDecryptionException.class)
        .hasMessageNotContaining(ACME_TOKEN);
    assertThat(graph.getRequestCount()).isZero();
  }

  @Test
  void keyRotation_oldTokensStillWorkAndAreReencryptedWithNewPrimary() throws Exception {
    connect(ACME, "111", ACME_TOKEN);
    switchboard.close();
    Keyring rotated = Keyring.builder().primary("k2", Fixtures.KEY_2).add("k1", Fixtures.KEY_1).build();
    switchboard = builder(rotated).build();
    graph.enqueue(new MockResponse.Builder().body("{\"id\":\"m-rot\"}").build());

    assertThat(switchboard.sendNow(text(ACME, "hi")).externalId()).isEqualTo("m-rot");
    assertThat(graph.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + ACME_TOKEN);
    assertThat(tokenStore.find(new ConnectionKey(ACME, ChannelType.WHATSAPP, "111")).orElseThrow().ciphertext())
        .startsWith("sb1:k2:");
  }

  @Test
  void close_duringABackgroundBacklog_finishesTheBatchInHandAndLeavesTheRestStored() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    switchboard.close();
    switchboard = builder(Fixtures.keyring()).dispatchBatchSize(2).eventHandler((t, e) -> {
      handled.add(e.externalId());
      inHandler.countDown();
      awaitQuietly(release);
    }).build();
    connect(ACME, "A1", ACME_TOKEN);
    byte[] body = Fixtures.utf8(Fixtures.fakeWebhook("A1", "e1", "A1", "e2", "A1", "e3", "A1", "e4", "A1", "e5"));
    assertThat(switchboard.webhooks().handle(WebhookRequest.post(body, Fixtures.signed(body))).status()).isEqualTo(200);

    switchboard.start();
    assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(switchboard::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (switchboard.isRunning() && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // until close() has stopped the rounds; it then waits for the one in hand
    }
    release.countDown();
    closing.get(10, TimeUnit.SECONDS);

    assertThat(handled).containsExactly("e1", "e2");
    for (String later : List.of("e3", "e4", "e5")) {
      assertThat(switchboard.inbox().find(ChannelType.WHATSAPP, later).orElseThrow().state())
          .isEqualTo(InboxEntry.State.PENDING);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void build_dispatchLingerNegativeOrLongerThanThePollInterval_isRejected() {
    for (Duration linger : List.of(Duration.ofMillis(-1), Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> builder(Fixtures.keyring()).pollInterval(Duration.ofSeconds(1)).dispatchLinger(linger)
          .build())
          .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
              .extracting(ValidationException.Violation::field).containsExactly("dispatchLinger"));
    }
  }

  /**
   * A scheduler that runs nothing given a delay until the test says so, and never runs the
   * periodic polls (they would race the test for the events).
   */
  private static final class HeldScheduler extends ScheduledThreadPoolExecutor {
    final List<Runnable> held = Collections.synchronizedList(new ArrayList<>());
    final List<Long> delaysMillis = Collections.synchronizedList(new ArrayList<>());

    HeldScheduler() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
      held.add(task);
      delaysMillis.add(unit.toMillis(delay));
      return super.schedule(() -> {}, 1, TimeUnit.DAYS);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
      return super.schedule(() -> {}, 1, TimeUnit.DAYS);
    }
  }

  @Test
  void start_wakeUpsWithinTheDispatchLinger_shareOneDispatchRound() throws Exception {
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    HeldScheduler scheduler = new HeldScheduler();
    try {
      switchboard.close();
      switchboard = builder(Fixtures.keyring()).scheduler(scheduler).dispatchLinger(Duration.ofMillis(40))
          .pollInterval(Duration.ofHours(1))
          .eventHandler((t, e) -> handled.add(e.externalId())).build();
      connect(ACME, "A1", ACME_TOKEN);
      switchboard.start();

      for (String id : List.of("e1", "e2", "e3")) {
        byte[] body = Fixtures.utf8(Fixtures.fakeWebhook("A1", id));
        assertThat(switchboard.webhooks().handle(WebhookRequest.post(body, Fixtures.signed(body))).status())
            .isEqualTo(200);
      }

      assertThat(scheduler.delaysMillis).containsExactly(40L);
      assertThat(handled).isEmpty();
      scheduler.held.get(0).run();
      assertThat(handled).containsExactly("e1", "e2", "e3");
    } finally {
      switchboard.close();
      scheduler.shutdownNow();
    }
  }

  /** A window store that counts its calls and can be made to fail. */
  private static final class CountingWindowStore implements ConversationWindowStore {
    final InMemoryConversationWindowStore inner = new InMemoryConversationWindowStore();
    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    volatile int singleCalls;
    volatile boolean failing;

    @Override
    public void recordInbound(WindowKey key, Instant at) {
      singleCalls++;
      inner.recordInbound(key, at);
    }

    @Override
    public void recordInbound(Map<WindowKey, Instant> latest) {
      if (failing) {
        throw new StoreException("window store down", null);
      }
      batchSizes.add(latest.size());
      inner.recordInbound(latest);
    }

    @Override
    public Optional<Instant> lastInbound(WindowKey key) {
      return inner.lastInbound(key);
    }
  }

  @Test
  void dispatch_recordsTheMessagingWindowsOfAWholeBatchInOneStoreCall() {
    CountingWindowStore windows = new CountingWindowStore();
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    switchboard.close();
    switchboard = builder(Fixtures.keyring()).windowStore(windows)
        .eventHandler((t, e) -> handled.add(e.externalId())).build();
    connect(ACME, "A1", ACME_TOKEN);
    connect(GLOBEX, "B2", GLOBEX_TOKEN);
    byte[] body = Fixtures.utf8(Fixtures.fakeWebhook("A1", "e1", "A1", "e2", "B2", "e3"));
    assertThat(switchboard.webhooks().handle(WebhookRequest.post(body, Fixtures.signed(body))).status()).isEqualTo(200);

    assertThat(switchboard.inbox().dispatchDue()).isEqualTo(3);

    assertThat(handled).containsExactly("e1", "e2", "e3");
    assertThat(windows.batchSizes).containsExactly(2); // one conversation per tenant
    assertThat(windows.singleCalls).isZero();
    assertThat(windows.lastInbound(new WindowKey(ACME, ChannelType.WHATSAPP, "A1", "15550001111"))).isPresent();
    assertThat(windows.lastInbound(new WindowKey(GLOBEX, ChannelType.WHATSAPP, "B2", "15550001111"))).isPresent();
  }

  @Test
  void dispatch_whenTheWindowStoreFails_retriesTheBatchLikeAHandlerFailure() {
    CountingWindowStore windows = new CountingWindowStore();
    windows.failing = true;
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    switchboard.close();
    switchboard = builder(Fixtures.keyring()).windowStore(windows)
        .eventHandler((t, e) -> handled.add(e.externalId())).build();
    connect(ACME, "A1", ACME_TOKEN);
    byte[] body = Fixtures.utf8(Fixtures.fakeWebhook("A1", "e1", "A1", "e2"));
    assertThat(switchboard.webhooks().handle(WebhookRequest.post(body, Fixtures.signed(body))).status()).isEqualTo(200);

    switchboard.inbox().dispatchDue();

    assertThat(handled).isEmpty();
    InboxEntry first = switchboard.inbox().find(ChannelType.WHATSAPP, "e1").orElseThrow();
    assertThat(first.state()).isEqualTo(InboxEntry.State.PENDING);
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.lastError()).hasValueSatisfying(error -> assertThat(error).contains("window store down"));
    assertThat(switchboard.inbox().find(ChannelType.WHATSAPP, "e2").orElseThrow().attempts()).isZero();

    windows.failing = false;
    clock.advance(Duration.ofHours(1));
    switchboard.inbox().dispatchDue();
    assertThat(handled).containsExactly("e1", "e2");
  }

  @Test
  void close_isIdempotentAndRefusesFurtherSends() {
    switchboard.start();
    assertThat(switchboard.isRunning()).isTrue();
    switchboard.close();
    switchboard.close();
    assertThat(switchboard.isRunning()).isFalse();
    assertThatThrownBy(() -> switchboard.sendNow(text(ACME, "hi"))).isInstanceOf(IllegalStateException.class);
  }
}
