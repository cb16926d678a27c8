package io.switchboard.channel.messenger.internal;

import static io.switchboard.channel.messenger.internal.MsFixtures.PAGE;
import static io.switchboard.channel.messenger.internal.MsFixtures.PAGE_2;
import static io.switchboard.channel.messenger.internal.MsFixtures.PSID;
import static io.switchboard.channel.messenger.internal.MsFixtures.PSID_2;
import static io.switchboard.channel.messenger.internal.MsFixtures.parse;
import static io.switchboard.channel.messenger.internal.MsFixtures.parser;
import static io.switchboard.channel.messenger.internal.MsFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageEcho;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.MessagesDelivered;
import io.switchboard.event.MessagesRead;
import io.switchboard.event.Postback;
import io.switchboard.event.ReactionReceived;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Envelope handling: batching, account ids, determinism, structural errors with JSON paths. */
class MessengerWebhookParserStructureTest {

  @Test
  void batchWithTwoPages_eachEventHasItsPage() {
    List<InboundEvent> events = parse("batch-two-pages.json");

    assertThat(events).extracting(e -> e.getClass().getSimpleName() + " " + e.accountId() + " " + e.externalId())
        .containsExactly(
            "MessageReceived " + PAGE + " m_BATCH_A_1",
            "MessageEcho " + PAGE + " m_BATCH_A_2",
            "MessagesDelivered " + PAGE + " " + events.get(2).externalId(),
            "MessagesRead " + PAGE + " read:" + PSID + ":1760000000223",
            "MessageReceived " + PAGE_2 + " m_BATCH_B_1",
            "Postback " + PAGE_2 + " m_BATCH_B_2",
            "ReactionReceived " + PAGE_2 + " " + events.get(6).externalId());
    assertThat(((MessageEcho) events.get(1)).recipientId()).isEqualTo(PSID);
    assertThat(((MessagesDelivered) events.get(2)).messageIds()).containsExactly("m_BATCH_A_2");
    assertThat(((MessagesRead) events.get(3)).readerId()).isEqualTo(PSID);
    assertThat(((MessageReceived) events.get(4)).from().id()).isEqualTo(PSID_2);
    assertThat(((Postback) events.get(5)).payload()).isEqualTo("HUMAN");
    assertThat(((ReactionReceived) events.get(6)).from().id()).isEqualTo(PSID_2);
  }

  @Test
  void everyFixture_parsesTwiceToTheSameIds_andIdsAreUniqueAcrossFixtures() {
    List<String> fixtures = MsFixtures.names();
    assertThat(fixtures).contains("batch-two-pages.json", "messages/text.json", "messages/attachments/image.json");
    List<String> all = new java.util.ArrayList<>();
    for (String fixture : fixtures) {
      List<String> first = parse(fixture).stream().map(InboundEvent::externalId).toList();
      List<String> second = parse(fixture).stream().map(InboundEvent::externalId).toList();
      assertThat(first).as(fixture).isNotEmpty().isEqualTo(second);
      assertThat(parse(fixture)).as(fixture).isEqualTo(parse(fixture));
      all.addAll(first);
    }
    // The batch reuses no ids of other fixtures; the two reaction files must differ too.
    assertThat(all).doesNotHaveDuplicates();
  }

  @Test
  void keyOrderAndWhitespace_doNotChangeDerivedIds() {
    String a = """
        {"object":"page","entry":[{"id":"300000000000001","messaging":[
          {"sender":{"id":"400000000000001"},"recipient":{"id":"300000000000001"},"timestamp":1760000000500,
           "optin":{"ref":"x","type":"one_time_notif_req"}}]}]}""";
    String b = """
        {"entry":[{"messaging":[{"optin":{"type":"one_time_notif_req","ref":"x"},"timestamp":1760000000500,
          "recipient":{"id":"300000000000001"},"sender":{"id":"400000000000001"}}],"id":"300000000000001"}],
         "object":"page"}""";

    assertThat(parser().parse(tree(a)).get(0).externalId()).isEqualTo(parser().parse(tree(b)).get(0).externalId());
  }

  @Test
  void missingTimestamp_usesEntryTime_thenClock() {
    InboundEvent withEntryTime = parser().parse(tree("""
        {"object":"page","entry":[{"id":"1","time":1760000000999,"messaging":[
          {"sender":{"id":"2"},"recipient":{"id":"1"},"message":{"mid":"m_1","text":"x"}}]}]}""")).get(0);
    InboundEvent withoutAny = parser().parse(tree("""
        {"object":"page","entry":[{"id":"1","messaging":[
          {"sender":{"id":"2"},"recipient":{"id":"1"},"message":{"mid":"m_1","text":"x"}}]}]}""")).get(0);

    assertThat(withEntryTime.occurredAt()).isEqualTo(java.time.Instant.ofEpochMilli(1760000000999L));
    assertThat(withoutAny.occurredAt()).isEqualTo(MsFixtures.NOW);
  }

  @Test
  void missingEntryId_fallsBackToRecipient() {
    InboundEvent e = parser().parse(tree("""
        {"object":"page","entry":[{"messaging":[
          {"sender":{"id":"2"},"recipient":{"id":"300000000000009"},"timestamp":1760000000500,
           "message":{"mid":"m_1","text":"x"}}]}]}""")).get(0);

    assertThat(e.accountId()).isEqualTo("300000000000009");
  }

  @Test
  void emptyEntry_yieldsNothing() {
    assertThat(parser().parse(tree("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":1}]}"))).isEmpty();
    assertThat(parser().parse(tree("{\"object\":\"page\",\"entry\":[]}"))).isEmpty();
  }

  @Test
  void structuralErrors_nameTheJsonPath() {
    assertFails("[]", "$: webhook payload must be a JSON object");
    assertFails("{\"object\":\"instagram\",\"entry\":[]}", "object: expected \"page\"");
    assertFails("{\"object\":\"page\",\"entry\":{}}", "entry: must be an array, was object");
    assertFails("{\"object\":\"page\"}", "entry: must be an array, was missing");
    assertFails("{\"object\":\"page\",\"entry\":[1]}", "entry[0]: must be an object, was number");
    assertFails("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":{}}]}",
        "entry[0].messaging: must be an array, was object");
    assertFails("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"standby\":\"x\"}]}",
        "entry[0].standby: must be an array, was string");
    assertFails("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[\"x\"]}]}",
        "entry[0].messaging[0]: must be an object, was string");
    assertFails("""
        {"object":"page","entry":[{"id":"1","messaging":[],"standby":[]},{"id":"2","messaging":[
          {"sender":{"id":"2"},"message":{"mid":"m_1","text":"ok"}},
          {"recipient":{"id":"2"},"timestamp":1,"message":{"mid":"m_2","text":"no sender"}}]}]}""",
        "entry[1].messaging[1].sender.id: is required");
    assertFails("""
        {"object":"page","entry":[{"id":"1","standby":[{"sender":{},"recipient":{"id":"1"},"read":{"watermark":1}}]}]}""",
        "entry[0].standby[0].sender.id: is required");
    assertFails("""
        {"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"message":{"text":"no mid"}}]}]}""",
        "entry[0].messaging[0].message.mid: is required");
    assertFails("""
        {"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"message":{"mid":"m","attachments":{}}}]}]}""",
        "entry[0].messaging[0].message.attachments: must be an array, was object");
    assertFails("""
        {"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"1"},
          "message":{"mid":"m","is_echo":true,"text":"x"}}]}]}""",
        "entry[0].messaging[0].recipient.id: is required");
    assertFails("""
        {"object":"page","entry":[{"messaging":[{"sender":{"id":"2"},"message":{"mid":"m","text":"x"}}]}]}""",
        "entry[0].id: is required");
    assertFails("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{}}]}]}",
        "entry[0].changes[0].field: is required");
  }

  private static void assertFails(String json, String messageStart) {
    assertThatThrownBy(() -> parser().parse(tree(json)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(messageStart);
  }
}
