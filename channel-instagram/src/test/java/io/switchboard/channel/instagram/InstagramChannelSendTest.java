package io.switchboard.channel.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.SwitchboardException;
import io.switchboard.message.ButtonTemplate;
import io.switchboard.message.CardButton;
import io.switchboard.message.CardCarousel;
import io.switchboard.message.Media;
import io.switchboard.message.MediaSource;
import io.switchboard.message.MessagingType;
import io.switchboard.message.QuickReplies;
import io.switchboard.message.QuickReplies.QuickReply;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.Text;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every supported content type through both setups: host, path, bearer token and exact body. */
class InstagramChannelSendTest extends InstagramTestBase {

  /** The expected body: recipient, messaging_type where the setup states it, then the message. */
  private String body(Setup setup, String message) {
    String type = setup == Setup.FACEBOOK_LOGIN ? "\"messaging_type\":\"RESPONSE\"," : "";
    return "{\"recipient\":{\"id\":\"" + CUSTOMER + "\"}," + type + "\"message\":" + message + "}";
  }

  private String messagesPath(Setup setup) {
    return "/" + V + "/" + node(setup) + "/messages";
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void send_text_postsToTheSetupsHostWithItsToken(Setup setup) throws Exception {
    enqueueSendOk(server(setup));

    SendReceipt receipt = channel.send(connection(setup), context.accessToken(connection(setup)),
        request(setup, Text.of("Yes, size M is in stock.")));

    assertJsonRequest(setup, "POST", messagesPath(setup), body(setup, "{\"text\":\"Yes, size M is in stock.\"}"));
    assertThat(receipt.externalId()).isEqualTo("mid.OUT_SENT_001");
    assertThat(receipt.recipientId()).contains(CUSTOMER);
    assertThat(receipt.accountId()).isEqualTo(connection(setup).accountId());
    assertThat(receipt.channel()).isEqualTo(ChannelType.INSTAGRAM);
    assertThat(receipt.tenant()).isEqualTo(tenant(setup));
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void send_mediaLinks_sendAttachmentWithUrlPayload(Setup setup) throws Exception {
    String[][] cases = {
        {"image", "https://cdn.example.com/jacket.jpg"},
        {"video", "https://cdn.example.com/jacket.mp4"},
        {"audio", "https://cdn.example.com/note.m4a"}};
    for (String[] c : cases) {
      enqueueSendOk(server(setup));
      Media media = switch (c[0]) {
        case "image" -> Media.image(MediaSource.link(c[1]));
        case "video" -> Media.video(MediaSource.link(c[1]));
        default -> Media.audio(MediaSource.link(c[1]));
      };
      channel.send(connection(setup), context.accessToken(connection(setup)), request(setup, media));
      assertJsonRequest(setup, "POST", messagesPath(setup), body(setup,
          "{\"attachment\":{\"type\":\"" + c[0] + "\",\"payload\":{\"url\":\"" + c[1] + "\"}}}"));
    }
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void send_quickReplies_sendsTextChips(Setup setup) throws Exception {
    enqueueSendOk(server(setup));

    channel.send(connection(setup), context.accessToken(connection(setup)), request(setup,
        QuickReplies.of("Which size?", QuickReply.of("S", "SIZE_S"), QuickReply.of("M", "SIZE_M"))));

    assertJsonRequest(setup, "POST", messagesPath(setup), body(setup, """
        {"text":"Which size?","quick_replies":[
          {"content_type":"text","title":"S","payload":"SIZE_S"},
          {"content_type":"text","title":"M","payload":"SIZE_M"}]}"""));
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void send_buttonTemplate_sendsMessengerButtonTemplate(Setup setup) throws Exception {
    enqueueSendOk(server(setup));

    channel.send(connection(setup), context.accessToken(connection(setup)), request(setup, ButtonTemplate.of(
        "Your order has shipped.",
        CardButton.url("Track", "https://shop.example.com/track/42"),
        CardButton.postback("Talk to us", "HUMAN"))));

    assertJsonRequest(setup, "POST", messagesPath(setup), body(setup, """
        {"attachment":{"type":"template","payload":{"template_type":"button","text":"Your order has shipped.",
          "buttons":[{"type":"web_url","url":"https://shop.example.com/track/42","title":"Track"},
                     {"type":"postback","title":"Talk to us","payload":"HUMAN"}]}}}"""));
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void send_cardCarousel_sendsGenericTemplate(Setup setup) throws Exception {
    enqueueSendOk(server(setup));
    CardCarousel carousel = CardCarousel.of(
        CardCarousel.Card.builder("Blue jacket")
            .subtitle("EUR 89")
            .imageUrl("https://cdn.example.com/blue.jpg")
            .defaultActionUrl("https://shop.example.com/blue")
            .button(CardButton.postback("Buy", "BUY_BLUE"))
            .build(),
        CardCarousel.Card.builder("Red jacket").build());

    channel.send(connection(setup), context.accessToken(connection(setup)), request(setup, carousel));

    assertJsonRequest(setup, "POST", messagesPath(setup), body(setup, """
        {"attachment":{"type":"template","payload":{"template_type":"generic","elements":[
          {"title":"Blue jacket","subtitle":"EUR 89","image_url":"https://cdn.example.com/blue.jpg",
           "default_action":{"type":"web_url","url":"https://shop.example.com/blue"},
           "buttons":[{"type":"postback","title":"Buy","payload":"BUY_BLUE"}]},
          {"title":"Red jacket"}]}}}"""));
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void send_replyTo_addsReplyToMid(Setup setup) throws Exception {
    enqueueSendOk(server(setup));

    channel.send(connection(setup), context.accessToken(connection(setup)),
        builder(setup, Text.of("Quoted answer")).replyTo("mid.IN_TEXT_001").build());

    String type = setup == Setup.FACEBOOK_LOGIN ? "\"messaging_type\":\"RESPONSE\"," : "";
    assertJsonRequest(setup, "POST", messagesPath(setup), "{\"recipient\":{\"id\":\"" + CUSTOMER + "\"}," + type
        + "\"reply_to\":{\"mid\":\"mid.IN_TEXT_001\"},\"message\":{\"text\":\"Quoted answer\"}}");
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void send_humanAgent_carriesMessageTagOnBothSetups(Setup setup) throws Exception {
    enqueueSendOk(server(setup));

    channel.send(connection(setup), context.accessToken(connection(setup)),
        builder(setup, Text.of("Sorry for the wait - Anna here.")).messagingType(MessagingType.HUMAN_AGENT).build());

    assertJsonRequest(setup, "POST", messagesPath(setup), "{\"recipient\":{\"id\":\"" + CUSTOMER + "\"},"
        + "\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"HUMAN_AGENT\",\"message\":{\"text\":\"Sorry for the wait - Anna here.\"}}");
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void send_update_statedOnFacebookLoginOnly(Setup setup) throws Exception {
    enqueueSendOk(server(setup));

    channel.send(connection(setup), context.accessToken(connection(setup)),
        builder(setup, Text.of("Your parcel is out for delivery")).messagingType(MessagingType.UPDATE).build());

    String type = setup == Setup.FACEBOOK_LOGIN ? "\"messaging_type\":\"UPDATE\"," : "";
    assertJsonRequest(setup, "POST", messagesPath(setup), "{\"recipient\":{\"id\":\"" + CUSTOMER + "\"}," + type
        + "\"message\":{\"text\":\"Your parcel is out for delivery\"}}");
  }

  @Test
  void send_instagramLoginWithMessagingTypeEnabled_statesResponse() throws Exception {
    InstagramChannel stating = InstagramChannel.create(InstagramConfig.builder()
        .instagramGraphBaseUrl(instagram.url("/").toString()).messagingTypeOnInstagramLogin(true).build());
    stating.bind(context);
    enqueueSendOk(instagram);

    stating.send(igConnection, context.accessToken(igConnection), request(Setup.INSTAGRAM_LOGIN, Text.of("hi")));

    assertJsonRequest(Setup.INSTAGRAM_LOGIN, "POST", messagesPath(Setup.INSTAGRAM_LOGIN),
        "{\"recipient\":{\"id\":\"" + CUSTOMER + "\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hi\"}}");
  }

  @Test
  void send_answerWithoutMessageId_throws() {
    enqueueJson(instagram, 200, "{\"recipient_id\":\"" + CUSTOMER + "\"}");

    assertThatThrownBy(() -> channel.send(igConnection, context.accessToken(igConnection),
        request(Setup.INSTAGRAM_LOGIN, Text.of("hi"))))
        .isInstanceOf(SwitchboardException.class)
        .hasMessageContaining("message_id");
  }

  @Test
  void send_answerWithoutRecipientId_leavesItEmpty() {
    enqueueJson(facebook, 200, "{\"message_id\":\"mid.OUT_SENT_002\"}");

    SendReceipt receipt = channel.send(fbConnection, context.accessToken(fbConnection),
        request(Setup.FACEBOOK_LOGIN, Text.of("hi")));

    assertThat(receipt.externalId()).isEqualTo("mid.OUT_SENT_002");
    assertThat(receipt.recipientId()).isEqualTo(Optional.empty());
  }
}
