package io.switchboard.examples.engine;

import static io.switchboard.examples.engine.EngineApi.ADMIN;
import static io.switchboard.examples.engine.EngineApi.APP_SECRET;
import static io.switchboard.examples.engine.EngineApi.assertError;
import static io.switchboard.examples.engine.EngineApi.assertSigned;
import static io.switchboard.examples.engine.EngineApi.config;
import static io.switchboard.examples.engine.EngineApi.connectWhatsApp;
import static io.switchboard.examples.engine.EngineApi.createTenant;
import static io.switchboard.examples.engine.EngineApi.status;
import static io.switchboard.examples.engine.Http.await;
import static io.switchboard.examples.engine.Http.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.testkit.emulator.MetaEmulator;
import io.switchboard.testkit.emulator.RecordedRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine over real HTTP in front of a Meta emulator the test runs itself (the engine in live
 * mode pointed at it), with tenant applications on random ports: WhatsApp routing, signed forwards,
 * errors, and a restart on the H2 file database.
 */
class EngineServerTest {
  static final String PHONE_A = "200000000000011";
  static final String WABA_A = "100000000000011";
  static final String PHONE_B = "200000000000012";
  static final String WABA_B = "100000000000012";

  @AutoClose final Closer closer = new Closer();
  MetaEmulator meta;

  @BeforeEach
  void emulator() {
    meta = closer.add(MetaEmulator.builder().appSecret(Secret.of(APP_SECRET)).autoDeliverStatuses(true)
        .statusDelay(Duration.ofMillis(50)).build().start());
    meta.whatsAppNumber(PHONE_A, WABA_A, "token-of-acme");
    meta.whatsAppNumber(PHONE_B, WABA_B, "token-of-globex");
  }

  EngineServer engine(String db, Path dir) throws Exception {
    EngineServer server = closer.add(new EngineServer(
        config(db, dir).withMeta("live", meta.baseUrl(), meta.instagramBaseUrl())).start());
    meta.webhookTarget(URI.create(server.baseUrl() + "webhooks/meta"));
    return server;
  }

  TenantReceiver receiver() throws Exception {
    return closer.add(TenantReceiver.start());
  }

  @Test
  void routesInboundToTheRightTenantSendsWithItsTokenAndTracksStatusToRead() throws Exception {
    EngineServer s = engine("mem", null);
    TenantReceiver acmeApp = receiver();
    TenantReceiver globexApp = receiver();
    String acmeKey = createTenant(s, "acme", acmeApp.url());
    createTenant(s, "globex", globexApp.url());
    connectWhatsApp(s, "acme", PHONE_A, WABA_A);
    connectWhatsApp(s, "globex", PHONE_B, WABA_B);

    String wamid = meta.whatsAppCustomer(PHONE_A, "16505551234", "Ana").sendsText("Is the blue one in stock?");
    meta.whatsAppCustomer(PHONE_B, "16505559999", "Bo").sendsText("Hi globex");

    await("acme's message", () -> !acmeApp.events("message").isEmpty());
    await("globex's message", () -> !globexApp.events("message").isEmpty());
    TenantReceiver.Received in = acmeApp.received.get(0);
    assertSigned(in, "secret-of-acme");
    assertThat(in.json().path("event_id").asText()).isEqualTo(wamid);
    assertThat(in.json().path("tenant_id").asText()).isEqualTo("acme");
    assertThat(in.json().path("channel").asText()).isEqualTo("whatsapp");
    assertThat(in.json().path("from").asText()).isEqualTo("16505551234");
    assertThat(in.json().path("message").path("text").asText()).isEqualTo("Is the blue one in stock?");
    assertThat(in.json().path("timestamp").asText()).isNotEmpty();
    assertThat(acmeApp.events("message")).hasSize(1);
    assertSigned(globexApp.received.get(0), "secret-of-globex");
    assertThat(globexApp.events("message").get(0).path("message").path("text").asText()).isEqualTo("Hi globex");

    meta.clearRecorded();
    Http.Response sent = call("POST", s.baseUrl() + "send", acmeKey,
        "{\"channel\":\"whatsapp\",\"to\":\"16505551234\",\"message\":{\"type\":\"text\",\"text\":\"Yes, it is!\"},"
            + "\"idempotency_key\":\"k1\"}");
    assertThat(sent.status()).as(sent.raw()).isEqualTo(202);
    String id = sent.json().path("message_id").asText();

    RecordedRequest graph = meta.takeRequest(Duration.ofSeconds(10));
    assertThat(graph.token()).hasValue("token-of-acme");
    assertThat(graph.json().path("text").path("body").asText()).isEqualTo("Yes, it is!");

    await("READ", () -> status(s, acmeKey, id).equals("read"));
    Http.Response m = call("GET", s.baseUrl() + "messages/" + id, acmeKey, null);
    assertThat(m.json().path("external_id").asText()).startsWith("wamid");
    await("forwarded read status", () -> acmeApp.events("status").stream()
        .anyMatch(e -> e.path("status").path("status").asText().equals("read")
            && e.path("status").path("message_id").asText().equals(id)));

    // the same idempotency key returns the first message
    Http.Response again = call("POST", s.baseUrl() + "send", acmeKey,
        "{\"channel\":\"whatsapp\",\"to\":\"16505551234\",\"message\":{\"type\":\"text\",\"text\":\"Yes, it is!\"},"
            + "\"idempotency_key\":\"k1\"}");
    assertThat(again.json().path("message_id").asText()).isEqualTo(id);

    Http.Response channels = call("GET", s.baseUrl() + "channels/status", acmeKey, null);
    assertThat(channels.status()).isEqualTo(200);
    assertThat(channels.json().path("tenant_id").asText()).isEqualTo("acme");
    assertThat(channels.json().path("channels").get(0).path("channel").asText()).isEqualTo("whatsapp");
    assertThat(channels.json().path("channels").get(0).path("status").asText()).isEqualTo("connected");
    assertThat(channels.json().path("channels").get(0).path("account_id").asText()).isEqualTo(PHONE_A);
  }

  @Test
  void refusesBadKeysForeignMessagesMalformedJsonAndInvalidSends() throws Exception {
    EngineServer s = engine("mem", null);
    TenantReceiver app = receiver();
    String acmeKey = createTenant(s, "acme", app.url());
    String globexKey = createTenant(s, "globex", app.url());
    connectWhatsApp(s, "acme", PHONE_A, WABA_A);

    String tenantBody = "{\"tenant_id\":\"x\",\"forward_url\":\"http://127.0.0.1:1/\",\"forward_secret\":\"s\"}";
    assertError(call("POST", s.baseUrl() + "admin/tenants", null, tenantBody), 401, "unauthorized");
    assertError(call("POST", s.baseUrl() + "admin/tenants", "wrong", tenantBody), 401, "unauthorized");
    assertError(call("POST", s.baseUrl() + "admin/tenants", acmeKey, tenantBody), 401, "unauthorized");
    assertError(call("PUT", s.baseUrl() + "admin/tenants/acme/channels/whatsapp", "wrong", "{}"), 401, "unauthorized");
    assertError(call("POST", s.baseUrl() + "admin/tenants", ADMIN,
        "{\"tenant_id\":\"acme\",\"forward_url\":\"http://127.0.0.1:1/\",\"forward_secret\":\"s\"}"), 409, "tenant_exists");

    String send = "{\"channel\":\"whatsapp\",\"to\":\"16505551234\",\"message\":{\"type\":\"text\",\"text\":\"hi\"}}";
    assertError(call("POST", s.baseUrl() + "send", "sk_wrong", send), 401, "unauthorized");
    assertError(call("POST", s.baseUrl() + "send", null, send), 401, "unauthorized");
    assertError(call("POST", s.baseUrl() + "send", ADMIN, send), 401, "unauthorized");
    assertError(call("GET", s.baseUrl() + "channels/status", "sk_wrong", null), 401, "unauthorized");
    assertError(call("GET", s.baseUrl() + "messages/abc", "sk_wrong", null), 401, "unauthorized");

    assertError(call("POST", s.baseUrl() + "send", acmeKey, "{\"channel\":"), 400, "malformed_json");
    assertError(call("POST", s.baseUrl() + "admin/tenants", ADMIN, "not json"), 400, "malformed_json");

    // outside the 24-hour window (the customer never wrote): the SDK's policy refuses free-form text
    Http.Response policy = call("POST", s.baseUrl() + "send", acmeKey, send);
    assertError(policy, 422, "policy_violation");
    // a template is allowed; globex has no WhatsApp connection
    String template = "{\"channel\":\"whatsapp\",\"to\":\"16505551234\",\"message\":{\"type\":\"template\","
        + "\"name\":\"order_update\",\"language\":\"en_US\",\"components\":[{\"type\":\"body\","
        + "\"parameters\":[{\"type\":\"text\",\"text\":\"Ana\"}]}]}}";
    Http.Response ok = call("POST", s.baseUrl() + "send", acmeKey, template);
    assertThat(ok.status()).as(ok.raw()).isEqualTo(202);
    assertError(call("POST", s.baseUrl() + "send", globexKey, template), 422, "channel_not_connected");
    assertError(call("POST", s.baseUrl() + "send", acmeKey,
        "{\"channel\":\"whatsapp\",\"to\":\"16505551234\",\"message\":{\"type\":\"text\",\"text\":\"\"}}"),
        400, "invalid_request");
    assertError(call("POST", s.baseUrl() + "send", acmeKey,
        "{\"channel\":\"fax\",\"to\":\"1\",\"message\":{\"type\":\"text\",\"text\":\"x\"}}"), 400, "invalid_request");

    // another tenant's message is not found, not forbidden
    String id = ok.json().path("message_id").asText();
    assertThat(call("GET", s.baseUrl() + "messages/" + id, acmeKey, null).status()).isEqualTo(200);
    assertError(call("GET", s.baseUrl() + "messages/" + id, globexKey, null), 404, "message_not_found");
    assertError(call("GET", s.baseUrl() + "messages/nope", acmeKey, null), 404, "message_not_found");
  }

  @Test
  void fileDatabaseKeepsTenantsConnectionsAndUndeliveredForwardsAcrossARestart(@TempDir Path dir) throws Exception {
    TenantReceiver probe = TenantReceiver.start();
    int receiverPort = probe.port();
    URI forward = probe.url();
    probe.close(); // the tenant application is down

    EngineServer first = engine("file", dir);
    String key = createTenant(first, "acme", forward);
    connectWhatsApp(first, "acme", PHONE_A, WABA_A);
    String wamid = meta.whatsAppCustomer(PHONE_A, "16505551234", "Ana").sendsText("anyone there?");
    await("a failed forward", () -> first.switchboard().inbox().find(ChannelType.WHATSAPP, wamid)
        .filter(e -> e.attempts() >= 1 && e.lastError().isPresent()).isPresent());
    closer.closeNow(first);

    EngineServer second = engine("file", dir);
    Http.Response channels = call("GET", second.baseUrl() + "channels/status", key, null);
    assertThat(channels.status()).as(channels.raw()).isEqualTo(200);
    assertThat(channels.json().path("channels").get(0).path("status").asText()).isEqualTo("connected");

    TenantReceiver app = closer.add(TenantReceiver.start(receiverPort)); // the tenant application is back
    await("the forward kept across the restart", () -> !app.events("message").isEmpty());
    assertThat(app.events("message").get(0).path("event_id").asText()).isEqualTo(wamid);
    assertSigned(app.received.get(0), "secret-of-acme");

    // the token survived too (decrypted with the key kept in the data directory)
    meta.clearRecorded();
    Http.Response sent = call("POST", second.baseUrl() + "send", key,
        "{\"channel\":\"whatsapp\",\"to\":\"16505551234\",\"message\":{\"type\":\"text\",\"text\":\"Yes!\"}}");
    assertThat(sent.status()).as(sent.raw()).isEqualTo(202);
    assertThat(meta.takeRequest(Duration.ofSeconds(10)).token()).hasValue("token-of-acme");
  }

  @Test
  void parsesOptions() {
    EngineConfig c = EngineConfig.parse(new String[] {"--demo --port 9090", "--db=mem", "--admin-key", "k"},
        Map.of());
    assertThat(c.port()).isEqualTo(9090);
    assertThat(c.db()).isEqualTo("mem");
    assertThat(c.demo()).isTrue();
    assertThat(c.adminKey()).isEqualTo("k");
    assertThat(c.meta()).isEqualTo("emulator");
    EngineConfig live = EngineConfig.parse(new String[] {"--meta=live", "--meta-base-url", "http://x/"},
        Map.of("META_APP_ID", "1234", "META_APP_SECRET", "app-secret-x", "META_VERIFY_TOKEN", "verify-x",
            "ENGINE_ADMIN_KEY", "admin-x"));
    assertThat(live.appSecret()).isEqualTo("app-secret-x");
    assertThat(live.verifyToken()).isEqualTo("verify-x");
    assertThat(live.adminKey()).isEqualTo("admin-x");
    assertThat(live.appId()).isEqualTo("1234");
    assertThat(live.toString()).contains("1234").doesNotContain("app-secret-x", "verify-x", "admin-x");
    assertThat(live.metaBaseUrl()).isEqualTo("http://x/");
  }
}
