package io.switchboard.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.testing.FakeChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Status webhooks move sent messages forward, never backwards; the host is told of each change. */
class OutboxStatusTest extends OutboxTestBase {

  private static String status(String eventId, String messageId, String status) {
    return "{\"object\":\"fake\",\"events\":[{\"kind\":\"status\",\"account\":\"111\",\"id\":\"" + eventId
        + "\",\"message\":\"" + messageId + "\",\"status\":\"" + status + "\",\"to\":\"1555\"}]}";
  }

  @Test
  void statusWebhooks_outOfOrder_neverMoveBackwards() {
    start(builder(new FakeChannel()));
    connect(ACME, "111");
    MessageHandle h = switchboard.send(text(ACME, "+1555", "hi").build());
    ok("wamid.S1");
    switchboard.outbox().dispatchDue();

    webhook(status("e1", "wamid.S1", "read"));
    assertThat(h.status()).isEqualTo(DeliveryStatus.READ);
    webhook(status("e2", "wamid.S1", "delivered"));   // arrives late
    assertThat(h.status()).isEqualTo(DeliveryStatus.READ);
    webhook(status("e3", "wamid.S1", "failed"));      // a read message has not failed
    assertThat(h.status()).isEqualTo(DeliveryStatus.READ);

    assertThat(statusChanges).extracting(OutboundMessage::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.READ);
    assertThat(handled).hasSize(3); // the host still sees every status event
  }

  @Test
  void asyncFailure_afterSent_recordsMetasCode() {
    start(builder(new FakeChannel()));
    connect(ACME, "111");
    MessageHandle h = switchboard.send(text(ACME, "+1555", "hi").build());
    ok("wamid.F1");
    switchboard.outbox().dispatchDue();

    webhook("{\"object\":\"fake\",\"events\":[{\"kind\":\"status\",\"account\":\"111\",\"id\":\"f\","
        + "\"message\":\"wamid.F1\",\"status\":\"failed\",\"to\":\"1555\",\"error\":131047}]}");

    OutboundMessage m = h.message();
    assertThat(m.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(m.errorCode()).contains("131047");
    assertThat(m.errorMessage()).get().asString().contains("async failure");
    assertThat(switchboard.outbox().findByExternalId(ChannelType.WHATSAPP, "wamid.F1")).get()
        .extracting(OutboundMessage::id).isEqualTo(h.id());
  }

  @Test
  void readWatermark_marksEveryEarlierMessageToThatRecipientRead() {
    start(builder(new FakeChannel(ChannelType.MESSENGER, "fake-page")));
    connect(ACME, ChannelType.MESSENGER, "PAGE1", Map.of());
    webhook("{\"object\":\"fake-page\",\"events\":[{\"account\":\"PAGE1\",\"id\":\"in1\",\"from\":\"PSID1\","
        + "\"ts\":" + clock.instant().getEpochSecond() + "}]}"); // the customer wrote: window open
    MessageHandle first = switchboard.send(content(ACME, ChannelType.MESSENGER, "PSID1", io.switchboard.message.Text.of("a")).build());
    MessageHandle second = switchboard.send(content(ACME, ChannelType.MESSENGER, "PSID1", io.switchboard.message.Text.of("b")).build());
    MessageHandle other = switchboard.send(content(ACME, ChannelType.MESSENGER, "PSID2", io.switchboard.message.Text.of("c")).build());
    alwaysOk();
    switchboard.outbox().dispatchDue();
    clock.advance(java.time.Duration.ofSeconds(30));
    MessageHandle later = switchboard.send(content(ACME, ChannelType.MESSENGER, "PSID1", io.switchboard.message.Text.of("d")).build());
    switchboard.outbox().dispatchDue();

    long watermark = clock.instant().minusSeconds(10).toEpochMilli(); // after the first two, before "later"
    webhook("{\"object\":\"fake-page\",\"events\":[{\"kind\":\"read\",\"account\":\"PAGE1\",\"id\":\"r1\","
        + "\"from\":\"PSID1\",\"watermark\":" + watermark + "}]}");

    assertThat(first.status()).isEqualTo(DeliveryStatus.READ);
    assertThat(second.status()).isEqualTo(DeliveryStatus.READ);
    assertThat(later.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(other.status()).isEqualTo(DeliveryStatus.SENT);
  }
}
