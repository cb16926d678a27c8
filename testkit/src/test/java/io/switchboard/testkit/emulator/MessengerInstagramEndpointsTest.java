package io.switchboard.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.Secret;
import io.switchboard.graph.GraphApiException;
import io.switchboard.graph.GraphClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messenger and Instagram Send API, profiles and subscriptions on both hosts. */
class MessengerInstagramEndpointsTest {

  static final String PAGE = "100000000000001";
  static final String PAGE_TOKEN = "EAAG-page";
  static final String IG = "17841400000000001";
  static final String IG_TOKEN = "IGAA-login";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetaEmulator emulator;
  private GraphClient facebook;
  private GraphClient instagram;

  @BeforeEach
  void start() {
    emulator = MetaEmulator.builder().appSecret(Secret.of("s")).build().start();
    emulator.page(PAGE, PAGE_TOKEN);
    emulator.instagramAccount(IG, IG_TOKEN);
    facebook = GraphClient.builder().baseUrl(emulator.baseUrl()).build();
    instagram = facebook.withBaseUrl(emulator.instagramBaseUrl());
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void messengerSend_answersRecipientAndMessageId() throws Exception {
    JsonNode answer = facebook.post(PAGE + "/messages", Secret.of(PAGE_TOKEN),
        json("{\"recipient\":{\"id\":\"2400000000000001\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hi\"}}"));

    assertThat(answer.path("recipient_id").asText()).isEqualTo("2400000000000001");
    assertThat(answer.path("message_id").asText()).startsWith("m_");
    assertThat(emulator.requestsTo(PAGE)).hasSize(1);
  }

  @Test
  void messengerSend_viaMe_usesTheTokensPage() throws Exception {
    JsonNode answer = facebook.post("me/messages", Secret.of(PAGE_TOKEN),
        json("{\"recipient\":{\"id\":\"2400000000000001\"},\"message\":{\"text\":\"hi\"}}"));

    assertThat(answer.path("message_id").asText()).isNotEmpty();
    assertThat(emulator.requests().get(0).account()).hasValue(PAGE);
  }

  @Test
  void senderAction_answersRecipientOnly() throws Exception {
    JsonNode answer = facebook.post(PAGE + "/messages", Secret.of(PAGE_TOKEN),
        json("{\"recipient\":{\"id\":\"2400000000000001\"},\"sender_action\":\"typing_on\"}"));

    assertThat(answer).isEqualTo(json("{\"recipient_id\":\"2400000000000001\"}"));
    assertThat(emulator.pendingStatusCount()).isZero();
  }

  @Test
  void messengerValidation_namesTheField() throws Exception {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("{\"message\":{\"text\":\"hi\"}}", "recipient");
    cases.put("{\"recipient\":{},\"message\":{\"text\":\"hi\"}}", "recipient[id]");
    cases.put("{\"recipient\":{\"id\":\"1\"}}", "parameter message ");
    cases.put("{\"recipient\":{\"id\":\"1\"},\"message\":{}}", "message[text]");
    cases.put("{\"recipient\":{\"id\":\"1\"},\"message\":{\"text\":\"x\"},\"sender_action\":\"typing_on\"}",
        "sender_action");
    cases.put("{\"recipient\":{\"id\":\"1\"},\"messaging_type\":\"MESSAGE_TAG\",\"message\":{\"text\":\"x\"}}", "tag");
    cases.put("{\"recipient\":{\"id\":\"1\"},\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"ACCOUNT_UPDATE\","
        + "\"message\":{\"text\":\"x\"}}", "ACCOUNT_UPDATE");
    cases.put("{\"recipient\":{\"id\":\"1\"},\"message\":{\"text\":\"" + "x".repeat(2001) + "\"}}", "message[text]");
    cases.put("{\"recipient\":", "not valid JSON");

    for (Map.Entry<String, String> c : cases.entrySet()) {
      RawHttp.Answer a = RawHttp.post(emulator.baseUrl() + "v26.0/" + PAGE + "/messages", PAGE_TOKEN, c.getKey());
      assertThat(a.status()).as(c.getKey()).isEqualTo(400);
      assertThat(a.code()).as(c.getKey()).isEqualTo(100);
      assertThat(a.message()).as(c.getKey()).contains(c.getValue());
    }
  }

  @Test
  void instagramLogin_sendOnInstagramHost_byIdAndMe() throws Exception {
    JsonNode byId = instagram.post(IG + "/messages", Secret.of(IG_TOKEN),
        json("{\"recipient\":{\"id\":\"990000000000001\"},\"message\":{\"text\":\"hi\"}}"));
    JsonNode byMe = instagram.post("me/messages", Secret.of(IG_TOKEN),
        json("{\"recipient\":{\"id\":\"990000000000001\"},\"message\":{\"text\":\"hi\"}}"));

    assertThat(byId.path("recipient_id").asText()).isEqualTo("990000000000001");
    assertThat(byMe.path("message_id").asText()).isNotEmpty();
    assertThat(emulator.requests()).allSatisfy(r -> {
      assertThat(r.host()).isEqualTo(GraphHost.INSTAGRAM);
      assertThat(r.path()).startsWith("/v26.0/");
      assertThat(r.account()).hasValue(IG);
    });
  }

  @Test
  void instagramLoginAccount_isUnknownOnTheFacebookHost() {
    assertThatThrownBy(() -> facebook.post(IG + "/messages", Secret.of(IG_TOKEN),
        json("{\"recipient\":{\"id\":\"1\"},\"message\":{\"text\":\"hi\"}}")))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.code()).hasValue(100);
          assertThat(e.subcode()).hasValue(33);
        });
  }

  @Test
  void profiles_answerRequestedFields_onlyForKnownCustomersOfTheTokensAccount() {
    emulator.messengerCustomer(PAGE, "2400000000000001", "Ana", "Lima");
    emulator.instagramCustomer(IG, "990000000000001", "ana.lima");

    JsonNode messenger = facebook.get("2400000000000001", Secret.of(PAGE_TOKEN),
        Map.of("fields", "first_name,last_name,profile_pic"));
    assertThat(messenger.path("first_name").asText()).isEqualTo("Ana");
    assertThat(messenger.path("last_name").asText()).isEqualTo("Lima");
    assertThat(messenger.path("profile_pic").asText()).isNotEmpty();
    assertThat(messenger.path("id").asText()).isEqualTo("2400000000000001");

    JsonNode ig = instagram.get("990000000000001", Secret.of(IG_TOKEN), Map.of("fields", "name,username"));
    assertThat(ig.path("username").asText()).isEqualTo("ana.lima");
    assertThat(ig.has("follower_count")).isFalse();

    assertThatThrownBy(() -> facebook.get("2400000000000009", Secret.of(PAGE_TOKEN), Map.of()))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.code()).hasValue(100));
    assertThatThrownBy(() -> instagram.get("2400000000000001", Secret.of(IG_TOKEN), Map.of()))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.code()).hasValue(100));
  }

  @Test
  void subscribedApps_recordsFields() {
    JsonNode page = facebook.post(PAGE + "/subscribed_apps", Secret.of(PAGE_TOKEN),
        Map.of("subscribed_fields", "messages,messaging_postbacks"), JSON.createObjectNode());
    JsonNode ig = instagram.post("me/subscribed_apps", Secret.of(IG_TOKEN),
        Map.of("subscribed_fields", "messages"), JSON.createObjectNode());

    assertThat(page.path("success").asBoolean()).isTrue();
    assertThat(ig.path("success").asBoolean()).isTrue();
    assertThat(emulator.subscribedFields(PAGE)).containsExactlyInAnyOrder("messages", "messaging_postbacks");
    assertThat(emulator.subscribedFields(IG)).containsExactly("messages");
    assertThatThrownBy(() -> facebook.post(PAGE + "/subscribed_apps", Secret.of(PAGE_TOKEN), JSON.createObjectNode()))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.getMessage()).contains("subscribed_fields"));
  }

  @Test
  void wrongToken_is190() {
    assertThatThrownBy(() -> facebook.post(PAGE + "/messages", Secret.of(IG_TOKEN),
        json("{\"recipient\":{\"id\":\"1\"},\"message\":{\"text\":\"hi\"}}")))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(401);
          assertThat(e.code()).hasValue(190);
        });
  }
}
