package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ValidationException;
import io.switchboard.message.ContactCard;
import io.switchboard.message.Contacts;
import io.switchboard.message.Interactive;
import io.switchboard.message.InteractiveHeader;
import io.switchboard.message.Location;
import io.switchboard.message.Media;
import io.switchboard.message.MediaKind;
import io.switchboard.message.MediaSource;
import io.switchboard.message.Reaction;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Template;
import io.switchboard.message.TemplateComponent;
import io.switchboard.message.TemplateParameter;
import io.switchboard.message.Text;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every message type: exact path, bearer token and JSON body (shapes from meta-api-facts.md §3.1-3.2). */
class WhatsAppChannelSendTest extends WhatsAppTestBase {

  private static final String MESSAGES = "/v26.0/" + PHONE_ID + "/messages";

  private SendReceipt send(SendRequest request) {
    enqueueSendOk();
    return channel.send(connection, FakeChannelContext.tokenFor(PHONE_ID), request);
  }

  @Test
  void send_text_postsTextBodyAndParsesReceipt() throws Exception {
    SendReceipt receipt = send(request("+16505551234", Text.withPreview("See https://example.com")));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234",
         "type":"text","text":{"body":"See https://example.com","preview_url":true}}""");
    assertThat(receipt.externalId()).isEqualTo("wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI");
    assertThat(receipt.recipientId()).contains("16505551234");
    assertThat(receipt.acceptance()).isEmpty();
    assertThat(receipt.accountId()).isEqualTo(PHONE_ID);
    assertThat(receipt.tenant()).isEqualTo(TENANT);
  }

  @Test
  void send_digitsOnlyRecipient_addsPlus() throws Exception {
    send(request("16505551234", Text.of("hi")));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234",
         "type":"text","text":{"body":"hi","preview_url":false}}""");
  }

  @Test
  void send_businessScopedUserId_usesRecipientField() throws Exception {
    send(request("US.13491208655302741918", Text.of("hi")));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","recipient":"US.13491208655302741918",
         "type":"text","text":{"body":"hi","preview_url":false}}""");
  }

  @Test
  void send_replyToAndCallbackData_addsContextAndOpaqueData() throws Exception {
    send(request("+16505551234", Text.of("hi")).toBuilder().replyTo("wamid.IN1").callbackData("order-7").build());

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234",
         "context":{"message_id":"wamid.IN1"},"biz_opaque_callback_data":"order-7",
         "type":"text","text":{"body":"hi","preview_url":false}}""");
  }

  @Test
  void send_imageById_withCaption() throws Exception {
    send(request("+16505551234", Media.image(MediaSource.id("1479537139650973")).withCaption("Your receipt")));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234",
         "type":"image","image":{"id":"1479537139650973","caption":"Your receipt"}}""");
  }

  @Test
  void send_videoByLink_withCaption() throws Exception {
    send(request("+16505551234", Media.video(MediaSource.link("https://cdn.example.com/v.mp4")).withCaption("Demo")));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234",
         "type":"video","video":{"link":"https://cdn.example.com/v.mp4","caption":"Demo"}}""");
  }

  @Test
  void send_audioById() throws Exception {
    send(request("+16505551234", Media.audio(MediaSource.id("audio-1"))));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234",
         "type":"audio","audio":{"id":"audio-1"}}""");
  }

  @Test
  void send_documentByLink_withCaptionAndFilename() throws Exception {
    send(request("+16505551234", Media.document(MediaSource.link("https://example.com/i.pdf"))
        .withCaption("Invoice").withFilename("invoice.pdf")));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234",
         "type":"document","document":{"link":"https://example.com/i.pdf","caption":"Invoice","filename":"invoice.pdf"}}""");
  }

  @Test
  void send_stickerById() throws Exception {
    send(request("+16505551234", Media.sticker(MediaSource.id("sticker-9"))));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234",
         "type":"sticker","sticker":{"id":"sticker-9"}}""");
  }

  @Test
  void send_location_withNameAndAddress() throws Exception {
    send(request("+16505551234", Location.of(39.28, -84.26, "Office", "1 Main St")));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234",
         "type":"location","location":{"latitude":39.28,"longitude":-84.26,"name":"Office","address":"1 Main St"}}""");
  }

  @Test
  void send_contacts_fullCard() throws Exception {
    ContactCard card = ContactCard.builder("Ana Silva")
        .firstName("Ana")
        .lastName("Silva")
        .addPhone("+16505551234", "WORK", "16505551234")
        .addPhone("+16505550000", null)
        .addEmail("ana@example.com", "WORK")
        .addUrl("https://example.com", "WORK")
        .addAddress(new ContactCard.Address(Optional.of("1 Main St"), Optional.of("Menlo Park"), Optional.of("CA"),
            Optional.of("94025"), Optional.of("United States"), Optional.of("us"), Optional.of("WORK")))
        .organization(new ContactCard.Organization(Optional.of("Acme"), Optional.of("Sales"), Optional.of("Lead")))
        .birthday(LocalDate.of(1990, 5, 10))
        .build();
    send(request("+16505551234", Contacts.of(card)));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"contacts",
         "contacts":[{
           "name":{"formatted_name":"Ana Silva","first_name":"Ana","last_name":"Silva"},
           "phones":[{"phone":"+16505551234","type":"WORK","wa_id":"16505551234"},{"phone":"+16505550000"}],
           "emails":[{"email":"ana@example.com","type":"WORK"}],
           "urls":[{"url":"https://example.com","type":"WORK"}],
           "addresses":[{"street":"1 Main St","city":"Menlo Park","state":"CA","zip":"94025",
                         "country":"United States","country_code":"us","type":"WORK"}],
           "org":{"company":"Acme","department":"Sales","title":"Lead"},
           "birthday":"1990-05-10"}]}""");
  }

  @Test
  void send_reaction() throws Exception {
    send(request("+16505551234", Reaction.of("wamid.IN1", "\uD83D\uDC4D")));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234",
         "type":"reaction","reaction":{"message_id":"wamid.IN1","emoji":"\uD83D\uDC4D"}}""");
  }

  @Test
  void send_reactionRemoval_sendsEmptyEmoji() throws Exception {
    send(request("+16505551234", Reaction.remove("wamid.IN1")));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234",
         "type":"reaction","reaction":{"message_id":"wamid.IN1","emoji":""}}""");
  }

  @Test
  void send_template_everyParameterType_andAcceptanceStatus() throws Exception {
    enqueueJson(200, """
        {"messaging_product":"whatsapp","contacts":[{"input":"+16505551234","wa_id":"16505551234"}],
         "messages":[{"id":"wamid.T1","message_status":"accepted"}]}""");
    Template template = Template.builder("order_update", "en_US")
        .header(TemplateParameter.media(MediaKind.IMAGE, MediaSource.id("3196424913981611")))
        .body(
            TemplateParameter.text("Ana"),
            TemplateParameter.currency("$35", "USD", 35000),
            TemplateParameter.dateTime("May 10, 2026"))
        .quickReplyButton(0, "OPT_YES")
        .urlButton(1, "tracking/860198")
        .build();

    SendReceipt receipt = channel.send(connection, FakeChannelContext.tokenFor(PHONE_ID),
        request("+16505551234", template));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"template",
         "template":{"name":"order_update","language":{"code":"en_US"},
          "components":[
           {"type":"header","parameters":[{"type":"image","image":{"id":"3196424913981611"}}]},
           {"type":"body","parameters":[{"type":"text","text":"Ana"},
              {"type":"currency","currency":{"fallback_value":"$35","code":"USD","amount_1000":35000}},
              {"type":"date_time","date_time":{"fallback_value":"May 10, 2026"}}]},
           {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"OPT_YES"}]},
           {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"tracking/860198"}]}]}}""");
    assertThat(receipt.externalId()).isEqualTo("wamid.T1");
    assertThat(receipt.acceptance()).contains("accepted");
  }

  @Test
  void send_templateWithNamedParametersAndDocumentHeader() throws Exception {
    Template template = Template.builder("welcome", "pt_BR")
        .component(new TemplateComponent(TemplateComponent.Type.HEADER, Optional.empty(),
            java.util.OptionalInt.empty(),
            List.of(new TemplateParameter.MediaParameter(MediaKind.DOCUMENT,
                MediaSource.link("https://example.com/c.pdf"), Optional.of("contract.pdf"), Optional.empty()))))
        .body(TemplateParameter.namedText("customer_name", "Ana"))
        .build();
    send(request("+5511999990000", template));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+5511999990000","type":"template",
         "template":{"name":"welcome","language":{"code":"pt_BR"},
          "components":[
           {"type":"header","parameters":[{"type":"document",
              "document":{"link":"https://example.com/c.pdf","filename":"contract.pdf"}}]},
           {"type":"body","parameters":[{"type":"text","parameter_name":"customer_name","text":"Ana"}]}]}}""");
  }

  @Test
  void send_templateWithoutComponents_omitsComponents() throws Exception {
    send(request("+16505551234", Template.builder("hello_world", "en_US").build()));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"template",
         "template":{"name":"hello_world","language":{"code":"en_US"}}}""");
  }

  @Test
  void send_replyButtons_withTextHeaderAndFooter() throws Exception {
    send(request("+16505551234", Interactive.replyButtons("Confirm tomorrow 9am?")
        .header(InteractiveHeader.text("Appointment"))
        .footer("Reply below")
        .button("yes", "Yes")
        .button("no", "No")
        .build()));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"button","header":{"type":"text","text":"Appointment"},
           "body":{"text":"Confirm tomorrow 9am?"},"footer":{"text":"Reply below"},
           "action":{"buttons":[{"type":"reply","reply":{"id":"yes","title":"Yes"}},
                                {"type":"reply","reply":{"id":"no","title":"No"}}]}}}""");
  }

  @Test
  void send_replyButtons_withImageHeader() throws Exception {
    send(request("+16505551234", Interactive.replyButtons("Like it?")
        .header(InteractiveHeader.media(MediaKind.IMAGE, MediaSource.link("https://example.com/p.jpg")))
        .button("y", "Yes")
        .build()));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"button","header":{"type":"image","image":{"link":"https://example.com/p.jpg"}},
           "body":{"text":"Like it?"},
           "action":{"buttons":[{"type":"reply","reply":{"id":"y","title":"Yes"}}]}}}""");
  }

  @Test
  void send_list_withSections() throws Exception {
    send(request("+16505551234", Interactive.optionList("Pick a slot", "Options")
        .header("Slots")
        .footer("Times are local")
        .section("Morning", Interactive.OptionList.row("m9", "9:00", "Early"), Interactive.OptionList.row("m10", "10:00", null))
        .section("Afternoon", Interactive.OptionList.row("a2", "14:00", null))
        .build()));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"list","header":{"type":"text","text":"Slots"},
           "body":{"text":"Pick a slot"},"footer":{"text":"Times are local"},
           "action":{"button":"Options","sections":[
             {"title":"Morning","rows":[{"id":"m9","title":"9:00","description":"Early"},{"id":"m10","title":"10:00"}]},
             {"title":"Afternoon","rows":[{"id":"a2","title":"14:00"}]}]}}}""");
  }

  @Test
  void send_ctaUrl() throws Exception {
    send(request("+16505551234", Interactive.ctaUrl("Track your order", "Track", "https://example.com/t/1")));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"cta_url","body":{"text":"Track your order"},
           "action":{"name":"cta_url","parameters":{"display_text":"Track","url":"https://example.com/t/1"}}}}""");
  }

  @Test
  void send_ctaUrl_withHeaderAndFooter() throws Exception {
    send(request("+16505551234", new Interactive.CtaUrl(Optional.of(InteractiveHeader.text("Order 1")),
        "Track your order", Optional.of("Thanks"), "Track", java.net.URI.create("https://example.com/t/1"))));

    assertJsonRequest("POST", MESSAGES, """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"cta_url","header":{"type":"text","text":"Order 1"},
           "body":{"text":"Track your order"},"footer":{"text":"Thanks"},
           "action":{"name":"cta_url","parameters":{"display_text":"Track","url":"https://example.com/t/1"}}}}""");
  }

  @Test
  void send_invalidRequest_throwsValidationExceptionWithoutRequest() {
    assertThatThrownBy(() -> channel.send(connection, FakeChannelContext.tokenFor(PHONE_ID),
        request("+16505551234", Text.of("x".repeat(4100)))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("text.body: must be at most 4096 characters (was 4100)");
    assertNoRequest();
  }

  @Test
  void send_answerWithoutMessageId_throws() {
    enqueueJson(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[]}");

    assertThatThrownBy(() -> channel.send(connection, FakeChannelContext.tokenFor(PHONE_ID),
        request("+16505551234", Text.of("hi"))))
        .isInstanceOf(io.switchboard.SwitchboardException.class)
        .hasMessageContaining("messages[0].id");
  }
}
