package io.switchboard.channel.whatsapp.internal;

import static io.switchboard.channel.whatsapp.internal.WaFixtures.PHONE_ID;
import static io.switchboard.channel.whatsapp.internal.WaFixtures.WABA;
import static io.switchboard.channel.whatsapp.internal.WaFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ChannelType;
import io.switchboard.event.ChannelError;
import io.switchboard.event.ChannelNotification;
import io.switchboard.event.ErrorDetail;
import io.switchboard.event.InboundEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhatsAppWebhookParserNotificationsTest {

  @Test
  void parse_valueLevelErrors_returnsOneChannelErrorAtClockTime() {
    ChannelError event = single("errors/value-errors.json", ChannelError.class);

    assertThat(event.channel()).isEqualTo(ChannelType.WHATSAPP);
    assertThat(event.accountId()).isEqualTo(PHONE_ID);
    assertThat(event.externalId()).matches("err:[0-9a-f]{64}");
    assertThat(event.occurredAt()).isEqualTo(WaFixtures.NOW);
    assertThat(event.errors())
        .containsExactly(
            new ErrorDetail(
                131000,
                "Something went wrong",
                Optional.of("Something went wrong"),
                Optional.of("Unsupported webhook payload"),
                Optional.of("https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes")));
  }

  @Test
  void parse_valueLevelErrorsTwice_givesSameExternalId() {
    String first = WaFixtures.parse("errors/value-errors.json").get(0).externalId();
    String second = new WhatsAppWebhookParser(java.time.Clock.systemUTC())
        .parse(WaFixtures.json("errors/value-errors.json")).get(0).externalId();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void parse_differentValueLevelErrors_giveDifferentExternalIds() {
    JsonNode payload = WaFixtures.json("errors/value-errors.json");
    ((ObjectNode) payload.at("/entry/0/changes/0/value/errors/0")).put("code", 131016);

    String changed = WaFixtures.parser().parse(payload).get(0).externalId();

    assertThat(changed).isNotEqualTo(WaFixtures.parse("errors/value-errors.json").get(0).externalId());
  }

  @Test
  void parse_templateStatusUpdate_returnsNotificationForWaba() throws Exception {
    ChannelNotification event = single("notifications/template-status.json", ChannelNotification.class);

    assertThat(event.channel()).isEqualTo(ChannelType.WHATSAPP);
    assertThat(event.accountId()).isEqualTo(WABA);
    assertThat(event.topic()).isEqualTo("message_template_status_update");
    assertThat(event.externalId()).matches("n:[0-9a-f]{64}");
    assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1760001000L));
    JsonNode payload = WaFixtures.MAPPER.readTree(event.payloadJson());
    assertThat(payload).isEqualTo(WaFixtures.json("notifications/template-status.json").at("/entry/0/changes/0/value"));
    assertThat(payload.get("event").asText()).isEqualTo("APPROVED");
    assertThat(payload.get("message_template_name").asText()).isEqualTo("order_update");
  }

  @Test
  void parse_phoneNumberQualityUpdate_returnsNotificationForWaba() throws Exception {
    ChannelNotification event = single("notifications/phone-number-quality.json", ChannelNotification.class);

    assertThat(event.accountId()).isEqualTo(WABA);
    assertThat(event.topic()).isEqualTo("phone_number_quality_update");
    assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1760002000L));
    JsonNode payload = WaFixtures.MAPPER.readTree(event.payloadJson());
    assertThat(payload.get("event").asText()).isEqualTo("DOWNGRADE");
    assertThat(payload.get("current_limit").asText()).isEqualTo("TIER_1K");
  }

  @Test
  void parse_notificationWithValueTimestamp_prefersValueTimestampOverEntryTime() {
    JsonNode payload = WaFixtures.json("notifications/template-status.json");
    ((ObjectNode) payload.at("/entry/0/changes/0/value")).put("timestamp", "1760009999");

    InboundEvent event = WaFixtures.parser().parse(payload).get(0);

    assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1760009999L));
  }

  @Test
  void parse_notificationWithoutAnyTime_usesClock() {
    JsonNode payload = WaFixtures.json("notifications/template-status.json");
    ((ObjectNode) payload.at("/entry/0")).remove("time");

    InboundEvent event = WaFixtures.parser().parse(payload).get(0);

    assertThat(event.occurredAt()).isEqualTo(WaFixtures.NOW);
  }

  @Test
  void parse_entryTimeInMilliseconds_isReadAsMilliseconds() {
    JsonNode payload = WaFixtures.json("notifications/template-status.json");
    ((ObjectNode) payload.at("/entry/0")).put("time", 1760001000123L);

    InboundEvent event = WaFixtures.parser().parse(payload).get(0);

    assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochMilli(1760001000123L));
  }

  @Test
  void parse_unknownField_becomesNotificationWithFieldAsTopic() {
    JsonNode payload =
        WaFixtures.tree(
            """
            {"object":"whatsapp_business_account","entry":[{"id":"100000000000001","time":1760004000,
             "changes":[{"field":"some_future_field","value":{"a":1,"nested":{"b":[true,null,"x"]}}}]}]}
            """);

    List<InboundEvent> events = WaFixtures.parser().parse(payload);

    assertThat(events).singleElement().isInstanceOfSatisfying(ChannelNotification.class, n -> {
      assertThat(n.topic()).isEqualTo("some_future_field");
      assertThat(n.accountId()).isEqualTo(WABA);
      assertThat(n.payloadJson()).isEqualTo("{\"a\":1,\"nested\":{\"b\":[true,null,\"x\"]}}");
      assertThat(n.occurredAt()).isEqualTo(Instant.ofEpochSecond(1760004000L));
    });
  }

  @Test
  void parse_notificationWithoutValue_passesJsonNull() {
    JsonNode payload =
        WaFixtures.tree(
            """
            {"object":"whatsapp_business_account","entry":[{"id":"100000000000001","changes":[{"field":"account_update"}]}]}
            """);

    ChannelNotification event = (ChannelNotification) WaFixtures.parser().parse(payload).get(0);

    assertThat(event.payloadJson()).isEqualTo("null");
    assertThat(event.topic()).isEqualTo("account_update");
    assertThat(event.occurredAt()).isEqualTo(WaFixtures.NOW);
  }

  @Test
  void parse_sameNotificationTwice_givesIdenticalExternalIds() {
    String first = WaFixtures.parse("notifications/template-status.json").get(0).externalId();
    String second = WaFixtures.parse("notifications/template-status.json").get(0).externalId();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void parse_notificationWithReorderedKeys_givesSameExternalId() {
    JsonNode a = WaFixtures.tree(
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"account_alerts\","
            + "\"value\":{\"x\":1,\"y\":{\"p\":\"q\",\"r\":2.50}}}]}]}");
    JsonNode b = WaFixtures.tree(
        "{\"entry\":[{\"changes\":[{\"value\":{\"y\":{\"r\":2.5,\"p\":\"q\"},\"x\":1},\"field\":\"account_alerts\"}],"
            + "\"id\":\"1\"}],\"object\":\"whatsapp_business_account\"}");

    assertThat(WaFixtures.parser().parse(b).get(0).externalId())
        .isEqualTo(WaFixtures.parser().parse(a).get(0).externalId());
  }

  @Test
  void parse_sameValueUnderDifferentWabaOrField_givesDifferentExternalIds() {
    String base = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"%s\",\"changes\":[{\"field\":\"%s\","
        + "\"value\":{\"event\":\"X\"}}]}]}";
    String id1 = WaFixtures.parser().parse(WaFixtures.tree(base.formatted("1", "account_alerts"))).get(0).externalId();
    String id2 = WaFixtures.parser().parse(WaFixtures.tree(base.formatted("2", "account_alerts"))).get(0).externalId();
    String id3 = WaFixtures.parser().parse(WaFixtures.tree(base.formatted("1", "account_update"))).get(0).externalId();

    assertThat(List.of(id1, id2, id3)).doesNotHaveDuplicates();
  }

  @Test
  void parse_messagesChangeWithNothingModelled_becomesMessagesNotification() {
    JsonNode payload =
        WaFixtures.tree(
            """
            {"object":"whatsapp_business_account","entry":[{"id":"100000000000001","changes":[{"field":"messages",
             "value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"200000000000001"},
                      "message_echoes":[{"id":"wamid.ECHO"}]}}]}]}
            """);

    ChannelNotification event = (ChannelNotification) WaFixtures.parser().parse(payload).get(0);

    assertThat(event.topic()).isEqualTo("messages");
    assertThat(event.accountId()).isEqualTo(PHONE_ID);
    assertThat(event.payloadJson()).contains("wamid.ECHO");
  }
}
