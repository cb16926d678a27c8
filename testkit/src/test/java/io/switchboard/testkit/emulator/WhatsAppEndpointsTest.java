package io.switchboard.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.Secret;
import io.switchboard.graph.GraphApiException;
import io.switchboard.graph.GraphClient;
import io.switchboard.graph.MediaDownload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WhatsApp Cloud API endpoints answer in the documented shapes and validate like Meta. */
class WhatsAppEndpointsTest {

  static final String PHONE = "106540352242922";
  static final String WABA = "102290129340398";
  static final String TOKEN = "EAAG-acme";
  static final Secret TOKEN_SECRET = Secret.of(TOKEN);
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetaEmulator emulator;
  private GraphClient graph;

  @BeforeEach
  void start() {
    emulator = MetaEmulator.builder().appSecret(Secret.of("s")).build().start();
    emulator.whatsAppNumber(PHONE, WABA, TOKEN);
    emulator.whatsAppNumber("106540352242999", "102290129340999", "EAAG-globex");
    graph = GraphClient.builder().baseUrl(emulator.baseUrl()).build();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text);
  }

  private String url(String path) {
    return emulator.baseUrl() + "v26.0/" + path;
  }

  @Test
  void sendText_answersAcceptedShape() throws Exception {
    JsonNode answer = graph.post(PHONE + "/messages", TOKEN_SECRET, json(
        "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+16505551234\","
            + "\"type\":\"text\",\"text\":{\"body\":\"hello\"}}"));

    assertThat(answer.path("messaging_product").asText()).isEqualTo("whatsapp");
    assertThat(answer.path("contacts").get(0).path("input").asText()).isEqualTo("+16505551234");
    assertThat(answer.path("contacts").get(0).path("wa_id").asText()).isEqualTo("16505551234");
    assertThat(answer.path("messages").get(0).path("id").asText()).startsWith("wamid.");
    assertThat(answer.path("messages").get(0).has("message_status")).isFalse();
  }

  @Test
  void sendTemplate_answersMessageStatusAccepted() throws Exception {
    JsonNode answer = graph.post(PHONE + "/messages", TOKEN_SECRET, json(
        "{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"type\":\"template\","
            + "\"template\":{\"name\":\"order_update\",\"language\":{\"code\":\"en_US\"}}}"));

    assertThat(answer.path("messages").get(0).path("message_status").asText()).isEqualTo("accepted");
  }

  @Test
  void strictTemplates_unknownTemplateIs132001() throws Exception {
    emulator.close();
    emulator = MetaEmulator.builder().strictTemplates(true).build().start();
    emulator.whatsAppNumber(PHONE, WABA, TOKEN);
    emulator.addTemplate(WABA, "order_update", "en_US", "UTILITY", "APPROVED");
    graph = GraphClient.builder().baseUrl(emulator.baseUrl()).build();

    String body = "{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"type\":\"template\","
        + "\"template\":{\"name\":\"%s\",\"language\":{\"code\":\"en_US\"}}}";
    assertThat(graph.post(PHONE + "/messages", TOKEN_SECRET, json(body.formatted("order_update")))
        .path("messages").get(0).path("id").asText()).startsWith("wamid.");
    assertThatThrownBy(() -> graph.post(PHONE + "/messages", TOKEN_SECRET, json(body.formatted("nope"))))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.code()).hasValue(132001));
  }

  @Test
  void markReadAndTyping_answerSuccess() throws Exception {
    JsonNode read = graph.post(PHONE + "/messages", TOKEN_SECRET,
        json("{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.IN1\"}"));
    JsonNode typing = graph.post(PHONE + "/messages", TOKEN_SECRET, json(
        "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.IN1\","
            + "\"typing_indicator\":{\"type\":\"text\"}}"));

    assertThat(read).isEqualTo(json("{\"success\":true}"));
    assertThat(typing).isEqualTo(json("{\"success\":true}"));
    assertThat(emulator.pendingStatusCount()).isZero();
  }

  @Test
  void markRead_withoutMessageId_namesTheField() throws Exception {
    RawHttp.Answer a = RawHttp.post(url(PHONE + "/messages"), TOKEN,
        "{\"messaging_product\":\"whatsapp\",\"status\":\"read\"}");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.code()).isEqualTo(100);
    assertThat(a.message()).contains("message_id");
  }

  @Test
  void media_uploadLookUpDownloadDelete() {
    byte[] jpeg = "fake-jpeg-bytes".getBytes(StandardCharsets.UTF_8);
    JsonNode uploaded = graph.postMultipart(PHONE + "/media", TOKEN_SECRET,
        Map.of("messaging_product", "whatsapp", "type", "image/jpeg"), "file", "photo.jpg", "image/jpeg", jpeg);
    String id = uploaded.path("id").asText();
    assertThat(id).isNotEmpty();

    JsonNode info = graph.get(id, TOKEN_SECRET, Map.of("phone_number_id", PHONE));
    assertThat(info.path("messaging_product").asText()).isEqualTo("whatsapp");
    assertThat(info.path("id").asText()).isEqualTo(id);
    assertThat(info.path("mime_type").asText()).isEqualTo("image/jpeg");
    assertThat(info.path("file_size").asLong()).isEqualTo(jpeg.length);
    assertThat(info.path("sha256").asText()).isEqualTo(MetaEmulator.sha256(jpeg));
    String mediaUrl = info.path("url").asText();
    assertThat(mediaUrl).startsWith(emulator.baseUrl());

    MediaDownload download = graph.download(mediaUrl, TOKEN_SECRET, 1 << 20);
    assertThat(download.bytes()).isEqualTo(jpeg);
    assertThat(download.contentType()).hasValueSatisfying(t -> assertThat(t).startsWith("image/jpeg"));

    assertThatThrownBy(() -> graph.download(mediaUrl, Secret.of("EAAG-globex"), 1 << 20))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(401);
          assertThat(e.code()).hasValue(190);
        });

    assertThat(graph.delete(id, TOKEN_SECRET, Map.of("phone_number_id", PHONE)))
        .isEqualTo(JSON.createObjectNode().put("success", true));
    assertThatThrownBy(() -> graph.get(id, TOKEN_SECRET, Map.of()))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.code()).hasValue(100);
          assertThat(e.subcode()).hasValue(33);
        });
    assertThatThrownBy(() -> graph.download(mediaUrl, TOKEN_SECRET, 1 << 20))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
  }

  @Test
  void mediaDownload_withoutBearer_is401() throws Exception {
    String id = emulator.addMedia(PHONE, new byte[] {1, 2, 3}, "image/png");
    String mediaUrl = graph.get(id, TOKEN_SECRET, Map.of()).path("url").asText();

    RawHttp.Answer a = RawHttp.get(mediaUrl, null);

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.code()).isEqualTo(190);
  }

  @Test
  void mediaUpload_withoutMessagingProduct_namesTheField() {
    assertThatThrownBy(() -> graph.postMultipart(PHONE + "/media", TOKEN_SECRET, Map.of("type", "image/jpeg"),
        "file", "a.jpg", "image/jpeg", new byte[] {1}))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.code()).hasValue(100);
          assertThat(e.getMessage()).contains("messaging_product");
        });
  }

  @Test
  void templates_createListWithPagingDelete() throws Exception {
    for (int i = 0; i < 5; i++) {
      JsonNode created = graph.post(WABA + "/message_templates", TOKEN_SECRET, json(
          "{\"name\":\"t" + i + "\",\"language\":\"en_US\",\"category\":\"UTILITY\","
              + "\"components\":[{\"type\":\"BODY\",\"text\":\"Hi {{1}}\"}]}"));
      assertThat(created.path("id").asText()).isNotEmpty();
      assertThat(created.path("status").asText()).isEqualTo("PENDING");
      assertThat(created.path("category").asText()).isEqualTo("UTILITY");
    }

    List<String> names = new ArrayList<>();
    Map<String, String> query = new LinkedHashMap<>(Map.of("limit", "2"));
    int pages = 0;
    while (true) {
      JsonNode page = graph.get(WABA + "/message_templates", TOKEN_SECRET, query);
      pages++;
      page.path("data").forEach(t -> {
        names.add(t.path("name").asText());
        assertThat(t.path("language").asText()).isEqualTo("en_US");
        assertThat(t.path("status").asText()).isEqualTo("PENDING");
        assertThat(t.path("components").isArray()).isTrue();
      });
      if (!page.path("paging").hasNonNull("next")) {
        break;
      }
      query.put("after", page.path("paging").path("cursors").path("after").asText());
    }
    assertThat(names).containsExactly("t0", "t1", "t2", "t3", "t4");
    assertThat(pages).isEqualTo(3);

    assertThat(graph.delete(WABA + "/message_templates", TOKEN_SECRET, Map.of("name", "t3")).path("success")
        .asBoolean()).isTrue();
    assertThat(emulator.templates(WABA)).extracting(t -> t.path("name").asText())
        .containsExactly("t0", "t1", "t2", "t4");

    assertThatThrownBy(() -> graph.delete(WABA + "/message_templates", TOKEN_SECRET, Map.of("name", "t3")))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.code()).hasValue(100));
    assertThatThrownBy(() -> graph.post(WABA + "/message_templates", TOKEN_SECRET, json(
        "{\"name\":\"t0\",\"language\":\"en_US\",\"category\":\"UTILITY\",\"components\":[]}")))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.subcode()).hasValue(2388024));
    assertThatThrownBy(() -> graph.post(WABA + "/message_templates", TOKEN_SECRET, json(
        "{\"name\":\"t9\",\"language\":\"en_US\",\"components\":[]}")))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.getMessage()).contains("category"));
  }

  @Test
  void templates_filteredByStatusAndReadById() {
    String approved = emulator.addTemplate(WABA, "welcome", "en_US", "MARKETING", "APPROVED");
    emulator.addTemplate(WABA, "draft", "en_US", "MARKETING", "PENDING");

    JsonNode page = graph.get(WABA + "/message_templates", TOKEN_SECRET, Map.of("status", "APPROVED"));
    assertThat(page.path("data")).hasSize(1);
    assertThat(page.path("data").get(0).path("id").asText()).isEqualTo(approved);

    JsonNode one = graph.get(approved, TOKEN_SECRET, Map.of());
    assertThat(one.path("name").asText()).isEqualTo("welcome");
    assertThat(one.path("category").asText()).isEqualTo("MARKETING");
  }

  @Test
  void templates_ofAnotherWaba_rejectToken() {
    assertThatThrownBy(() -> graph.get("102290129340999/message_templates", TOKEN_SECRET, Map.of()))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(401);
          assertThat(e.code()).hasValue(190);
        });
  }

  // ------------------------------------------------------------------ validation

  @Test
  void unknownPhoneNumberId_isCode100Subcode33() throws Exception {
    RawHttp.Answer a = RawHttp.post(url("999999999/messages"), TOKEN,
        "{\"messaging_product\":\"whatsapp\",\"to\":\"+1\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}");

    assertThat(a.status()).isEqualTo(400);
    JsonNode error = a.json().path("error");
    assertThat(error.path("code").asInt()).isEqualTo(100);
    assertThat(error.path("error_subcode").asInt()).isEqualTo(33);
    assertThat(error.path("type").asText()).isEqualTo("OAuthException");
    assertThat(error.path("message").asText()).contains("'999999999'").contains("does not exist");
    assertThat(error.path("fbtrace_id").asText()).isNotEmpty();
  }

  @Test
  void wrongOrMissingToken_isCode190Http401() throws Exception {
    String body = "{\"messaging_product\":\"whatsapp\",\"to\":\"+1\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}";
    RawHttp.Answer unknownToken = RawHttp.post(url(PHONE + "/messages"), "EAAG-nobody", body);
    RawHttp.Answer otherTenantsToken = RawHttp.post(url(PHONE + "/messages"), "EAAG-globex", body);
    RawHttp.Answer noToken = RawHttp.post(url(PHONE + "/messages"), null, body);

    for (RawHttp.Answer a : List.of(unknownToken, otherTenantsToken, noToken)) {
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.code()).isEqualTo(190);
      assertThat(a.json().path("error").path("type").asText()).isEqualTo("OAuthException");
    }
    assertThatThrownBy(() -> graph.post(PHONE + "/messages", Secret.of("EAAG-nobody"), json(body)))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.isAuthError()).isTrue());
  }

  @Test
  void malformedBodies_areCode100NamingTheField() throws Exception {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("{\"messaging_product\":\"whatsapp\",", "not valid JSON");
    cases.put("{\"to\":\"+1\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}", "messaging_product");
    cases.put("{\"messaging_product\":\"whatsapp\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}", "parameter to ");
    cases.put("{\"messaging_product\":\"whatsapp\",\"to\":\"+1\",\"text\":{\"body\":\"x\"}}", "parameter type ");
    cases.put("{\"messaging_product\":\"whatsapp\",\"to\":\"+1\",\"type\":\"text\"}", "parameter text ");
    cases.put("{\"messaging_product\":\"whatsapp\",\"to\":\"+1\",\"type\":\"text\",\"text\":{}}", "text['body']");
    cases.put("{\"messaging_product\":\"whatsapp\",\"to\":\"+1\",\"type\":\"image\",\"image\":{}}", "image['id']");
    cases.put("{\"messaging_product\":\"whatsapp\",\"to\":\"+1\",\"type\":\"template\",\"template\":{\"name\":\"x\"}}",
        "template['language']['code']");
    cases.put("{\"messaging_product\":\"whatsapp\",\"to\":\"+1\",\"type\":\"carrier_pigeon\"}", "type");
    cases.put("{\"messaging_product\":\"sms\",\"to\":\"+1\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}",
        "messaging_product");

    for (Map.Entry<String, String> c : cases.entrySet()) {
      RawHttp.Answer a = RawHttp.post(url(PHONE + "/messages"), TOKEN, c.getKey());
      assertThat(a.status()).as(c.getKey()).isEqualTo(400);
      assertThat(a.code()).as(c.getKey()).isEqualTo(100);
      assertThat(a.message()).as(c.getKey()).contains(c.getValue());
    }
    assertThat(emulator.pendingStatusCount()).isZero();
  }

  @Test
  void phoneNumberNode_answersItsFields() {
    JsonNode node = graph.get(PHONE, TOKEN_SECRET, Map.of("fields", "display_phone_number,throughput"));
    assertThat(node.path("id").asText()).isEqualTo(PHONE);
    assertThat(node.path("throughput").path("level").asText()).isEqualTo("STANDARD");
    assertThat(node.has("verified_name")).isFalse();
  }

  @Test
  void unsupportedPathOrVersion_isCode100() throws Exception {
    assertThat(RawHttp.get(emulator.baseUrl() + "latest/" + PHONE, TOKEN).code()).isEqualTo(100);
    assertThat(RawHttp.get(url(PHONE + "/conversations"), TOKEN).code()).isEqualTo(100);
  }
}
