package io.switchboard.webhook.servlet;

import static io.switchboard.testing.Fixtures.APP_SECRET;
import static io.switchboard.testing.Fixtures.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.webhook.WebhookSignature;
import io.switchboard.testing.FakeChannel;
import io.switchboard.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet on a real embedded Jetty 12, spoken to over loopback HTTP. */
class SwitchboardWebhookServletJettyTest {

  private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
  private final HttpClient http = HttpClient.newHttpClient();
  private Switchboard switchboard;
  private Server jetty;
  private URI endpoint;

  @BeforeEach
  void start() throws Exception {
    switchboard = Switchboard.builder()
        .appSecret(APP_SECRET).verifyToken(VERIFY_TOKEN).keyring(Fixtures.keyring())
        .channel(new FakeChannel()).inMemoryStores()
        .maxWebhookBodyBytes(64 * 1024)
        .eventHandler((t, e) -> handled.add(t + ":" + e.externalId()))
        .build();
    switchboard.connections().connect(ConnectRequest.builder().tenant(TenantId.of("acme"))
        .channel(ChannelType.WHATSAPP).accountId("A1").accessToken(Secret.of("tok")).build());
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new SwitchboardWebhookServlet(switchboard.webhooks())), "/webhooks/meta");
    jetty.setHandler(context);
    jetty.start();
    endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/meta");
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    switchboard.close();
  }

  private HttpResponse<String> post(byte[] body, String signature) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json");
    if (signature != null) {
      b.header("X-Hub-Signature-256", signature);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void get_handshake_echoesChallenge() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint
            + "?hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=1158201444")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("1158201444");
  }

  @Test
  void get_wrongVerifyToken_is403() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint
            + "?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void post_signedRawBytes_acknowledgedStoredAndDispatched() throws Exception {
    // non-ASCII and escaped characters: the signature must be over the exact bytes sent
    byte[] body = "{\"object\":\"fake\",\"events\":[{\"account\":\"A1\",\"id\":\"j-1\",\"text\":\"caf\\u00e9 ☕\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = post(body, WebhookSignature.sign(APP_SECRET, body));

    assertThat(r.statusCode()).isEqualTo(200);
    switchboard.inbox().dispatchDue();
    assertThat(handled).containsExactly("acme:j-1");
  }

  @Test
  void post_badSignature_is401() throws Exception {
    byte[] body = Fixtures.utf8(Fixtures.fakeWebhook("A1", "j-2"));
    assertThat(post(body, "sha256=" + "ab".repeat(32)).statusCode()).isEqualTo(401);
    assertThat(post(body, null).statusCode()).isEqualTo(401);
    assertThat(switchboard.inbox().dispatchDue()).isZero();
  }

  @Test
  void post_bodyOverCap_is413() throws Exception {
    byte[] body = new byte[64 * 1024 + 1];
    assertThat(post(body, WebhookSignature.sign(APP_SECRET, body)).statusCode()).isEqualTo(413);
  }

  @Test
  void post_chunkedBodies_readUpToTheCap() throws Exception {
    byte[] body = Fixtures.utf8(Fixtures.fakeWebhook("A1", "j-3"));
    byte[] over = new byte[64 * 1024 + 1];
    assertThat(postChunked(body, WebhookSignature.sign(APP_SECRET, body)).statusCode()).isEqualTo(200);
    assertThat(postChunked(over, WebhookSignature.sign(APP_SECRET, over)).statusCode()).isEqualTo(413);
    switchboard.inbox().dispatchDue();
    assertThat(handled).containsExactly("acme:j-3");
  }

  /** Without Content-Length: the client streams the body chunked. */
  private HttpResponse<String> postChunked(byte[] body, String signature) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
        .header("Content-Type", "application/json").header("X-Hub-Signature-256", signature).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void post_malformedJson_is400() throws Exception {
    byte[] body = Fixtures.utf8("not json");
    HttpResponse<String> r = post(body, WebhookSignature.sign(APP_SECRET, body));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("not valid JSON");
  }
}
