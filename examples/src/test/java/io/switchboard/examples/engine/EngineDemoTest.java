package io.switchboard.examples.engine;

import static io.switchboard.examples.engine.EngineApi.config;
import static io.switchboard.examples.engine.EngineApi.status;
import static io.switchboard.examples.engine.Http.await;
import static io.switchboard.examples.engine.Http.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.channel.instagram.InstagramChannel;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.spi.InboxEntry;
import io.switchboard.testkit.emulator.GraphHost;
import io.switchboard.testkit.emulator.RecordedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --demo} as a newcomer runs it: two tenants, each with WhatsApp, Messenger and Instagram on
 * the in-process emulator; every emulated customer's message is routed to its tenant and forwarded
 * to the demo's tenant application, whose reply goes out on the same channel and reaches READ, and
 * the log shows each step.
 */
class EngineDemoTest {

  /**
   * One demo conversation: the tenant, channel and account the customer writes to, and the Graph
   * call the tenant's reply must make (host, the node whose {@code /messages} it posts to, token).
   */
  record Conversation(String tenant, String channel, String account, String customer, GraphHost host, String node,
      String token) {
    String key() {
      return "demo-key-" + tenant;
    }
  }

  static final List<Conversation> CONVERSATIONS = List.of(
      new Conversation("acme", "whatsapp", "200000000000001", "15551230001", GraphHost.FACEBOOK, "200000000000001",
          "demo-token-of-acme"),
      new Conversation("acme", "messenger", "300000000000001", "7100000000000001", GraphHost.FACEBOOK,
          "300000000000001", "demo-page-token-of-acme"),
      // Facebook Login: acme's Instagram account answers through acme's Page, with the Page's token
      new Conversation("acme", "instagram", "17841400000000001", "8100000000000001", GraphHost.FACEBOOK,
          "300000000000001", "demo-page-token-of-acme"),
      new Conversation("globex", "whatsapp", "200000000000002", "15551230002", GraphHost.FACEBOOK, "200000000000002",
          "demo-token-of-globex"),
      new Conversation("globex", "messenger", "300000000000002", "7100000000000002", GraphHost.FACEBOOK,
          "300000000000002", "demo-page-token-of-globex"),
      // Instagram Login: graph.instagram.com (the emulator's stand-in), the Instagram account's token
      new Conversation("globex", "instagram", "17841400000000002", "8100000000000002", GraphHost.INSTAGRAM,
          "17841400000000002", "demo-ig-token-of-globex"));

  @AutoClose final Closer closer = new Closer();

  @Test
  void demo_everyCustomerMessageOnEveryChannelIsForwarded_andEveryReplyReachesRead_andTheLogShowsEachStep()
      throws Exception {
    EngineLog log = closer.add(EngineLog.capture());
    EngineServer demo = closer.add(new EngineServer(config("mem", null).withDemo(true)).start());

    assertDemoPlayed(demo, log);
  }

  /** The README's command keeps its file database: a second run must play the demo as the first did. */
  @Test
  void demo_runAgainOnItsFileDatabase_routesAndRepliesOnEveryChannelAgain(@TempDir Path dir) throws Exception {
    EngineLog firstLog = closer.add(EngineLog.capture());
    EngineServer first = closer.add(new EngineServer(config("file", dir).withDemo(true)).start());
    assertDemoPlayed(first, firstLog);
    closer.closeNow(first);
    closer.closeNow(firstLog);

    EngineLog log = closer.add(EngineLog.capture());
    EngineServer second = closer.add(new EngineServer(config("file", dir).withDemo(true)).start());
    assertDemoPlayed(second, log);
  }

  static void assertDemoPlayed(EngineServer demo, EngineLog log) throws Exception {
    assertSeededConnections(demo);
    for (Conversation c : CONVERSATIONS) {
      assertForwarded(demo, log, c);
      assertReplyRead(demo, log, c);
    }
  }

  /** Both tenants list three connected channels; the two Instagram accounts use the two logins. */
  static void assertSeededConnections(EngineServer demo) throws Exception {
    for (String tenant : List.of("acme", "globex")) {
      Http.Response r = call("GET", demo.baseUrl() + "channels/status", "demo-key-" + tenant, null);
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      List<String> channels = CONVERSATIONS.stream().filter(c -> c.tenant().equals(tenant))
          .map(c -> c.channel() + " " + c.account() + " connected").toList();
      assertThat(r.json().path("channels")).as(r.raw())
          .extracting(x -> x.path("channel").asText() + " " + x.path("account_id").asText() + " "
              + x.path("status").asText())
          .containsExactlyInAnyOrderElementsOf(channels);
    }
    assertThat(instagram(demo, "acme").attributes()).containsEntry(InstagramChannel.LOGIN, "facebook")
        .containsEntry(InstagramChannel.PAGE_ID, "300000000000001"); // the Page acme also uses for Messenger
    assertThat(instagram(demo, "globex").attributes()).containsEntry(InstagramChannel.LOGIN, "instagram")
        .doesNotContainKey(InstagramChannel.PAGE_ID);
  }

  static ChannelConnection instagram(EngineServer demo, String tenant) {
    return demo.switchboard().connections().list(TenantId.of(tenant)).stream()
        .filter(c -> c.channel() == ChannelType.INSTAGRAM).findFirst().orElseThrow();
  }

  /**
   * The customer's message was routed to the tenant (its inbox entry) and forwarded with a 2xx (the
   * entry is delivered; the log says so), and the tenant application accepted its signature.
   */
  static void assertForwarded(EngineServer demo, EngineLog log, Conversation c) throws Exception {
    Matcher forwarded = log.awaitLine(Pattern.compile("\\[" + c.tenant() + "] " + c.channel() + " message (\\S+) from "
        + c.customer() + " forwarded -> 204$"));
    String mid = forwarded.group(1);
    ChannelType channel = ChannelType.valueOf(c.channel().toUpperCase(Locale.ROOT));
    // the dispatcher marks the entry delivered just after the forward it logged
    await(mid + " delivered", () -> demo.switchboard().inbox().find(channel, mid)
        .filter(e -> e.state() == InboxEntry.State.DELIVERED).isPresent());
    InboxEntry entry = demo.switchboard().inbox().find(channel, mid).orElseThrow();
    assertThat(entry.event().tenant()).as(c.toString()).contains(TenantId.of(c.tenant()));
    assertThat(entry.event().accountId()).isEqualTo(c.account());
    assertThat(demo.emulator().webhookDeliveries()).as("the emulator's webhook carrying " + mid)
        .anySatisfy(d -> assertThat(d.bodyText()).contains("\"" + mid + "\"", "\"" + c.account() + "\""));
    log.awaitLine(Pattern.compile("\\[" + c.tenant() + " app] " + c.channel() + " message from " + c.customer()
        + ": "));
  }

  /**
   * The application's reply was accepted by {@code POST /send}, went to the right Graph node with
   * the right token, and {@code GET /messages/{id}} and the log both reach read.
   */
  static void assertReplyRead(EngineServer demo, EngineLog log, Conversation c) throws Exception {
    String id = log.awaitLine(Pattern.compile("\\[" + c.tenant() + " app] " + c.channel() + " reply to "
        + c.customer() + ": POST /send -> 202 .*\"message_id\":\"([^\"]+)\"")).group(1);
    await(c + " reply read", () -> status(demo, c.key(), id).equals("read"));

    JsonNode message = call("GET", demo.baseUrl() + "messages/" + id, c.key(), null).json();
    assertThat(message.path("channel").asText()).isEqualTo(c.channel());
    assertThat(message.path("to").asText()).isEqualTo(c.customer());
    String externalId = message.path("external_id").asText();
    RecordedRequest graph = demo.emulator().requests().stream()
        .filter(r -> r.status() == 200 && externalId.equals(sentId(r))).findFirst().orElseThrow();
    assertThat(graph.host()).as(c.toString()).isEqualTo(c.host());
    assertThat(graph.path()).isEqualTo("/v26.0/" + c.node() + "/messages");
    assertThat(graph.token()).hasValue(c.token());
    log.awaitLine(Pattern.compile(Pattern.quote("[" + c.tenant() + "] " + c.channel() + " message " + id + " to "
        + c.customer() + " is read") + "$"));
  }

  /** The message id Meta answered a send with (WhatsApp's {@code messages[0].id}, else {@code message_id}). */
  static String sentId(RecordedRequest r) {
    JsonNode answer = r.response();
    return answer.has("messages") ? answer.path("messages").path(0).path("id").asText()
        : answer.path("message_id").asText();
  }
}
