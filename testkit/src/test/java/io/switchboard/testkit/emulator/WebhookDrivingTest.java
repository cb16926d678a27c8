package io.switchboard.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.Secret;
import io.switchboard.graph.GraphClient;
import io.switchboard.testkit.MutableClock;
import io.switchboard.webhook.WebhookSignature;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Customers' messages and status callbacks reach the host as signed, documented webhooks. */
class WebhookDrivingTest {

  private static final Secret APP_SECRET = Secret.of("app-secret");
  private static final String PHONE = "106540352242922";
  private static final String WABA = "102290129340398";
  private static final String PAGE = "100000000000001";
  private static final String IG = "17841400000000001";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
  private final List<byte[]> bodies = Collections.synchronizedList(new ArrayList<>());
  private final List<Map<String, String>> headers = Collections.synchronizedList(new ArrayList<>());
  private MetaEmulator emulator;
  private GraphClient graph;

  @BeforeEach
  void start() {
    emulator = MetaEmulator.builder().appSecret(APP_SECRET).clock(clock).statusDelay(Duration.ofSeconds(2))
        .build().start();
    emulator.whatsAppNumber(PHONE, WABA, "EAAG-acme");
    emulator.page(PAGE, "EAAG-page");
    emulator.instagramAccount(IG, "IGAA-login");
    emulator.webhookTarget((body, h) -> {
      bodies.add(body);
      headers.add(h);
      return 200;
    });
    graph = GraphClient.builder().baseUrl(emulator.baseUrl()).build();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private JsonNode last() throws Exception {
    return JSON.readTree(bodies.get(bodies.size() - 1));
  }

  private void assertSigned(int index) {
    assertThat(WebhookSignature.verify(APP_SECRET, headers.get(index).get(WebhookSignature.HEADER), bodies.get(index)))
        .isTrue();
    assertThat(WebhookSignature.verify(Secret.of("other"), headers.get(index).get(WebhookSignature.HEADER),
        bodies.get(index))).isFalse();
  }

  @Test
  void whatsAppCustomerText_isSignedAndDocumentedShape() throws Exception {
    String wamid = emulator.whatsAppCustomer(PHONE, "16505551234", "Ana Lima").sendsText("Is the blue one in stock?");

    assertThat(bodies).hasSize(1);
    assertSigned(0);
    JsonNode body = last();
    assertThat(body.path("object").asText()).isEqualTo("whatsapp_business_account");
    JsonNode entry = body.path("entry").get(0);
    assertThat(entry.path("id").asText()).isEqualTo(WABA);
    JsonNode change = entry.path("changes").get(0);
    assertThat(change.path("field").asText()).isEqualTo("messages");
    JsonNode value = change.path("value");
    assertThat(value.path("messaging_product").asText()).isEqualTo("whatsapp");
    assertThat(value.path("metadata").path("phone_number_id").asText()).isEqualTo(PHONE);
    assertThat(value.path("metadata").path("display_phone_number").asText()).isNotEmpty();
    assertThat(value.path("contacts").get(0).path("wa_id").asText()).isEqualTo("16505551234");
    assertThat(value.path("contacts").get(0).path("profile").path("name").asText()).isEqualTo("Ana Lima");
    JsonNode message = value.path("messages").get(0);
    assertThat(message.path("from").asText()).isEqualTo("16505551234");
    assertThat(message.path("id").asText()).isEqualTo(wamid);
    assertThat(message.path("timestamp").isTextual()).isTrue();
    assertThat(message.path("timestamp").asText()).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
    assertThat(message.path("type").asText()).isEqualTo("text");
    assertThat(message.path("text").path("body").asText()).isEqualTo("Is the blue one in stock?");
    assertThat(emulator.webhookDeliveries()).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(200));
  }

  @Test
  void nonAsciiText_isSentEscaped_andTheSignatureCoversTheEscapedBytes() throws Exception {
    emulator.whatsAppCustomer(PHONE, "16505551234", "Zoë").sendsText("olá 👋");

    String raw = new String(bodies.get(0), StandardCharsets.UTF_8);
    assertThat(raw).doesNotContain("olá").contains("ol\\u00E1");
    assertSigned(0);
    assertThat(last().path("entry").get(0).path("changes").get(0).path("value").path("messages").get(0)
        .path("text").path("body").asText()).isEqualTo("olá 👋");
  }

  @Test
  void whatsAppCustomer_imageReplyButtonAndReaction() throws Exception {
    var ana = emulator.whatsAppCustomer(PHONE, "16505551234", "Ana");
    ana.sendsImage(new byte[] {9, 9, 9}, "image/jpeg", "this one");
    JsonNode image = last().at("/entry/0/changes/0/value/messages/0");
    assertThat(image.path("type").asText()).isEqualTo("image");
    String mediaId = image.path("image").path("id").asText();
    assertThat(emulator.media(mediaId)).hasValueSatisfying(b -> assertThat(b).containsExactly(9, 9, 9));
    assertThat(graph.get(mediaId, Secret.of("EAAG-acme"), Map.of()).path("mime_type").asText()).isEqualTo("image/jpeg");

    ana.tapsButton("wamid.OUT1", "yes", "Yes");
    JsonNode tap = last().at("/entry/0/changes/0/value/messages/0");
    assertThat(tap.at("/context/id").asText()).isEqualTo("wamid.OUT1");
    assertThat(tap.at("/interactive/type").asText()).isEqualTo("button_reply");
    assertThat(tap.at("/interactive/button_reply/id").asText()).isEqualTo("yes");

    ana.reacts("wamid.OUT1", "👍");
    assertThat(last().at("/entry/0/changes/0/value/messages/0/reaction/message_id").asText()).isEqualTo("wamid.OUT1");
  }

  private String sendWhatsApp(String to) throws Exception {
    return graph.post(PHONE + "/messages", Secret.of("EAAG-acme"), JSON.readTree(
        "{\"messaging_product\":\"whatsapp\",\"to\":\"+" + to + "\",\"type\":\"text\",\"text\":{\"body\":\"hi\"},"
            + "\"biz_opaque_callback_data\":\"order:860198\"}"))
        .path("messages").get(0).path("id").asText();
  }

  private static JsonNode status(JsonNode body) {
    return body.at("/entry/0/changes/0/value/statuses/0");
  }

  @Test
  void acceptedWhatsAppMessage_producesSentDeliveredRead_drivenByTheClock() throws Exception {
    String wamid = sendWhatsApp("16505551234");
    assertThat(emulator.pendingStatusCount()).isEqualTo(3);

    assertThat(emulator.deliverDueStatuses()).isEqualTo(1);
    JsonNode sent = status(last());
    assertThat(sent.path("id").asText()).isEqualTo(wamid);
    assertThat(sent.path("status").asText()).isEqualTo("sent");
    assertThat(sent.path("recipient_id").asText()).isEqualTo("16505551234");
    assertThat(sent.path("biz_opaque_callback_data").asText()).isEqualTo("order:860198");
    assertThat(sent.path("pricing").path("pricing_model").asText()).isEqualTo("PMP");
    assertThat(sent.path("timestamp").asText()).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
    assertThat(last().at("/entry/0/id").asText()).isEqualTo(WABA);

    assertThat(emulator.deliverDueStatuses()).isZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(emulator.deliverDueStatuses()).isEqualTo(1);
    assertThat(status(last()).path("status").asText()).isEqualTo("delivered");
    clock.advance(Duration.ofSeconds(2));
    assertThat(emulator.deliverDueStatuses()).isEqualTo(1);
    assertThat(status(last()).path("status").asText()).isEqualTo("read");
    assertThat(status(last()).has("pricing")).isFalse();
    for (int i = 0; i < bodies.size(); i++) {
      assertSigned(i);
    }
    assertThat(emulator.pendingStatusCount()).isZero();
  }

  @Test
  void customerBehaviour_notReadingStopsAtDelivered_unreachableFails131026() throws Exception {
    emulator.whatsAppCustomer(PHONE, "16505550001", "Busy").readsMessages(false);
    emulator.whatsAppCustomer(PHONE, "16505550002", "Gone").unreachable();
    sendWhatsApp("16505550001");
    sendWhatsApp("16505550002");

    assertThat(emulator.deliverPendingStatuses()).isEqualTo(3);

    List<String> statuses = new ArrayList<>();
    for (byte[] b : bodies) {
      JsonNode s = status(JSON.readTree(b));
      statuses.add(s.path("recipient_id").asText() + ":" + s.path("status").asText());
    }
    assertThat(statuses).containsExactlyInAnyOrder(
        "16505550001:sent", "16505550001:delivered", "16505550002:failed");
    JsonNode failed = bodies.stream().map(b -> {
      try {
        return status(JSON.readTree(b));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).filter(s -> s.path("status").asText().equals("failed")).findFirst().orElseThrow();
    assertThat(failed.at("/errors/0/code").asInt()).isEqualTo(131026);
  }

  @Test
  void messengerSend_producesDeliveryAndReadWatermarks() throws Exception {
    var customer = emulator.messengerCustomer(PAGE, "2400000000000001", "Ana", "Lima");
    String inbound = customer.sendsText("hello");
    JsonNode in = last();
    assertThat(in.path("object").asText()).isEqualTo("page");
    assertThat(in.at("/entry/0/id").asText()).isEqualTo(PAGE);
    assertThat(in.at("/entry/0/messaging/0/sender/id").asText()).isEqualTo("2400000000000001");
    assertThat(in.at("/entry/0/messaging/0/recipient/id").asText()).isEqualTo(PAGE);
    assertThat(in.at("/entry/0/messaging/0/message/mid").asText()).isEqualTo(inbound);
    assertThat(in.at("/entry/0/messaging/0/message/text").asText()).isEqualTo("hello");
    assertSigned(0);

    String mid = graph.post(PAGE + "/messages", Secret.of("EAAG-page"),
            JSON.readTree("{\"recipient\":{\"id\":\"2400000000000001\"},\"message\":{\"text\":\"hi\"}}"))
        .path("message_id").asText();
    assertThat(emulator.deliverPendingStatuses()).isEqualTo(2);

    JsonNode delivery = JSON.readTree(bodies.get(1)).at("/entry/0/messaging/0");
    assertThat(delivery.at("/delivery/mids/0").asText()).isEqualTo(mid);
    assertThat(delivery.at("/delivery/watermark").asLong()).isGreaterThanOrEqualTo(clock.millis());
    assertThat(delivery.at("/sender/id").asText()).isEqualTo("2400000000000001");
    JsonNode read = JSON.readTree(bodies.get(2)).at("/entry/0/messaging/0");
    assertThat(read.at("/read/watermark").asLong()).isGreaterThanOrEqualTo(clock.millis());
  }

  @Test
  void instagramText_andPerMessageRead() throws Exception {
    var customer = emulator.instagramCustomer(IG, "990000000000001", "ana.lima");
    customer.sendsText("hey");
    JsonNode in = last();
    assertThat(in.path("object").asText()).isEqualTo("instagram");
    assertThat(in.at("/entry/0/id").asText()).isEqualTo(IG);
    assertThat(in.at("/entry/0/messaging/0/message/text").asText()).isEqualTo("hey");

    GraphClient ig = graph.withBaseUrl(emulator.instagramBaseUrl());
    String mid = ig.post("me/messages", Secret.of("IGAA-login"),
        JSON.readTree("{\"recipient\":{\"id\":\"990000000000001\"},\"message\":{\"text\":\"hi\"}}"))
        .path("message_id").asText();
    assertThat(emulator.deliverPendingStatuses()).isEqualTo(1);
    assertThat(last().at("/entry/0/messaging/0/read/mid").asText()).isEqualTo(mid);
    assertThat(last().path("object").asText()).isEqualTo("instagram");
  }

  @Test
  void instagramViaPage_callbacksUseTheInstagramObject() throws Exception {
    emulator.instagramAccountViaPage("17841400000000002", "100000000000002", "EAAG-linked-page");
    emulator.instagramCustomer("17841400000000002", "990000000000002", "bo");
    String mid = graph.post("100000000000002/messages", Secret.of("EAAG-linked-page"),
        JSON.readTree("{\"recipient\":{\"id\":\"990000000000002\"},\"messaging_type\":\"RESPONSE\","
            + "\"message\":{\"text\":\"hi\"}}")).path("message_id").asText();

    emulator.deliverPendingStatuses();
    assertThat(last().path("object").asText()).isEqualTo("instagram");
    assertThat(last().at("/entry/0/id").asText()).isEqualTo("17841400000000002");
    assertThat(last().at("/entry/0/messaging/0/read/mid").asText()).isEqualTo(mid);
    assertThat(graph.get("990000000000002", Secret.of("EAAG-linked-page"), Map.of("fields", "username"))
        .path("username").asText()).isEqualTo("bo");
  }

  @Test
  void page_registeredAfterInstagramViaPage_keepsTheLink_andServesBothChannels() throws Exception {
    emulator.instagramAccountViaPage("17841400000000003", "100000000000003", "EAAG-first");
    emulator.page("100000000000003", "EAAG-shared");

    assertOnePageServesMessengerAndInstagram("100000000000003", "17841400000000003", "EAAG-shared");
  }

  @Test
  void instagramViaPage_registeredAfterPage_linksIt_andServesBothChannels() throws Exception {
    emulator.page("100000000000004", "EAAG-first");
    emulator.instagramAccountViaPage("17841400000000004", "100000000000004", "EAAG-shared");

    assertOnePageServesMessengerAndInstagram("100000000000004", "17841400000000004", "EAAG-shared");
  }

  /**
   * A Messenger customer and an Instagram customer write; the Page answers each with the latest
   * token; each answer's read receipt comes on its own channel's webhook object and entry.
   */
  private void assertOnePageServesMessengerAndInstagram(String page, String ig, String token) throws Exception {
    emulator.messengerCustomer(page, "2400000000000009", "Ana", "Lima").sendsText("on Messenger");
    assertThat(last().path("object").asText()).isEqualTo("page");
    assertThat(last().at("/entry/0/id").asText()).isEqualTo(page);
    emulator.instagramCustomer(ig, "990000000000009", "ana.lima").sendsText("on Instagram");
    assertThat(last().path("object").asText()).isEqualTo("instagram");
    assertThat(last().at("/entry/0/id").asText()).isEqualTo(ig);

    String toMessenger = graph.post(page + "/messages", Secret.of(token),
        JSON.readTree("{\"recipient\":{\"id\":\"2400000000000009\"},\"message\":{\"text\":\"hi\"}}"))
        .path("message_id").asText();
    String toInstagram = graph.post(page + "/messages", Secret.of(token),
        JSON.readTree("{\"recipient\":{\"id\":\"990000000000009\"},\"message\":{\"text\":\"hi\"}}"))
        .path("message_id").asText();
    assertThat(toMessenger).startsWith("m_");
    assertThat(toInstagram).startsWith("aWdfZA");
    int before = bodies.size();
    assertThat(emulator.deliverPendingStatuses()).isEqualTo(3); // Messenger delivery + read, Instagram read

    List<JsonNode> receipts = new ArrayList<>();
    for (byte[] body : bodies.subList(before, bodies.size())) {
      receipts.add(JSON.readTree(body));
    }
    assertThat(receipts).filteredOn(r -> r.path("object").asText().equals("page"))
        .hasSize(2).allSatisfy(r -> assertThat(r.at("/entry/0/id").asText()).isEqualTo(page));
    assertThat(receipts).filteredOn(r -> r.path("object").asText().equals("instagram"))
        .singleElement().satisfies(r -> {
          assertThat(r.at("/entry/0/id").asText()).isEqualTo(ig);
          assertThat(r.at("/entry/0/messaging/0/read/mid").asText()).isEqualTo(toInstagram);
        });
    assertThat(emulator.requestsTo(page)).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
  }

  @Test
  void firstId_startsTheMadeUpIds_soAnotherEmulatorDoesNotRepeatThem() throws Exception {
    try (MetaEmulator later = MetaEmulator.builder().appSecret(APP_SECRET).firstId(5_000_000_000_000L).build()
        .start()) {
      later.whatsAppNumber(PHONE, WABA, "EAAG-acme");
      later.webhookTarget((body, h) -> 200);
      assertThat(later.whatsAppCustomer(PHONE, "16505551234", "Ana").sendsText("hi"))
          .isEqualTo("wamid.IN5000000000000");
      assertThat(GraphClient.builder().baseUrl(later.baseUrl()).build().post(PHONE + "/messages",
              Secret.of("EAAG-acme"), JSON.readTree("{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\","
                  + "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}"))
          .path("messages").get(0).path("id").asText()).isEqualTo("wamid.EMU5000000000001");
    }
    // by default every emulator counts from 1
    assertThat(emulator.whatsAppCustomer(PHONE, "16505551234", "Ana").sendsText("hi"))
        .isEqualTo("wamid.IN000000000001");
    assertThatThrownBy(() -> MetaEmulator.builder().firstId(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void webhookTargetUri_postsOverHttp() throws Exception {
    HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    host.createContext("/webhooks/meta", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String sig = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
      received.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
          + WebhookSignature.verify(APP_SECRET, sig, body));
      exchange.sendResponseHeaders(received.size() == 1 ? 200 : 500, -1);
      exchange.close();
    });
    host.start();
    try {
      emulator.webhookTarget(URI.create("http://127.0.0.1:" + host.getAddress().getPort() + "/webhooks/meta"));
      emulator.whatsAppCustomer(PHONE, "16505551234", "Ana").sendsText("hi");
      assertThat(received).containsExactly("application/json true");

      assertThatThrownBy(() -> emulator.whatsAppCustomer(PHONE, "16505551234", "Ana").sendsText("again"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("HTTP 500");
      assertThat(emulator.webhookDeliveries()).extracting(WebhookDelivery::status).containsExactly(200, 500);
    } finally {
      host.stop(0);
    }
  }

  @Test
  void autoDeliverStatuses_postsThemInTheBackground() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    try (MetaEmulator auto = MetaEmulator.builder().appSecret(APP_SECRET).statusDelay(Duration.ZERO)
        .autoDeliverStatuses(true).build().start()) {
      auto.whatsAppNumber(PHONE, WABA, "EAAG-acme");
      auto.webhookTarget((body, h) -> {
        seen.add(status(JSON.readTree(body)).path("status").asText());
        return 200;
      });
      GraphClient.builder().baseUrl(auto.baseUrl()).build().post(PHONE + "/messages", Secret.of("EAAG-acme"),
          JSON.readTree("{\"messaging_product\":\"whatsapp\",\"to\":\"+1555\",\"type\":\"text\","
              + "\"text\":{\"body\":\"hi\"}}"));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (seen.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(seen).containsExactly("sent", "delivered", "read");
      assertThat(auto.pendingStatusCount()).isZero();
    }
  }

  @Test
  void withoutTargetOrSecret_webhooksFailClearly() {
    try (MetaEmulator bare = MetaEmulator.builder().build().start()) {
      bare.whatsAppNumber(PHONE, WABA, "t");
      assertThatThrownBy(() -> bare.whatsAppCustomer(PHONE, "1", "x").sendsText("hi"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("webhookTarget");
      bare.webhookTarget((b, h) -> 200);
      assertThatThrownBy(() -> bare.whatsAppCustomer(PHONE, "1", "x").sendsText("hi"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("appSecret");
    }
  }
}
