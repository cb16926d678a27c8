package io.switchboard.examples.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.TenantId;
import io.switchboard.channel.instagram.InstagramChannel;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.testkit.emulator.MetaEmulator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: two tenant applications (acme, globex), each with a WhatsApp number, a Facebook
 * Page (Messenger) and an Instagram account on the emulator. acme's Instagram account uses Facebook
 * Login through acme's Page; globex's uses Instagram Login. Their forward URLs point here
 * ({@code /demo/tenant-app/{tenant}}): each verifies the signature, logs the event and answers a
 * customer's text with {@code POST /send} on the channel and account it came from.
 * {@code POST /demo/customer} makes an emulated customer write.
 */
final class DemoTenantApp extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger("engine.demo");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CUSTOMER_ID = Pattern.compile("[0-9A-Za-z_-]+");

  /** Someone who writes to a demo tenant on one channel: their id there, name and first message. */
  record DemoCustomer(String id, String name, String says) {}

  /**
   * A demo tenant and its accounts.
   *
   * @param id the tenant id
   * @param phoneNumberId its WhatsApp phone number id
   * @param wabaId that number's WhatsApp Business Account
   * @param pageId its Facebook Page (Messenger)
   * @param igUserId its Instagram account
   * @param igLogin {@code facebook} (through {@code pageId}) or {@code instagram}
   * @param customers who writes on each channel
   */
  record DemoTenant(String id, String phoneNumberId, String wabaId, String pageId, String igUserId, String igLogin,
      Map<ChannelType, DemoCustomer> customers) {

    String apiKey() {
      return "demo-key-" + id; // fixed so the README's curl examples work; real tenants get random keys
    }

    String forwardSecret() {
      return "demo-forward-secret-" + id;
    }

    String pageToken() {
      return "demo-page-token-of-" + id;
    }

    /** The account a channel's customers write to (for Instagram, the Instagram account, whatever the login). */
    String accountId(ChannelType channel) {
      return switch (channel) {
        case WHATSAPP -> phoneNumberId;
        case MESSENGER -> pageId;
        case INSTAGRAM -> igUserId;
        default -> throw new IllegalArgumentException("the demo has no " + channel + " accounts");
      };
    }

    /** The connections, Messenger before Instagram (which may share its Page). */
    List<ConnectRequest> connections() {
      TenantId tenant = TenantId.of(id);
      ConnectRequest whatsApp = ConnectRequest.builder().tenant(tenant).channel(ChannelType.WHATSAPP)
          .accountId(phoneNumberId).attribute(ChannelConnection.WABA_ID, wabaId)
          .accessToken(Secret.of("demo-token-of-" + id)).build();
      ConnectRequest messenger = ConnectRequest.builder().tenant(tenant).channel(ChannelType.MESSENGER)
          .accountId(pageId).accessToken(Secret.of(pageToken())).build();
      ConnectRequest.Builder instagram = ConnectRequest.builder().tenant(tenant).channel(ChannelType.INSTAGRAM)
          .accountId(igUserId).attribute(InstagramChannel.LOGIN, igLogin);
      if (igLogin.equals(InstagramChannel.LOGIN_FACEBOOK)) {
        // Facebook Login: the Instagram account speaks through the linked Page, with the Page's token
        instagram.attribute(InstagramChannel.PAGE_ID, pageId).accessToken(Secret.of(pageToken()));
      } else {
        instagram.accessToken(Secret.of("demo-ig-token-of-" + id));
      }
      return List.of(whatsApp, messenger, instagram.build());
    }
  }

  static final List<DemoTenant> TENANTS = List.of(
      new DemoTenant("acme", "200000000000001", "100000000000001", "300000000000001", "17841400000000001",
          InstagramChannel.LOGIN_FACEBOOK, Map.of(
              ChannelType.WHATSAPP, new DemoCustomer("15551230001", "Ana", "Is the blue one in stock?"),
              ChannelType.MESSENGER, new DemoCustomer("7100000000000001", "Ben Ortiz", "Do you ship to Canada?"),
              ChannelType.INSTAGRAM, new DemoCustomer("8100000000000001", "cleo.makes", "Any size 9 left?"))),
      new DemoTenant("globex", "200000000000002", "100000000000002", "300000000000002", "17841400000000002",
          InstagramChannel.LOGIN_INSTAGRAM, Map.of(
              ChannelType.WHATSAPP, new DemoCustomer("15551230002", "Bo", "Can I move my appointment?"),
              ChannelType.MESSENGER, new DemoCustomer("7100000000000002", "Dee Park", "What are your opening hours?"),
              ChannelType.INSTAGRAM, new DemoCustomer("8100000000000002", "eli.runs", "Do you take new patients?"))));

  /** The demo's channels, in the order its customers write on them. */
  static final List<ChannelType> CHANNELS = List.of(ChannelType.WHATSAPP, ChannelType.MESSENGER, ChannelType.INSTAGRAM);

  private final transient EngineServer server;
  private final transient HttpClient http = HttpClient.newHttpClient();

  DemoTenantApp(EngineServer server) {
    this.server = server;
  }

  void seedAndPlay() {
    for (DemoTenant t : TENANTS) {
      URI app = URI.create(server.baseUrl() + "demo/tenant-app/" + t.id());
      boolean created = server.tenants().create(new Tenant(t.id(), t.id() + " (demo)", app, t.forwardSecret(),
          Crypto.sha256Hex(t.apiKey())));
      if (!created) {
        server.tenants().updateForwardUrl(t.id(), app); // an earlier run may have listened on another port
      }
      t.connections().forEach(server::connect);
      log.info("[{}] demo tenant {} (API key {}): whatsapp {}, messenger {}, instagram {} ({})", t.id(),
          created ? "created" : "exists", t.apiKey(), t.phoneNumberId(), t.pageId(), t.igUserId(),
          t.igLogin().equals(InstagramChannel.LOGIN_FACEBOOK) ? "Facebook Login through Page " + t.pageId()
              : "Instagram Login");
    }
    for (ChannelType channel : CHANNELS) {
      for (DemoTenant t : TENANTS) {
        DemoCustomer c = t.customers().get(channel);
        customerWrites(t, channel, c.id(), c.name(), c.says());
      }
    }
  }

  private void customerWrites(DemoTenant t, ChannelType channel, String from, String name, String text) {
    String account = t.accountId(channel);
    log.info("customer {} writes to {} on {} ({}): \"{}\"", name, t.id(), name(channel), account, text);
    MetaEmulator emulator = server.emulator();
    switch (channel) {
      case WHATSAPP -> emulator.whatsAppCustomer(account, from, name).sendsText(text);
      case MESSENGER -> {
        String[] names = name.split(" ", 2);
        emulator.messengerCustomer(account, from, names[0], names.length > 1 ? names[1] : "").sendsText(text);
      }
      case INSTAGRAM -> emulator.instagramCustomer(account, from, name).sendsText(text);
      default -> throw new IllegalArgumentException("the demo has no " + channel + " customers");
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    byte[] body = req.getInputStream().readAllBytes();
    if (path.equals("/customer")) {
      customer(body, resp);
      return;
    }
    if (!path.startsWith("/tenant-app/")) {
      ApiServlet.error(resp, 404, "not_found", "no such demo endpoint");
      return;
    }
    DemoTenant t = tenant(path.substring("/tenant-app/".length()));
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
    String channel = event.path("channel").asText();
    if (type.equals("message")) {
      log.info("[{} app] {} message from {}: {}", t.id(), channel, event.path("from").asText(), event.path("message"));
      if (event.path("message").path("type").asText().equals("text")) {
        reply(t, event);
      }
    } else if (type.equals("status")) {
      log.info("[{} app] {} message {} is {}", t.id(), channel,
          event.path("status").path("message_id").asText("?"), event.path("status").path("status").asText());
    } else {
      log.info("[{} app] {} {} event {}", t.id(), channel, type, event.path("event_id").asText());
    }
    resp.setStatus(204);
  }

  /** {@code POST /demo/customer} {"tenant","channel"?,"from"?,"name"?,"text"?}: a customer writes. */
  private void customer(byte[] body, HttpServletResponse resp) throws IOException {
    JsonNode j;
    try {
      j = JSON.readTree(body);
    } catch (IOException e) {
      ApiServlet.error(resp, 400, "malformed_json", "the body is not valid JSON");
      return;
    }
    if (j == null || !j.isObject()) {
      ApiServlet.error(resp, 400, "malformed_json", "the body must be a JSON object");
      return;
    }
    DemoTenant t = tenant(j.path("tenant").asText("acme"));
    if (t == null) {
      ApiServlet.error(resp, 404, "not_found", "demo tenants are acme and globex");
      return;
    }
    ChannelType channel = CHANNELS.stream().filter(c -> name(c).equals(j.path("channel").asText("whatsapp")))
        .findFirst().orElse(null);
    if (channel == null) {
      ApiServlet.error(resp, 400, "invalid_request", "channel must be whatsapp, messenger or instagram");
      return;
    }
    DemoCustomer usual = t.customers().get(channel);
    String from = j.path("from").asText(usual.id());
    if (!CUSTOMER_ID.matcher(from).matches()) {
      ApiServlet.error(resp, 400, "invalid_request", "from must be an id (letters, digits, _ or -)");
      return;
    }
    customerWrites(t, channel, from, j.path("name").asText(usual.name()), j.path("text").asText("hello"));
    ApiServlet.write(resp, 202, JSON.createObjectNode().put("status", "sent"));
  }

  /** Answers on the event's channel, from the account the customer wrote to. */
  private void reply(DemoTenant t, JsonNode event) throws IOException {
    String channel = event.path("channel").asText();
    String to = event.path("from").asText();
    ObjectNode send = JSON.createObjectNode();
    send.put("channel", channel);
    send.put("from", event.path("account_id").asText());
    send.put("to", to);
    send.putObject("message").put("type", "text").put("text", "Thanks, " + t.id() + " will get back to you.");
    send.put("idempotency_key", "reply-to:" + event.path("event_id").asText());
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "send"))
        .header("Authorization", "Bearer " + t.apiKey()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(send))).build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
      if (e != null) {
        log.warn("[{} app] {} reply to {}: POST /send failed: {}", t.id(), channel, to, e.toString());
      } else {
        log.info("[{} app] {} reply to {}: POST /send -> {} {}", t.id(), channel, to, r.statusCode(), r.body());
      }
    });
  }

  /** The demo tenant with this id, or null. */
  static DemoTenant tenant(String id) {
    return TENANTS.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
  }

  /** A channel's name in the API ({@code whatsapp}, ...). */
  static String name(ChannelType channel) {
    return channel.name().toLowerCase(Locale.ROOT);
  }
}
