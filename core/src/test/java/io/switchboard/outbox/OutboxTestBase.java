package io.switchboard.outbox;

import static io.switchboard.testing.Fixtures.APP_SECRET;
import static io.switchboard.testing.Fixtures.VERIFY_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.Backoff;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.SwitchboardListener;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.event.InboundEvent;
import io.switchboard.message.MessageContent;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Text;
import io.switchboard.store.memory.InMemoryStores;
import io.switchboard.testing.FakeChannel;
import io.switchboard.testing.Fixtures;
import io.switchboard.testing.MutableClock;
import io.switchboard.webhook.WebhookRequest;
import io.switchboard.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;

/** A Switchboard over in-memory stores, a fake channel and a MockWebServer Graph API, on a hand-moved clock. */
abstract class OutboxTestBase {

  static final TenantId ACME = TenantId.of("acme");
  static final TenantId GLOBEX = TenantId.of("globex");
  static final ObjectMapper JSON = new ObjectMapper();

  @StartStop final MockWebServer graph = new MockWebServer();

  final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
  final InMemoryStores stores = new InMemoryStores();
  final List<OutboundMessage> statusChanges = Collections.synchronizedList(new ArrayList<>());
  final List<ChannelConnection> connectionChanges = Collections.synchronizedList(new ArrayList<>());
  final List<InboundEvent> handled = Collections.synchronizedList(new ArrayList<>());
  Switchboard switchboard;

  Switchboard.Builder builder(FakeChannel channel) {
    return Switchboard.builder()
        .appSecret(APP_SECRET).verifyToken(VERIFY_TOKEN).keyring(Fixtures.keyring())
        .channel(channel)
        .stores(stores)
        .clock(clock)
        .graphBaseUrl(graph.url("/").toString())
        .retryPolicy(new RetryPolicy(4, new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 0), Duration.ofHours(1)))
        .windowPolicy(WindowPolicy.notEnforced())
        // a frozen clock refills no budget: tests that are not about throughput get plenty of it
        .throughputLimits(ThroughputLimits.defaults().with(ChannelType.WHATSAPP, 10_000).with(ChannelType.MESSENGER, 10_000))
        .eventHandler((t, e) -> handled.add(e))
        .listener(new SwitchboardListener() {
          @Override
          public void onMessageStatus(OutboundMessage message) {
            statusChanges.add(message);
          }

          @Override
          public void onConnectionStatus(ChannelConnection connection) {
            connectionChanges.add(connection);
          }
        });
  }

  void start(Switchboard.Builder b) {
    switchboard = b.build();
  }

  @AfterEach
  void closeSwitchboard() {
    if (switchboard != null) {
      switchboard.close();
    }
  }

  void connect(TenantId tenant, ChannelType channel, String account, Map<String, String> attributes) {
    ConnectRequest.Builder b = ConnectRequest.builder().tenant(tenant).channel(channel).accountId(account)
        .accessToken(Secret.of("token-" + tenant));
    attributes.forEach(b::attribute);
    switchboard.connections().connect(b.build());
  }

  void connect(TenantId tenant, String account) {
    connect(tenant, ChannelType.WHATSAPP, account, Map.of());
  }

  static SendRequest.Builder text(TenantId tenant, String to, String body) {
    return SendRequest.builder().tenant(tenant).channel(ChannelType.WHATSAPP).to(to).content(Text.of(body));
  }

  static SendRequest.Builder content(TenantId tenant, ChannelType channel, String to, MessageContent content) {
    return SendRequest.builder().tenant(tenant).channel(channel).to(to).content(content);
  }

  /** Answers every send with a fresh message id, however many arrive (no queue to run dry). */
  void alwaysOk() {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    graph.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return new MockResponse.Builder().body("{\"id\":\"wamid.auto-" + n.incrementAndGet() + "\"}").build();
      }
    });
  }

  void ok(String externalId) {
    graph.enqueue(new MockResponse.Builder().body("{\"id\":\"" + externalId + "\"}").build());
  }

  void error(int http, int code) {
    graph.enqueue(new MockResponse.Builder().code(http)
        .body("{\"error\":{\"message\":\"(#" + code + ") from the test\",\"code\":" + code + ",\"fbtrace_id\":\"T\"}}").build());
  }

  JsonNode nextRequestBody() throws Exception {
    RecordedRequest r = graph.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request reached the Graph API within 5 s");
    }
    return JSON.readTree(r.getBody().utf8());
  }

  void webhook(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    int status = switchboard.webhooks().handle(
        WebhookRequest.post(body, Map.of(WebhookSignature.HEADER, WebhookSignature.sign(APP_SECRET, body)))).status();
    if (status != 200) {
      throw new AssertionError("webhook answered " + status);
    }
    switchboard.inbox().dispatchDue();
  }
}
