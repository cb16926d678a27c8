package io.switchboard.channel.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ValidationException;
import io.switchboard.ValidationException.Violation;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.message.ButtonTemplate;
import io.switchboard.message.CardButton;
import io.switchboard.message.CardCarousel;
import io.switchboard.message.Location;
import io.switchboard.message.Media;
import io.switchboard.message.MediaSource;
import io.switchboard.message.MessageContent;
import io.switchboard.message.QuickReplies;
import io.switchboard.message.QuickReplies.QuickReply;
import io.switchboard.message.Reaction;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Limits at and one over, unsupported content, connection attributes: never a request. */
class InstagramChannelValidateTest extends InstagramTestBase {

  private static SendRequest req(MessageContent content) {
    return request(Setup.INSTAGRAM_LOGIN, content);
  }

  private List<Violation> violations(MessageContent content) {
    return channel.validate(req(content));
  }

  /** Sends through the channel and expects a ValidationException with no request made. */
  private List<Violation> refusedSend(ChannelConnection connection, SendRequest request) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
        () -> channel.send(connection, context.accessToken(connection), request));
    assertThat(thrown).isInstanceOf(ValidationException.class);
    assertNoRequest();
    return ((ValidationException) thrown).violations();
  }

  @Test
  void text_atByteLimit_isValid_oneOver_isRefused() {
    assertThat(violations(Text.of("a".repeat(InstagramLimits.TEXT_MAX_BYTES)))).isEmpty();

    List<Violation> over = refusedSend(igConnection, req(Text.of("a".repeat(1001))));
    assertThat(over).containsExactly(new Violation("message.text", "must be at most 1000 UTF-8 bytes (was 1001)"));
  }

  @Test
  void text_countsUtf8Bytes_notCharacters() {
    // the euro sign is 3 UTF-8 bytes: 334 of them are 1002 bytes in 334 characters
    assertThat(violations(Text.of("\u20ac".repeat(333)))).isEmpty();
    assertThat(violations(Text.of("\u20ac".repeat(334))))
        .containsExactly(new Violation("message.text", "must be at most 1000 UTF-8 bytes (was 1002)"));
  }

  @Test
  void text_blank_isRefused() {
    assertThat(violations(Text.of(" "))).extracting(Violation::field).containsExactly("message.text");
  }

  @Test
  void text_limitIsConfigurable() {
    InstagramChannel strict = InstagramChannel.create(InstagramConfig.builder().textMaxBytes(10).build());
    assertThat(strict.validate(req(Text.of("a".repeat(11)))))
        .containsExactly(new Violation("message.text", "must be at most 10 UTF-8 bytes (was 11)"));
  }

  @Test
  void quickReplies_thirteenIsValid_fourteenIsRefused() {
    List<QuickReply> thirteen = IntStream.range(0, 13).mapToObj(i -> QuickReply.of("o" + i, "P" + i)).toList();
    assertThat(violations(new QuickReplies("Pick one", thirteen))).isEmpty();

    List<QuickReply> fourteen = new ArrayList<>(thirteen);
    fourteen.add(QuickReply.of("o13", "P13"));
    List<Violation> v = refusedSend(igConnection, req(new QuickReplies("Pick one", fourteen)));
    assertThat(v).containsExactly(new Violation("message.quick_replies", "must hold at most 13 quick replies (was 14)"));
  }

  @Test
  void quickReplies_titleAt20IsValid_21IsRefused_andIconIsRefused() {
    assertThat(violations(QuickReplies.of("Pick", QuickReply.of("t".repeat(20), "P")))).isEmpty();

    List<Violation> v = violations(QuickReplies.of("Pick",
        QuickReply.of("t".repeat(21), "P"),
        new QuickReply("ok", "P2", Optional.of("https://cdn.example.com/icon.png"))));
    assertThat(v).containsExactly(
        new Violation("message.quick_replies[0].title", "must be at most 20 characters (was 21)"),
        new Violation("message.quick_replies[1].image_url",
            "a quick-reply icon is not supported by Instagram (text quick replies only)"));
  }

  @Test
  void buttonTemplate_threeButtonsValid_fourRefused_titlesChecked() {
    CardButton ok = CardButton.postback("Yes", "YES");
    assertThat(violations(ButtonTemplate.of("Confirm?", ok, ok, ok))).isEmpty();

    List<Violation> v = refusedSend(fbConnection, request(Setup.FACEBOOK_LOGIN,
        ButtonTemplate.of("Confirm?", ok, ok, ok, CardButton.url("x".repeat(21), "https://example.com"))));
    assertThat(v).containsExactly(
        new Violation("message.attachment.payload.buttons", "must hold at most 3 buttons (was 4)"),
        new Violation("message.attachment.payload.buttons[3].title", "must be at most 20 characters (was 21)"));
  }

  @Test
  void cardCarousel_tenCardsValid_elevenRefused() {
    List<CardCarousel.Card> ten = IntStream.range(0, 10)
        .mapToObj(i -> CardCarousel.Card.builder("Card " + i).build()).toList();
    assertThat(violations(new CardCarousel(ten))).isEmpty();

    List<CardCarousel.Card> eleven = new ArrayList<>(ten);
    eleven.add(CardCarousel.Card.builder("Card 10").build());
    assertThat(violations(new CardCarousel(eleven)))
        .containsExactly(new Violation("message.attachment.payload.elements", "must hold at most 10 cards (was 11)"));
  }

  @Test
  void unsupportedContent_isRefusedAsNotSupportedByInstagram() {
    assertThat(violations(Reaction.of("mid.IN_TEXT_001", "\u2764")))
        .containsExactly(new Violation("message", "Reaction is not supported by Instagram"));
    assertThat(violations(Location.of(52.52, 13.40)))
        .extracting(Violation::problem).containsExactly("Location is not supported by Instagram");
  }

  @Test
  void media_documentUploadedIdCaptionAndFilename_areAllReported() {
    List<Violation> v = violations(Media.document(MediaSource.id("att_1")).withCaption("c").withFilename("a.pdf"));
    assertThat(v).extracting(Violation::field).containsExactly(
        "message.attachment.type", "message.attachment.payload", "message.attachment.caption",
        "message.attachment.filename");
    assertThat(v).allSatisfy(x -> assertThat(x.problem()).contains("is not supported by Instagram"));
  }

  @Test
  void callbackData_isRefused() {
    SendRequest r = builder(Setup.INSTAGRAM_LOGIN, Text.of("hi")).callbackData("order-42").build();
    assertThat(channel.validate(r)).extracting(Violation::field).containsExactly("callback_data");
  }

  @Test
  void send_connectionWithoutLogin_namesTheAttribute() {
    ChannelConnection bare = context.add(IG_TENANT, "17841400000000099", Map.of(), "token");
    List<Violation> v = refusedSend(bare, req(Text.of("hi")));
    assertThat(v).extracting(Violation::field).containsExactly("attributes.login");
  }

  @Test
  void send_connectionWithUnknownLogin_namesTheAttributeAndValue() {
    ChannelConnection odd = context.add(IG_TENANT, "17841400000000098", Map.of("login", "threads"), "token");
    List<Violation> v = refusedSend(odd, req(Text.of("hi")));
    assertThat(v).hasSize(1);
    assertThat(v.get(0).field()).isEqualTo("attributes.login");
    assertThat(v.get(0).problem()).contains("threads");
  }

  @Test
  void send_facebookLoginWithoutPageId_namesPageId_andListsContentProblemsToo() {
    ChannelConnection noPage = context.add(FB_TENANT, "17841400000000097", Map.of("login", "facebook"), "token");
    List<Violation> v = refusedSend(noPage, request(Setup.FACEBOOK_LOGIN, Text.of(" ")));
    assertThat(v).extracting(Violation::field).containsExactly("message.text", "attributes.page_id");
  }

  @Test
  void profile_connectionWithoutLogin_isRefusedBeforeAnyRequest() {
    io.switchboard.TenantId lonely = io.switchboard.TenantId.of("lonely");
    context.add(lonely, "17841400000000096", Map.of(), "token");
    assertThatThrownBy(() -> channel.profile(lonely, Optional.empty(), CUSTOMER))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("attributes.login");
    assertThatThrownBy(() -> channel.subscribeApp(lonely, Optional.empty()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("attributes.login");
    assertNoRequest();
  }
}
