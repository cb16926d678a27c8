package io.switchboard.channel.instagram.internal;

import static io.switchboard.channel.instagram.internal.IgFixtures.ACCOUNT_1;
import static io.switchboard.channel.instagram.internal.IgFixtures.ACCOUNT_2;
import static io.switchboard.channel.instagram.internal.IgFixtures.CUSTOMER_1;
import static io.switchboard.channel.instagram.internal.IgFixtures.NOW;
import static io.switchboard.channel.instagram.internal.IgFixtures.T;
import static io.switchboard.channel.instagram.internal.IgFixtures.json;
import static io.switchboard.channel.instagram.internal.IgFixtures.load;
import static io.switchboard.channel.instagram.internal.IgFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.event.ChannelNotification;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageEcho;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.MessagesRead;
import io.switchboard.event.Postback;
import io.switchboard.event.ReactionReceived;
import io.switchboard.event.ReferralReceived;
import io.switchboard.event.Sender;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reactions, postbacks, referrals, reads, changes, standby, unknown events, batches and ids. */
class InstagramWebhookParserEventsTest {

  @Test
  void react_becomesReactionWithEmoji() {
    ReactionReceived r = (ReactionReceived) parse("reactions/react.json").get(0);

    assertThat(r.accountId()).isEqualTo(ACCOUNT_1);
    assertThat(r.from()).isEqualTo(Sender.of(CUSTOMER_1));
    assertThat(r.targetMessageId()).isEqualTo("mid.OUT_001");
    assertThat(r.emoji()).contains("\u2764\ufe0f");
    assertThat(r.externalId()).startsWith("react:");
  }

  @Test
  void unreact_becomesRemovalWithADistinctId() {
    ReactionReceived react = (ReactionReceived) parse("reactions/react.json").get(0);
    ReactionReceived unreact = (ReactionReceived) parse("reactions/unreact.json").get(0);

    assertThat(unreact.isRemoval()).isTrue();
    assertThat(unreact.targetMessageId()).isEqualTo("mid.OUT_001");
    assertThat(unreact.externalId()).startsWith("unreact:").isNotEqualTo(react.externalId());
  }

  @Test
  void reactWithoutEmoji_fallsBackToTheReactionName() {
    String body = """
        {"object":"instagram","entry":[{"id":"17841400000000001","messaging":[
          {"sender":{"id":"1234567890000001"},"recipient":{"id":"17841400000000001"},"timestamp":1760000000000,
           "reaction":{"mid":"mid.OUT_001","action":"react","reaction":"love"}}]}]}""";

    assertThat(((ReactionReceived) IgFixtures.PARSER.parse(json(body)).get(0)).emoji()).contains("love");
  }

  @Test
  void postback_becomesPostbackWithPayloadTitleAndPrefixedMid() {
    List<InboundEvent> events = parse("postback.json");

    assertThat(events).containsExactly(new Postback(
        ChannelType.INSTAGRAM, ACCOUNT_1, "postback:mid.IN_PB_001", T, Sender.of(CUSTOMER_1), "TRACK_ORDER",
        Optional.of("Track my order"), Optional.empty()));
  }

  @Test
  void referral_becomesReferralReceivedWithRefAndSource() {
    ReferralReceived r = (ReferralReceived) parse("referral-open-thread.json").get(0);

    assertThat(r.from()).isEqualTo(Sender.of(CUSTOMER_1));
    assertThat(r.referral().ref()).contains("bio_link");
    assertThat(r.referral().sourceType()).contains("SHORTLINK");
    assertThat(r.externalId()).startsWith("referral:");
  }

  @Test
  void read_becomesMessagesReadOfThatMessage() {
    List<InboundEvent> events = parse("read.json");

    assertThat(events).containsExactly(new MessagesRead(
        ChannelType.INSTAGRAM, ACCOUNT_1, "read:mid.OUT_001", T, CUSTOMER_1, Optional.of("mid.OUT_001"), Optional.empty()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"comments", "live_comments", "mentions"})
  void changes_becomeNotificationsWithFieldAsTopicAndValueAsPayload(String field) {
    String file = "changes/" + field.replace('_', '-') + ".json";
    ChannelNotification n = (ChannelNotification) parse(file).get(0);

    assertThat(n.accountId()).isEqualTo(ACCOUNT_1);
    assertThat(n.topic()).isEqualTo(field);
    assertThat(json(n.payloadJson())).isEqualTo(load(file).path("entry").path(0).path("changes").path(0).path("value"));
    assertThat(n.occurredAt()).isEqualTo(Instant.ofEpochSecond(1_760_000_100L));
    assertThat(n.externalId()).matches("n:[0-9a-f]{64}");
  }

  @Test
  void otherChangeField_isPassedOnNotDropped() {
    ChannelNotification n = (ChannelNotification) parse("changes/other-field.json").get(0);

    assertThat(n.topic()).isEqualTo("story_insights");
    assertThat(json(n.payloadJson()).path("reach").asInt()).isEqualTo(40);
  }

  @Test
  void standby_isParsedLikeMessaging() {
    MessageReceived m = (MessageReceived) parse("standby.json").get(0);

    assertThat(m.externalId()).isEqualTo("mid.IN_STANDBY_001");
    assertThat(m.from().id()).isEqualTo("1234567890000003");
  }

  @Test
  void unknownMessagingEvent_becomesNotificationNamedAfterItsKey() {
    ChannelNotification n = (ChannelNotification) parse("unknown-event.json").get(0);

    assertThat(n.topic()).isEqualTo("message_edit");
    assertThat(json(n.payloadJson()).path("message_edit").path("num_edit").asInt()).isEqualTo(1);
    assertThat(n.occurredAt()).isEqualTo(T);
  }

  @Test
  void batchWithTwoAccounts_eachEventCarriesItsOwnAccount() {
    List<InboundEvent> events = parse("batch-two-accounts.json");

    assertThat(events).hasSize(5);
    assertThat(events).extracting(InboundEvent::accountId)
        .containsExactly(ACCOUNT_1, ACCOUNT_1, ACCOUNT_2, ACCOUNT_2, ACCOUNT_2);
    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("MessageReceived", "MessagesRead", "MessageReceived", "MessageEcho", "ChannelNotification");
    assertThat(events).filteredOn(e -> e instanceof MessageReceived)
        .extracting(InboundEvent::externalId).containsExactly("mid.BATCH_001", "mid.BATCH_002");
    assertThat(((MessageEcho) events.get(3)).recipientId()).isEqualTo("1234567890000002");
  }

  @Test
  void echoes_neverProduceMessageReceived_acrossAllFixtures() {
    for (String f : List.of("echo/echo-instagram-login.json", "echo/echo-facebook-login.json", "batch-two-accounts.json")) {
      assertThat(parse(f)).filteredOn(e -> e instanceof MessageReceived)
          .extracting(InboundEvent::externalId).noneMatch(id -> id.contains("ECHO"));
    }
  }

  @Test
  void externalIds_areDeterministic_andIgnoreKeyOrderAndWhitespace() {
    for (String f : List.of("batch-two-accounts.json", "reactions/react.json", "reactions/unreact.json",
        "referral-open-thread.json", "changes/comments.json", "unknown-event.json")) {
      assertThat(parse(f)).extracting(InboundEvent::externalId)
          .containsExactlyElementsOf(parse(f).stream().map(InboundEvent::externalId).toList());
    }
    String a = """
        {"object":"instagram","entry":[{"id":"17841400000000001","changes":[{"field":"mentions","value":{"media_id":"1","comment_id":"2"}}]}]}""";
    String b = """
        {"entry":[{"changes":[{"value":{"comment_id":"2",  "media_id":"1"},"field":"mentions"}],"id":"17841400000000001"}],"object":"instagram"}""";
    assertThat(IgFixtures.PARSER.parse(json(a)).get(0).externalId())
        .isEqualTo(IgFixtures.PARSER.parse(json(b)).get(0).externalId());
  }

  @Test
  void sameContentOnTwoAccounts_getsDifferentIds() {
    String template = """
        {"object":"instagram","entry":[{"id":"%s","changes":[{"field":"mentions","value":{"media_id":"1"}}]}]}""";

    assertThat(IgFixtures.PARSER.parse(json(template.formatted(ACCOUNT_1))).get(0).externalId())
        .isNotEqualTo(IgFixtures.PARSER.parse(json(template.formatted(ACCOUNT_2))).get(0).externalId());
  }

  @Test
  void entryWithoutAnyEventArray_isPassedOnAsNotification() {
    List<InboundEvent> events = IgFixtures.PARSER.parse(json("""
        {"object":"instagram","entry":[{"id":"17841400000000001","something_new":{"a":1}}]}"""));

    ChannelNotification n = (ChannelNotification) events.get(0);
    assertThat(n.topic()).isEqualTo("entry");
    assertThat(n.occurredAt()).isEqualTo(NOW);
  }

  @Test
  void readWithWatermarkOnly_usesTheWatermark() {
    MessagesRead r = (MessagesRead) IgFixtures.PARSER.parse(json("""
        {"object":"instagram","entry":[{"id":"17841400000000001","messaging":[
          {"sender":{"id":"1234567890000001"},"recipient":{"id":"17841400000000001"},"timestamp":1760000000000,
           "read":{"watermark":1759999999000}}]}]}""")).get(0);

    assertThat(r.messageId()).isEmpty();
    assertThat(r.watermark()).contains(Instant.ofEpochMilli(1_759_999_999_000L));
    assertThat(r.externalId()).isEqualTo("read:1234567890000001:1759999999000");
  }
}
