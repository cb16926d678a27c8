package io.switchboard.examples.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: two tenant applications (acme, globex) with WhatsApp numbers on the emulator.
 * Their forward URLs point here ({@code /demo/tenant-app/{tenant}}): each verifies the signature,
 * logs the event and answers a customer's text with {@code POST /send}. {@code POST /demo/customer}
 * makes an emulated customer write.
 */
final class DemoTenantApp extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger("engine.demo");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** tenant, phone number id, WABA id, customer wa_id, customer name, what the customer says. */
  record DemoTenant(String id, String phoneNumberId, String wabaId, String customer, String customerName,
      String says) {
    String apiKey() {
      return "demo-key-" + id; // fixed so the README's curl examples work; real tenants get random keys
    }

    String forwardSecret() {
      return "demo-forward-secret-" + id;
    }
  }

  static final Map<String, DemoTenant> TENANTS = Map.of(
      "acme", new DemoTenant("acme", "200000000000001", "100000000000001", "15551230001", "Ana",
          "Is the blue one in stock?"),
      "globex", new DemoTenant("globex", "200000000000002", "100000000000002", "15551230002", "Bo",
          "Can I move my appointment?"));

  private final transient EngineServer server;
  private final transient HttpClient http = HttpClient.newHttpClient();

  DemoTenantApp(EngineServer server) {
    this.server = server;
  }

  void seedAndPlay() {
    for (DemoTenant t : TENANTS.values()) {
      boolean created = server.tenants().create(new Tenant(t.id(), t.id() + " (demo)",
          URI.create(server.baseUrl() + "demo/tenant-app/" + t.id()), t.forwardSecret(), Crypto.sha256Hex(t.apiKey())));
      server.connect(ConnectRequest.builder()
          .tenant(TenantId.of(t.id())).channel(ChannelType.WHATSAPP).accountId(t.phoneNumberId())
          .attribute(ChannelConnection.WABA_ID, t.wabaId())
          .accessToken(Secret.of("demo-token-of-" + t.id())).build());
      log.info("[{}] demo tenant {} (API key {}), WhatsApp {} connected", t.id(), created ? "created" : "exists",
          t.apiKey(), t.phoneNumberId());
    }
    for (DemoTenant t : TENANTS.values()) {
      customerWrites(t.phoneNumberId(), t.customer(), t.customerName(), t.says());
    }
  }

  private void customerWrites(String phoneNumberId, String from, String name, String text) {
    log.info("customer {} writes to {}: \"{}\"", name, phoneNumberId, text);
    server.emulator().whatsAppCustomer(phoneNumberId, from, name).sendsText(text);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    byte[] body = req.getInputStream().readAllBytes();
    if (path.equals("/customer")) {
      JsonNode j;
      try {
        j = JSON.readTree(body);
      } catch (IOException e) {
        ApiServlet.error(resp, 400, "malformed_json", "the body is not valid JSON");
        return;
      }
      DemoTenant t = TENANTS.get(j.path("tenant").asText("acme"));
      if (t == null) {
        ApiServlet.error(resp, 404, "not_found", "demo tenants are acme and globex");
        return;
      }
      customerWrites(t.phoneNumberId(), j.path("from").asText(t.customer()), j.path("name").asText(t.customerName()),
          j.path("text").asText("hello"));
      ObjectNode o = JSON.createObjectNode().put("status", "sent");
      ApiServlet.write(resp, 202, o);
      return;
    }
    if (!path.startsWith("/tenant-app/")) {
      ApiServlet.error(resp, 404, "not_found", "no such demo endpoint");
      return;
    }
    DemoTenant t = TENANTS.get(path.substring("/tenant-app/".length()));
    if (t == null) {
      resp.setStatus(404);
      return;
    }
    String expected = Crypto.signature(t.forwardSecret(), body);
    if (!Crypto.equalsConstantTime(expected, req.getHeader(Forwarder.SIGNATURE_HEADER))) {
      log.warn("[{} app] refused an event with a bad signature", t.id());
      resp.setStatus(401);
      return;
    }
    JsonNode event = JSON.readTree(body);
    String type = event.path("type").asText();
    if (type.equals("message")) {
      log.info("[{} app] message from {}: {}", t.id(), event.path("from").asText(), event.path("message"));
      if (event.path("message").path("type").asText().equals("text")) {
        reply(t, event);
      }
    } else if (type.equals("status")) {
      log.info("[{} app] message {} is {}", t.id(), event.path("status").path("message_id").asText("?"),
          event.path("status").path("status").asText());
    } else {
      log.info("[{} app] {} event {}", t.id(), type, event.path("event_id").asText());
    }
    resp.setStatus(204);
  }

  private void reply(DemoTenant t, JsonNode event) throws IOException {
    ObjectNode send = JSON.createObjectNode();
    send.put("channel", "whatsapp");
    send.put("to", event.path("from").asText());
    send.putObject("message").put("type", "text").put("text", "Thanks, " + t.id() + " will get back to you.");
    send.put("idempotency_key", "reply-to:" + event.path("event_id").asText());
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "send"))
        .header("Authorization", "Bearer " + t.apiKey()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(send))).build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(r ->
        log.info("[{} app] POST /send -> {} {}", t.id(), r.statusCode(), r.body()));
  }
}
