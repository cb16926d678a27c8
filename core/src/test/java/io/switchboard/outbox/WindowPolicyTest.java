package io.switchboard.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.PolicyViolationException;
import io.switchboard.message.MessagingType;
import io.switchboard.message.Template;
import io.switchboard.message.TemplateParameter;
import io.switchboard.message.Text;
import io.switchboard.spi.OutboxQuery;
import io.switchboard.testing.FakeChannel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 24-hour and 7-day messaging windows are enforced before anything is queued. */
class WindowPolicyTest extends OutboxTestBase {

  private void customerWrites(String object, String account, String from) {
    webhook("{\"object\":\"" + object + "\",\"events\":[{\"account\":\"" + account + "\",\"id\":\"in-"
        + clock.instant().toEpochMilli() + "\",\"from\":\"" + from + "\",\"ts\":" + clock.instant().getEpochSecond() + "}]}");
  }

  private void whatsApp(WindowPolicy policy) {
    start(builder(new FakeChannel()).windowPolicy(policy));
    connect(ACME, "111");
  }

  @Test
  void whatsApp_contactNeverWrote_freeFormRefusedBeforeAnything() {
    whatsApp(WindowPolicy.standard());
    assertThatThrownBy(() -> switchboard.send(text(ACME, "+15551234", "hi").build()))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
          assertThat(e.rule()).isEqualTo("whatsapp.customer_service_window");
          assertThat(e.getMessage()).contains("never wrote").contains("approved template");
          assertThat(e.retryable()).isFalse();
        });
    assertThat(switchboard.outbox().list(OutboxQuery.all(10))).isEmpty();
    assertThat(graph.getRequestCount()).isZero();
  }

  @Test
  void whatsApp_withinTwentyFourHours_allowed_afterwardsRefused_templateAlwaysAllowed() {
    whatsApp(WindowPolicy.standard());
    customerWrites("fake", "111", "15551234");           // webhook wa_id has no '+'

    switchboard.send(text(ACME, "+15551234", "hi").build()); // '+' form matches
    clock.advance(Duration.ofHours(24));
    switchboard.send(text(ACME, "15551234", "hi").build());  // exactly 24 h: still inside
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> switchboard.send(text(ACME, "+15551234", "hi").build()))
        .isInstanceOf(PolicyViolationException.class).hasMessageContaining("last wrote at 2026-11-22T10:00:00Z");
    switchboard.send(content(ACME, ChannelType.WHATSAPP, "+15551234", Template.builder("order_update", "en_US").build()).build());
    assertThat(switchboard.outbox().list(OutboxQuery.all(10))).hasSize(3);
  }

  @Test
  void whatsApp_fallbackTemplate_replacesFreeFormOutsideWindow() throws Exception {
    whatsApp(WindowPolicy.standard().withWhatsAppFallbackTemplate("reopen_conversation", "en_US"));
    MessageHandle h = switchboard.send(text(ACME, "+15551234", "Ready!").build());
    ok("wamid.T");
    switchboard.outbox().dispatchDue();

    assertThat(nextRequestBody()).isEqualTo(JSON.readTree(
        "{\"to\":\"+15551234\",\"template\":\"reopen_conversation\",\"param\":\"Ready!\"}"));
    assertThat(h.message().request().content()).isEqualTo(Template.builder("reopen_conversation", "en_US")
        .body(TemplateParameter.text("Ready!")).build());
  }

  @Test
  void messenger_afterTwentyFourHours_onlyHumanAgentWithinSevenDays() {
    start(builder(new FakeChannel(ChannelType.MESSENGER, "fake-page")).windowPolicy(WindowPolicy.standard()));
    connect(ACME, ChannelType.MESSENGER, "PAGE1", Map.of());
    customerWrites("fake-page", "PAGE1", "PSID1");
    clock.advance(Duration.ofHours(30));

    assertThatThrownBy(() -> switchboard.send(content(ACME, ChannelType.MESSENGER, "PSID1", Text.of("bot")).build()))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
          assertThat(e.rule()).isEqualTo("messaging_window");
          assertThat(e.getMessage()).contains("HUMAN_AGENT");
        });
    assertThatThrownBy(() -> switchboard.send(content(ACME, ChannelType.MESSENGER, "PSID1", Text.of("upd"))
        .messagingType(MessagingType.UPDATE).build())).isInstanceOf(PolicyViolationException.class);
    MessageHandle human = switchboard.send(content(ACME, ChannelType.MESSENGER, "PSID1", Text.of("Sam here"))
        .messagingType(MessagingType.HUMAN_AGENT).build());
    assertThat(human.id()).isNotBlank();

    clock.advance(Duration.ofDays(6).plusHours(18).plusSeconds(1)); // 7 days + 1 s after the customer wrote
    assertThatThrownBy(() -> switchboard.send(content(ACME, ChannelType.MESSENGER, "PSID1", Text.of("late"))
        .messagingType(MessagingType.HUMAN_AGENT).build()))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.rule()).isEqualTo("human_agent_window"));
  }

  @Test
  void notEnforced_sendsAnything() {
    whatsApp(WindowPolicy.notEnforced());
    assertThat(switchboard.send(text(ACME, "+15551234", "hi").build()).id()).isNotBlank();
  }
}
