package io.switchboard.examples.engine;

import static io.switchboard.examples.engine.EngineApi.assertError;
import static io.switchboard.examples.engine.EngineApi.assertSigned;
import static io.switchboard.examples.engine.EngineApi.config;
import static io.switchboard.examples.engine.EngineApi.connect;
import static io.switchboard.examples.engine.EngineApi.connected;
import static io.switchboard.examples.engine.EngineApi.createTenant;
import static io.switchboard.examples.engine.Http.JSON;
import static io.switchboard.examples.engine.Http.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.testkit.emulator.GraphHost;
import io.switchboard.testkit.emulator.MetaEmulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messenger and Instagram (both logins) through the engine over real HTTP, with the engine's own
 * in-process emulator ({@code --meta=emulator}, which the admin API fills): signed webhooks in,
 * signed forwards out, {@code /send} reaching the right host, path and token with the exact body,
 * and the emulator's receipts moving each message to READ.
 */
class MessengerInstagramEndToEndTest {
  static final String PAGE = "300000000000021";
  static final String PSID = "7000000000000021";
  static final String IG_VIA_PAGE = "17840000000000021";
  static final String LINKED_PAGE = "300000000000022";
  static final String IG = "17840000000000022";
  static final String IGSID = "8000000000000021";
  static final String IMAGE = "https://cdn.example.com/blue-shoe.jpg";
  static final String INSTAGRAM_IMAGE = "{\"attachment\":{\"type\":\"image\",\"payload\":{\"url\":\"" + IMAGE + "\"}}}";
  static final String QUESTION = "Is it waterproof?";

  @AutoClose final Closer closer = new Closer();
  EngineServer engine;
  MetaEmulator meta;
  TenantReceiver app;
  TenantFlow acme;

  @BeforeEach
  void start() throws Exception {
    engine = closer.add(new EngineServer(config("mem", null)).start());
    meta = engine.emulator();
    app = closer.add(TenantReceiver.start());
    acme = new TenantFlow(engine, meta, app, "acme", createTenant(engine, "acme", app.url()));
  }

  @Test
  void messenger_pageConnected_inboundForwardedSigned_sendsUseThePageTokenAndReachReadByWatermark() throws Exception {
    connected(engine, "acme", "messenger", PAGE, "{\"access_token\":\"page-token\",\"page_id\":\"" + PAGE + "\"}");

    String mid = meta.messengerCustomer(PAGE, PSID, "Ana", "Lima").sendsText(QUESTION);
    answerTextAndImage("messenger", PAGE, PSID, mid, new Route(GraphHost.FACEBOOK, PAGE, "page-token", true),
        "{\"attachment\":{\"type\":\"image\",\"payload\":{\"url\":\"" + IMAGE + "\",\"is_reusable\":true}}}");
    // Messenger reports reads as a watermark
    assertReadForwarded("messenger", PSID, "watermark");
  }

  @Test
  void instagramWithFacebookLogin_sendsGoToTheLinkedPageWithThePageToken() throws Exception {
    connected(engine, "acme", "instagram", IG_VIA_PAGE, "{\"access_token\":\"linked-page-token\",\"ig_user_id\":\""
        + IG_VIA_PAGE + "\",\"page_id\":\"" + LINKED_PAGE + "\",\"login\":\"facebook\"}");

    String mid = meta.instagramCustomer(IG_VIA_PAGE, IGSID, "ana.lima").sendsText(QUESTION);
    answerTextAndImage("instagram", IG_VIA_PAGE, IGSID, mid,
        new Route(GraphHost.FACEBOOK, LINKED_PAGE, "linked-page-token", true), INSTAGRAM_IMAGE);
    // Instagram reports a read per message
    assertReadForwarded("instagram", IGSID, "message_id");
  }

  @Test
  void instagramWithInstagramLogin_sendsGoToTheInstagramHostWithTheInstagramToken() throws Exception {
    connected(engine, "acme", "instagram", IG,
        "{\"access_token\":\"ig-token\",\"ig_user_id\":\"" + IG + "\",\"login\":\"instagram\"}");

    String mid = meta.instagramCustomer(IG, IGSID, "ana.lima").sendsText(QUESTION);
    // Instagram Login sends leave messaging_type out for RESPONSE, as Meta's examples do
    answerTextAndImage("instagram", IG, IGSID, mid, new Route(GraphHost.INSTAGRAM, IG, "ig-token", false),
        INSTAGRAM_IMAGE);
    assertReadForwarded("instagram", IGSID, "message_id");
  }

  @Test
  void connect_incompleteOrUnknownInstagramAndMessengerSettings_are400AndConnectNothing() throws Exception {
    assertRefused("instagram", "{\"access_token\":\"t\",\"login\":\"instagram\"}", "ig_user_id is required");
    assertRefused("instagram", "{\"access_token\":\"t\",\"ig_user_id\":\"" + IG + "\",\"login\":\"twitter\"}",
        "login must be facebook or instagram");
    assertRefused("instagram", "{\"access_token\":\"t\",\"ig_user_id\":\"" + IG + "\"}", "login is required");
    assertRefused("instagram", "{\"access_token\":\"t\",\"ig_user_id\":\"" + IG + "\",\"login\":\"facebook\"}",
        "page_id is required with login facebook");
    assertRefused("instagram", "{\"ig_user_id\":\"" + IG + "\",\"login\":\"instagram\"}", "access_token is required");
    assertRefused("messenger", "{\"access_token\":\"t\"}", "page_id is required");
    assertRefused("messenger", "{\"access_token\":\"t\",\"page_id\":\"300/../me\"}", "page_id must be a Graph id");
    assertRefused("telegram", "{\"access_token\":\"t\"}", "channel must be whatsapp, messenger or instagram");

    Http.Response channels = call("GET", engine.baseUrl() + "channels/status", acme.key(), null);
    assertThat(channels.json().path("channels")).as(channels.raw()).isEmpty();
  }

  @Test
  void connect_anotherTenantsPage_is409AndTheOwnersTokenKeepsWorkingOnTheEmulator() throws Exception {
    connected(engine, "acme", "messenger", PAGE, "{\"access_token\":\"page-token\",\"page_id\":\"" + PAGE + "\"}");
    createTenant(engine, "globex", app.url());

    assertError(connect(engine, "globex", "messenger",
        "{\"access_token\":\"globex-token\",\"page_id\":\"" + PAGE + "\"}"), 409, "account_taken");

    String mid = meta.messengerCustomer(PAGE, PSID, "Ana", "Lima").sendsText(QUESTION);
    acme.assertInboundForwarded("messenger", PAGE, PSID, mid, QUESTION);
    acme.awaitRead(acme.send("messenger", PSID, "{\"type\":\"text\",\"text\":\"hi\"}")
        .assertCall(GraphHost.FACEBOOK, PAGE, "page-token"));
  }

  void assertRefused(String channel, String body, String message) throws Exception {
    Http.Response r = connect(engine, "acme", channel, body);
    assertError(r, 400, "invalid_request");
    assertThat(r.json().path("error").path("message").asText()).contains(message);
  }

  /**
   * Where a channel's sends must go.
   *
   * @param host the Graph host
   * @param node the node that owns {@code /messages}
   * @param token the token it must carry
   * @param messagingType whether the body states {@code messaging_type: RESPONSE}
   */
  record Route(GraphHost host, String node, String token, boolean messagingType) {}

  /**
   * The customer's message is forwarded (signed, routed, its content); the tenant answers with a
   * text and an image, each checked from its Graph call (host, path, token, exact body) to READ.
   */
  void answerTextAndImage(String channel, String account, String customer, String mid, Route route,
      String imageMessage) throws Exception {
    acme.assertInboundForwarded(channel, account, customer, mid, QUESTION);
    TenantFlow.Sent text = acme.send(channel, customer, "{\"type\":\"text\",\"text\":\"It is\"}")
        .assertCall(route.host(), route.node(), route.token());
    assertBody(text, customer, route, "{\"text\":\"It is\"}");
    TenantFlow.Sent image = acme.send(channel, customer, "{\"type\":\"image\",\"link\":\"" + IMAGE + "\"}")
        .assertCall(route.host(), route.node(), route.token());
    assertBody(image, customer, route, imageMessage);
    acme.awaitRead(text, image);
  }

  static void assertBody(TenantFlow.Sent sent, String to, Route route, String message) throws Exception {
    ObjectNode expected = JSON.createObjectNode();
    expected.putObject("recipient").put("id", to);
    if (route.messagingType()) {
      expected.put("messaging_type", "RESPONSE");
    }
    expected.set("message", JSON.readTree(message));
    assertThat(sent.graph().json()).isEqualTo(expected);
  }

  /** The customer's read reached the tenant application too, signed, with its reader and its field. */
  void assertReadForwarded(String channel, String reader, String field) throws InterruptedException {
    TenantReceiver.Received read = app.awaitEvent("a forwarded messages_read",
        e -> e.path("type").asText().equals("messages_read"));
    assertSigned(read, "secret-of-acme");
    assertThat(read.json().path("channel").asText()).isEqualTo(channel);
    assertThat(read.json().path("data").path("reader_id").asText()).isEqualTo(reader);
    assertThat(read.json().path("data").path(field).asText()).isNotEmpty();
  }
}
