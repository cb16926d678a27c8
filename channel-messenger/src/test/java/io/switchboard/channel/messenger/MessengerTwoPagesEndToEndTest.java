package io.switchboard.channel.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.crypto.Keyring;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageReceived;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Text;
import io.switchboard.webhook.WebhookRequest;
import io.switchboard.webhook.WebhookSignature;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two tenants connect their own Pages to one Meta app; one signed webhook carries both Pages'
 * events; each event reaches its own tenant (the echo as an echo); each tenant replies through
 * its own Page with its own Page token.
 */
class MessengerTwoPagesEndToEndTest {

  private static final Secret APP_SECRET = Secret.of("one-meta-app-secret");
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final String PAGE_A = "300000000000001";
  private static final String PAGE_B = "300000000000002";
  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop private final MockWebServer graph = new MockWebServer();

  private final List<String> routed = Collections.synchronizedList(new ArrayList<>());
  private final List<MessageReceived> received = Collections.synchronizedList(new ArrayList<>());
  private final List<TenantId> receivedBy = Collections.synchronizedList(new ArrayList<>());
  private Switchboard switchboard;

  @BeforeEach
  void setUp() {
    switchboard = Switchboard.builder()
        .appSecret(APP_SECRET)
        .verifyToken(Secret.of("verify"))
        .keyring(Keyring.builder().primary("k1", Keyring.generateKeyBase64()).build())
        .channel(MessengerChannel.create())
        // the fixtures' customers wrote around this time: their 24-hour windows are open
        .clock(java.time.Clock.fixed(java.time.Instant.ofEpochSecond(1760000600), java.time.ZoneOffset.UTC))
        .inMemoryStores()
        .graphBaseUrl(graph.url("/").toString())
        .eventHandler(this::onEvent)
        .build();
    connect(ACME, PAGE_A, "EAAG-page-token-of-acme");
    connect(GLOBEX, PAGE_B, "EAAG-page-token-of-globex");
  }

  @AfterEach
  void tearDown() {
    switchboard.close();
  }

  private void connect(TenantId tenant, String pageId, String token) {
    switchboard.connections().connect(ConnectRequest.builder()
        .tenant(tenant).channel(ChannelType.MESSENGER).accountId(pageId).accessToken(Secret.of(token)).build());
  }

  private void onEvent(TenantId tenant, InboundEvent event) {
    routed.add(tenant + " " + event.getClass().getSimpleName() + " " + event.externalId());
    if (event instanceof MessageReceived m) {
      received.add(m);
      receivedBy.add(tenant);
    }
  }

  private static byte[] fixture(String name) throws Exception {
    try (InputStream in = MessengerTwoPagesEndToEndTest.class.getResourceAsStream("/io/switchboard/fixtures/messenger/" + name)) {
      return in.readAllBytes();
    }
  }

  private WebhookRequest signed(byte[] body) {
    return WebhookRequest.post(body, Map.of(WebhookSignature.HEADER, WebhookSignature.sign(APP_SECRET, body)));
  }

  @Test
  void batchedWebhook_eachEventReachesItsTenant_andRepliesUseEachPagesToken() throws Exception {
    assertThat(switchboard.webhooks().handle(signed(fixture("batch-two-pages.json"))).status()).isEqualTo(200);
    switchboard.inbox().dispatchDue();

    assertThat(routed).hasSize(7);
    assertThat(routed.subList(0, 2)).containsExactly("acme MessageReceived m_BATCH_A_1", "acme MessageEcho m_BATCH_A_2");
    assertThat(routed.get(2)).startsWith("acme MessagesDelivered delivery:400000000000001:");
    assertThat(routed.get(3)).isEqualTo("acme MessagesRead read:400000000000001:1760000000223");
    assertThat(routed.subList(4, 6)).containsExactly("globex MessageReceived m_BATCH_B_1", "globex Postback m_BATCH_B_2");
    assertThat(routed.get(6)).startsWith("globex ReactionReceived react:m_OUT_B_1:400000000000002:react:");
    assertThat(switchboard.inbox().unroutable(10)).isEmpty();

    for (int i = 0; i < received.size(); i++) {
      graph.enqueue(new MockResponse.Builder()
          .body("{\"recipient_id\":\"x\",\"message_id\":\"m_REPLY_" + i + "\"}").build());
      MessageReceived m = received.get(i);
      switchboard.send(SendRequest.builder()
          .tenant(receivedBy.get(i)).channel(ChannelType.MESSENGER)
          .to(m.from().id()).replyTo(m.externalId()).content(Text.of("Thanks, we're on it"))
          .build());
    }
    switchboard.outbox().dispatchDue();

    RecordedRequest acme = graph.takeRequest();
    assertThat(acme.getTarget()).isEqualTo("/v26.0/" + PAGE_A + "/messages");
    assertThat(acme.getHeaders().get("Authorization")).isEqualTo("Bearer EAAG-page-token-of-acme");
    assertThat(JSON.readTree(acme.getBody().utf8())).isEqualTo(JSON.readTree("""
        {"recipient":{"id":"400000000000001"},"messaging_type":"RESPONSE",
         "message":{"text":"Thanks, we're on it"},"reply_to":{"mid":"m_BATCH_A_1"}}"""));

    RecordedRequest globex = graph.takeRequest();
    assertThat(globex.getTarget()).isEqualTo("/v26.0/" + PAGE_B + "/messages");
    assertThat(globex.getHeaders().get("Authorization")).isEqualTo("Bearer EAAG-page-token-of-globex");
    assertThat(JSON.readTree(globex.getBody().utf8()).at("/recipient/id").asText()).isEqualTo("400000000000002");
  }

  @Test
  void sameBatchDeliveredTwice_handlerSeesEachEventOnce() throws Exception {
    WebhookRequest request = signed(fixture("batch-two-pages.json"));
    switchboard.webhooks().handle(request);
    switchboard.inbox().dispatchDue();
    switchboard.webhooks().handle(request);
    switchboard.inbox().dispatchDue();

    assertThat(routed).hasSize(7).doesNotHaveDuplicates();
  }

  private String receipts(String kind, long watermarkMillis, String mids) {
    String body = kind.equals("read")
        ? "\"read\":{\"watermark\":" + watermarkMillis + "}"
        : "\"delivery\":{" + mids + "\"watermark\":" + watermarkMillis + "}";
    return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_A + "\",\"time\":" + watermarkMillis
        + ",\"messaging\":[{\"sender\":{\"id\":\"400000000000001\"},\"recipient\":{\"id\":\"" + PAGE_A
        + "\"},\"timestamp\":" + watermarkMillis + "," + body + "}]}]}";
  }

  @Test
  void deliveriesAndReadWatermarks_advanceTheRightOutboundMessages() throws Exception {
    switchboard.webhooks().handle(signed(fixture("batch-two-pages.json")));
    switchboard.inbox().dispatchDue();
    graph.enqueue(new MockResponse.Builder().body("{\"recipient_id\":\"400000000000001\",\"message_id\":\"m_OUT_1\"}").build());
    graph.enqueue(new MockResponse.Builder().body("{\"recipient_id\":\"400000000000002\",\"message_id\":\"m_OUT_2\"}").build());
    var toAcmeCustomer = switchboard.send(SendRequest.builder().tenant(ACME).channel(ChannelType.MESSENGER)
        .to("400000000000001").content(Text.of("One")).build());
    var toGlobexCustomer = switchboard.send(SendRequest.builder().tenant(GLOBEX).channel(ChannelType.MESSENGER)
        .to("400000000000002").content(Text.of("Two")).build());
    switchboard.outbox().dispatchDue();
    assertThat(toAcmeCustomer.status()).isEqualTo(io.switchboard.message.DeliveryStatus.SENT);

    long after = 1760000600_000L + 1_000; // after both sends (the clock is fixed at 1760000600)
    byte[] delivery = receipts("delivery", after, "\"mids\":[\"m_OUT_1\"],").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    switchboard.webhooks().handle(signed(delivery));
    switchboard.inbox().dispatchDue();
    assertThat(toAcmeCustomer.status()).isEqualTo(io.switchboard.message.DeliveryStatus.DELIVERED);
    assertThat(toGlobexCustomer.status()).isEqualTo(io.switchboard.message.DeliveryStatus.SENT);

    byte[] read = receipts("read", after, "").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    switchboard.webhooks().handle(signed(read));
    switchboard.inbox().dispatchDue();
    assertThat(toAcmeCustomer.status()).isEqualTo(io.switchboard.message.DeliveryStatus.READ);
    assertThat(toGlobexCustomer.status()).isEqualTo(io.switchboard.message.DeliveryStatus.SENT); // another Page's customer
  }
}
