package io.switchboard.channel.whatsapp.internal;

import static io.switchboard.channel.whatsapp.internal.WaFixtures.CUSTOMER;
import static io.switchboard.channel.whatsapp.internal.WaFixtures.PHONE_ID;
import static io.switchboard.channel.whatsapp.internal.WaFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.event.ChannelNotification;
import io.switchboard.event.ErrorDetail;
import io.switchboard.event.Pricing;
import io.switchboard.event.StatusChanged;
import io.switchboard.message.DeliveryStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhatsAppWebhookParserStatusesTest {

  @Test
  void parse_sentStatusWithPricing_mapsEveryField() {
    StatusChanged event = single("statuses/sent.json", StatusChanged.class);

    assertThat(event.channel()).isEqualTo(ChannelType.WHATSAPP);
    assertThat(event.accountId()).isEqualTo(PHONE_ID);
    assertThat(event.externalId()).isEqualTo("wamid.OUT_0001:sent");
    assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1760000300L));
    assertThat(event.messageId()).isEqualTo("wamid.OUT_0001");
    assertThat(event.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(event.recipientId()).isEqualTo(CUSTOMER);
    assertThat(event.callbackData()).contains("order:860198");
    assertThat(event.pricing())
        .contains(new Pricing(Optional.of(true), Optional.of("PMP"), Optional.of("regular"), Optional.of("marketing")));
    assertThat(event.errors()).isEmpty();
  }

  @Test
  void parse_deliveredStatus_mapsStatusWithoutPricing() {
    StatusChanged event = single("statuses/delivered.json", StatusChanged.class);

    assertThat(event.externalId()).isEqualTo("wamid.OUT_0001:delivered");
    assertThat(event.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1760000305L));
    assertThat(event.recipientId()).isEqualTo(CUSTOMER);
    assertThat(event.pricing()).isEmpty();
    assertThat(event.callbackData()).isEmpty();
  }

  @Test
  void parse_readStatus_mapsFreeServicePricing() {
    StatusChanged event = single("statuses/read.json", StatusChanged.class);

    assertThat(event.externalId()).isEqualTo("wamid.OUT_0001:read");
    assertThat(event.status()).isEqualTo(DeliveryStatus.READ);
    assertThat(event.pricing())
        .contains(
            new Pricing(Optional.of(false), Optional.of("PMP"), Optional.of("free_customer_service"), Optional.of("service")));
  }

  @Test
  void parse_playedStatus_mapsPlayed() {
    StatusChanged event = single("statuses/played.json", StatusChanged.class);

    assertThat(event.externalId()).isEqualTo("wamid.OUT_VOICE_0001:played");
    assertThat(event.messageId()).isEqualTo("wamid.OUT_VOICE_0001");
    assertThat(event.status()).isEqualTo(DeliveryStatus.PLAYED);
  }

  @Test
  void parse_failedStatus_maps131047Error() {
    StatusChanged event = single("statuses/failed.json", StatusChanged.class);

    assertThat(event.externalId()).isEqualTo("wamid.OUT_0002:failed");
    assertThat(event.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1760000400L));
    assertThat(event.errors())
        .containsExactly(
            new ErrorDetail(
                131047,
                "Re-engagement message",
                Optional.of("Re-engagement message"),
                Optional.of(
                    "Message failed to send because more than 24 hours have passed since the customer last replied to this number."),
                Optional.of("https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes")));
  }

  @Test
  void parse_unknownStatusValue_becomesNotificationWithStatusObject() throws Exception {
    ChannelNotification event = single("statuses/unknown-status.json", ChannelNotification.class);

    assertThat(event.channel()).isEqualTo(ChannelType.WHATSAPP);
    assertThat(event.accountId()).isEqualTo(PHONE_ID);
    assertThat(event.topic()).isEqualTo("messages.statuses");
    assertThat(event.externalId()).matches("n:[0-9a-f]{64}");
    assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1760000410L));
    assertThat(WaFixtures.MAPPER.readTree(event.payloadJson()))
        .isEqualTo(WaFixtures.json("statuses/unknown-status.json").at("/entry/0/changes/0/value/statuses/0"));
  }

  @Test
  void parse_sameStatusTwice_givesSameExternalIds() {
    assertThat(WaFixtures.parse("statuses/unknown-status.json"))
        .isEqualTo(WaFixtures.parse("statuses/unknown-status.json"));
    assertThat(WaFixtures.parse("statuses/sent.json").get(0).externalId())
        .isEqualTo(WaFixtures.parse("statuses/sent.json").get(0).externalId());
  }
}
