package io.switchboard.channel.whatsapp.internal;

import static io.switchboard.channel.whatsapp.internal.WaFixtures.PHONE_ID;
import static io.switchboard.channel.whatsapp.internal.WaFixtures.PHONE_ID_2;
import static io.switchboard.channel.whatsapp.internal.WaFixtures.WABA;
import static io.switchboard.channel.whatsapp.internal.WaFixtures.WABA_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.ChannelType;
import io.switchboard.event.ChannelNotification;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.ReactionReceived;
import io.switchboard.event.Sender;
import io.switchboard.event.StatusChanged;
import io.switchboard.message.DeliveryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhatsAppWebhookParserBatchTest {

  private final List<InboundEvent> events = WaFixtures.parse("batch-two-accounts.json");

  @Test
  void parse_batchOfTwoEntries_returnsEveryEventInPayloadOrder() {
    assertThat(events)
        .extracting(InboundEvent::getClass, InboundEvent::accountId, InboundEvent::externalId)
        .containsExactly(
            tuple(MessageReceived.class, PHONE_ID, "wamid.BATCH_A_1"),
            tuple(MessageReceived.class, PHONE_ID, "wamid.BATCH_A_2"),
            tuple(ReactionReceived.class, PHONE_ID, "wamid.BATCH_A_3"),
            tuple(StatusChanged.class, PHONE_ID, "wamid.OUT_0001:delivered"),
            tuple(StatusChanged.class, PHONE_ID, "wamid.OUT_0001:read"),
            tuple(ChannelNotification.class, WABA, events.get(5).externalId()),
            tuple(MessageReceived.class, PHONE_ID_2, "wamid.BATCH_B_1"),
            tuple(MessageReceived.class, PHONE_ID_2, "wamid.BATCH_B_2"),
            tuple(StatusChanged.class, PHONE_ID_2, "wamid.OUT_B_0001:sent"),
            tuple(ChannelNotification.class, WABA_2, events.get(9).externalId()));
    assertThat(events).extracting(InboundEvent::channel).containsOnly(ChannelType.WHATSAPP);
    assertThat(events).extracting(InboundEvent::externalId).doesNotHaveDuplicates();
  }

  @Test
  void parse_batchWithTwoContacts_matchesEachSenderToOwnProfile() {
    MessageReceived first = (MessageReceived) events.get(0);
    MessageReceived second = (MessageReceived) events.get(1);
    ReactionReceived reaction = (ReactionReceived) events.get(2);

    assertThat(first.from())
        .isEqualTo(new Sender("15551230001", Optional.of("Ana Lima"), Optional.of("US.1000000000000000001"), Optional.empty()));
    assertThat(first.content()).isEqualTo(new InboundContent.Text("first"));
    assertThat(second.from())
        .isEqualTo(new Sender("15551230005", Optional.of("Diego Alves"), Optional.of("US.1000000000000000005"), Optional.empty()));
    assertThat(second.content())
        .isInstanceOfSatisfying(InboundContent.Media.class, m -> {
          assertThat(m.mediaId()).isEqualTo("300000000000010");
          assertThat(m.mimeType()).contains("image/png");
        });
    assertThat(reaction.from().name()).contains("Ana Lima");
    assertThat(reaction.emoji()).contains("\u2764\ufe0f");
  }

  @Test
  void parse_batch_convertsEachTimestamp() {
    assertThat(events)
        .extracting(InboundEvent::occurredAt)
        .containsExactly(
            Instant.ofEpochSecond(1760003001L),
            Instant.ofEpochSecond(1760003002L),
            Instant.ofEpochSecond(1760003003L),
            Instant.ofEpochSecond(1760003004L),
            Instant.ofEpochSecond(1760003005L),
            Instant.ofEpochSecond(1760003000L),
            Instant.ofEpochSecond(1760003101L),
            Instant.ofEpochSecond(1760003102L),
            Instant.ofEpochSecond(1760003103L),
            Instant.ofEpochSecond(1760003100L));
  }

  @Test
  void parse_batch_mapsSecondAccountContentAndNotifications() {
    MessageReceived location = (MessageReceived) events.get(7);
    StatusChanged sent = (StatusChanged) events.get(8);
    ChannelNotification template = (ChannelNotification) events.get(5);
    ChannelNotification quality = (ChannelNotification) events.get(9);

    assertThat(((MessageReceived) events.get(6)).from().name()).contains("Eva Souza");
    assertThat(location.content())
        .isEqualTo(new InboundContent.Location(-23.5505, -46.6333, Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(sent.pricing().flatMap(p -> p.category())).contains("utility");
    assertThat(sent.pricing().flatMap(p -> p.billable())).isEmpty();
    assertThat(template.topic()).isEqualTo("message_template_status_update");
    assertThat(template.payloadJson()).contains("\"promo_summer\"").contains("\"REJECTED\"");
    assertThat(quality.topic()).isEqualTo("phone_number_quality_update");
    assertThat(quality.payloadJson()).contains("\"TIER_10K\"");
  }
}
