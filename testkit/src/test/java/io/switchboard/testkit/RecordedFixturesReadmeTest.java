package io.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.channel.messenger.MessengerChannel;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.crypto.Keyring;
import io.switchboard.event.MessageReceived;
import io.switchboard.webhook.WebhookResponse;
import io.switchboard.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the "Recorded fixtures" code of testkit/README.md against a host that mounts the webhook
 * servlet on Jetty. Every block between the markers must appear verbatim in the README.
 */
class RecordedFixturesReadmeTest {

  private final List<String> received = Collections.synchronizedList(new ArrayList<>());
  private Switchboard switchboard;
  private WebhookHost host;
  private URI endpoint;

  @BeforeEach
  void startHost() throws Exception {
    switchboard = Switchboard.builder()
        .appSecret(Secret.of("app-secret"))
        .verifyToken(Secret.of("verify"))
        .keyring(Keyring.builder().primary("k1", Keyring.generateKeyBase64()).build())
        .channel(WhatsAppChannel.create())
        .channel(MessengerChannel.create())
        .inMemoryStores()
        .eventHandler((tenant, event) -> {
          if (event instanceof MessageReceived m) {
            received.add(tenant + " " + m.externalId());
          }
        })
        .build();
    host = WebhookHost.start(switchboard.webhooks());
    endpoint = host.endpoint();
  }

  @AfterEach
  void stopHost() throws Exception {
    host.close();
    switchboard.close();
  }

  @Test
  void inProcessAndOverHttp_reachTheConnectedTenantOnce() throws Exception {
    // README:begin
    RecordedFixtures fixtures = RecordedFixtures.load();
    WebhookSigner signer = WebhookSigner.of(Secret.of("app-secret")); // your Switchboard's app secret

    // the fixtures use placeholder accounts; connect a test tenant to one so its events are routed
    switchboard.connections().connect(ConnectRequest.builder()
        .tenant(TenantId.of("acme")).channel(ChannelType.WHATSAPP)
        .accountId("200000000000001")                  // metadata.phone_number_id in the WhatsApp fixtures
        .attribute(ChannelConnection.WABA_ID, "100000000000001")
        .accessToken(Secret.of("EAAG-test")).build());

    byte[] body = fixtures.bytes(ChannelType.WHATSAPP, "messages/text.json");
    WebhookResponse handled = switchboard.webhooks().handle(signer.request(body));
    // README:end
    assertThat(handled.status()).isEqualTo(200);

    // README:begin
    HttpResponse<String> posted = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(endpoint)              // for example http://localhost:8080/webhooks/meta
            .header("Content-Type", "application/json")
            .header(WebhookSignature.HEADER, signer.sign(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    // README:end
    assertThat(posted.statusCode()).isEqualTo(200);

    // Meta's retries look exactly like this: the second copy is dropped by the inbox.
    assertThat(switchboard.inbox().dispatchDue()).isEqualTo(1);
    assertThat(received).containsExactly("acme wamid.IN_TEXT_0001");
  }

  @Test
  void everyFixtureOfAChannel_isAccepted() {
    RecordedFixtures fixtures = RecordedFixtures.load();
    WebhookSigner signer = WebhookSigner.of(Secret.of("app-secret"));
    // README:begin
    for (String name : fixtures.names(ChannelType.MESSENGER)) {
      WebhookResponse r = switchboard.webhooks().handle(signer.request(fixtures.bytes(ChannelType.MESSENGER, name)));
      assertThat(r.status()).as(name).isEqualTo(200);
    }
    // README:end

    // Messenger fixtures use distinct event ids, so every fixture left at least one event behind.
    assertThat(switchboard.inbox().malformed(10)).isEmpty();
    assertThat(switchboard.inbox().unroutable(1000))
        .hasSizeGreaterThanOrEqualTo(fixtures.names(ChannelType.MESSENGER).size())
        .allSatisfy(e -> assertThat(e.event().channel()).isEqualTo(ChannelType.MESSENGER));
  }

  @Test
  void readme_showsTheCodeAboveVerbatim() throws Exception {
    Path module = Path.of("").toAbsolutePath();
    String readme = Files.readString(module.resolve("README.md"));
    List<String> blocks = markedBlocks(
        module.resolve("src/test/java/io/switchboard/testkit/RecordedFixturesReadmeTest.java"));

    assertThat(blocks).hasSize(3);
    for (String block : blocks) {
      assertThat(readme).as("testkit/README.md").contains(block);
    }
  }

  /** Each region between the markers, de-indented to its least-indented line. */
  private static List<String> markedBlocks(Path source) throws Exception {
    List<String> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : Files.readAllLines(source)) {
      String trimmed = line.strip();
      if (trimmed.equals("// README:begin")) {
        current = new ArrayList<>();
      } else if (trimmed.equals("// README:end")) {
        blocks.add(dedent(current));
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }

  private static String dedent(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder out = new StringBuilder();
    for (String l : lines) {
      out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return out.toString();
  }
}
