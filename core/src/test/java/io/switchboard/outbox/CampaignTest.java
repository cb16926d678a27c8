package io.switchboard.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.ValidationException;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.Template;
import io.switchboard.message.Text;
import io.switchboard.testing.FakeChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CampaignTest extends OutboxTestBase {

  private static final Template PROMO = Template.builder("winter_sale", "en_US").build();

  private void setUp(Set<String> consenting) {
    start(builder(new FakeChannel())
        .windowPolicy(WindowPolicy.standard())
        .consentChecker((tenant, channel, recipient) -> consenting.contains(recipient)));
    connect(ACME, "111");
  }

  @Test
  void start_refusesWithoutConsentDuplicatesAndInvalid_queuesTheRestAtBulkPriority() {
    setUp(Set.of("+1555000", "+1555001", "+1555002"));
    CampaignReceipt receipt = switchboard.campaigns().start(CampaignRequest.builder()
        .tenant(ACME).channel(ChannelType.WHATSAPP).name("winter").content(PROMO)
        .recipients(List.of("+1555000", "+1555001", "+1555001", "+1555002", "+1999999", " "))
        .build());

    assertThat(receipt.queued()).isEqualTo(3);
    assertThat(receipt.refused()).extracting(CampaignReceipt.Refusal::recipient, CampaignReceipt.Refusal::reason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("+1555001", "duplicate recipient"),
            org.assertj.core.groups.Tuple.tuple("+1999999", "no consent for bulk messages"),
            org.assertj.core.groups.Tuple.tuple(" ", "to must not be blank"));
    CampaignProgress p = switchboard.campaigns().progress(receipt.campaignId()).orElseThrow();
    assertThat(p.recipients()).isEqualTo(6);
    assertThat(p.refused()).isEqualTo(3);
    assertThat(p.count(DeliveryStatus.QUEUED)).isEqualTo(3);
  }

  @Test
  void defaultConsentChecker_refusesEveryone() {
    start(builder(new FakeChannel()));
    connect(ACME, "111");
    CampaignReceipt r = switchboard.campaigns().start(CampaignRequest.builder().tenant(ACME)
        .channel(ChannelType.WHATSAPP).content(PROMO).recipient("+1555000").build());
    assertThat(r.queued()).isZero();
    assertThat(r.refused()).singleElement().extracting(CampaignReceipt.Refusal::reason)
        .isEqualTo("no consent for bulk messages");
  }

  @Test
  void start_freeFormOutsideWindow_refusedPerRecipient_invalidContentRejectsCampaign() {
    setUp(Set.of("+1555000"));
    CampaignReceipt r = switchboard.campaigns().start(CampaignRequest.builder().tenant(ACME)
        .channel(ChannelType.WHATSAPP).content(Text.of("sale!")).recipient("+1555000").build());
    assertThat(r.refused()).singleElement().extracting(CampaignReceipt.Refusal::reason).asString()
        .contains("24-hour customer service window");
    assertThatThrownBy(() -> switchboard.campaigns().start(CampaignRequest.builder().tenant(ACME)
        .channel(ChannelType.WHATSAPP).content(Text.of("this text is much too long")).recipient("+1555000").build()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("text.body");
  }

  @Test
  void progress_countsAcceptedAndFailed_andStatusesAdvance() {
    List<String> everyone = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      everyone.add("+155500" + i);
    }
    setUp(Set.copyOf(everyone));
    graph.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        String body = request.getBody().utf8();
        if (body.contains("+1555003")) { // this recipient opted out of marketing
          return new mockwebserver3.MockResponse.Builder().code(400)
              .body("{\"error\":{\"message\":\"opted out\",\"code\":131050}}").build();
        }
        return new mockwebserver3.MockResponse.Builder()
            .body("{\"id\":\"wamid." + body.replaceAll("\\D", "") + "\"}").build();
      }
    });
    CampaignReceipt r = switchboard.campaigns().start(CampaignRequest.builder().tenant(ACME)
        .channel(ChannelType.WHATSAPP).name("ten").content(PROMO).recipients(everyone).build());
    assertThat(switchboard.outbox().dispatchDue()).isEqualTo(10);

    CampaignProgress p = switchboard.campaigns().progress(r.campaignId()).orElseThrow();
    assertThat(p.count(DeliveryStatus.SENT)).isEqualTo(9);
    assertThat(p.count(DeliveryStatus.FAILED)).isEqualTo(1);
    assertThat(p.pending()).isZero();
    assertThat(switchboard.outbox().list(new io.switchboard.spi.OutboxQuery(java.util.Optional.empty(),
        Set.of(DeliveryStatus.FAILED), java.util.Optional.of(r.campaignId()), 10)))
        .singleElement().satisfies(m -> {
          assertThat(m.request().to()).isEqualTo("+1555003");
          assertThat(m.errorCode()).contains("131050");
          assertThat(m.priority()).isEqualTo(io.switchboard.message.Priority.BULK);
        });
  }

  @Test
  void cancel_stopsQueuedMessages_messagesAlreadySentStaySent() {
    List<String> everyone = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      everyone.add("+155500" + i);
    }
    start(builder(new FakeChannel()).consentChecker((t, c, x) -> true)
        // 300/s gives a burst of 3 (1 %) at a frozen clock: three go out, seven wait for budget
        .throughputLimits(ThroughputLimits.defaults().with(ChannelType.WHATSAPP, 300)));
    connect(ACME, "111");
    alwaysOk();
    CampaignReceipt r = switchboard.campaigns().start(CampaignRequest.builder().tenant(ACME)
        .channel(ChannelType.WHATSAPP).content(PROMO).recipients(everyone).build());
    switchboard.outbox().dispatchDue();

    assertThat(switchboard.campaigns().cancel(r.campaignId())).isEqualTo(7);
    clock.advance(java.time.Duration.ofSeconds(5));
    switchboard.outbox().dispatchDue();

    CampaignProgress p = switchboard.campaigns().progress(r.campaignId()).orElseThrow();
    assertThat(p.count(DeliveryStatus.SENT)).isEqualTo(3);
    assertThat(p.count(DeliveryStatus.CANCELLED)).isEqualTo(7);
    assertThat(p.cancelledAt()).isPresent();
    assertThat(graph.getRequestCount()).isEqualTo(3);
    assertThat(switchboard.campaigns().cancel("no-such-campaign")).isZero();
  }
}
