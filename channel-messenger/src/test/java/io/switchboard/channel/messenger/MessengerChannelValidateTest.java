package io.switchboard.channel.messenger;

import static io.switchboard.channel.messenger.MessengerLimits.BUTTON_TEMPLATE_TEXT_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.BUTTON_TITLE_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.CARDS_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.CARD_SUBTITLE_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.CARD_TITLE_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.METADATA_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.PAYLOAD_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.QUICK_REPLIES_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.QUICK_REPLY_TITLE_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.TEXT_MAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.ChannelType;
import io.switchboard.ValidationException;
import io.switchboard.ValidationException.Violation;
import io.switchboard.message.ButtonTemplate;
import io.switchboard.message.CardButton;
import io.switchboard.message.CardCarousel;
import io.switchboard.message.ContactCard;
import io.switchboard.message.Contacts;
import io.switchboard.message.Interactive;
import io.switchboard.message.Location;
import io.switchboard.message.Media;
import io.switchboard.message.MediaSource;
import io.switchboard.message.MessageContent;
import io.switchboard.message.QuickReplies;
import io.switchboard.message.Reaction;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Template;
import io.switchboard.message.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each limit at the boundary passes and one over fails, before any request is made. */
class MessengerChannelValidateTest extends MessengerTestBase {

  private static String chars(int n) {
    return "a".repeat(n);
  }

  /** Asserts the request is valid. */
  private void ok(SendRequest request) {
    assertThat(channel.validate(request)).isEmpty();
  }

  /** Asserts send throws with exactly these violation fields and that nothing was sent. */
  private List<Violation> rejected(SendRequest request, String... fields) {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> send(request));
    assertThat(e).as("send must throw ValidationException").isNotNull();
    assertThat(e.violations()).extracting(Violation::field).containsExactly(fields);
    assertNoRequest();
    return e.violations();
  }

  @Test
  void text_atLimit_ok_overLimit_rejectedWithLimitAndActual() {
    ok(request(Text.of(chars(TEXT_MAX))));
    // code points, not UTF-16 units: 2000 emoji are still 2000 characters
    ok(request(Text.of("\uD83D\uDE00".repeat(TEXT_MAX))));

    List<Violation> v = rejected(request(Text.of(chars(TEXT_MAX + 1))), "message.text");
    assertThat(v.get(0).problem()).contains("at most 2000").contains("was 2001");
    rejected(request(Text.of("  ")), "message.text");
  }

  @Test
  void recipient_mustBeDigits() {
    ok(request("1", Text.of("x")));
    List<Violation> v = rejected(request("+15551230001", Text.of("x")), "recipient.id");
    assertThat(v.get(0).problem()).contains("+15551230001");
    rejected(request("abc", Text.of("x")), "recipient.id");
  }

  @Test
  void metadata_atLimit_ok_overLimit_rejected() {
    ok(request(Text.of("x")).toBuilder().callbackData(chars(METADATA_MAX)).build());
    List<Violation> v = rejected(request(Text.of("x")).toBuilder().callbackData(chars(METADATA_MAX + 1)).build(),
        "message.metadata");
    assertThat(v.get(0).problem()).contains("1000").contains("1001");
  }

  @Test
  void replyTo_mustNotBeBlank() {
    rejected(request(Text.of("x")).toBuilder().replyTo(" ").build(), "reply_to.mid");
  }

  @Test
  void wrongChannel_rejected() {
    rejected(request(Text.of("x")).toBuilder().channel(ChannelType.INSTAGRAM).build(), "channel");
  }

  private static QuickReplies.QuickReply qr(int i) {
    return QuickReplies.QuickReply.of("t" + i, "p" + i);
  }

  @Test
  void quickReplies_count() {
    List<QuickReplies.QuickReply> max = IntStream.range(0, QUICK_REPLIES_MAX).mapToObj(MessengerChannelValidateTest::qr).toList();
    ok(request(new QuickReplies("Pick", max)));

    List<QuickReplies.QuickReply> over = new ArrayList<>(max);
    over.add(qr(99));
    List<Violation> v = rejected(request(new QuickReplies("Pick", over)), "message.quick_replies");
    assertThat(v.get(0).problem()).contains("at most 13").contains("got 14");
    rejected(request(new QuickReplies("Pick", List.of())), "message.quick_replies");
  }

  @Test
  void quickReply_titlePayloadImage() {
    ok(request(QuickReplies.of("Pick",
        new QuickReplies.QuickReply(chars(QUICK_REPLY_TITLE_MAX), chars(PAYLOAD_MAX), Optional.of("https://x.example/i.png")))));

    rejected(request(QuickReplies.of(chars(TEXT_MAX + 1),
            new QuickReplies.QuickReply(chars(QUICK_REPLY_TITLE_MAX + 1), chars(PAYLOAD_MAX + 1), Optional.of("ftp://x/i.png")),
            QuickReplies.QuickReply.of("", ""))),
        "message.text",
        "message.quick_replies[0].title",
        "message.quick_replies[0].payload",
        "message.quick_replies[0].image_url",
        "message.quick_replies[1].title",
        "message.quick_replies[1].payload");
  }

  @Test
  void buttonTemplate_limits() {
    ok(request(new ButtonTemplate(chars(BUTTON_TEMPLATE_TEXT_MAX), List.of(
        CardButton.postback(chars(BUTTON_TITLE_MAX), chars(PAYLOAD_MAX)),
        CardButton.url("b", "https://x.example"),
        CardButton.url("c", "http://x.example/c")))));

    List<Violation> v = rejected(request(new ButtonTemplate(chars(BUTTON_TEMPLATE_TEXT_MAX + 1), List.of(
            CardButton.postback(chars(BUTTON_TITLE_MAX + 1), chars(PAYLOAD_MAX + 1)),
            CardButton.url("b", "mailto:a@x.example"),
            CardButton.url("c", "https://x.example"),
            CardButton.url("d", "https://x.example")))),
        "message.attachment.payload.text",
        "message.attachment.payload.buttons",
        "message.attachment.payload.buttons[0].title",
        "message.attachment.payload.buttons[0].payload",
        "message.attachment.payload.buttons[1].url");
    assertThat(v.get(0).problem()).contains("640").contains("641");
    assertThat(v.get(1).problem()).contains("at most 3").contains("got 4");

    rejected(request(new ButtonTemplate("t", List.of())), "message.attachment.payload.buttons");
  }

  private static CardCarousel.Card card(int i) {
    return CardCarousel.Card.builder("card " + i).build();
  }

  @Test
  void carousel_cardCount() {
    ok(request(new CardCarousel(IntStream.range(0, CARDS_MAX).mapToObj(MessengerChannelValidateTest::card).toList())));

    List<Violation> v = rejected(
        request(new CardCarousel(IntStream.range(0, CARDS_MAX + 1).mapToObj(MessengerChannelValidateTest::card).toList())),
        "message.attachment.payload.elements");
    assertThat(v.get(0).problem()).contains("at most 10").contains("got 11");
    rejected(request(new CardCarousel(List.of())), "message.attachment.payload.elements");
  }

  @Test
  void carousel_cardFields() {
    ok(request(CardCarousel.of(CardCarousel.Card.builder(chars(CARD_TITLE_MAX)).subtitle(chars(CARD_SUBTITLE_MAX))
        .imageUrl("https://x.example/i.jpg").defaultActionUrl("https://x.example")
        .button(CardButton.url("a", "https://x.example")).button(CardButton.postback("b", "B"))
        .button(CardButton.postback("c", "C")).build())));

    rejected(request(CardCarousel.of(CardCarousel.Card.builder(chars(CARD_TITLE_MAX + 1))
            .subtitle(chars(CARD_SUBTITLE_MAX + 1))
            .imageUrl("file:///etc/passwd").defaultActionUrl("javascript:alert(1)")
            .button(CardButton.postback("a", "A")).button(CardButton.postback("b", "B"))
            .button(CardButton.postback("c", "C")).button(CardButton.postback(chars(BUTTON_TITLE_MAX + 1), "D"))
            .build())),
        "message.attachment.payload.elements[0].title",
        "message.attachment.payload.elements[0].subtitle",
        "message.attachment.payload.elements[0].image_url",
        "message.attachment.payload.elements[0].default_action.url",
        "message.attachment.payload.elements[0].buttons",
        "message.attachment.payload.elements[0].buttons[3].title");
  }

  @Test
  void media_captionFilenameSticker_rejected() {
    ok(request(Media.image(MediaSource.link("https://x.example/i.jpg"))));

    List<Violation> v = rejected(request(Media.image(MediaSource.link("https://x.example/i.jpg")).withCaption("nice")),
        "message.attachment.payload.caption");
    assertThat(v.get(0).problem()).contains("not supported by Messenger");
    rejected(request(Media.document(MediaSource.id("1")).withFilename("a.pdf")), "message.attachment.payload.filename");
    rejected(request(Media.sticker(MediaSource.id("1"))), "message.attachment.type");
  }

  @Test
  void unsupportedContent_rejected() {
    List<MessageContent> unsupported = List.of(
        Location.of(52.5, 13.4),
        Contacts.of(ContactCard.builder("Ada Lovelace").build()),
        Interactive.ctaUrl("Track it", "Track", "https://x.example"),
        new Reaction("m_1", "\uD83D\uDC4D"),
        new Template("order_update", "en_US", List.of()));
    for (MessageContent content : unsupported) {
      List<Violation> v = channel.validate(request(content));
      assertThat(v).as(content.getClass().getSimpleName()).singleElement().satisfies(violation -> {
        assertThat(violation.field()).isEqualTo("message");
        assertThat(violation.problem()).startsWith("is not supported by Messenger (" + content.getClass().getSimpleName());
      });
    }
    rejected(request(unsupported.get(0)), "message");
  }

  @Test
  void everyViolationReported_notJustTheFirst() {
    List<Violation> v = channel.validate(request("bad", Text.of(chars(TEXT_MAX + 1))).toBuilder()
        .replyTo("").callbackData(chars(METADATA_MAX + 1)).build());

    assertThat(v).extracting(Violation::field)
        .containsExactly("recipient.id", "reply_to.mid", "message.metadata", "message.text");
  }
}
