package io.switchboard.channel.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.SwitchboardException;
import io.switchboard.message.ButtonTemplate;
import io.switchboard.message.CardButton;
import io.switchboard.message.CardCarousel;
import io.switchboard.message.Media;
import io.switchboard.message.MediaKind;
import io.switchboard.message.MediaSource;
import io.switchboard.message.MessagingType;
import io.switchboard.message.QuickReplies;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.Text;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every sendable content type: exact path, Page token and JSON body (meta-api-facts.md §4.3). */
class MessengerChannelSendTest extends MessengerTestBase {

  private static final String PATH = "/v26.0/" + PAGE_ID + "/messages";

  @Test
  void channelIdentity() {
    assertThat(channel.channel()).isEqualTo(ChannelType.MESSENGER);
    assertThat(channel.webhookObjects()).containsExactly("page");
  }

  @Test
  void text_returnsReceipt() throws Exception {
    enqueueSendOk();

    SendReceipt receipt = send(request(Text.of("Your order has shipped")));

    assertJsonRequest("POST", PATH, """
        {"recipient":{"id":"400000000000001"},"messaging_type":"RESPONSE",
         "message":{"text":"Your order has shipped"}}""");
    assertThat(receipt.tenant()).isEqualTo(TENANT);
    assertThat(receipt.channel()).isEqualTo(ChannelType.MESSENGER);
    assertThat(receipt.accountId()).isEqualTo(PAGE_ID);
    assertThat(receipt.externalId()).isEqualTo("m_OUT_REPLY_0001");
    assertThat(receipt.recipientId()).contains(PSID);
    assertThat(receipt.acceptance()).isEmpty();
  }

  @Test
  void update_messagingType() throws Exception {
    enqueueSendOk();

    send(request(Text.of("Back in stock")).toBuilder().messagingType(MessagingType.UPDATE).build());

    assertJsonRequest("POST", PATH, """
        {"recipient":{"id":"400000000000001"},"messaging_type":"UPDATE","message":{"text":"Back in stock"}}""");
  }

  @Test
  void humanAgent_isMessageTagWithHumanAgentTag() throws Exception {
    enqueueSendOk();

    send(request(Text.of("Sorry for the wait, I'm Sam")).toBuilder().messagingType(MessagingType.HUMAN_AGENT).build());

    assertJsonRequest("POST", PATH, """
        {"recipient":{"id":"400000000000001"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT",
         "message":{"text":"Sorry for the wait, I'm Sam"}}""");
  }

  @Test
  void replyTo_andCallbackData() throws Exception {
    enqueueSendOk();

    send(request(Text.of("Yes")).toBuilder().replyTo("m_IN_TEXT_0001").callbackData("ticket-77").build());

    assertJsonRequest("POST", PATH, """
        {"recipient":{"id":"400000000000001"},"messaging_type":"RESPONSE",
         "message":{"text":"Yes","metadata":"ticket-77"},
         "reply_to":{"mid":"m_IN_TEXT_0001"}}""");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"IMAGE,image", "VIDEO,video", "AUDIO,audio", "DOCUMENT,file"})
  void mediaByLink_isReusableUrlAttachment(MediaKind kind, String type) throws Exception {
    enqueueSendOk();

    send(request(Media.of(kind, MediaSource.link("https://cdn.example.com/f/1"))));

    assertJsonRequest("POST", PATH, """
        {"recipient":{"id":"400000000000001"},"messaging_type":"RESPONSE",
         "message":{"attachment":{"type":"%s","payload":{"url":"https://cdn.example.com/f/1","is_reusable":true}}}}"""
        .formatted(type));
  }

  @Test
  void mediaByUploadedId_isAttachmentId() throws Exception {
    enqueueSendOk();

    send(request(Media.document(MediaSource.id("1857777774821032"))));

    assertJsonRequest("POST", PATH, """
        {"recipient":{"id":"400000000000001"},"messaging_type":"RESPONSE",
         "message":{"attachment":{"type":"file","payload":{"attachment_id":"1857777774821032"}}}}""");
  }

  @Test
  void quickReplies() throws Exception {
    enqueueSendOk();

    send(request(new QuickReplies("Pick a size", java.util.List.of(
        QuickReplies.QuickReply.of("Small", "SIZE_S"),
        new QuickReplies.QuickReply("Large", "SIZE_L", Optional.of("https://cdn.example.com/l.png"))))));

    assertJsonRequest("POST", PATH, """
        {"recipient":{"id":"400000000000001"},"messaging_type":"RESPONSE",
         "message":{"text":"Pick a size","quick_replies":[
           {"content_type":"text","title":"Small","payload":"SIZE_S"},
           {"content_type":"text","title":"Large","payload":"SIZE_L","image_url":"https://cdn.example.com/l.png"}]}}""");
  }

  @Test
  void buttonTemplate() throws Exception {
    enqueueSendOk();

    send(request(ButtonTemplate.of("What next?",
        CardButton.url("Track", "https://shop.example.com/track/42"),
        CardButton.postback("Talk to us", "HUMAN"))));

    assertJsonRequest("POST", PATH, """
        {"recipient":{"id":"400000000000001"},"messaging_type":"RESPONSE",
         "message":{"attachment":{"type":"template","payload":{"template_type":"button","text":"What next?",
           "buttons":[{"type":"web_url","url":"https://shop.example.com/track/42","title":"Track"},
                      {"type":"postback","title":"Talk to us","payload":"HUMAN"}]}}}}""");
  }

  @Test
  void cardCarousel_isGenericTemplate() throws Exception {
    enqueueSendOk();

    send(request(CardCarousel.of(
        CardCarousel.Card.builder("Blue shirt").subtitle("Cotton, 29 EUR")
            .imageUrl("https://cdn.example.com/blue.jpg").defaultActionUrl("https://shop.example.com/blue")
            .button(CardButton.url("View", "https://shop.example.com/blue"))
            .button(CardButton.postback("Buy", "BUY_BLUE")).build(),
        CardCarousel.Card.builder("Red shirt").build())));

    assertJsonRequest("POST", PATH, """
        {"recipient":{"id":"400000000000001"},"messaging_type":"RESPONSE",
         "message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[
           {"title":"Blue shirt","subtitle":"Cotton, 29 EUR","image_url":"https://cdn.example.com/blue.jpg",
            "default_action":{"type":"web_url","url":"https://shop.example.com/blue"},
            "buttons":[{"type":"web_url","url":"https://shop.example.com/blue","title":"View"},
                       {"type":"postback","title":"Buy","payload":"BUY_BLUE"}]},
           {"title":"Red shirt"}]}}}}""");
  }

  @Test
  void answerWithoutMessageId_isAClearError() {
    enqueueJson(200, "{\"recipient_id\":\"" + PSID + "\"}");

    Assertions.assertThatThrownBy(() -> send(request(Text.of("hi"))))
        .isInstanceOf(SwitchboardException.class)
        .hasMessageContaining("message_id");
  }
}
