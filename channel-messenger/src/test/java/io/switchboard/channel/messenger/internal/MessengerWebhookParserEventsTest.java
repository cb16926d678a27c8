package io.switchboard.channel.messenger.internal;

import static io.switchboard.channel.messenger.internal.MsFixtures.AT;
import static io.switchboard.channel.messenger.internal.MsFixtures.PAGE;
import static io.switchboard.channel.messenger.internal.MsFixtures.PSID;
import static io.switchboard.channel.messenger.internal.MsFixtures.single;
import static io.switchboard.channel.messenger.internal.MsFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.event.ChannelNotification;
import io.switchboard.event.MessagesDelivered;
import io.switchboard.event.MessagesRead;
import io.switchboard.event.Postback;
import io.switchboard.event.ReactionReceived;
import io.switchboard.event.ReferralReceived;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Postbacks, reads, deliveries, reactions, referrals and everything else. */
class MessengerWebhookParserEventsTest {

  @Test
  void postback() {
    Postback p = single("postbacks/postback.json", Postback.class);

    assertThat(p.accountId()).isEqualTo(PAGE);
    assertThat(p.externalId()).isEqualTo("m_IN_PB_0001");
    assertThat(p.occurredAt()).isEqualTo(AT);
    assertThat(p.from().id()).isEqualTo(PSID);
    assertThat(p.payload()).isEqualTo("GET_STARTED");
    assertThat(p.title()).contains("Get started");
    assertThat(p.referral()).isEmpty();
  }

  @Test
  void postbackWithReferral() {
    Postback p = single("postbacks/postback-with-referral.json", Postback.class);

    assertThat(p.externalId()).isEqualTo("m_IN_PB_0002");
    assertThat(p.referral()).hasValueSatisfying(r -> {
      assertThat(r.ref()).contains("summer-campaign");
      assertThat(r.sourceType()).contains("SHORTLINK");
      assertThat(r.sourceId()).isEmpty();
    });
  }

  @Test
  void postbackWithoutMid_getsStableContentId() {
    Postback first = single("postbacks/postback-without-mid.json", Postback.class);
    Postback again = single("postbacks/postback-without-mid.json", Postback.class);

    assertThat(first.externalId()).startsWith("pb:").hasSize(3 + 64).isEqualTo(again.externalId());
    assertThat(first.payload()).isEqualTo("MENU_HOURS");
  }

  @Test
  void read_watermarkIsMillis() {
    MessagesRead r = single("receipts/read.json", MessagesRead.class);

    assertThat(r.accountId()).isEqualTo(PAGE);
    assertThat(r.readerId()).isEqualTo(PSID);
    assertThat(r.watermark()).contains(Instant.ofEpochMilli(1760000000000L));
    assertThat(r.externalId()).isEqualTo("read:" + PSID + ":1760000000000");
    assertThat(r.occurredAt()).isEqualTo(AT.plusMillis(1000));
    assertThat(r.messageId()).isEmpty();
  }

  @Test
  void delivery_withMids() {
    MessagesDelivered d = single("receipts/delivery.json", MessagesDelivered.class);

    assertThat(d.accountId()).isEqualTo(PAGE);
    assertThat(d.recipientId()).isEqualTo(PSID);
    assertThat(d.messageIds()).containsExactly("m_OUT_0001", "m_OUT_0002");
    assertThat(d.watermark()).contains(Instant.ofEpochMilli(1760000000050L));
    assertThat(d.externalId()).matches("delivery:" + PSID + ":1760000000050:[0-9a-f]{16}");
  }

  @Test
  void delivery_withoutMids() {
    MessagesDelivered d = single("receipts/delivery-without-mids.json", MessagesDelivered.class);

    assertThat(d.messageIds()).isEmpty();
    assertThat(d.externalId()).isEqualTo("delivery:" + PSID + ":1760000000050");
    assertThat(d.externalId())
        .isNotEqualTo(single("receipts/delivery.json", MessagesDelivered.class).externalId());
  }

  @Test
  void react_and_unreact() {
    ReactionReceived react = single("reactions/react.json", ReactionReceived.class);
    ReactionReceived unreact = single("reactions/unreact.json", ReactionReceived.class);

    assertThat(react.targetMessageId()).isEqualTo("m_OUT_0001");
    assertThat(react.emoji()).contains("\u2764\ufe0f");
    assertThat(react.isRemoval()).isFalse();
    assertThat(react.externalId()).isEqualTo("react:m_OUT_0001:" + PSID + ":react:" + AT.plusMillis(3000).toEpochMilli());

    assertThat(unreact.targetMessageId()).isEqualTo("m_OUT_0001");
    assertThat(unreact.emoji()).isEmpty();
    assertThat(unreact.isRemoval()).isTrue();
    assertThat(unreact.externalId()).startsWith("react:m_OUT_0001:" + PSID + ":unreact:");
    assertThat(unreact.externalId()).isNotEqualTo(react.externalId());
  }

  @Test
  void reactWithoutEmoji_fallsBackToReactionName_notARemoval() {
    ReactionReceived r = MsFixtures.parser().parse(tree("""
        {"object":"page","entry":[{"id":"300000000000001","messaging":[
          {"sender":{"id":"400000000000001"},"recipient":{"id":"300000000000001"},"timestamp":1760000000500,
           "reaction":{"reaction":"like","action":"react","mid":"m_OUT_0001"}}]}]}"""))
        .stream().map(ReactionReceived.class::cast).findFirst().orElseThrow();

    assertThat(r.emoji()).contains("like");
  }

  @Test
  void referral_shortlink() {
    ReferralReceived r = single("referrals/shortlink.json", ReferralReceived.class);

    assertThat(r.accountId()).isEqualTo(PAGE);
    assertThat(r.from().id()).isEqualTo(PSID);
    assertThat(r.externalId()).startsWith("ref:");
    assertThat(r.referral().ref()).contains("qr-table-7");
    assertThat(r.referral().sourceType()).contains("SHORTLINK");
    assertThat(r.referral().sourceId()).isEmpty();
    assertThat(r.referral().sourceUrl()).isEmpty();
  }

  @Test
  void referral_ad_and_chatPlugin() {
    ReferralReceived ad = single("referrals/ad.json", ReferralReceived.class);
    assertThat(ad.referral().sourceType()).contains("ADS");
    assertThat(ad.referral().sourceId()).contains("600000000000001");
    assertThat(ad.referral().headline()).contains("Spring sale");
    assertThat(ad.referral().mediaType()).contains("video");
    assertThat(ad.referral().mediaUrl()).contains("https://cdn.example.com/ad/video.mp4");

    ReferralReceived plugin = single("referrals/chat-plugin.json", ReferralReceived.class);
    assertThat(plugin.referral().sourceType()).contains("CUSTOMER_CHAT_PLUGIN");
    assertThat(plugin.referral().sourceUrl()).contains("https://www.example.com/pricing");
    assertThat(plugin.referral().ref()).contains("pricing-page");
  }

  @Test
  void optin_becomesNotification() {
    ChannelNotification n = single("other/optin.json", ChannelNotification.class);

    assertThat(n.accountId()).isEqualTo(PAGE);
    assertThat(n.topic()).isEqualTo("optin");
    assertThat(n.occurredAt()).isEqualTo(AT);
    assertThat(n.externalId()).startsWith("n:");
    assertThat(tree(n.payloadJson())).isEqualTo(MsFixtures.json("other/optin.json").at("/entry/0/messaging/0"));
  }

  @Test
  void optinWithoutSender_stillANotification() {
    ChannelNotification n = single("other/checkbox-optin-without-sender.json", ChannelNotification.class);

    assertThat(n.topic()).isEqualTo("optin");
    assertThat(n.payloadJson()).contains("USER_REF_PLACEHOLDER");
  }

  @Test
  void handoverControl_becomesNotification() {
    ChannelNotification n = single("other/pass-thread-control.json", ChannelNotification.class);

    assertThat(n.topic()).isEqualTo("pass_thread_control");
    assertThat(tree(n.payloadJson()).at("/pass_thread_control/new_owner_app_id").asText()).isEqualTo("500000000000002");
  }

  @Test
  void unknownEvent_becomesNotification_withStableId() {
    ChannelNotification n = single("other/unknown-event.json", ChannelNotification.class);
    ChannelNotification again = single("other/unknown-event.json", ChannelNotification.class);

    assertThat(n.topic()).isEqualTo("hologram_beam");
    assertThat(n.externalId()).isEqualTo(again.externalId());
    assertThat(n.payloadJson()).contains("an event this SDK does not model");
  }

  @Test
  void pageChanges_becomeNotifications() {
    ChannelNotification n = MsFixtures.parser().parse(tree("""
        {"object":"page","entry":[{"id":"300000000000001","time":1760000000999,"changes":[
          {"field":"feed","value":{"item":"comment","verb":"add","comment_id":"C_PLACEHOLDER"}}]}]}"""))
        .stream().map(ChannelNotification.class::cast).findFirst().orElseThrow();

    assertThat(n.topic()).isEqualTo("feed");
    assertThat(n.accountId()).isEqualTo(PAGE);
    assertThat(n.occurredAt()).isEqualTo(Instant.ofEpochMilli(1760000000999L));
    assertThat(tree(n.payloadJson()).path("comment_id").asText()).isEqualTo("C_PLACEHOLDER");
  }
}
