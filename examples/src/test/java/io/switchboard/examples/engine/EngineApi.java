package io.switchboard.examples.engine;

import static io.switchboard.examples.engine.Http.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The engine API calls and answer checks the end-to-end tests share. */
final class EngineApi {
  static final String ADMIN = "test-admin-key";
  static final String APP_SECRET = "test-app-secret";
  static final String VERIFY_TOKEN = "test-verify-token";

  private EngineApi() {}

  /**
   * A test engine: a free port, the test keys, and forwards retried within a fraction of a second.
   * The Meta side stays the default, the in-process emulator.
   */
  static EngineConfig config(String db, Path dir) {
    return EngineConfig.defaults().withPort(0).withDb(db, dir == null ? Path.of("unused") : dir)
        .withSecrets(ADMIN, APP_SECRET, VERIFY_TOKEN)
        .withForwarding(Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(300));
  }

  /** Creates a tenant whose forward secret is {@code secret-of-<id>}; returns its API key. */
  static String createTenant(EngineServer s, String id, URI forward) throws Exception {
    Http.Response r = call("POST", s.baseUrl() + "admin/tenants", ADMIN,
        "{\"tenant_id\":\"" + id + "\",\"name\":\"" + id + " Inc\",\"forward_url\":\"" + forward
            + "\",\"forward_secret\":\"secret-of-" + id + "\"}");
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    assertThat(r.json().path("tenant_id").asText()).isEqualTo(id);
    return r.json().path("api_key").asText();
  }

  /** {@code PUT /admin/tenants/{id}/channels/{channel}}, as is. */
  static Http.Response connect(EngineServer s, String tenant, String channel, String body) throws Exception {
    return call("PUT", s.baseUrl() + "admin/tenants/" + tenant + "/channels/" + channel, ADMIN, body);
  }

  /** Connects a channel and checks the answer. */
  static void connected(EngineServer s, String tenant, String channel, String accountId, String body)
      throws Exception {
    Http.Response r = connect(s, tenant, channel, body);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    assertThat(r.json().path("channel").asText()).isEqualTo(channel);
    assertThat(r.json().path("status").asText()).isEqualTo("connected");
    assertThat(r.json().path("account_id").asText()).isEqualTo(accountId);
  }

  /** Connects a WhatsApp number with the token {@code token-of-<tenant>}. */
  static void connectWhatsApp(EngineServer s, String tenant, String phone, String waba) throws Exception {
    connected(s, tenant, "whatsapp", phone, "{\"access_token\":\"token-of-" + tenant + "\",\"phone_number_id\":\""
        + phone + "\",\"waba_id\":\"" + waba + "\"}");
  }

  /** {@code POST /send} expecting 202; returns the message id. */
  static String send(EngineServer s, String key, String body) throws Exception {
    Http.Response r = call("POST", s.baseUrl() + "send", key, body);
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    return r.json().path("message_id").asText();
  }

  /** A message's status as {@code GET /messages/{id}} tells it. */
  static String status(EngineServer s, String key, String id) {
    try {
      return call("GET", s.baseUrl() + "messages/" + id, key, null).json().path("status").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertSigned(TenantReceiver.Received r, String secret) {
    assertThat(r.signature()).isEqualTo(Crypto.signature(secret, r.body()));
  }

  /** An error answer: the status, the code and a message. */
  static void assertError(Http.Response r, int status, String code) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    JsonNode e = r.json().path("error");
    assertThat(e.path("code").asText()).as(r.raw()).isEqualTo(code);
    assertThat(e.path("message").asText()).isNotBlank();
  }
}
