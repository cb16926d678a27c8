package io.switchboard.examples.engine;

import static io.switchboard.examples.engine.EngineApi.ADMIN;
import static io.switchboard.examples.engine.EngineApi.assertSigned;
import static io.switchboard.examples.engine.EngineApi.connectWhatsApp;
import static io.switchboard.examples.engine.EngineApi.createTenant;
import static io.switchboard.examples.engine.EngineApi.send;
import static io.switchboard.examples.engine.EngineApi.status;
import static io.switchboard.examples.engine.Http.JSON;
import static io.switchboard.examples.engine.Http.await;
import static io.switchboard.examples.engine.Http.call;
import static io.switchboard.examples.engine.Http.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.testkit.WebhookSigner;
import io.switchboard.webhook.WebhookSignature;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code --meta=live} without Meta: the Meta app's settings come from an injected environment and
 * {@code --meta-base-url} points the Graph client at a MockWebServer, which checks every request
 * the engine makes.
 */
class LiveModeTest {
  static final String APP_ID = "987654321012345";
  static final String APP_SECRET = "live-app-secret-7f3a";
  static final String VERIFY_TOKEN = "live-verify-token-91c2";
  static final String PHONE = "200000000000041";
  static final String WABA = "100000000000041";
  static final String CUSTOMER = "16505551234";

  @StartStop final MockWebServer graph = new MockWebServer();
  @AutoClose final Closer closer = new Closer();

  String[] args(String... more) {
    return Stream.concat(Stream.of("--meta=live", "--meta-base-url", graph.url("/").toString(), "--db=mem",
        "--port=0"), Stream.of(more)).toArray(String[]::new);
  }

  static Map<String, String> env() {
    return Map.of("META_APP_ID", APP_ID, "META_APP_SECRET", APP_SECRET, "META_VERIFY_TOKEN", VERIFY_TOKEN,
        "ENGINE_ADMIN_KEY", ADMIN);
  }

  EngineServer engine() throws Exception {
    return closer.add(EngineServer.start(args(), env()));
  }

  @Test
  void start_withoutTheMetaSettings_failsWithOneErrorNamingEveryMissingVariable() {
    assertThatThrownBy(() -> EngineServer.start(args(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("META_APP_ID", "META_APP_SECRET", "META_VERIFY_TOKEN");

    // what is there is not named, and its value never shows
    assertThatThrownBy(() -> EngineServer.start(args(), Map.of("META_APP_SECRET", APP_SECRET)))
        .hasMessageContainingAll("META_APP_ID", "META_VERIFY_TOKEN")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("META_APP_SECRET").doesNotContain(APP_SECRET));
    // an option stands in for its variable; a blank variable counts as missing
    assertThatThrownBy(() -> EngineServer.start(args("--app-id", APP_ID, "--verify-token", VERIFY_TOKEN),
        Map.of("META_APP_SECRET", " ")))
        .hasMessageContaining("META_APP_SECRET")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("META_APP_ID").doesNotContain("META_VERIFY_TOKEN"));
    assertThat(graph.getRequestCount()).isZero();
  }

  @Test
  void handshake_answersTheChallengeOnlyForTheConfiguredVerifyToken() throws Exception {
    EngineServer s = engine();
    String url = s.baseUrl() + "webhooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=";

    Http.Response ok = call("GET", url + VERIFY_TOKEN, null, null);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.raw()).isEqualTo("1158201444");

    Http.Response wrong = call("GET", url + "engine-verify-token", null, null); // the emulator mode's default
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.raw()).doesNotContain("1158201444");
  }

  @Test
  void webhook_signedWithTheConfiguredAppSecretIsAccepted_anotherSecretIs401AndStoresNothing() throws Exception {
    EngineServer s = engine();
    TenantReceiver app = closer.add(TenantReceiver.start());
    createTenant(s, "acme", app.url());
    connectWhatsApp(s, "acme", PHONE, WABA);

    assertThat(postWebhook(s, inboundText("wamid.FORGED", "hi"), "engine-app-secret").status()).isEqualTo(401);
    assertThat(postWebhook(s, inboundText("wamid.SIGNED", "hi"), APP_SECRET).status()).isEqualTo(200);

    TenantReceiver.Received in = app.awaitEvent("the signed message",
        e -> e.path("event_id").asText().equals("wamid.SIGNED"));
    assertSigned(in, "secret-of-acme");
    assertThat(s.switchboard().inbox().find(ChannelType.WHATSAPP, "wamid.FORGED")).isEmpty();
    assertThat(app.received).extracting(r -> r.json().path("event_id").asText()).doesNotContain("wamid.FORGED");
  }

  @Test
  void send_makesExactlyTheExpectedGraphRequest_andLogsNoSecret() throws Exception {
    String tenantToken = "EAAG-live-token-of-acme";
    String tenantKey;
    String log;
    EngineLog captured = EngineLog.capture();
    try {
      EngineServer s = engine();
      TenantReceiver app = closer.add(TenantReceiver.start());
      tenantKey = createTenant(s, "acme", app.url());
      Http.Response c = EngineApi.connect(s, "acme", "whatsapp", "{\"access_token\":\"" + tenantToken
          + "\",\"phone_number_id\":\"" + PHONE + "\",\"waba_id\":\"" + WABA + "\"}");
      assertThat(c.status()).as(c.raw()).isEqualTo(200);
      // the customer writes first: free-form text is allowed within 24 hours of that
      assertThat(postWebhook(s, inboundText("wamid.IN", "Is the blue one in stock?"), APP_SECRET).status())
          .isEqualTo(200);
      app.awaitEvent("the inbound message", e -> e.path("event_id").asText().equals("wamid.IN"));

      graph.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(
          "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+" + CUSTOMER + "\",\"wa_id\":\"" + CUSTOMER
              + "\"}],\"messages\":[{\"id\":\"wamid.OUT\"}]}").build());
      String id = send(s, tenantKey, "{\"channel\":\"whatsapp\",\"to\":\"" + CUSTOMER
          + "\",\"message\":{\"type\":\"text\",\"text\":\"Yes, size 38 to 44\"}}");

      RecordedRequest sent = graph.takeRequest(10, TimeUnit.SECONDS);
      assertThat(sent).as("the Graph request").isNotNull();
      assertThat(sent.getMethod()).isEqualTo("POST");
      assertThat(sent.getTarget()).isEqualTo("/v26.0/" + PHONE + "/messages");
      assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + tenantToken);
      assertThat(JSON.readTree(sent.getBody().utf8())).isEqualTo(JSON.readTree(
          "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+" + CUSTOMER + "\","
              + "\"type\":\"text\",\"text\":{\"body\":\"Yes, size 38 to 44\",\"preview_url\":false}}"));
      await("sent", () -> status(s, tenantKey, id).equals("sent"));
      assertThat(call("GET", s.baseUrl() + "messages/" + id, tenantKey, null).json().path("external_id").asText())
          .isEqualTo("wamid.OUT");

      // Meta's read receipt, signed, moves it to read
      assertThat(postWebhook(s, readStatus("wamid.OUT"), APP_SECRET).status()).isEqualTo(200);
      await("read", () -> status(s, tenantKey, id).equals("read"));
      assertThat(graph.getRequestCount()).as("Graph requests").isEqualTo(1);
    } finally {
      captured.close();
      log = captured.text();
    }
    assertThat(log).contains("meta: Graph API at " + graph.url("/")).contains(APP_ID);
    assertThat(log).doesNotContain(APP_SECRET, VERIFY_TOKEN, ADMIN, tenantToken, tenantKey, "secret-of-acme");
  }

  Http.Response postWebhook(EngineServer s, String body, String secret) throws Exception {
    Map<String, String> headers = new HashMap<>();
    headers.put(WebhookSignature.HEADER, WebhookSigner.of(Secret.of(secret)).sign(body));
    return request("POST", s.baseUrl() + "webhooks/meta", headers, body);
  }

  /** A WhatsApp {@code messages} notification for the test number with one value (Meta's shape). */
  static String whatsApp(String value) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + WABA + "\",\"changes\":[{\"field\":"
        + "\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
        + "\"15550001111\",\"phone_number_id\":\"" + PHONE + "\"}," + value + "}}]}]}";
  }

  static String inboundText(String wamid, String text) {
    return whatsApp("\"contacts\":[{\"profile\":{\"name\":\"Ana\"},\"wa_id\":\"" + CUSTOMER + "\"}],"
        + "\"messages\":[{\"from\":\"" + CUSTOMER + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
        + Instant.now().getEpochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]");
  }

  static String readStatus(String wamid) {
    return whatsApp("\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"read\",\"timestamp\":\""
        + Instant.now().getEpochSecond() + "\",\"recipient_id\":\"" + CUSTOMER + "\"}]");
  }
}
