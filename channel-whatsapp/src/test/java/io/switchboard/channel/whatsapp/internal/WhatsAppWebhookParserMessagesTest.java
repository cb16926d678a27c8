package io.switchboard.channel.whatsapp.internal;

import static io.switchboard.channel.whatsapp.internal.WaFixtures.BSUID;
import static io.switchboard.channel.whatsapp.internal.WaFixtures.CUSTOMER;
import static io.switchboard.channel.whatsapp.internal.WaFixtures.PHONE_ID;
import static io.switchboard.channel.whatsapp.internal.WaFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ChannelType;
import io.switchboard.event.ErrorDetail;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundContent.InteractiveReply;
import io.switchboard.event.MessageContext;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.ReactionReceived;
import io.switchboard.event.Referral;
import io.switchboard.event.Sender;
import io.switchboard.message.ContactCard;
import io.switchboard.message.MediaKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhatsAppWebhookParserMessagesTest {

  private static final Sender ANA = new Sender(CUSTOMER, Optional.of("Ana Lima"), Optional.of(BSUID), Optional.empty());

  private static MessageReceived message(String fixture) {
    return single(fixture, MessageReceived.class);
  }

  @Test
  void parse_textMessage_mapsEnvelopeSenderAndBody() {
    MessageReceived event = message("messages/text.json");

    assertThat(event.channel()).isEqualTo(ChannelType.WHATSAPP);
    assertThat(event.accountId()).isEqualTo(PHONE_ID);
    assertThat(event.externalId()).isEqualTo("wamid.IN_TEXT_0001");
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-10-09T08:53:20Z"));
    assertThat(event.from()).isEqualTo(ANA);
    assertThat(event.content()).isEqualTo(new InboundContent.Text("Is the blue one in stock?"));
    assertThat(event.context()).isEmpty();
    assertThat(event.referral()).isEmpty();
  }

  @Test
  void parse_imageReplyingToBusinessMessage_mapsMediaAndReplyContext() {
    MessageReceived event = message("messages/image-reply.json");

    assertThat(event.externalId()).isEqualTo("wamid.IN_IMAGE_0001");
    assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1760000100L));
    assertThat(event.from()).isEqualTo(new Sender(CUSTOMER, Optional.of("Ana Lima"), Optional.empty(), Optional.empty()));
    assertThat(event.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.IMAGE,
                "300000000000001",
                Optional.of("image/jpeg"),
                Optional.of("SHA256_PLACEHOLDER_IMAGE="),
                Optional.of("this one"),
                Optional.empty(),
                Optional.of("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=300000000000001"),
                false,
                false));
    assertThat(event.context())
        .contains(new MessageContext(Optional.of("wamid.OUT_0001"), Optional.of("15550000001"), false, false));
  }

  @Test
  void parse_videoMessage_mapsCaptionAndMime() {
    MessageReceived event = message("messages/video.json");

    assertThat(event.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.VIDEO,
                "300000000000002",
                Optional.of("video/mp4"),
                Optional.of("SHA256_PLACEHOLDER_VIDEO="),
                Optional.of("unboxing"),
                Optional.empty(),
                Optional.empty(),
                false,
                false));
  }

  @Test
  void parse_voiceNote_setsVoiceFlag() {
    MessageReceived event = message("messages/audio-voice.json");

    assertThat(event.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.AUDIO,
                "300000000000003",
                Optional.of("audio/ogg; codecs=opus"),
                Optional.of("SHA256_PLACEHOLDER_AUDIO="),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true,
                false));
  }

  @Test
  void parse_document_mapsFilenameAndCaption() {
    MessageReceived event = message("messages/document.json");

    assertThat(event.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.DOCUMENT,
                "300000000000004",
                Optional.of("application/pdf"),
                Optional.of("SHA256_PLACEHOLDER_DOC="),
                Optional.of("my invoice"),
                Optional.of("invoice-0042.pdf"),
                Optional.empty(),
                false,
                false));
  }

  @Test
  void parse_animatedSticker_setsAnimatedFlag() {
    MessageReceived event = message("messages/sticker-animated.json");

    assertThat(event.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.STICKER,
                "300000000000005",
                Optional.of("image/webp"),
                Optional.of("SHA256_PLACEHOLDER_STICKER="),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                true));
  }

  @Test
  void parse_location_mapsCoordinatesAndPlace() {
    MessageReceived event = message("messages/location.json");

    assertThat(event.content())
        .isEqualTo(
            new InboundContent.Location(
                38.7223,
                -9.1393,
                Optional.of("Placeholder Store"),
                Optional.of("1 Example Street, Lisbon"),
                Optional.of("https://example.com/store")));
  }

  @Test
  void parse_contacts_mapsEveryCardField() {
    MessageReceived event = message("messages/contacts.json");

    assertThat(event.content()).isInstanceOf(InboundContent.Contacts.class);
    List<ContactCard> cards = ((InboundContent.Contacts) event.content()).cards();
    assertThat(cards).hasSize(2);

    ContactCard bruno = cards.get(0);
    assertThat(bruno.formattedName()).isEqualTo("Bruno Costa");
    assertThat(bruno.firstName()).contains("Bruno");
    assertThat(bruno.lastName()).contains("Costa");
    assertThat(bruno.phones())
        .containsExactly(
            new ContactCard.Phone("+1 555 123 0002", Optional.of("CELL"), Optional.of("15551230002")),
            new ContactCard.Phone("+1 555 123 0003", Optional.of("WORK"), Optional.empty()));
    assertThat(bruno.emails()).containsExactly(new ContactCard.Email("bruno@example.com", Optional.of("WORK")));
    assertThat(bruno.urls()).containsExactly(new ContactCard.Url("https://example.com/bruno", Optional.of("HOME")));
    assertThat(bruno.addresses())
        .containsExactly(
            new ContactCard.Address(
                Optional.of("2 Example Ave"),
                Optional.of("Menlo Park"),
                Optional.of("CA"),
                Optional.of("94025"),
                Optional.of("United States"),
                Optional.of("US"),
                Optional.of("WORK")));
    assertThat(bruno.organization())
        .contains(new ContactCard.Organization(Optional.of("Example Corp"), Optional.of("Sales"), Optional.of("Manager")));
    assertThat(bruno.birthday()).contains(LocalDate.of(1990, 4, 21));

    ContactCard carla = cards.get(1);
    assertThat(carla.formattedName()).isEqualTo("Carla");
    assertThat(carla.firstName()).contains("Carla");
    assertThat(carla.lastName()).isEmpty();
    assertThat(carla.phones()).containsExactly(new ContactCard.Phone("+1 555 123 0004", Optional.empty(), Optional.empty()));
    assertThat(carla.emails()).isEmpty();
    assertThat(carla.organization()).isEmpty();
    assertThat(carla.birthday()).isEmpty();
  }

  @Test
  void parse_interactiveButtonReply_mapsIdTitleAndContext() {
    MessageReceived event = message("messages/interactive-button-reply.json");

    assertThat(event.content())
        .isEqualTo(
            new InteractiveReply(
                InteractiveReply.Kind.BUTTON, Optional.of("change-button"), Optional.of("Change"), Optional.empty(), Optional.empty()));
    assertThat(event.context().flatMap(MessageContext::replyToMessageId)).contains("wamid.OUT_BUTTONS_0001");
  }

  @Test
  void parse_interactiveListReply_mapsRowWithDescription() {
    MessageReceived event = message("messages/interactive-list-reply.json");

    assertThat(event.content())
        .isEqualTo(
            new InteractiveReply(
                InteractiveReply.Kind.LIST,
                Optional.of("priority_express"),
                Optional.of("Priority Mail Express"),
                Optional.of("Next Day to 2 Days"),
                Optional.empty()));
  }

  @Test
  void parse_flowReply_keepsResponseJsonStringVerbatim() {
    MessageReceived event = message("messages/interactive-nfm-reply.json");

    assertThat(event.content())
        .isEqualTo(
            new InteractiveReply(
                InteractiveReply.Kind.FLOW,
                Optional.of("flow"),
                Optional.of("Sent"),
                Optional.empty(),
                Optional.of("{\"flow_token\":\"FLOW_TOKEN_PLACEHOLDER\",\"size\":\"M\",\"newsletter\":true}")));
    assertThat(event.context().flatMap(MessageContext::replyToMessageId)).contains("wamid.OUT_FLOW_0001");
  }

  @Test
  void parse_templateQuickReplyButton_mapsPayloadAndText() {
    MessageReceived event = message("messages/button.json");

    assertThat(event.content()).isEqualTo(new InboundContent.ButtonReply("STOP_PROMOTIONS", "Stop promotions"));
    assertThat(event.context().flatMap(MessageContext::replyToMessageId)).contains("wamid.OUT_TEMPLATE_0001");
  }

  @Test
  void parse_reaction_returnsReactionReceivedWithEmojiAndTarget() {
    ReactionReceived event = single("messages/reaction.json", ReactionReceived.class);

    assertThat(event.channel()).isEqualTo(ChannelType.WHATSAPP);
    assertThat(event.accountId()).isEqualTo(PHONE_ID);
    assertThat(event.externalId()).isEqualTo("wamid.IN_REACTION_0001");
    assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1760000240L));
    assertThat(event.from()).isEqualTo(ANA);
    assertThat(event.targetMessageId()).isEqualTo("wamid.OUT_0001");
    assertThat(event.emoji()).contains("\uD83D\uDC4D");
    assertThat(event.isRemoval()).isFalse();
  }

  @Test
  void parse_reactionWithEmptyEmoji_isRemoval() {
    ReactionReceived event = single("messages/reaction-removed.json", ReactionReceived.class);

    assertThat(event.externalId()).isEqualTo("wamid.IN_REACTION_0002");
    assertThat(event.targetMessageId()).isEqualTo("wamid.OUT_0001");
    assertThat(event.emoji()).isEmpty();
    assertThat(event.isRemoval()).isTrue();
  }

  @Test
  void parse_reactionWithoutEmojiField_isRemoval() {
    JsonNode payload = WaFixtures.json("messages/reaction.json");
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            payload.at("/entry/0/changes/0/value/messages/0/reaction"))
        .remove("emoji");

    ReactionReceived event = (ReactionReceived) WaFixtures.parser().parse(payload).get(0);

    assertThat(event.isRemoval()).isTrue();
    assertThat(event.targetMessageId()).isEqualTo("wamid.OUT_0001");
  }

  @Test
  void parse_order_mapsItemsWithExactDecimalPrices() {
    MessageReceived event = message("messages/order.json");

    assertThat(event.content()).isInstanceOf(InboundContent.Order.class);
    InboundContent.Order order = (InboundContent.Order) event.content();
    assertThat(order.catalogId()).isEqualTo("400000000000001");
    assertThat(order.text()).contains("Please deliver after 6pm");
    assertThat(order.items()).hasSize(2);
    assertThat(order.items().get(0).productRetailerId()).isEqualTo("SKU-BLUE-M");
    assertThat(order.items().get(0).quantity()).isEqualTo(2);
    assertThat(order.items().get(0).itemPrice()).isEqualByComparingTo(new BigDecimal("19.99"));
    assertThat(order.items().get(0).currency()).isEqualTo("USD");
    assertThat(order.items().get(1))
        .isEqualTo(new InboundContent.OrderItem("SKU-SOCKS", 1, order.items().get(1).itemPrice(), "USD"));
    assertThat(order.items().get(1).itemPrice()).isEqualByComparingTo(BigDecimal.valueOf(5));
  }

  @Test
  void parse_systemUserChangedNumber_mapsTypeBodyAndNewId() {
    MessageReceived event = message("messages/system-user-changed-number.json");

    assertThat(event.from()).isEqualTo(Sender.of(CUSTOMER));
    assertThat(event.content())
        .isEqualTo(
            new InboundContent.System(
                "user_changed_number",
                Optional.of("Ana Lima changed from 15551230001 to 15551230009"),
                Optional.of("15551230009")));
  }

  @Test
  void parse_systemCustomerIdentityChanged_mapsTypeWithoutNewId() {
    MessageReceived event = message("messages/system-customer-identity-changed.json");

    assertThat(event.content())
        .isEqualTo(
            new InboundContent.System(
                "customer_identity_changed", Optional.of("Ana Lima's security code changed"), Optional.empty()));
  }

  @Test
  void parse_unsupportedWithErrors_keepsErrorsAndRawJson() throws Exception {
    MessageReceived event = message("messages/unsupported.json");

    assertThat(event.externalId()).isEqualTo("wamid.IN_UNSUPPORTED_0001");
    assertThat(event.content()).isInstanceOf(InboundContent.Unsupported.class);
    InboundContent.Unsupported content = (InboundContent.Unsupported) event.content();
    assertThat(content.type()).isEqualTo("unsupported");
    assertThat(content.errors())
        .containsExactly(
            new ErrorDetail(
                131051,
                "Message type unknown",
                Optional.of("Message type unknown"),
                Optional.of("Message type is currently not supported."),
                Optional.of("https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes")));
    assertThat(WaFixtures.MAPPER.readTree(content.rawJson()))
        .isEqualTo(WaFixtures.json("messages/unsupported.json").at("/entry/0/changes/0/value/messages/0"));
  }

  @Test
  void parse_unknownMessageType_returnsUnsupportedWithThatType() throws Exception {
    JsonNode payload =
        WaFixtures.tree(
            """
            {"object":"whatsapp_business_account","entry":[{"id":"100000000000001","changes":[{"field":"messages",
             "value":{"metadata":{"phone_number_id":"200000000000001"},
              "messages":[{"from":"15551230001","id":"wamid.IN_POLL_0001","timestamp":"1760000500",
                           "type":"poll_vote","poll_vote":{"option":"A"}}]}}]}]}
            """);

    MessageReceived event = (MessageReceived) WaFixtures.parser().parse(payload).get(0);

    assertThat(event.content()).isInstanceOf(InboundContent.Unsupported.class);
    InboundContent.Unsupported content = (InboundContent.Unsupported) event.content();
    assertThat(content.type()).isEqualTo("poll_vote");
    assertThat(content.errors()).isEmpty();
    assertThat(WaFixtures.MAPPER.readTree(content.rawJson()).at("/poll_vote/option").asText()).isEqualTo("A");
  }

  @Test
  void parse_knownTypeMissingItsPayload_returnsUnsupportedInsteadOfThrowing() {
    JsonNode payload =
        WaFixtures.tree(
            """
            {"object":"whatsapp_business_account","entry":[{"id":"100000000000001","changes":[{"field":"messages",
             "value":{"metadata":{"phone_number_id":"200000000000001"},
              "messages":[{"from":"15551230001","id":"wamid.IN_BROKEN_IMAGE","timestamp":"1760000500","type":"image"},
                          {"from":"15551230001","id":"wamid.IN_BROKEN_INTERACTIVE","timestamp":"1760000501",
                           "type":"interactive","interactive":{"type":"call_permission_reply","call_permission_reply":{}}}]}}]}]}
            """);

    List<?> events = WaFixtures.parser().parse(payload);

    assertThat(events).hasSize(2);
    assertThat(((MessageReceived) events.get(0)).content())
        .isInstanceOfSatisfying(InboundContent.Unsupported.class, u -> assertThat(u.type()).isEqualTo("image"));
    assertThat(((MessageReceived) events.get(1)).content())
        .isInstanceOfSatisfying(InboundContent.Unsupported.class, u -> assertThat(u.type()).isEqualTo("interactive"));
  }

  @Test
  void parse_forwardedText_setsForwardFlags() {
    MessageReceived event = message("messages/forwarded.json");

    assertThat(event.content()).isEqualTo(new InboundContent.Text("Check this deal!"));
    assertThat(event.context()).contains(new MessageContext(Optional.empty(), Optional.empty(), true, true));
  }

  @Test
  void parse_clickToWhatsAppReferral_mapsEveryReferralField() {
    MessageReceived event = message("messages/referral.json");

    assertThat(event.content()).isEqualTo(new InboundContent.Text("Hi, I saw your ad"));
    assertThat(event.referral())
        .contains(
            new Referral(
                Optional.of("https://fb.me/PLACEHOLDER"),
                Optional.of("500000000000001"),
                Optional.of("ad"),
                Optional.of("Summer sale"),
                Optional.of("Up to 50% off"),
                Optional.of("image"),
                Optional.of("https://example.com/ad-image.jpg"),
                Optional.of("https://example.com/ad-thumb.jpg"),
                Optional.of("CTWA_CLID_PLACEHOLDER")));
  }

  @Test
  void parse_videoReferral_usesVideoUrlAsMediaUrl() {
    JsonNode payload = WaFixtures.json("messages/referral.json");
    com.fasterxml.jackson.databind.node.ObjectNode referral =
        (com.fasterxml.jackson.databind.node.ObjectNode) payload.at("/entry/0/changes/0/value/messages/0/referral");
    referral.remove("image_url");
    referral.put("media_type", "video").put("video_url", "https://example.com/ad-video.mp4");

    MessageReceived event = (MessageReceived) WaFixtures.parser().parse(payload).get(0);

    assertThat(event.referral().flatMap(Referral::mediaUrl)).contains("https://example.com/ad-video.mp4");
    assertThat(event.referral().flatMap(Referral::mediaType)).contains("video");
  }

  @Test
  void parse_usernameSenderWithoutFrom_usesBusinessScopedUserId() {
    MessageReceived event = message("messages/username-sender.json");

    assertThat(event.from())
        .isEqualTo(new Sender(BSUID, Optional.of("Ana"), Optional.of(BSUID), Optional.of("ana.lima")));
    assertThat(event.content()).isEqualTo(new InboundContent.Text("hello from a username user"));
  }

  @Test
  void parse_messageWithoutFromOrFromUserId_takesIdFromSingleContact() {
    JsonNode payload = WaFixtures.json("messages/username-sender.json");
    ((com.fasterxml.jackson.databind.node.ObjectNode) payload.at("/entry/0/changes/0/value/messages/0"))
        .remove("from_user_id");

    MessageReceived event = (MessageReceived) WaFixtures.parser().parse(payload).get(0);

    assertThat(event.from().id()).isEqualTo(BSUID);
    assertThat(event.from().username()).contains("ana.lima");
  }

  @Test
  void parse_numericTimestamp_isAcceptedLikeString() {
    JsonNode payload = WaFixtures.json("messages/text.json");
    ((com.fasterxml.jackson.databind.node.ObjectNode) payload.at("/entry/0/changes/0/value/messages/0"))
        .put("timestamp", 1760000000L);

    MessageReceived event = (MessageReceived) WaFixtures.parser().parse(payload).get(0);

    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-10-09T08:53:20Z"));
  }

  @Test
  void parse_missingTimestamp_usesClock() {
    JsonNode payload = WaFixtures.json("messages/text.json");
    ((com.fasterxml.jackson.databind.node.ObjectNode) payload.at("/entry/0/changes/0/value/messages/0"))
        .remove("timestamp");

    MessageReceived event = (MessageReceived) WaFixtures.parser().parse(payload).get(0);

    assertThat(event.occurredAt()).isEqualTo(WaFixtures.NOW);
  }

  @Test
  void parse_typedMessageCarryingErrors_becomesUnsupportedKeepingTypeAndErrors() {
    JsonNode payload =
        WaFixtures.tree(
            """
            {"object":"whatsapp_business_account","entry":[{"id":"100000000000001","changes":[{"field":"messages",
             "value":{"metadata":{"phone_number_id":"200000000000001"},
              "messages":[{"from":"15551230001","id":"wamid.IN_BIG_VIDEO","timestamp":"1760000600","type":"video",
                           "video":{"id":"300000000000099","mime_type":"video/mp4"},
                           "errors":[{"code":131052,"title":"Media download error"}]}]}}]}]}
            """);

    MessageReceived event = (MessageReceived) WaFixtures.parser().parse(payload).get(0);

    assertThat(event.content())
        .isInstanceOfSatisfying(
            InboundContent.Unsupported.class,
            u -> {
              assertThat(u.type()).isEqualTo("video");
              assertThat(u.errors()).extracting(ErrorDetail::code).containsExactly(131052);
              assertThat(u.errors().get(0).title()).isEqualTo("Media download error");
              assertThat(u.rawJson()).contains("300000000000099");
            });
  }

  @Test
  void parse_metadataMissing_fallsBackToEntryIdAsAccount() {
    JsonNode payload = WaFixtures.json("messages/text.json");
    ((com.fasterxml.jackson.databind.node.ObjectNode) payload.at("/entry/0/changes/0/value")).remove("metadata");

    MessageReceived event = (MessageReceived) WaFixtures.parser().parse(payload).get(0);

    assertThat(event.accountId()).isEqualTo(WaFixtures.WABA);
  }
}
