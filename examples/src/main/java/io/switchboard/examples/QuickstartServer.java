package io.switchboard.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.SwitchboardListener;
import io.switchboard.outbox.OutboundMessage;
import io.switchboard.TenantId;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.crypto.Keyring;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.StatusChanged;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Text;
import io.switchboard.webhook.WebhookSignature;
import io.switchboard.webhook.servlet.SwitchboardWebhookServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runnable quickstart: Switchboard behind Jetty at {@code /webhooks/meta}.
 *
 * <p>{@code --demo} connects two tenants to two WhatsApp numbers, answers Graph API calls with a
 * small local stand-in (so no Meta account is needed), then plays a customer writing to each
 * number: the signed webhook arrives over HTTP, each message is routed to its tenant, each tenant
 * replies with its own token, and a repeated delivery is dropped as a duplicate.
 *
 * <p>Options: {@code --port N} (8080), {@code --app-secret S}, {@code --verify-token T}.
 */
public final class QuickstartServer {

  private static final Logger log = LoggerFactory.getLogger("quickstart");
  private static final ObjectMapper JSON = new ObjectMapper();

  private QuickstartServer() {}

  public static void main(String[] rawArgs) throws Exception {
    // accept "--demo --port 9090" as one argument too (how Maven's exec:exec passes a property)
    String[] args = java.util.Arrays.stream(rawArgs).flatMap(a -> java.util.Arrays.stream(a.trim().split("\\s+")))
        .filter(a -> !a.isEmpty()).toArray(String[]::new);
    int port = 8080;
    boolean demo = false;
    String appSecret = "quickstart-app-secret";
    String verifyToken = "quickstart-verify-token";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--demo" -> demo = true;
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--app-secret" -> appSecret = args[++i];
        case "--verify-token" -> verifyToken = args[++i];
        default -> {
          log.error("unknown option {}; use --demo, --port N, --app-secret S, --verify-token T", args[i]);
          System.exit(2);
        }
      }
    }

    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    jetty.setHandler(context);

    Switchboard[] holder = new Switchboard[1];
    Switchboard.Builder builder = Switchboard.builder()
        .appSecret(Secret.of(appSecret))
        .verifyToken(Secret.of(verifyToken))
        .keyring(Keyring.builder().primary("quickstart", Keyring.generateKeyBase64()).build())
        .channel(WhatsAppChannel.create())
        .inMemoryStores()
        .eventHandler((tenant, event) -> onEvent(holder[0], tenant, event))
        .listener(new SwitchboardListener() {
          @Override
          public void onMessageStatus(OutboundMessage message) {
            log.info("[{}] message {} is {}{}", message.tenant(), message.id(), message.status(),
                message.externalId().map(x -> " (" + x + ")").orElse(""));
          }
        });
    if (demo) {
      builder.graphBaseUrl("http://127.0.0.1:" + port + "/demo-graph");
      context.addServlet(new ServletHolder(new DemoGraphApi()), "/demo-graph/*");
    }
    Switchboard switchboard = builder.build();
    holder[0] = switchboard;
    context.addServlet(new ServletHolder(new SwitchboardWebhookServlet(switchboard.webhooks())), "/webhooks/meta");

    jetty.start();
    switchboard.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      switchboard.close();
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // exiting anyway
      }
    }));
    log.info("webhook endpoint: http://127.0.0.1:{}/webhooks/meta (Ctrl-C to stop)", port);

    if (demo) {
      runDemo(switchboard, port, Secret.of(appSecret));
    }
    jetty.join();
  }

  private static void onEvent(Switchboard switchboard, TenantId tenant, InboundEvent event) {
    if (event instanceof MessageReceived m && m.content() instanceof InboundContent.Text text) {
      log.info("[{}] message {} from {} ({}): \"{}\"", tenant, m.externalId(), m.from().id(),
          m.from().name().orElse("?"), text.body());
      var handle = switchboard.send(SendRequest.builder()
          .tenant(tenant).channel(ChannelType.WHATSAPP).to(m.from().id()).replyTo(m.externalId())
          .content(Text.of("Thanks " + m.from().name().orElse("") + ", " + tenant + " will get back to you."))
          .idempotencyKey("reply-to:" + m.externalId()) // a redelivered event never sends a second reply
          .build());
      log.info("[{}] reply queued as {}", tenant, handle.id());
    } else if (event instanceof StatusChanged s) {
      log.info("[{}] message {} is now {}", tenant, s.messageId(), s.status());
    } else {
      log.info("[{}] {} {}", tenant, event.getClass().getSimpleName(), event.externalId());
    }
  }

  private static void runDemo(Switchboard switchboard, int port, Secret appSecret) throws Exception {
    connect(switchboard, "acme", "200000000000001", "100000000000001");
    connect(switchboard, "globex", "200000000000002", "100000000000002");
    long now = System.currentTimeMillis() / 1000; // customers write now: their 24-hour windows open
    String body = """
        {"object":"whatsapp_business_account","entry":[
         {"id":"100000000000001","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
           "metadata":{"display_phone_number":"15550000001","phone_number_id":"200000000000001"},
           "contacts":[{"profile":{"name":"Ana"},"wa_id":"15551230001"}],
           "messages":[{"from":"15551230001","id":"wamid.DEMO_A1","timestamp":"%d","type":"text",
                        "text":{"body":"Is the blue one in stock?"}}]}}]},
         {"id":"100000000000002","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
           "metadata":{"display_phone_number":"15550000002","phone_number_id":"200000000000002"},
           "contacts":[{"profile":{"name":"Bo"},"wa_id":"15551230002"}],
           "messages":[{"from":"15551230002","id":"wamid.DEMO_B1","timestamp":"%d","type":"text",
                        "text":{"body":"Can I move my appointment?"}}]}}]}]}""".formatted(now, now);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/meta"))
        .header("Content-Type", "application/json")
        .header(WebhookSignature.HEADER, WebhookSignature.sign(appSecret, bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    log.info("customer messages arrive: one signed webhook for two numbers of two tenants");
    log.info("POST /webhooks/meta -> {}", http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    log.info("Meta retries the same webhook (it delivers at least once); Switchboard drops the duplicates");
    log.info("POST /webhooks/meta -> {}", http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    HttpRequest forged = HttpRequest.newBuilder(request.uri()).header(WebhookSignature.HEADER, "sha256=" + "0".repeat(64))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    log.info("a forged webhook is refused: POST /webhooks/meta -> {}",
        http.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  private static void connect(Switchboard switchboard, String tenant, String phoneNumberId, String wabaId) {
    switchboard.connections().connect(ConnectRequest.builder()
        .tenant(TenantId.of(tenant)).channel(ChannelType.WHATSAPP).accountId(phoneNumberId)
        .attribute(ChannelConnection.WABA_ID, wabaId)
        .accessToken(Secret.of("demo-token-of-" + tenant)).build());
  }

  /** Stands in for graph.facebook.com in the demo: accepts sends and reports who sent them. */
  private static final class DemoGraphApi extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final AtomicInteger counter = new AtomicInteger();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
      JsonNode body = JSON.readTree(req.getInputStream());
      String auth = req.getHeader("Authorization");
      boolean tokenPresent = auth != null && auth.startsWith("Bearer demo-token-of-");
      log.info("graph <- POST {} to {} (bearer token of {}): \"{}\"", req.getPathInfo(), body.path("to").asText(),
          tokenPresent ? auth.substring("Bearer demo-token-of-".length()) : "?", body.path("text").path("body").asText());
      resp.setContentType("application/json");
      resp.getWriter().write("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + body.path("to").asText()
          + "\",\"wa_id\":\"" + body.path("to").asText().replace("+", "") + "\"}],\"messages\":[{\"id\":\"wamid.REPLY_"
          + counter.incrementAndGet() + "\"}]}");
    }
  }
}
