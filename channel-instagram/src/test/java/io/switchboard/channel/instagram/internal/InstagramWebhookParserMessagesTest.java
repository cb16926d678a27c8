package io.switchboard.channel.instagram.internal;

import static io.switchboard.channel.instagram.internal.IgFixtures.ACCOUNT_1;
import static io.switchboard.channel.instagram.internal.IgFixtures.ACCOUNT_2;
import static io.switchboard.channel.instagram.internal.IgFixtures.CUSTOMER_1;
import static io.switchboard.channel.instagram.internal.IgFixtures.CUSTOMER_2;
import static io.switchboard.channel.instagram.internal.IgFixtures.T;
import static io.switchboard.channel.instagram.internal.IgFixtures.json;
import static io.switchboard.channel.instagram.internal.IgFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundContent.Attachment;
import io.switchboard.event.InboundContent.InteractiveReply;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageContext;
import io.switchboard.event.MessageDeleted;
import io.switchboard.event.MessageEcho;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.Referral;
import io.switchboard.event.Sender;
import io.switchboard.message.MediaKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code messaging[].message}: content kinds, context, referral, deletions, unsupported, echoes. */
class InstagramWebhookParserMessagesTest {

  private static MessageReceived single(String fixture) {
    List<InboundEvent> events = parse(fixture);
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).isInstanceOf(MessageReceived.class);
    return (MessageReceived) events.get(0);
  }

  @Test
  void text_becomesMessageReceivedWithText() {
    MessageReceived m = single("messages/text.json");

    assertThat(m).isEqualTo(new MessageReceived(
        ChannelType.INSTAGRAM, ACCOUNT_1, "mid.IN_TEXT_001", T, Sender.of(CUSTOMER_1),
        new InboundContent.Text("Hi, is the blue jacket still available?"), Optional.empty(), Optional.empty()));
  }

  @Test
  void attachmentTypes_eachBecomesAttachmentsWithTypeKindAndPayload() {
    List<InboundEvent> events = parse("messages/attachment-types.json");

    assertThat(events).hasSize(10).allSatisfy(e -> assertThat(e).isInstanceOf(MessageReceived.class));
    List<Attachment> attachments = events.stream()
        .map(e -> (InboundContent.Attachments) ((MessageReceived) e).content())
        .peek(a -> assertThat(a.text()).isEmpty())
        .map(a -> a.attachments().get(0))
        .toList();
    assertThat(attachments).extracting(Attachment::type).containsExactly(
        "image", "video", "audio", "file", "share", "story_mention", "ig_reel", "reel", "sticker", "unknown");
    assertThat(attachments).extracting(Attachment::kind).containsExactly(
        Optional.of(MediaKind.IMAGE), Optional.of(MediaKind.VIDEO), Optional.of(MediaKind.AUDIO),
        Optional.of(MediaKind.DOCUMENT), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(MediaKind.STICKER), Optional.empty());
    assertThat(attachments.get(5).url()).contains("https://lookaside.example/ig/story_001.mp4");
    assertThat(attachments.get(6).title()).contains("Spring collection");
    assertThat(json(attachments.get(6).payloadJson()).path("reel_video_id").asText()).isEqualTo("18000000000000001");
    assertThat(attachments.get(8).stickerId()).contains("369239263222822");
    assertThat(events).extracting(InboundEvent::externalId).doesNotHaveDuplicates();
  }

  @Test
  void imagesWithText_keepTextAndBothAttachmentsInOrder() {
    InboundContent.Attachments a = (InboundContent.Attachments) single("messages/images-with-text.json").content();

    assertThat(a.text()).contains("Two photos of the stain");
    assertThat(a.attachments()).extracting(Attachment::url).containsExactly(
        Optional.of("https://lookaside.example/ig/image_010.jpg"), Optional.of("https://lookaside.example/ig/image_011.jpg"));
  }

  @Test
  void quickReply_becomesInteractiveReplyWithPayloadAndTitle() {
    MessageReceived m = single("messages/quick-reply.json");

    assertThat(m.content()).isEqualTo(new InteractiveReply(
        InteractiveReply.Kind.QUICK_REPLY, Optional.of("SIZE_M"), Optional.of("Size M"), Optional.empty(), Optional.empty()));
  }

  @Test
  void replyToMessage_setsReplyToMessageId() {
    MessageReceived m = single("messages/reply-to-message.json");

    assertThat(m.context()).contains(new MessageContext(
        Optional.of("mid.OUT_001"), Optional.empty(), false, false, Optional.empty(), Optional.empty()));
  }

  @Test
  void replyToStory_setsStoryIdAndUrl() {
    MessageReceived m = single("messages/reply-to-story.json");

    MessageContext c = m.context().orElseThrow();
    assertThat(c.replyToMessageId()).isEmpty();
    assertThat(c.replyToStoryId()).contains("18000000000000020");
    assertThat(c.replyToStoryUrl()).contains("https://lookaside.example/ig/story_020.jpg");
    assertThat(m.content()).isEqualTo(new InboundContent.Text("Love this!"));
  }

  @Test
  void adReferral_keepsAdIdTitleMediaAndRef() {
    Referral r = single("messages/ad-referral.json").referral().orElseThrow();

    assertThat(r.sourceId()).contains("23800000000000001");
    assertThat(r.sourceType()).contains("ADS");
    assertThat(r.headline()).contains("Spring sale -30%");
    assertThat(r.mediaType()).contains("video");
    assertThat(r.mediaUrl()).contains("https://lookaside.example/ig/ad_001.mp4");
    assertThat(r.thumbnailUrl()).contains("https://lookaside.example/ig/ad_001.jpg");
    assertThat(r.ref()).contains("spring_campaign");
  }

  @Test
  void referral_photoOnly_isImage() {
    Referral r = InstagramWebhookParser.referral(json(
        "{\"ad_id\":\"1\",\"ads_context_data\":{\"ad_title\":\"t\",\"photo_url\":\"https://x.example/p.jpg\"}}")).orElseThrow();

    assertThat(r.mediaType()).contains("image");
    assertThat(r.mediaUrl()).contains("https://x.example/p.jpg");
    assertThat(r.thumbnailUrl()).isEmpty();
  }

  @Test
  void deleted_becomesMessageDeletedWithPrefixedId() {
    List<InboundEvent> events = parse("messages/deleted.json");

    assertThat(events).containsExactly(new MessageDeleted(
        ChannelType.INSTAGRAM, ACCOUNT_1, "deleted:mid.IN_TEXT_001", T, Sender.of(CUSTOMER_1), "mid.IN_TEXT_001"));
  }

  @Test
  void unsupported_becomesMessageReceivedWithUnsupportedContent() {
    MessageReceived m = single("messages/unsupported.json");

    InboundContent.Unsupported u = (InboundContent.Unsupported) m.content();
    assertThat(u.type()).isEqualTo("unsupported");
    assertThat(json(u.rawJson()).path("mid").asText()).isEqualTo("mid.IN_UNSUP_001");
  }

  @Test
  void echo_instagramLogin_becomesMessageEchoToTheCustomer() {
    List<InboundEvent> events = parse("echo/echo-instagram-login.json");

    assertThat(events).containsExactly(new MessageEcho(
        ChannelType.INSTAGRAM, ACCOUNT_1, "mid.OUT_ECHO_001", T, CUSTOMER_1,
        new InboundContent.Text("Yes, we have it in M and L."), Optional.empty(), Optional.empty()));
  }

  @Test
  void echo_facebookLogin_keepsAppIdMetadataAndAttachments() {
    List<InboundEvent> events = parse("echo/echo-facebook-login.json");

    assertThat(events).hasSize(1).noneMatch(e -> e instanceof MessageReceived);
    MessageEcho echo = (MessageEcho) events.get(0);
    assertThat(echo.accountId()).isEqualTo(ACCOUNT_2);
    assertThat(echo.recipientId()).isEqualTo(CUSTOMER_2);
    assertThat(echo.appId()).contains("900000000000001");
    assertThat(echo.metadata()).contains("order-42");
    assertThat(((InboundContent.Attachments) echo.content()).attachments()).extracting(Attachment::kind)
        .containsExactly(Optional.of(MediaKind.IMAGE));
  }

  @Test
  void echo_evenWithTextFromTheCustomersSide_isNeverMessageReceived() {
    // An echo whose sender looks like a customer is still the business's own message.
    String body = """
        {"object":"instagram","entry":[{"id":"17841400000000001","time":1760000000000,"messaging":[
          {"sender":{"id":"1234567890000001"},"recipient":{"id":"1234567890000009"},"timestamp":1760000000000,
           "message":{"mid":"mid.OUT_ECHO_9","text":"x","is_echo":"true"}}]}]}""";

    assertThat(IgFixtures.PARSER.parse(json(body))).singleElement().isInstanceOf(MessageEcho.class);
  }

  @Test
  void messageWithNothingReadable_isUnsupportedNotDropped() {
    String body = """
        {"object":"instagram","entry":[{"id":"17841400000000001","messaging":[
          {"sender":{"id":"1234567890000001"},"recipient":{"id":"17841400000000001"},"timestamp":1760000000000,
           "message":{"mid":"mid.IN_EMPTY"}}]}]}""";

    MessageReceived m = (MessageReceived) IgFixtures.PARSER.parse(json(body)).get(0);
    assertThat(m.content()).isInstanceOf(InboundContent.Unsupported.class);
    assertThat(((InboundContent.Unsupported) m.content()).type()).isEqualTo("unknown");
  }
}
