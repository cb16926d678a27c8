package io.switchboard.webhook;

import static io.switchboard.testing.Fixtures.APP_SECRET;
import static io.switchboard.testing.Fixtures.VERIFY_TOKEN;
import static io.switchboard.testing.Fixtures.fakeWebhook;
import static io.switchboard.testing.Fixtures.signed;
import static io.switchboard.testing.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.Backoff;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.StoreException;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageReceived;
import io.switchboard.webhook.WebhookSignature;
import io.switchboard.spi.AppendResult;
import io.switchboard.spi.InboxEntry;
import io.switchboard.spi.InboxEvent;
import io.switchboard.store.memory.InMemoryInboxStore;
import io.switchboard.testing.FakeChannel;
import io.switchboard.testing.Fixtures;
import io.switchboard.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookPipelineTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");

  private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
  private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
  private final InMemoryInboxStore inbox = new InMemoryInboxStore();
  private volatile RuntimeException failNext;
  private Switchboard switchboard;

  @BeforeEach
  void setUp() {
    switchboard = builder(inbox).build();
    connect(ACME, "A1");
    connect(GLOBEX, "G1");
  }

  @AfterEach
  void tearDown() {
    switchboard.close();
  }

  private Switchboard.Builder builder(io.switchboard.spi.InboxStore store) {
    return Switchboard.builder()
        .appSecret(APP_SECRET)
        .verifyToken(VERIFY_TOKEN)
        .keyring(Fixtures.keyring())
        .channel(new FakeChannel())
        .stores(new io.switchboard.store.memory.InMemoryStores()).inboxStore(store)
        .clock(clock)
        .handlerBackoff(new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 0))
        .eventHandler((tenant, event) -> {
          RuntimeException f = failNext;
          if (f != null) {
            failNext = null;
            throw f;
          }
          handled.add(tenant + ":" + event.externalId());
        });
  }

  private void connect(TenantId tenant, String account) {
    switchboard.connections().connect(ConnectRequest.builder()
        .tenant(tenant).channel(ChannelType.WHATSAPP).accountId(account)
        .accessToken(Secret.of("token-" + tenant)).build());
  }

  private WebhookResponse post(String json) {
    byte[] body = utf8(json);
    return switchboard.webhooks().handle(WebhookRequest.post(body, signed(body)));
  }

  @Test
  void handshake_matchingToken_echoesChallengeVerbatim() {
    WebhookResponse r = switchboard.webhooks().handle(WebhookRequest.get(Map.of(
        "hub.mode", "subscribe", "hub.verify_token", "verify-me-please", "hub.challenge", "0012345678901234567890")));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("0012345678901234567890");
  }

  @Test
  void handshake_wrongToken_is403() {
    WebhookResponse r = switchboard.webhooks().handle(WebhookRequest.get(Map.of(
        "hub.mode", "subscribe", "hub.verify_token", "guess", "hub.challenge", "42")));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).doesNotContain("42").doesNotContain("verify-me-please");
  }

  @Test
  void handshake_missingMode_is400() {
    WebhookResponse r = switchboard.webhooks().handle(WebhookRequest.get(Map.of("hub.challenge", "42")));
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void post_validSignature_storesRoutesAndDispatchesEachEventToItsTenant() {
    WebhookResponse r = post(fakeWebhook("A1", "e1", "G1", "e2", "A1", "e3"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(inbox.find(ChannelType.WHATSAPP, "e1")).get().extracting(InboxEntry::state).isEqualTo(InboxEntry.State.PENDING);
    assertThat(handled).isEmpty(); // stored first, handed over by the dispatcher
    assertThat(switchboard.inbox().dispatchDue()).isEqualTo(3);
    assertThat(handled).containsExactly("acme:e1", "globex:e2", "acme:e3");
    assertThat(inbox.find(ChannelType.WHATSAPP, "e2")).get().extracting(InboxEntry::state).isEqualTo(InboxEntry.State.DELIVERED);
  }

  @Test
  void post_sameWebhookTwice_reachesHandlerOnce() {
    String body = fakeWebhook("A1", "dup-1");
    assertThat(post(body).status()).isEqualTo(200);
    switchboard.inbox().dispatchDue();
    assertThat(post(body).status()).isEqualTo(200);
    switchboard.inbox().dispatchDue();

    assertThat(handled).containsExactly("acme:dup-1");
  }

  @Test
  void post_concurrentDeliveriesOfSameEvent_reachHandlerOnce() throws Exception {
    String body = fakeWebhook("A1", "race-1", "G1", "race-2");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<WebhookResponse>> results = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return post(body);
      }));
    }
    start.countDown();
    for (Future<WebhookResponse> f : results) {
      assertThat(f.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }
    pool.shutdown();
    // and concurrent dispatchers too
    ExecutorService dispatchers = Executors.newFixedThreadPool(4);
    List<Future<Integer>> rounds = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rounds.add(dispatchers.submit(() -> switchboard.inbox().dispatchDue()));
    }
    for (Future<Integer> f : rounds) {
      f.get(30, TimeUnit.SECONDS);
    }
    dispatchers.shutdown();

    assertThat(handled).containsExactlyInAnyOrder("acme:race-1", "globex:race-2");
  }

  @Test
  void post_handlerThrows_eventDeliveredAgainAfterBackoff() {
    post(fakeWebhook("A1", "retry-1"));
    failNext = new IllegalStateException("CRM database down");

    assertThat(switchboard.inbox().dispatchDue()).isEqualTo(1);
    assertThat(handled).isEmpty();
    InboxEntry afterFailure = inbox.find(ChannelType.WHATSAPP, "retry-1").orElseThrow();
    assertThat(afterFailure.state()).isEqualTo(InboxEntry.State.PENDING);
    assertThat(afterFailure.attempts()).isEqualTo(1);
    assertThat(afterFailure.lastError()).get().asString().contains("CRM database down");
    assertThat(afterFailure.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(10));

    clock.advance(Duration.ofSeconds(9));
    assertThat(switchboard.inbox().dispatchDue()).isZero(); // not due yet
    clock.advance(Duration.ofSeconds(1));
    assertThat(switchboard.inbox().dispatchDue()).isEqualTo(1);
    assertThat(handled).containsExactly("acme:retry-1");
  }

  private static String conversationWebhook() {
    // alice writes twice, then bob writes, all to account A1 of acme
    return "{\"object\":\"fake\",\"events\":["
        + "{\"account\":\"A1\",\"id\":\"alice-1\",\"from\":\"alice\",\"text\":\"question\"},"
        + "{\"account\":\"A1\",\"id\":\"alice-2\",\"from\":\"alice\",\"text\":\"follow-up\"},"
        + "{\"account\":\"A1\",\"id\":\"bob-1\",\"from\":\"bob\",\"text\":\"hello\"}]}";
  }

  @Test
  void post_handlerFailsOnAnEvent_laterEventsOfItsConversationWaitAndOthersGoOn() {
    post(conversationWebhook());
    failNext = new IllegalStateException("CRM database down"); // fails alice-1, the first handed over

    switchboard.inbox().dispatchDue();
    assertThat(handled).containsExactly("acme:bob-1");
    InboxEntry waiting = inbox.find(ChannelType.WHATSAPP, "alice-2").orElseThrow();
    assertThat(waiting.state()).isEqualTo(InboxEntry.State.PENDING);
    assertThat(waiting.attempts()).as("waiting is not an attempt").isZero();
    assertThat(waiting.lastError()).get().asString().contains("alice-1");

    clock.advance(Duration.ofSeconds(9));
    assertThat(switchboard.inbox().dispatchDue()).as("alice-2 is due but waits for alice-1").isZero();
    clock.advance(Duration.ofSeconds(1));
    switchboard.inbox().dispatchDue();
    assertThat(handled).containsExactly("acme:bob-1", "acme:alice-1", "acme:alice-2");
  }

  @Test
  void post_orderByConversationOff_aLaterEventOvertakesARetriedOne() {
    switchboard.close();
    switchboard = builder(new InMemoryInboxStore()).orderByConversation(false).build();
    connect(ACME, "A1");
    post(conversationWebhook());
    failNext = new IllegalStateException("CRM database down");

    switchboard.inbox().dispatchDue();
    assertThat(handled).containsExactly("acme:alice-2", "acme:bob-1");
    clock.advance(Duration.ofSeconds(10));
    switchboard.inbox().dispatchDue();
    assertThat(handled).containsExactly("acme:alice-2", "acme:bob-1", "acme:alice-1");
  }

  @Test
  void post_missingSignature_is401AndStoresNothing() {
    byte[] body = utf8(fakeWebhook("A1", "unsigned-1"));
    WebhookResponse r = switchboard.webhooks().handle(WebhookRequest.post(body, Map.of()));

    assertThat(r.status()).isEqualTo(401);
    assertThat(inbox.find(ChannelType.WHATSAPP, "unsigned-1")).isEmpty();
    assertThat(switchboard.inbox().malformed(10)).isEmpty();
  }

  @Test
  void post_signatureWithWrongSecret_is401AndStoresNothing() {
    byte[] body = utf8(fakeWebhook("A1", "forged-1"));
    String forged = WebhookSignature.sign(Secret.of("not-the-app-secret"), body);
    WebhookResponse r = switchboard.webhooks().handle(WebhookRequest.post(body, Map.of("x-hub-signature-256", forged)));

    assertThat(r.status()).isEqualTo(401);
    assertThat(inbox.find(ChannelType.WHATSAPP, "forged-1")).isEmpty();
  }

  @Test
  void post_bodyAlteredAfterSigning_is401() {
    byte[] signedBody = utf8(fakeWebhook("A1", "x-1"));
    byte[] altered = utf8(fakeWebhook("A1", "x-2"));
    WebhookResponse r = switchboard.webhooks().handle(WebhookRequest.post(altered, signed(signedBody)));
    assertThat(r.status()).isEqualTo(401);
  }

  @Test
  void post_malformedSignatureHeader_is401() {
    byte[] body = utf8(fakeWebhook("A1", "x-3"));
    for (String header : List.of("sha256=", "sha256=zz", "sha1=abc", "sha256=" + "0".repeat(64))) {
      assertThat(switchboard.webhooks().handle(WebhookRequest.post(body, Map.of("X-Hub-Signature-256", header))).status())
          .as(header).isEqualTo(401);
    }
  }

  @Test
  void post_oversizedBody_is413BeforeSignatureCheck() {
    switchboard.close();
    switchboard = builder(inbox).maxWebhookBodyBytes(1024).build();
    byte[] body = new byte[1025];
    WebhookResponse r = switchboard.webhooks().handle(WebhookRequest.post(body, Map.of()));
    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void post_signedButNotJson_is400AndRawBodyKept() {
    WebhookResponse r = post("{\"object\": \"fake\", oops");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("not valid JSON");
    assertThat(switchboard.inbox().malformed(10)).singleElement()
        .satisfies(m -> assertThat(m.bodyText()).isEqualTo("{\"object\": \"fake\", oops"));
  }

  @Test
  void post_signedButChannelRejectsStructure_is400AndRawBodyKept() {
    WebhookResponse r = post("{\"object\":\"fake\",\"events\":[{\"account\":\"A1\"}]}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(switchboard.inbox().malformed(10)).singleElement()
        .satisfies(m -> assertThat(m.reason()).contains("events[].id is missing"));
  }

  @Test
  void post_objectNoChannelHandles_is200AndKept() {
    WebhookResponse r = post("{\"object\":\"permissions\",\"entry\":[]}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(switchboard.inbox().malformed(10)).singleElement()
        .satisfies(m -> assertThat(m.reason()).contains("no channel registered for object 'permissions'"));
  }

  @Test
  void post_unknownAccount_keptUnroutableThenHandedToTenantThatConnectsIt() {
    assertThat(post(fakeWebhook("NEW-1", "early-1")).status()).isEqualTo(200);
    assertThat(switchboard.inbox().dispatchDue()).isZero();
    assertThat(switchboard.inbox().unroutable(10)).singleElement()
        .satisfies(e -> assertThat(e.event().externalId()).isEqualTo("early-1"));

    connect(TenantId.of("initech"), "NEW-1");

    assertThat(switchboard.inbox().unroutable(10)).isEmpty();
    switchboard.inbox().dispatchDue();
    assertThat(handled).containsExactly("initech:early-1");
  }

  @Test
  void post_storeFails_is500SoMetaRetries() {
    switchboard.close();
    switchboard = builder(new DelegatingInbox(new InMemoryInboxStore()) {
      @Override
      public AppendResult append(List<InboxEvent> events) {
        throw new StoreException("inbox.append", new java.sql.SQLException("connection lost"));
      }
    }).build();
    connect(ACME, "A1");

    assertThat(post(fakeWebhook("A1", "lost-1")).status()).isEqualTo(500);
  }

  @Test
  void post_storedEventRoundTripsThroughCodec() {
    post(fakeWebhook("A1", "codec-1"));
    List<InboundEvent> seen = new ArrayList<>();
    switchboard.close();
    switchboard = builder(inbox).eventHandler((t, e) -> seen.add(e)).build();
    switchboard.inbox().dispatchDue();

    assertThat(seen).singleElement().isInstanceOfSatisfying(MessageReceived.class, m -> {
      assertThat(m.accountId()).isEqualTo("A1");
      assertThat(m.content()).isEqualTo(new io.switchboard.event.InboundContent.Text("hello codec-1"));
      assertThat(m.occurredAt()).isEqualTo(java.time.Instant.ofEpochSecond(1760000000L));
    });
  }

  @Test
  void post_unsupportedMethod_is405() {
    assertThat(switchboard.webhooks().handle(WebhookRequest.of("PUT", Map.of(), Map.of(), new byte[0])).status())
        .isEqualTo(405);
  }
}
