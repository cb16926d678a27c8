package io.switchboard.channel.instagram;

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
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's code, run for real: one tenant on Instagram Login, one on Facebook Login, one
 * signed batched webhook carrying both accounts; each reply leaves through its own setup.
 */
class InstagramEndToEndTest {

  private static final Secret APP_SECRET = Secret.of("one-meta-app-secret");
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop private final MockWebServer facebookHost = new MockWebServer();
  @StartStop private final MockWebServer instagramHost = new MockWebServer();

  private final List<String> routed = Collections.synchronizedList(new ArrayList<>());
  private Switchboard sb;

  @AfterEach
  void close() {
    if (sb != null) {
      sb.close();
    }
  }

  private static void ok(MockWebServer server, String json) {
    server.enqueue(new MockResponse(200, Headers.of("Content-Type", "application/json"), json));
  }

  // ---- the README's code (tokens and hosts aside) ----
  private void setUp() {
    InstagramChannel ig = InstagramChannel.create(
        InstagramConfig.builder().instagramGraphBaseUrl(instagramHost.url("/").toString()).build());
    sb = Switchboard.builder()
        .appSecret(APP_SECRET).verifyToken(Secret.of("verify"))
        .keyring(Keyring.builder().primary("k1", Keyring.generateKeyBase64()).build())
        .inMemoryStores().graphBaseUrl(facebookHost.url("/").toString())
        .clock(java.time.Clock.fixed(java.time.Instant.ofEpochSecond(1760000600), java.time.ZoneOffset.UTC)) // fixtures' time
        .channel(ig).eventHandler(this::onEvent).build();
    sb.connections().connect(ConnectRequest.builder().tenant(ACME).channel(ChannelType.INSTAGRAM)
        .accountId("17841400000000001")
        .attribute(InstagramChannel.LOGIN, InstagramChannel.LOGIN_INSTAGRAM)
        .accessToken(Secret.of("IGAA-acme")).build());
    sb.connections().connect(ConnectRequest.builder().tenant(GLOBEX).channel(ChannelType.INSTAGRAM)
        .accountId("17841400000000002")
        .attribute(InstagramChannel.LOGIN, InstagramChannel.LOGIN_FACEBOOK)
        .attribute(InstagramChannel.PAGE_ID, "100000000000002")
        .accessToken(Secret.of("EAAG-globex-page")).build());
    ok(instagramHost, "{\"success\":true}");
    ok(facebookHost, "{\"success\":true}");
    ig.subscribeApp(ACME, Optional.empty());
    ig.subscribeApp(GLOBEX, Optional.empty());
  }

  private void onEvent(TenantId tenant, InboundEvent event) {
    routed.add(tenant + " " + event.getClass().getSimpleName() + " " + event.externalId());
    if (event instanceof MessageReceived m) {
      sb.send(SendRequest.builder().tenant(tenant).channel(ChannelType.INSTAGRAM).from(m.accountId())
          .to(m.from().id()).replyTo(m.externalId()).content(Text.of("Thanks!")).build());
    }
  }
  // ---- end of README code ----

  @Test
  void batchedWebhook_routesPerAccount_andRepliesUseEachSetup() throws Exception {
    setUp();
    String fields = "?subscribed_fields=messages%2Cmessaging_postbacks%2Cmessaging_seen%2Cmessage_reactions"
        + "%2Cmessaging_referral";
    assertThat(instagramHost.takeRequest().getTarget()).isEqualTo("/v26.0/me/subscribed_apps" + fields);
    assertThat(facebookHost.takeRequest().getTarget()).isEqualTo("/v26.0/100000000000002/subscribed_apps" + fields);
    ok(instagramHost, "{\"recipient_id\":\"1234567890000001\",\"message_id\":\"mid.REPLY_A\"}");
    ok(facebookHost, "{\"recipient_id\":\"1234567890000002\",\"message_id\":\"mid.REPLY_B\"}");

    byte[] body;
    try (InputStream in = getClass().getResourceAsStream("/io/switchboard/fixtures/instagram/batch-two-accounts.json")) {
      body = in.readAllBytes();
    }
    var response = sb.webhooks().handle(
        WebhookRequest.post(body, Map.of(WebhookSignature.HEADER, WebhookSignature.sign(APP_SECRET, body))));
    assertThat(response.status()).isEqualTo(200);
    sb.inbox().dispatchDue();
    sb.outbox().dispatchDue(); // the replies the handler queued

    assertThat(routed).hasSize(5);
    assertThat(routed.subList(0, 4)).containsExactly(
        "acme MessageReceived mid.BATCH_001",
        "acme MessagesRead read:mid.OUT_010",
        "globex MessageReceived mid.BATCH_002",
        "globex MessageEcho mid.BATCH_ECHO_003");
    assertThat(routed.get(4)).startsWith("globex ChannelNotification n:");

    RecordedRequest acme = instagramHost.takeRequest();
    assertThat(acme.getTarget()).isEqualTo("/v26.0/17841400000000001/messages");
    assertThat(acme.getHeaders().get("Authorization")).isEqualTo("Bearer IGAA-acme");
    assertThat(JSON.readTree(acme.getBody().utf8())).isEqualTo(JSON.readTree("""
        {"recipient":{"id":"1234567890000001"},"reply_to":{"mid":"mid.BATCH_001"},"message":{"text":"Thanks!"}}"""));

    RecordedRequest globex = facebookHost.takeRequest();
    assertThat(globex.getTarget()).isEqualTo("/v26.0/100000000000002/messages");
    assertThat(globex.getHeaders().get("Authorization")).isEqualTo("Bearer EAAG-globex-page");
    assertThat(JSON.readTree(globex.getBody().utf8())).isEqualTo(JSON.readTree("""
        {"recipient":{"id":"1234567890000002"},"messaging_type":"RESPONSE","reply_to":{"mid":"mid.BATCH_002"},
         "message":{"text":"Thanks!"}}"""));

    // the acme customer sees the reply: messaging_seen names the message, which becomes READ
    var reply = sb.outbox().findByExternalId(ChannelType.INSTAGRAM, "mid.REPLY_A").orElseThrow();
    assertThat(reply.status()).isEqualTo(io.switchboard.message.DeliveryStatus.SENT);
    byte[] seen = ("{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841400000000001\",\"time\":1760000700000,"
        + "\"messaging\":[{\"sender\":{\"id\":\"1234567890000001\"},\"recipient\":{\"id\":\"17841400000000001\"},"
        + "\"timestamp\":1760000700000,\"read\":{\"mid\":\"mid.REPLY_A\"}}]}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    sb.webhooks().handle(WebhookRequest.post(seen, Map.of(WebhookSignature.HEADER, WebhookSignature.sign(APP_SECRET, seen))));
    sb.inbox().dispatchDue();
    assertThat(sb.outbox().find(reply.id()).orElseThrow().status()).isEqualTo(io.switchboard.message.DeliveryStatus.READ);
    assertThat(sb.outbox().findByExternalId(ChannelType.INSTAGRAM, "mid.REPLY_B").orElseThrow().status())
        .isEqualTo(io.switchboard.message.DeliveryStatus.SENT);
  }
}
