package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.graph.GraphClient;
import io.switchboard.message.MessageContent;
import io.switchboard.message.SendRequest;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.BeforeEach;

/** One MockWebServer per test, a channel bound to a {@link FakeChannelContext} pointing at it. */
abstract class WhatsAppTestBase {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final TenantId TENANT = TenantId.of("acme");
  static final String PHONE_ID = "106540352242922";
  static final String WABA = "102290129340398";
  static final String BEARER = "Bearer EAAG-token-" + PHONE_ID;

  @StartStop final MockWebServer server = new MockWebServer();

  FakeChannelContext context;
  WhatsAppChannel channel;
  ChannelConnection connection;

  @BeforeEach
  void bindChannel() {
    GraphClient graph = GraphClient.builder().baseUrl(server.url("/").toString()).build();
    context = new FakeChannelContext(graph);
    connection = context.addWhatsApp(TENANT, PHONE_ID, Map.of(ChannelConnection.WABA_ID, WABA));
    channel = WhatsAppChannel.create(config());
    channel.bind(context);
  }

  WhatsAppConfig config() {
    return WhatsAppConfig.defaults();
  }

  static SendRequest request(String to, MessageContent content) {
    return SendRequest.builder().tenant(TENANT).channel(ChannelType.WHATSAPP).to(to).content(content).build();
  }

  void enqueueJson(int code, String json) {
    server.enqueue(new MockResponse(code, Headers.of("Content-Type", "application/json"), json));
  }

  void enqueueSendOk() {
    enqueueJson(200, """
        {"messaging_product":"whatsapp",
         "contacts":[{"input":"+16505551234","wa_id":"16505551234"}],
         "messages":[{"id":"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI"}]}""");
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("a request reached the server").isNotNull();
    return r;
  }

  /** Asserts method, exact path+query, bearer token, and the JSON body as a tree. */
  RecordedRequest assertJsonRequest(String method, String target, String expectedJson) throws Exception {
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo(method);
    assertThat(r.getTarget()).isEqualTo(target);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo(BEARER);
    JsonNode actual = MAPPER.readTree(r.getBody().utf8());
    assertThat(actual).isEqualTo(MAPPER.readTree(expectedJson));
    return r;
  }

  /** Asserts a body-less request. */
  RecordedRequest assertRequest(String method, String target) throws Exception {
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo(method);
    assertThat(r.getTarget()).isEqualTo(target);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo(BEARER);
    return r;
  }

  void assertNoRequest() {
    assertThat(server.getRequestCount()).as("requests that reached the server").isZero();
  }
}
