package io.switchboard.channel.instagram;

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

/**
 * Two MockWebServers per test: {@link #facebook} stands for graph.facebook.com (Switchboard's
 * GraphClient), {@link #instagram} for graph.instagram.com (the channel config). Two tenants, one
 * per setup.
 */
abstract class InstagramTestBase {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String V = GraphClient.DEFAULT_VERSION;

  static final TenantId IG_TENANT = TenantId.of("ig-login-shop");
  static final String IG_ACCOUNT = "17841400000000001";
  static final String IG_TOKEN = "IGAA-token-" + IG_ACCOUNT;

  static final TenantId FB_TENANT = TenantId.of("fb-login-shop");
  static final String FB_ACCOUNT = "17841400000000002";
  static final String PAGE = "100000000000002";
  static final String PAGE_TOKEN = "EAAG-page-token-" + PAGE;

  static final String CUSTOMER = "1234567890000001";

  @StartStop final MockWebServer facebook = new MockWebServer();
  @StartStop final MockWebServer instagram = new MockWebServer();

  FakeChannelContext context;
  InstagramChannel channel;
  ChannelConnection igConnection;
  ChannelConnection fbConnection;

  /** The two setups, as tests see them. */
  enum Setup {
    INSTAGRAM_LOGIN,
    FACEBOOK_LOGIN
  }

  @BeforeEach
  void bindChannel() {
    GraphClient graph = GraphClient.builder().baseUrl(facebook.url("/").toString()).build();
    context = new FakeChannelContext(graph);
    igConnection = context.add(IG_TENANT, IG_ACCOUNT, Map.of(InstagramChannel.LOGIN, InstagramChannel.LOGIN_INSTAGRAM), IG_TOKEN);
    fbConnection = context.add(FB_TENANT, FB_ACCOUNT,
        Map.of(InstagramChannel.LOGIN, InstagramChannel.LOGIN_FACEBOOK, InstagramChannel.PAGE_ID, PAGE), PAGE_TOKEN);
    channel = InstagramChannel.create(config(InstagramConfig.builder().instagramGraphBaseUrl(instagram.url("/").toString())).build());
    channel.bind(context);
  }

  /** Override to change settings; the Instagram host is already set. */
  InstagramConfig.Builder config(InstagramConfig.Builder builder) {
    return builder;
  }

  MockWebServer server(Setup setup) {
    return setup == Setup.INSTAGRAM_LOGIN ? instagram : facebook;
  }

  MockWebServer otherServer(Setup setup) {
    return setup == Setup.INSTAGRAM_LOGIN ? facebook : instagram;
  }

  TenantId tenant(Setup setup) {
    return setup == Setup.INSTAGRAM_LOGIN ? IG_TENANT : FB_TENANT;
  }

  ChannelConnection connection(Setup setup) {
    return setup == Setup.INSTAGRAM_LOGIN ? igConnection : fbConnection;
  }

  String bearer(Setup setup) {
    return "Bearer " + (setup == Setup.INSTAGRAM_LOGIN ? IG_TOKEN : PAGE_TOKEN);
  }

  /** The node that owns /messages: the IG account (Instagram Login) or the Page (Facebook Login). */
  String node(Setup setup) {
    return setup == Setup.INSTAGRAM_LOGIN ? IG_ACCOUNT : PAGE;
  }

  static SendRequest request(Setup setup, MessageContent content) {
    return builder(setup, content).build();
  }

  static SendRequest.Builder builder(Setup setup, MessageContent content) {
    return SendRequest.builder()
        .tenant(setup == Setup.INSTAGRAM_LOGIN ? IG_TENANT : FB_TENANT)
        .channel(ChannelType.INSTAGRAM)
        .to(CUSTOMER)
        .content(content);
  }

  static void enqueueJson(MockWebServer server, int code, String json) {
    server.enqueue(new MockResponse(code, Headers.of("Content-Type", "application/json"), json));
  }

  static void enqueueSendOk(MockWebServer server) {
    enqueueJson(server, 200, "{\"recipient_id\":\"" + CUSTOMER + "\",\"message_id\":\"mid.OUT_SENT_001\"}");
  }

  static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("a request reached the server").isNotNull();
    return r;
  }

  /** Asserts method, exact path and query, bearer token and the JSON body as a tree. */
  RecordedRequest assertJsonRequest(Setup setup, String method, String target, String expectedJson) throws Exception {
    RecordedRequest r = take(server(setup));
    assertThat(r.getMethod()).isEqualTo(method);
    assertThat(r.getTarget()).isEqualTo(target);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo(bearer(setup));
    JsonNode actual = MAPPER.readTree(r.getBody().utf8());
    assertThat(actual).isEqualTo(MAPPER.readTree(expectedJson));
    assertThat(otherServer(setup).getRequestCount()).as("requests on the other host").isZero();
    return r;
  }

  void assertNoRequest() {
    assertThat(facebook.getRequestCount() + instagram.getRequestCount()).as("requests made").isZero();
  }
}
