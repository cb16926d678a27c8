package io.switchboard.examples.engine;

import static io.switchboard.examples.engine.EngineApi.assertSigned;
import static io.switchboard.examples.engine.EngineApi.status;
import static io.switchboard.examples.engine.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.testkit.emulator.GraphHost;
import io.switchboard.testkit.emulator.MetaEmulator;
import io.switchboard.testkit.emulator.RecordedRequest;
import java.time.Duration;

/**
 * One tenant's traffic through an engine and a Meta emulator, as the end-to-end tests drive it:
 * the tenant application ({@code app}) receives forwards signed with {@code secret-of-<tenant>}
 * (what {@link EngineApi#createTenant} sets) and sends with its API key.
 *
 * @param engine the engine
 * @param meta the emulator the engine sends to and gets webhooks from
 * @param app the tenant application
 * @param tenant the tenant id
 * @param key the tenant's API key
 */
record TenantFlow(EngineServer engine, MetaEmulator meta, TenantReceiver app, String tenant, String key) {

  /** A message accepted by {@code POST /send}, with the one Graph call it caused. */
  record Sent(String id, RecordedRequest graph) {

    /** The call went to this host and node's {@code /messages} (Graph v26.0) with this token; Meta said yes. */
    Sent assertCall(GraphHost host, String node, String token) {
      assertThat(graph.status()).as(graph.toString()).isEqualTo(200);
      assertThat(graph.host()).isEqualTo(host);
      assertThat(graph.method()).isEqualTo("POST");
      assertThat(graph.path()).isEqualTo("/v26.0/" + node + "/messages");
      assertThat(graph.token()).hasValue(token);
      return this;
    }
  }

  /** Waits for the forward of an inbound message and checks its signature, routing and content. */
  void assertInboundForwarded(String channel, String account, String from, String mid, String text)
      throws InterruptedException {
    TenantReceiver.Received in = app.awaitEvent("the forwarded message " + mid,
        e -> e.path("event_id").asText().equals(mid));
    assertSigned(in, "secret-of-" + tenant);
    JsonNode e = in.json();
    assertThat(e.path("type").asText()).isEqualTo("message");
    assertThat(e.path("tenant_id").asText()).isEqualTo(tenant);
    assertThat(e.path("channel").asText()).isEqualTo(channel);
    assertThat(e.path("account_id").asText()).isEqualTo(account);
    assertThat(e.path("from").asText()).isEqualTo(from);
    assertThat(e.path("message").path("type").asText()).isEqualTo("text");
    assertThat(e.path("message").path("text").asText()).isEqualTo(text);
  }

  /** {@code POST /send} of a message object (JSON), then the Graph call the dispatcher made for it. */
  Sent send(String channel, String to, String message) throws Exception {
    return send(channel, null, to, message);
  }

  /** The same from one of the tenant's accounts ({@code from}), for a tenant with several on the channel. */
  Sent send(String channel, String from, String to, String message) throws Exception {
    meta.clearRecorded();
    String id = EngineApi.send(engine, key, "{\"channel\":\"" + channel + "\",\"to\":\"" + to + "\","
        + (from == null ? "" : "\"from\":\"" + from + "\",") + "\"message\":" + message + "}");
    return new Sent(id, meta.takeRequest(Duration.ofSeconds(10)));
  }

  /** Waits until {@code GET /messages/{id}} says read for each. */
  void awaitRead(Sent... sent) throws InterruptedException {
    for (Sent s : sent) {
      await("message " + s.id() + " read", () -> status(engine, key, s.id()).equals("read"));
    }
  }
}
