package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.crypto.Keyring;
import io.switchboard.event.ChannelNotification;
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
 * The first vertical slice end to end: two tenants connect their own WhatsApp numbers to one Meta
 * app; one signed, batched webhook carries both numbers' traffic; every event reaches its own
 * tenant; each tenant replies with its own token from its own phone_number_id.
 */
class WhatsAppTwoTenantsEndToEndTest {

  private static final Secret APP_SECRET = Secret.of("one-meta-app-secret");
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop private final MockWebServer graph = new MockWebServer();

  private final List<String> routed = Collections.synchronizedList(new ArrayList<>());
  private final List<MessageReceived> toAnswer = Collections.synchronizedList(new ArrayList<>());
  private final List<TenantId> answerAs = Collections.synchronizedList(new ArrayList<>());
  private Switchboard switchboard;

  @BeforeEach
  void setUp() {
    switchboard = Switchboard.builder()
        .appSecret(APP_SECRET)
        .verifyToken(Secret.of("verify"))
        .keyring(Keyring.builder().primary("k1", Keyring.generateKeyBase64()).build())
        .channel(WhatsAppChannel.create())
        .inMemoryStores()
        .clock(java.time.Clock.fixed(java.time.Instant.ofEpochSecond(1760003600), java.time.ZoneOffset.UTC)) // fixtures' hour
        .graphBaseUrl(graph.url("/").toString())
        .eventHandler(this::onEvent)
        .build();
    connect(ACME, "200000000000001", "100000000000001", "EAAG-token-of-acme");
    connect(GLOBEX, "200000000000002", "100000000000002", "EAAG-token-of-globex");
  }

  @AfterEach
  void tearDown() {
    switchboard.close();
  }

  private void connect(TenantId tenant, String phoneNumberId, String wabaId, String token) {
    switchboard.connections().connect(ConnectRequest.builder()
        .tenant(tenant).channel(ChannelType.WHATSAPP).accountId(phoneNumberId)
        .attribute(ChannelConnection.WABA_ID, wabaId)
        .accessToken(Secret.of(token)).build());
  }

  private void onEvent(TenantId tenant, InboundEvent event) {
    routed.add(tenant + " " + event.getClass().getSimpleName() + " " + event.externalId());
    if (event instanceof MessageReceived m && m.externalId().endsWith("_1")) {
      toAnswer.add(m);
      answerAs.add(tenant);
    }
  }

  private static byte[] fixture(String name) throws Exception {
    try (InputStream in = WhatsAppTwoTenantsEndToEndTest.class.getResourceAsStream("/io/switchboard/fixtures/whatsapp/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void batchedWebhook_eachEventReachesItsTenant_andRepliesUseEachTenantsTokenAndNumber() throws Exception {
    byte[] body = fixture("batch-two-accounts.json");
    var response = switchboard.webhooks().handle(
        WebhookRequest.post(body, Map.of(WebhookSignature.HEADER, WebhookSignature.sign(APP_SECRET, body))));
    assertThat(response.status()).isEqualTo(200);

    switchboard.inbox().dispatchDue();

    assertThat(routed).containsExactly(
        "acme MessageReceived wamid.BATCH_A_1",
        "acme MessageReceived wamid.BATCH_A_2",
        "acme ReactionReceived wamid.BATCH_A_3",
        "acme StatusChanged wamid.OUT_0001:delivered",
        "acme StatusChanged wamid.OUT_0001:read",
        routed.get(5), // the template notification's content-derived id
        "globex MessageReceived wamid.BATCH_B_1",
        "globex MessageReceived wamid.BATCH_B_2",
        "globex StatusChanged wamid.OUT_B_0001:sent",
        routed.get(9));
    assertThat(routed.get(5)).startsWith("acme ChannelNotification n:");
    assertThat(routed.get(9)).startsWith("globex ChannelNotification n:");
    assertThat(switchboard.inbox().unroutable(10)).isEmpty();

    // each tenant answers the first message it received
    for (int i = 0; i < toAnswer.size(); i++) {
      graph.enqueue(new MockResponse.Builder().body(
          "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
              + "\"messages\":[{\"id\":\"wamid.REPLY_" + i + "\"}]}").build());
      MessageReceived m = toAnswer.get(i);
      switchboard.send(SendRequest.builder()
          .tenant(answerAs.get(i)).channel(ChannelType.WHATSAPP)
          .to(m.from().id()).replyTo(m.externalId()).content(Text.of("Thanks, we're on it"))
          .build());
    }
    switchboard.outbox().dispatchDue();

    RecordedRequest acmeReply = graph.takeRequest();
    assertThat(acmeReply.getTarget()).isEqualTo("/v26.0/200000000000001/messages");
    assertThat(acmeReply.getHeaders().get("Authorization")).isEqualTo("Bearer EAAG-token-of-acme");
    assertThat(JSON.readTree(acmeReply.getBody().utf8())).isEqualTo(JSON.readTree(
        "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+15551230001\","
            + "\"type\":\"text\",\"text\":{\"body\":\"Thanks, we're on it\",\"preview_url\":false},"
            + "\"context\":{\"message_id\":\"wamid.BATCH_A_1\"}}"));

    RecordedRequest globexReply = graph.takeRequest();
    assertThat(globexReply.getTarget()).isEqualTo("/v26.0/200000000000002/messages");
    assertThat(globexReply.getHeaders().get("Authorization")).isEqualTo("Bearer EAAG-token-of-globex");
    JsonNode globexBody = JSON.readTree(globexReply.getBody().utf8());
    assertThat(globexBody.path("context").path("message_id").asText()).isEqualTo("wamid.BATCH_B_1");
  }

  @Test
  void sameBatchDeliveredTwice_handlerSeesEachEventOnce() throws Exception {
    byte[] body = fixture("batch-two-accounts.json");
    WebhookRequest request =
        WebhookRequest.post(body, Map.of(WebhookSignature.HEADER, WebhookSignature.sign(APP_SECRET, body)));
    switchboard.webhooks().handle(request);
    switchboard.inbox().dispatchDue();
    switchboard.webhooks().handle(request);
    switchboard.inbox().dispatchDue();

    assertThat(routed).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void templateStatusNotification_routedToTenantOwningTheWaba() throws Exception {
    byte[] body = fixture("notifications/template-status.json");
    List<InboundEvent> seen = Collections.synchronizedList(new ArrayList<>());
    switchboard.close();
    switchboard = Switchboard.builder()
        .appSecret(APP_SECRET).verifyToken(Secret.of("verify"))
        .keyring(Keyring.builder().primary("k1", Keyring.generateKeyBase64()).build())
        .channel(WhatsAppChannel.create()).inMemoryStores()
        .eventHandler((tenant, event) -> {
          routed.add(tenant.value());
          seen.add(event);
        })
        .build();
    connect(ACME, "200000000000001", "100000000000001", "EAAG-token-of-acme");
    connect(GLOBEX, "200000000000002", "100000000000002", "EAAG-token-of-globex");

    switchboard.webhooks().handle(
        WebhookRequest.post(body, Map.of(WebhookSignature.HEADER, WebhookSignature.sign(APP_SECRET, body))));
    switchboard.inbox().dispatchDue();

    assertThat(routed).containsExactly("acme");
    assertThat(seen).singleElement().isInstanceOfSatisfying(ChannelNotification.class, n -> {
      assertThat(n.topic()).isEqualTo("message_template_status_update");
      assertThat(n.accountId()).isEqualTo("100000000000001");
    });
  }
}
