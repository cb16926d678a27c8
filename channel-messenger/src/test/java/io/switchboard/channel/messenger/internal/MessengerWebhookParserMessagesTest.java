package io.switchboard.channel.messenger.internal;

import static io.switchboard.channel.messenger.internal.MsFixtures.AT;
import static io.switchboard.channel.messenger.internal.MsFixtures.PAGE;
import static io.switchboard.channel.messenger.internal.MsFixtures.PSID;
import static io.switchboard.channel.messenger.internal.MsFixtures.parse;
import static io.switchboard.channel.messenger.internal.MsFixtures.single;
import static io.switchboard.channel.messenger.internal.MsFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundContent.Attachment;
import io.switchboard.event.InboundContent.InteractiveReply;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageEcho;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.MessagesRead;
import io.switchboard.event.Sender;
import io.switchboard.message.MediaKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code message} events: text, quick replies, replies, every attachment type, echoes, standby. */
class MessengerWebhookParserMessagesTest {

  @Test
  void text() {
    MessageReceived m = single("messages/text.json", MessageReceived.class);

    assertThat(m.channel()).isEqualTo(ChannelType.MESSENGER);
    assertThat(m.accountId()).isEqualTo(PAGE);
    assertThat(m.externalId()).isEqualTo("m_IN_TEXT_0001");
    assertThat(m.occurredAt()).isEqualTo(AT);
    assertThat(m.from()).isEqualTo(Sender.of(PSID));
    assertThat(m.content()).isEqualTo(new InboundContent.Text("Hi, is my order on its way?"));
    assertThat(m.context()).isEmpty();
    assertThat(m.referral()).isEmpty();
  }

  @Test
  void quickReply_payloadIsId_textIsTitle() {
    MessageReceived m = single("messages/quick-reply.json", MessageReceived.class);

    assertThat(m.content()).isEqualTo(new InteractiveReply(
        InteractiveReply.Kind.QUICK_REPLY, Optional.of("TRACK_ORDER_42"), Optional.of("Track order"),
        Optional.empty(), Optional.empty()));
  }

  @Test
  void replyTo_becomesContext() {
    MessageReceived m = single("messages/reply-to.json", MessageReceived.class);

    assertThat(m.content()).isEqualTo(new InboundContent.Text("Yes, that one"));
    assertThat(m.context()).hasValueSatisfying(c -> {
      assertThat(c.replyToMessageId()).contains("m_OUT_0001");
      assertThat(c.forwarded()).isFalse();
    });
  }

  @Test
  void unsupportedMessage_keptAsUnsupported() {
    MessageReceived m = single("messages/unsupported.json", MessageReceived.class);

    assertThat(m.content()).isInstanceOfSatisfying(InboundContent.Unsupported.class, u -> {
      assertThat(u.type()).isEqualTo("unsupported");
      assertThat(u.rawJson()).contains("m_IN_UNSUPPORTED_0001");
    });
  }

  @Test
  void messageFromAd_carriesReferral() {
    MessageReceived m = single("messages/ad-referral.json", MessageReceived.class);

    assertThat(m.referral()).hasValueSatisfying(r -> {
      assertThat(r.ref()).contains("spring-sale");
      assertThat(r.sourceId()).contains("600000000000001");
      assertThat(r.sourceType()).contains("ADS");
      assertThat(r.headline()).contains("Spring sale");
      assertThat(r.mediaType()).contains("image");
      assertThat(r.mediaUrl()).contains("https://cdn.example.com/ad/photo.jpg");
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
      "image,               image,               IMAGE,    https://cdn.example.com/att/image.jpg,       -,                    -",
      "audio,               audio,               AUDIO,    https://cdn.example.com/att/audio.mp4,       -,                    -",
      "video,               video,               VIDEO,    https://cdn.example.com/att/video.mp4,       -,                    -",
      "file,                file,                DOCUMENT, https://cdn.example.com/att/invoice.pdf,     -,                    -",
      "sticker,             sticker,             STICKER,  https://cdn.example.com/att/sticker.png,     -,                    369239263222822",
      "image-sticker,       image,               IMAGE,    https://cdn.example.com/att/sticker.png,     -,                    369239263222822",
      "reel,                reel,                -,        https://cdn.example.com/att/reel.mp4,        Behind the scenes,    -",
      "ig-reel,             ig_reel,             -,        https://cdn.example.com/att/igreel.mp4,      New collection,       -",
      "post,                post,                -,        https://www.facebook.com/300000000000001/posts/900000000000001, Our opening hours, -",
      "ig-post,             ig_post,             -,        https://cdn.example.com/att/igpost.jpg,      Summer look,          -",
      "share,               share,               -,        https://www.example.com/products/42,         -,                    -",
      "fallback,            fallback,            -,        https://www.example.com/products/42,         Example product page, -",
      "appointment-booking, appointment_booking, -,        -,                                           -,                    -",
      "unknown-type,        hologram,            -,        https://cdn.example.com/att/holo.bin,        -,                    -",
  })
  void everyAttachmentType(String file, String type, MediaKind kind, String url, String title, String stickerId) {
    MessageReceived m = single("messages/attachments/" + file + ".json", MessageReceived.class);

    assertThat(m.externalId()).startsWith("m_IN_ATT_");
    assertThat(m.content()).isInstanceOfSatisfying(InboundContent.Attachments.class, a -> {
      assertThat(a.text()).isEmpty();
      assertThat(a.attachments()).singleElement().satisfies(att -> {
        assertThat(att.type()).isEqualTo(type);
        assertThat(att.kind()).isEqualTo(Optional.ofNullable(kind));
        assertThat(att.url()).isEqualTo(Optional.ofNullable(url));
        assertThat(att.title()).isEqualTo(Optional.ofNullable(title));
        assertThat(att.stickerId()).isEqualTo(Optional.ofNullable(stickerId));
        assertThat(att.payloadJson()).isNotBlank();
      });
    });
  }

  @Test
  void attachmentPayloadJson_isThePayloadObject() {
    Attachment booking = attachmentOf("messages/attachments/appointment-booking.json");
    assertThat(tree(booking.payloadJson())).isEqualTo(tree(
        "{\"appointment_id\":\"A_PLACEHOLDER_1\",\"status\":\"confirmed\",\"start_time\":1760003600}"));

    Attachment unknown = attachmentOf("messages/attachments/unknown-type.json");
    assertThat(tree(unknown.payloadJson()).path("depth").asInt()).isEqualTo(3);

    assertThat(attachmentOf("messages/attachments/fallback.json").payloadJson()).isEqualTo("null");
  }

  private static Attachment attachmentOf(String fixture) {
    MessageReceived m = single(fixture, MessageReceived.class);
    return ((InboundContent.Attachments) m.content()).attachments().get(0);
  }

  @Test
  void textWithTwoAttachments_keepsTextAndOrder() {
    MessageReceived m = single("messages/attachments/text-and-two-images.json", MessageReceived.class);

    InboundContent.Attachments a = (InboundContent.Attachments) m.content();
    assertThat(a.text()).contains("Both of these please");
    assertThat(a.attachments()).extracting(att -> att.url().orElseThrow())
        .containsExactly("https://cdn.example.com/att/image.jpg", "https://cdn.example.com/att/image2.jpg");
  }

  @Test
  void echo_isMessageEcho_accountIsPage_recipientIsCustomer() {
    MessageEcho echo = single("echoes/text-from-app.json", MessageEcho.class);

    assertThat(echo.accountId()).isEqualTo(PAGE);
    assertThat(echo.recipientId()).isEqualTo(PSID);
    assertThat(echo.externalId()).isEqualTo("m_OUT_ECHO_0001");
    assertThat(echo.occurredAt()).isEqualTo(AT);
    assertThat(echo.content()).isEqualTo(new InboundContent.Text("Your order has shipped"));
    assertThat(echo.appId()).contains("500000000000001");
    assertThat(echo.metadata()).contains("order-42");
  }

  @Test
  void echoTypedInInbox_hasNoAppId() {
    MessageEcho echo = single("echoes/inbox-typed.json", MessageEcho.class);

    assertThat(echo.appId()).isEmpty();
    assertThat(echo.metadata()).isEmpty();
  }

  @Test
  void echoOfTemplate_contentIsTemplateAttachment() {
    MessageEcho echo = single("echoes/template.json", MessageEcho.class);

    assertThat(echo.content()).isInstanceOfSatisfying(InboundContent.Attachments.class, a ->
        assertThat(a.attachments()).singleElement().satisfies(att -> {
          assertThat(att.type()).isEqualTo("template");
          assertThat(att.kind()).isEmpty();
          assertThat(tree(att.payloadJson()).path("template_type").asText()).isEqualTo("button");
        }));
  }

  @Test
  void echoes_neverProduceMessageReceived() {
    for (String f : List.of("echoes/text-from-app.json", "echoes/inbox-typed.json", "echoes/template.json")) {
      assertThat(parse(f)).as(f).hasSize(1).noneMatch(e -> e instanceof MessageReceived);
    }
    assertThat(parse("batch-two-pages.json"))
        .filteredOn(e -> e instanceof MessageReceived)
        .extracting(InboundEvent::externalId)
        .doesNotContain("m_BATCH_A_2");
  }

  @Test
  void standby_parsedLikeMessaging() {
    List<InboundEvent> events = parse("standby/standby-text.json");

    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOfSatisfying(MessageReceived.class, m -> {
      assertThat(m.accountId()).isEqualTo(PAGE);
      assertThat(m.externalId()).isEqualTo("m_IN_STANDBY_0001");
      assertThat(m.content()).isEqualTo(new InboundContent.Text("Are you still there?"));
    });
    assertThat(events.get(1)).isInstanceOfSatisfying(MessagesRead.class, r ->
        assertThat(r.readerId()).isEqualTo(PSID));
  }

  @Test
  void deletedMessage_becomesMessageDeleted() {
    List<InboundEvent> events = MsFixtures.parser().parse(tree("""
        {"object":"page","entry":[{"id":"300000000000001","time":1760000000999,"messaging":[
          {"sender":{"id":"400000000000001"},"recipient":{"id":"300000000000001"},"timestamp":1760000000500,
           "message":{"mid":"m_IN_TEXT_0001","is_deleted":true}}]}]}"""));

    assertThat(events).singleElement().isInstanceOfSatisfying(io.switchboard.event.MessageDeleted.class, d -> {
      assertThat(d.messageId()).isEqualTo("m_IN_TEXT_0001");
      assertThat(d.from().id()).isEqualTo(PSID);
    });
  }
}
