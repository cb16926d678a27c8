package io.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.channel.instagram.InstagramChannel;
import io.switchboard.channel.messenger.MessengerChannel;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.crypto.Keyring;
import io.switchboard.spi.ChannelAdapter;
import io.switchboard.spi.InboxEntry;
import io.switchboard.webhook.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordedFixturesTest {

  private static final RecordedFixtures FIXTURES = RecordedFixtures.load();
  private static final Secret APP_SECRET = Secret.of("fixtures-app-secret");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void names_coverEveryIndexedFileOnce_underItsChannel() throws IOException {
    List<String> index;
    try (InputStream in = RecordedFixturesTest.class.getResourceAsStream("/io/switchboard/fixtures/index.txt")) {
      index = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    List<String> listed = Arrays.stream(ChannelType.values())
        .flatMap(c -> FIXTURES.names(c).stream().map(n -> c.name().toLowerCase(java.util.Locale.ROOT) + "/" + n))
        .sorted()
        .toList();

    assertThat(listed).isEqualTo(index.stream().sorted().toList());
    assertThat(FIXTURES.names(ChannelType.WHATSAPP)).contains("messages/text.json", "statuses/failed.json")
        .isSorted().allMatch(n -> n.endsWith(".json"));
    assertThat(FIXTURES.names(ChannelType.MESSENGER)).contains("messages/attachments/image.json", "batch-two-pages.json");
    assertThat(FIXTURES.names(ChannelType.INSTAGRAM)).contains("messages/text.json", "changes/comments.json");
    assertThat(FIXTURES.names(ChannelType.WHATSAPP_WEB)).isEmpty();
    assertThat(FIXTURES.names(ChannelType.WHATSAPP)).doesNotContain("README.md");
  }

  @Test
  void names_cannotBeChanged() {
    assertThatThrownBy(() -> FIXTURES.names(ChannelType.WHATSAPP).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void bytes_readsTheFileAndGivesEachCallerItsOwnCopy() {
    byte[] first = FIXTURES.bytes(ChannelType.WHATSAPP, "messages/text.json");
    byte[] unchanged = first.clone();
    Arrays.fill(first, (byte) 0);

    byte[] second = FIXTURES.bytes(ChannelType.WHATSAPP, "messages/text.json");
    assertThat(second).isEqualTo(unchanged);
    assertThat(FIXTURES.text(ChannelType.WHATSAPP, "messages/text.json"))
        .isEqualTo(new String(second, StandardCharsets.UTF_8))
        .contains("\"phone_number_id\": \"200000000000001\"", "Is the blue one in stock?");
  }

  @Test
  void bytes_unknownName_namesTheChannelAndWhatItHas() {
    assertThatThrownBy(() -> FIXTURES.bytes(ChannelType.MESSENGER, "messages/txt.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no MESSENGER fixture named 'messages/txt.json'; available: [")
        .hasMessageContaining("messages/text.json")
        .hasMessageContaining("receipts/read.json");
  }

  @Test
  void bytes_nameOfAnotherChannelOrAFileThatIsNoFixture_isRefused() {
    assertThatThrownBy(() -> FIXTURES.text(ChannelType.INSTAGRAM, "statuses/sent.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no INSTAGRAM fixture named 'statuses/sent.json'");
    assertThatThrownBy(() -> FIXTURES.bytes(ChannelType.WHATSAPP, "README.md"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FIXTURES.bytes(ChannelType.WHATSAPP, "../messenger/messages/text.json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bytes_channelWithoutFixtures_saysSo() {
    assertThatThrownBy(() -> FIXTURES.bytes(ChannelType.WHATSAPP_WEB, "messages/text.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no WHATSAPP_WEB fixture named 'messages/text.json'; there are no WHATSAPP_WEB fixtures");
  }

  @Test
  void toString_countsPerChannel() {
    assertThat(FIXTURES.toString())
        .startsWith("RecordedFixtures[WHATSAPP=" + FIXTURES.names(ChannelType.WHATSAPP).size() + ", MESSENGER=")
        .endsWith("WHATSAPP_WEB=0]");
  }

  static Stream<Arguments> everyFixture() {
    return Arrays.stream(ChannelType.values())
        .flatMap(channel -> FIXTURES.names(channel).stream().map(name -> Arguments.of(channel, name)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyFixture")
  void everyFixture_isJsonThatTheRealChannelTurnsIntoEvents(ChannelType channel, String name) throws IOException {
    byte[] body = FIXTURES.bytes(channel, name);
    JsonNode json = JSON.readTree(body);
    assertThat(json.isObject()).as("a JSON object").isTrue();

    ChannelAdapter adapter = switch (channel) {
      case WHATSAPP -> WhatsAppChannel.create();
      case MESSENGER -> MessengerChannel.create();
      case INSTAGRAM -> InstagramChannel.create();
      default -> throw new AssertionError("no adapter for " + channel);
    };
    assertThat(adapter.webhookObjects()).contains(json.path("object").asText());

    // One Switchboard per fixture, so an id seen in an earlier fixture cannot hide this one's events.
    try (Switchboard sb = Switchboard.builder()
        .appSecret(APP_SECRET)
        .verifyToken(Secret.of("verify"))
        .keyring(Keyring.builder().primary("k1", Keyring.generateKeyBase64()).build())
        .channel(adapter)
        .inMemoryStores()
        .eventHandler((tenant, event) -> { })
        .build()) {
      assertThat(adapter.parseWebhook(json)).isNotEmpty();

      WebhookResponse response = sb.webhooks().handle(WebhookSigner.of(APP_SECRET).request(body));

      assertThat(response.status()).as(response.body()).isEqualTo(200);
      assertThat(sb.inbox().malformed(10)).isEmpty();
      // No tenant owns the placeholder accounts, so every event waits as unroutable.
      assertThat(sb.inbox().unroutable(1000)).isNotEmpty()
          .extracting(InboxEntry::event)
          .allSatisfy(e -> assertThat(e.channel()).isEqualTo(channel));
    }
  }
}
