package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ValidationException;
import io.switchboard.message.ContactCard;
import io.switchboard.message.Contacts;
import io.switchboard.message.Interactive;
import io.switchboard.message.Interactive.OptionList;
import io.switchboard.message.InteractiveHeader;
import io.switchboard.message.Media;
import io.switchboard.message.MediaKind;
import io.switchboard.message.MediaSource;
import io.switchboard.message.MessageContent;
import io.switchboard.message.Reaction;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Template;
import io.switchboard.message.TemplateParameter;
import io.switchboard.message.Text;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every documented limit: exactly at the limit passes, one over is reported, nothing reaches the server. */
class WhatsAppChannelValidateTest extends WhatsAppTestBase {

  private static final String TO = "+16505551234";

  private void assertValid(SendRequest request) {
    assertThat(channel.validate(request)).isEmpty();
  }

  private void assertValid(MessageContent content) {
    assertValid(request(TO, content));
  }

  /** The violations are exactly these ("field: problem"), and send() refuses without I/O. */
  private void assertRejected(SendRequest request, String... expected) {
    assertThat(channel.validate(request)).extracting(ValidationException.Violation::toString)
        .containsExactlyInAnyOrder(expected);
    assertThatThrownBy(() -> channel.send(connection, FakeChannelContext.tokenFor(PHONE_ID), request))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.violations()).hasSize(expected.length));
    assertNoRequest();
  }

  private void assertRejected(MessageContent content, String... expected) {
    assertRejected(request(TO, content), expected);
  }

  private static String chars(int n) {
    return "a".repeat(n);
  }

  // --- recipient ---

  @ParameterizedTest
  @ValueSource(strings = {"+16505551234", "16505551234", "+12345678", "123456789012345", "US.13491208655302741918",
      "US.ENT.123"})
  void validate_acceptedRecipients_noViolation(String to) {
    assertValid(request(to, Text.of("hi")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1234567", "1234567890123456", "+1 650 555 1234", "abc", "us.123", "US", "+16505551234x"})
  void validate_badRecipient_reported(String to) {
    List<ValidationException.Violation> v = channel.validate(request(to, Text.of("hi")));
    assertThat(v).singleElement().satisfies(x -> {
      assertThat(x.field()).isEqualTo("to");
      assertThat(x.problem()).contains("E.164").contains("8-15 digits").contains(to);
    });
  }

  // --- text, callback data, reply context ---

  @Test
  void validate_textAtLimit_noViolation() {
    assertValid(Text.of(chars(4096)));
  }

  @Test
  void validate_textOverLimit_reportsLimitAndLength() {
    assertRejected(Text.of(chars(4100)), "text.body: must be at most 4096 characters (was 4100)");
  }

  @Test
  void validate_textOneOver_reported() {
    assertRejected(Text.of(chars(4097)), "text.body: must be at most 4096 characters (was 4097)");
  }

  @Test
  void validate_emptyText_reported() {
    assertRejected(Text.of(" "), "text.body: must not be blank (1-4096 characters required)");
  }

  @Test
  void validate_textLengthCountsCodePoints() {
    assertValid(Text.of("\uD83D\uDE00".repeat(4096)));
  }

  @Test
  void validate_callbackData_limit512() {
    SendRequest base = request(TO, Text.of("hi"));
    assertValid(base.toBuilder().callbackData(chars(512)).build());
    assertRejected(base.toBuilder().callbackData(chars(513)).build(),
        "biz_opaque_callback_data: must be at most 512 characters (was 513)");
  }

  @Test
  void validate_blankReplyTo_reported() {
    assertRejected(request(TO, Text.of("hi")).toBuilder().replyTo(" ").build(),
        "context.message_id: must not be blank");
  }

  // --- media ---

  @Test
  void validate_captionLimit_onImageVideoDocument() {
    for (MediaKind kind : List.of(MediaKind.IMAGE, MediaKind.VIDEO, MediaKind.DOCUMENT)) {
      String type = kind.name().toLowerCase(java.util.Locale.ROOT);
      assertValid(Media.of(kind, MediaSource.id("m1")).withCaption(chars(1024)));
      assertRejected(Media.of(kind, MediaSource.id("m1")).withCaption(chars(1025)),
          type + ".caption: must be at most 1024 characters (was 1025)");
    }
  }

  @Test
  void validate_captionOnAudioOrSticker_reportedNotDropped() {
    assertRejected(Media.audio(MediaSource.id("a1")).withCaption("hello"),
        "audio.caption: captions are only allowed on image, video and document messages (this is audio)");
    assertRejected(Media.sticker(MediaSource.id("s1")).withCaption("hello"),
        "sticker.caption: captions are only allowed on image, video and document messages (this is sticker)");
  }

  @Test
  void validate_filenameOnlyOnDocument() {
    assertValid(Media.document(MediaSource.id("d1")).withFilename("a.pdf"));
    assertRejected(Media.image(MediaSource.id("i1")).withFilename("a.jpg"),
        "image.filename: a filename is only allowed on document messages (this is image)");
  }

  // --- contacts, reaction, template ---

  @Test
  void validate_contactWithoutFormattedName_reported() {
    assertRejected(Contacts.of(ContactCard.builder(" ").build()), "contacts[0].name.formatted_name: must not be blank");
  }

  @Test
  void validate_reactionWithoutMessageId_reported() {
    assertRejected(Reaction.of(" ", "x"), "reaction.message_id: must not be blank");
    assertValid(Reaction.remove("wamid.1"));
  }

  @Test
  void validate_templateNameAndLanguage_required() {
    assertRejected(Template.builder(" ", "").build(),
        "template.name: must not be blank", "template.language.code: must not be blank");
  }

  @Test
  void validate_templateAudioHeader_reported() {
    assertRejected(Template.builder("t", "en").header(TemplateParameter.media(MediaKind.AUDIO, MediaSource.id("a")))
            .build(),
        "template.components[0].parameters[0].type: template media parameters must be image, video or document"
            + " (was audio)");
  }

  // --- reply buttons ---

  private static Interactive.ReplyButtons.Builder buttons(int n) {
    Interactive.ReplyButtons.Builder b = Interactive.replyButtons("Pick one");
    for (int i = 0; i < n; i++) {
      b.button("id" + i, "Title " + i);
    }
    return b;
  }

  @Test
  void validate_replyButtons_threeAllowedFourNot() {
    assertValid(buttons(3).build());
    assertRejected(buttons(4).build(), "interactive.buttons[3]: at most 3 buttons allowed (got 4)");
  }

  @Test
  void validate_replyButtons_noneReported() {
    assertRejected(buttons(0).build(), "interactive.buttons: at least 1 button required (got 0)");
  }

  @Test
  void validate_replyButtonIdAndTitle_limits() {
    assertValid(Interactive.replyButtons("b").button(chars(256), chars(20)).build());
    assertRejected(Interactive.replyButtons("b").button(chars(257), chars(21)).build(),
        "interactive.buttons[0].id: must be at most 256 characters (was 257)",
        "interactive.buttons[0].title: must be at most 20 characters (was 21)");
    assertRejected(Interactive.replyButtons("b").button("", " ").build(),
        "interactive.buttons[0].id: must not be blank (1-256 characters required)",
        "interactive.buttons[0].title: must not be blank (1-20 characters required)");
  }

  @Test
  void validate_replyButtonTitles_unique() {
    assertRejected(Interactive.replyButtons("b").button("a", "Yes").button("b", "Yes").build(),
        "interactive.buttons[1].title: button titles must be unique ('Yes' is also buttons[0])");
  }

  @Test
  void validate_replyButtonsBodyFooterHeader_limits() {
    assertValid(Interactive.replyButtons(chars(1024)).footer(chars(60)).header(InteractiveHeader.text(chars(60)))
        .button("a", "A").build());
    assertRejected(Interactive.replyButtons(chars(1025)).footer(chars(61)).header(InteractiveHeader.text(chars(61)))
            .button("a", "A").build(),
        "interactive.body.text: must be at most 1024 characters (was 1025)",
        "interactive.footer.text: must be at most 60 characters (was 61)",
        "interactive.header.text: must be at most 60 characters (was 61)");
  }

  @Test
  void validate_replyButtonsAudioHeader_reported() {
    assertRejected(Interactive.replyButtons("b").header(InteractiveHeader.media(MediaKind.AUDIO, MediaSource.id("a")))
            .button("a", "A").build(),
        "interactive.header: must be text, image, video or document (was audio)");
  }

  @Test
  void validate_everyViolationReported_notJustTheFirst() {
    SendRequest request = request("bad", Interactive.replyButtons(chars(1025)).button("a", chars(21))
        .button("b", chars(21)).button("c", "C").button("d", "D").build()).toBuilder().callbackData(chars(600)).build();
    assertThat(channel.validate(request)).extracting(ValidationException.Violation::field).containsExactlyInAnyOrder(
        "to", "biz_opaque_callback_data", "interactive.body.text", "interactive.buttons[0].title",
        "interactive.buttons[1].title", "interactive.buttons[1].title", "interactive.buttons[3]");
  }

  // --- list ---

  private static OptionList.Row row(String id) {
    return OptionList.row(id, "Row " + id, null);
  }

  private static OptionList list(List<OptionList.Section> sections) {
    return new OptionList(Optional.empty(), "Body", Optional.empty(), "Options", sections);
  }

  private static OptionList.Section section(String title, int rows, String prefix) {
    List<OptionList.Row> r = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      r.add(row(prefix + i));
    }
    return new OptionList.Section(Optional.ofNullable(title), r);
  }

  @Test
  void validate_listRows_tenInTotalAllowed_elevenNot() {
    assertValid(list(List.of(section("A", 5, "a"), section("B", 5, "b"))));
    assertRejected(list(List.of(section("A", 5, "a"), section("B", 6, "b"))),
        "interactive.action.sections[1].rows[5]: at most 10 rows allowed in total (got 11)");
  }

  @Test
  void validate_listSections_tenAllowed_elevenNot() {
    List<OptionList.Section> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(section("S" + i, 1, "s" + i + "r"));
    }
    assertValid(list(ten));
    List<OptionList.Section> eleven = new ArrayList<>(ten);
    eleven.add(section("S10", 0, "x"));
    assertRejected(list(eleven), "interactive.action.sections[10]: at most 10 sections allowed (got 11)");
  }

  @Test
  void validate_listWithoutSectionsOrRows_reported() {
    assertRejected(list(List.of()), "interactive.action.sections: at least 1 section required (got 0)",
        "interactive.action.sections: at least 1 row required (got 0)");
  }

  @Test
  void validate_listRowFields_limits() {
    assertValid(list(List.of(new OptionList.Section(Optional.of(chars(24)),
        List.of(OptionList.row(chars(200), chars(24), chars(72)))))));
    assertRejected(list(List.of(new OptionList.Section(Optional.of(chars(25)),
            List.of(OptionList.row(chars(201), chars(25), chars(73)))))),
        "interactive.action.sections[0].title: must be at most 24 characters (was 25)",
        "interactive.action.sections[0].rows[0].id: must be at most 200 characters (was 201)",
        "interactive.action.sections[0].rows[0].title: must be at most 24 characters (was 25)",
        "interactive.action.sections[0].rows[0].description: must be at most 72 characters (was 73)");
  }

  @Test
  void validate_listSectionTitle_requiredOnlyWithSeveralSections() {
    assertValid(list(List.of(section(null, 2, "a"))));
    assertRejected(list(List.of(section(null, 1, "a"), section("B", 1, "b"))),
        "interactive.action.sections[0].title: is required when a list has more than one section (it has 2)");
  }

  @Test
  void validate_listRowIds_unique() {
    assertRejected(list(List.of(section("A", 1, "x"), section("B", 1, "x"))),
        "interactive.action.sections[1].rows[0].id: row ids must be unique ('x0' is also sections[0].rows[0])");
  }

  @Test
  void validate_listButtonBodyHeaderFooter_limits() {
    assertValid(new OptionList(Optional.of(InteractiveHeader.text(chars(60))), chars(4096), Optional.of(chars(60)),
        chars(20), List.of(section("A", 1, "a"))));
    assertRejected(new OptionList(Optional.of(InteractiveHeader.text(chars(61))), chars(4097), Optional.of(chars(61)),
            chars(21), List.of(section("A", 1, "a"))),
        "interactive.header.text: must be at most 60 characters (was 61)",
        "interactive.body.text: must be at most 4096 characters (was 4097)",
        "interactive.footer.text: must be at most 60 characters (was 61)",
        "interactive.action.button: must be at most 20 characters (was 21)");
    assertRejected(new OptionList(Optional.empty(), "b", Optional.empty(), "", List.of(section("A", 1, "a"))),
        "interactive.action.button: must not be blank (1-20 characters required)");
  }

  @Test
  void validate_listMediaHeader_reported() {
    assertRejected(new OptionList(Optional.of(InteractiveHeader.media(MediaKind.IMAGE, MediaSource.id("i"))), "b",
            Optional.empty(), "Options", List.of(section("A", 1, "a"))),
        "interactive.header: list messages only take a text header (was image)");
  }

  // --- cta_url ---

  @Test
  void validate_ctaUrl_limits() {
    assertValid(Interactive.ctaUrl(chars(1024), chars(20), "http://example.com"));
    assertRejected(Interactive.ctaUrl(chars(1025), chars(21), "https://example.com"),
        "interactive.body.text: must be at most 1024 characters (was 1025)",
        "interactive.action.parameters.display_text: must be at most 20 characters (was 21)");
    assertRejected(Interactive.ctaUrl("b", "", "https://example.com"),
        "interactive.action.parameters.display_text: must not be blank (1-20 characters required)");
  }

  @Test
  void validate_ctaUrl_requiresHttpUrl() {
    assertRejected(new Interactive.CtaUrl(Optional.empty(), "b", Optional.empty(), "Go",
            URI.create("ftp://example.com/x")),
        "interactive.action.parameters.url: must be an absolute http(s) URL (was 'ftp://example.com/x')");
    assertRejected(new Interactive.CtaUrl(Optional.empty(), "b", Optional.empty(), "Go", URI.create("/relative")),
        "interactive.action.parameters.url: must be an absolute http(s) URL (was '/relative')");
  }
}
