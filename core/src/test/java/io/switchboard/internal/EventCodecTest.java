package io.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.event.ChannelError;
import io.switchboard.event.ChannelNotification;
import io.switchboard.event.ErrorDetail;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageContext;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.Pricing;
import io.switchboard.event.ReactionReceived;
import io.switchboard.event.Referral;
import io.switchboard.event.Sender;
import io.switchboard.event.StatusChanged;
import io.switchboard.message.ContactCard;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.MediaKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
  private static final Sender ANA = new Sender("16505551234", Optional.of("Ana Lima"),
      Optional.of("US.13491208655302741918"), Optional.of("ana.l"));
  private final EventCodec codec = new EventCodec();

  private static MessageReceived message(InboundContent content) {
    return new MessageReceived(ChannelType.WHATSAPP, "106540352242922", "wamid." + content.getClass().getSimpleName(),
        T, ANA, content,
        Optional.of(new MessageContext(Optional.of("wamid.OUT"), Optional.of("15550783881"), true, false)),
        Optional.of(new Referral(Optional.of("https://fb.me/x"), Optional.of("ad-1"), Optional.of("ad"),
            Optional.of("Sale"), Optional.empty(), Optional.of("image"), Optional.of("https://img"),
            Optional.empty(), Optional.of("clid-1"))));
  }

  static Stream<InboundEvent> everyEventShape() {
    ErrorDetail err = new ErrorDetail(131047, "Re-engagement message", Optional.of("Re-engagement message"),
        Optional.of("more than 24 hours"), Optional.of("https://developers.facebook.com/"));
    ContactCard card = ContactCard.builder("Ana Lima").firstName("Ana").lastName("Lima")
        .addPhone("+16505551234", "CELL", "16505551234").addEmail("ana@example.com", "WORK")
        .addUrl("https://example.com", null)
        .addAddress(new ContactCard.Address(Optional.of("1 Main St"), Optional.of("Menlo Park"), Optional.empty(),
            Optional.of("94025"), Optional.of("United States"), Optional.of("US"), Optional.of("HOME")))
        .organization(new ContactCard.Organization(Optional.of("Acme"), Optional.empty(), Optional.of("CTO")))
        .birthday(LocalDate.of(1990, 5, 17)).build();
    return Stream.of(
        message(new InboundContent.Text("Is the blue one in stock? ✓ ünïcode")),
        message(new InboundContent.Media(MediaKind.IMAGE, "1479537139650973", Optional.of("image/jpeg"),
            Optional.of("b1Yk="), Optional.of("this one"), Optional.empty(), Optional.of("https://lookaside"), false, false)),
        message(new InboundContent.Media(MediaKind.AUDIO, "77", Optional.of("audio/ogg"), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), true, false)),
        message(new InboundContent.Location(39.28, -84.26, Optional.of("Office"), Optional.of("1 Main"), Optional.empty())),
        message(new InboundContent.Contacts(List.of(card))),
        message(new InboundContent.InteractiveReply(InboundContent.InteractiveReply.Kind.LIST, Optional.of("priority"),
            Optional.of("Priority"), Optional.of("Next day"), Optional.empty())),
        message(new InboundContent.InteractiveReply(InboundContent.InteractiveReply.Kind.FLOW, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.of("{\"flow_token\":\"t\"}"))),
        message(new InboundContent.ButtonReply("OPT_YES", "Yes")),
        message(new InboundContent.Order("cat-1", Optional.of("please"), List.of(
            new InboundContent.OrderItem("sku-1", 2, new BigDecimal("19.99"), "USD")))),
        message(new InboundContent.System("user_changed_number", Optional.of("changed"), Optional.of("16505550000"))),
        message(new InboundContent.Unsupported("unsupported", List.of(err), "{\"type\":\"unsupported\"}")),
        new ReactionReceived(ChannelType.WHATSAPP, "106", "wamid.R", T, ANA, "wamid.T", Optional.of("👍")),
        new ReactionReceived(ChannelType.WHATSAPP, "106", "wamid.R2", T, ANA, "wamid.T", Optional.empty()),
        new StatusChanged(ChannelType.WHATSAPP, "106", "wamid.O:failed", T, "wamid.O", DeliveryStatus.FAILED,
            "16505551234", Optional.of("order:860198"),
            Optional.of(new Pricing(Optional.of(true), Optional.of("PMP"), Optional.of("regular"), Optional.of("marketing"))),
            List.of(err)),
        new ChannelError(ChannelType.WHATSAPP, "106", "err:abc", T, List.of(err)),
        new MessageReceived(ChannelType.INSTAGRAM, "1784", "aWdf_mid", T, Sender.of("IGSID1"),
            new InboundContent.Attachments(Optional.of("look"), List.of(new InboundContent.Attachment("story_mention",
                Optional.empty(), Optional.of("https://cdn/story"), Optional.empty(), Optional.empty(), "{\"url\":\"x\"}"),
                new InboundContent.Attachment("image", Optional.of(MediaKind.IMAGE), Optional.of("https://cdn/i"),
                    Optional.empty(), Optional.empty(), "{}"))),
            Optional.of(new MessageContext(Optional.empty(), Optional.empty(), false, false, Optional.of("st-1"),
                Optional.of("https://cdn/st"))),
            Optional.of(new Referral(Optional.empty(), Optional.of("ad-9"), Optional.of("ADS"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("promo")))),
        new io.switchboard.event.Postback(ChannelType.MESSENGER, "PAGE", "m_pb", T, Sender.of("PSID"), "BUY", Optional.of("Buy"),
            Optional.empty()),
        new io.switchboard.event.MessagesRead(ChannelType.MESSENGER, "PAGE", "r:1", T, "PSID", Optional.empty(),
            Optional.of(T.minusSeconds(5))),
        new io.switchboard.event.MessagesDelivered(ChannelType.MESSENGER, "PAGE", "d:1", T, "PSID", List.of("m_1", "m_2"),
            Optional.of(T)),
        new io.switchboard.event.MessageEcho(ChannelType.MESSENGER, "PAGE", "m_echo", T, "PSID",
            new InboundContent.Text("sent from inbox"), Optional.empty(), Optional.of("crm:42")),
        new io.switchboard.event.MessageDeleted(ChannelType.INSTAGRAM, "1784", "del:m", T, Sender.of("IGSID1"), "m"),
        new io.switchboard.event.ReferralReceived(ChannelType.MESSENGER, "PAGE", "ref:1", T, Sender.of("PSID"),
            new Referral(Optional.empty(), Optional.empty(), Optional.of("SHORTLINK"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("summer"))),
        new ChannelNotification(ChannelType.WHATSAPP, "102290129340398", "n:abc", T,
            "message_template_status_update", "{\"event\":\"APPROVED\"}"));
  }

  @ParameterizedTest
  @MethodSource("everyEventShape")
  void encodeDecode_everyEventShape_roundTripsEqual(InboundEvent event) {
    String json = codec.encode(event);
    assertThat(codec.decode(json)).isEqualTo(event);
  }

  @Test
  void encode_usesStableTypeNames() {
    assertThat(codec.encode(everyEventShape().findFirst().orElseThrow()))
        .startsWith("{\"@type\":\"message\"")
        .contains("\"@type\":\"text\"");
  }

  @Test
  void decode_unknownFieldsFromNewerVersion_ignored() {
    String json = codec.encode(new ChannelError(ChannelType.WHATSAPP, "1", "e", T, List.of()));
    String withExtra = json.replaceFirst("\\{", "{\"addedLater\":1,");
    assertThat(codec.decode(withExtra)).isInstanceOf(ChannelError.class);
  }

  @Test
  void decode_garbage_throwsWithReason() {
    assertThatThrownBy(() -> codec.decode("{\"@type\":\"nope\"}")).hasMessageContaining("cannot read stored event");
  }
}
