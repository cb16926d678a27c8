package io.switchboard.channel.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.graph.GraphClient;
import io.switchboard.message.MessageContent;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.BeforeEach;

/** One MockWebServer per test and a channel bound to a {@link FakeChannelContext} pointing at it. */
abstract class MessengerTestBase {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final TenantId TENANT = TenantId.of("acme");
  static final String PAGE_ID = "300000000000001";
  static final String PSID = "400000000000001";
  static final String BEARER = "Bearer EAAG-page-token-" + PAGE_ID;

  @StartStop final MockWebServer server = new MockWebServer();

  FakeChannelContext context;
  MessengerChannel channel;
  ChannelConnection page;

  @BeforeEach
  void bindChannel() {
    GraphClient graph = GraphClient.builder().baseUrl(server.url("/").toString()).build();
    context = new FakeChannelContext(graph);
    page = context.addPage(TENANT, PAGE_ID);
    channel = MessengerChannel.create(config());
    channel.bind(context);
  }

  MessengerConfig config() {
    return MessengerConfig.defaults();
  }

  static SendRequest request(MessageContent content) {
    return request(PSID, content);
  }

  static SendRequest request(String to, MessageContent content) {
    return SendRequest.builder().tenant(TENANT).channel(ChannelType.MESSENGER).to(to).content(content).build();
  }

  SendReceipt send(SendRequest request) {
    return channel.send(page, FakeChannelContext.tokenFor(PAGE_ID), request);
  }

  void enqueueJson(int code, String json) {
    server.enqueue(new MockResponse(code, Headers.of("Content-Type", "application/json"), json));
  }

  void enqueueSendOk() {
    enqueueJson(200, "{\"recipient_id\":\"" + PSID + "\",\"message_id\":\"m_OUT_REPLY_0001\"}");
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("a request reached the server").isNotNull();
    return r;
  }

  /** Asserts method, exact path and query, the Page token, and the JSON body as a tree. */
  RecordedRequest assertJsonRequest(String method, String target, String expectedJson) throws Exception {
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo(method);
    assertThat(r.getTarget()).isEqualTo(target);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo(BEARER);
    JsonNode actual = MAPPER.readTree(r.getBody().utf8());
    assertThat(actual).isEqualTo(MAPPER.readTree(expectedJson));
    return r;
  }

  void assertNoRequest() {
    assertThat(server.getRequestCount()).as("requests that reached the server").isZero();
  }
}
