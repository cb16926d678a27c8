package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.crypto.Keyring;
import io.switchboard.event.EventHandler;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Template;
import io.switchboard.message.TemplateParameter;
import io.switchboard.outbox.MessageHandle;
import io.switchboard.webhook.servlet.SwitchboardWebhookServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's embedding example honest: the code between the markers below compiles here,
 * runs (up to the send, which would reach Meta), and must appear verbatim in the README.
 */
class ReadmeExampleTest {

  static Switchboard embed(String appSecret, String verifyToken, String tokenKey, String acmeToken, EventHandler crm) {
    // README:begin
    Switchboard switchboard = Switchboard.builder()
        .appSecret(Secret.of(appSecret))               // verifies X-Hub-Signature-256
        .verifyToken(Secret.of(verifyToken))           // answers Meta's subscription handshake
        .keyring(Keyring.builder().primary("2026-11", tokenKey).build()) // encrypts tokens at rest
        .channel(WhatsAppChannel.create())
        .inMemoryStores()                              // use store-jdbc in production
        .eventHandler(crm)                             // (tenant, event) -> ..., at least once
        .build();
    switchboard.start();

    // mount at /webhooks/meta in any Jakarta Servlet 6 container
    SwitchboardWebhookServlet servlet = new SwitchboardWebhookServlet(switchboard.webhooks());

    // a tenant connects its own WhatsApp number
    switchboard.connections().connect(ConnectRequest.builder()
        .tenant(TenantId.of("acme")).channel(ChannelType.WHATSAPP)
        .accountId("106540352242922")                  // phone_number_id
        .attribute(ChannelConnection.WABA_ID, "102290129340398")
        .accessToken(Secret.of(acmeToken)).build());
    // README:end
    assertThat(servlet).isNotNull();
    return switchboard;
  }

  static void reply(Switchboard switchboard) {
    // README:begin
    MessageHandle handle = switchboard.send(SendRequest.builder() // queued durably, sent with acme's token
        .tenant(TenantId.of("acme")).channel(ChannelType.WHATSAPP).to("+16505551234")
        .content(Template.builder("order_update", "en_US").body(TemplateParameter.text("Ana")).build())
        .idempotencyKey("order-860198-shipped")        // a retried call never sends twice
        .build());
    // README:end
    assertThat(handle.id()).isNotBlank();
  }

  private static String snippets(Path source) throws Exception {
    List<String> lines = Files.readAllLines(source);
    StringBuilder out = new StringBuilder();
    boolean in = false;
    for (String line : lines) {
      if (line.trim().equals("// README:begin")) {
        in = true;
      } else if (line.trim().equals("// README:end")) {
        in = false;
        out.append('\n');
      } else if (in) {
        out.append(line.length() >= 4 ? line.substring(4) : line.strip()).append('\n');
      }
    }
    return out.toString().strip();
  }

  @Test
  void readme_containsTheCompiledExampleVerbatim() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    String expected = snippets(root.resolve(
        "channel-whatsapp/src/test/java/io/switchboard/channel/whatsapp/ReadmeExampleTest.java"));
    String readme = Files.readString(root.resolve("README.md"));
    String block = readme.substring(readme.indexOf("```java\n") + 8, readme.indexOf("```", readme.indexOf("```java\n") + 8));
    assertThat(block.strip().lines().collect(Collectors.joining("\n")))
        .isEqualTo(expected.lines().collect(Collectors.joining("\n")));
  }

  @Test
  void example_buildsStartsAndConnects() {
    Switchboard s = embed("app-secret", "verify-token", Keyring.generateKeyBase64(), "EAAG-acme", (t, e) -> {});
    try {
      assertThat(s.isRunning()).isTrue();
      assertThat(s.connections().list(TenantId.of("acme")))
          .singleElement().satisfies(c -> assertThat(c.accountId()).isEqualTo("106540352242922"));
    } finally {
      s.close();
    }
  }
}
