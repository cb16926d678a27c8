package io.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.event.ChannelError;
import io.switchboard.event.ChannelNotification;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.MessagesRead;
import io.switchboard.event.Sender;
import io.switchboard.event.StatusChanged;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.spi.InboxEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ConversationKeysTest {

  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void aCustomersMessageAndTheStatusOfOurReplyToThemShareOneConversation() {
    MessageReceived in = new MessageReceived(ChannelType.WHATSAPP, "106", "wamid.IN", T, Sender.of("16505551234"),
        new InboundContent.Text("hi"), Optional.empty(), Optional.empty());
    StatusChanged status = new StatusChanged(ChannelType.WHATSAPP, "106", "wamid.OUT:read", T, "wamid.OUT",
        DeliveryStatus.READ, "16505551234", Optional.empty(), Optional.empty(), List.of());

    assertThat(ConversationKeys.of(in)).contains("WHATSAPP:106:16505551234");
    assertThat(ConversationKeys.of(status)).isEqualTo(ConversationKeys.of(in));
  }

  @Test
  void theSameCustomerOnAnotherAccountOrChannelIsAnotherConversation() {
    InboundEvent onOtherNumber = new MessagesRead(ChannelType.WHATSAPP, "107", "r1", T, "16505551234",
        Optional.of("wamid.X"), Optional.empty());
    InboundEvent onMessenger = new MessagesRead(ChannelType.MESSENGER, "106", "r2", T, "16505551234",
        Optional.empty(), Optional.of(T));

    assertThat(ConversationKeys.of(onOtherNumber)).contains("WHATSAPP:107:16505551234");
    assertThat(ConversationKeys.of(onMessenger)).contains("MESSENGER:106:16505551234");
  }

  @Test
  void accountLevelEventsBelongToNoConversation() {
    assertThat(ConversationKeys.of(new ChannelError(ChannelType.WHATSAPP, "106", "e1", T, List.of()))).isEmpty();
    assertThat(ConversationKeys.of(new ChannelNotification(ChannelType.WHATSAPP, "106", "n1", T,
        "account_update", "{}"))).isEmpty();
  }

  @Test
  void aKeyTooLongForTheStoreIsHashedToAStableShortOne() {
    String account = "a".repeat(300);
    MessageReceived in = new MessageReceived(ChannelType.INSTAGRAM, account, "m1", T, Sender.of("1784"),
        new InboundContent.Text("hi"), Optional.empty(), Optional.empty());
    MessageReceived again = new MessageReceived(ChannelType.INSTAGRAM, account, "m2", T, Sender.of("1784"),
        new InboundContent.Text("again"), Optional.empty(), Optional.empty());

    String key = ConversationKeys.of(in).orElseThrow();
    assertThat(key).startsWith("sha256:").hasSize("sha256:".length() + 64);
    assertThat(key.length()).isLessThanOrEqualTo(InboxEvent.MAX_ORDERING_KEY);
    assertThat(ConversationKeys.of(again)).contains(key);
  }

  @ParameterizedTest
  @MethodSource("io.switchboard.internal.EventCodecTest#everyEventShape")
  void everyConversationEventGetsAKeyOfItsChannelAndAccount(InboundEvent event) {
    Optional<String> key = ConversationKeys.of(event);
    if (event instanceof ChannelError || event instanceof ChannelNotification) {
      assertThat(key).isEmpty();
    } else {
      assertThat(key).hasValueSatisfying(k -> assertThat(k).startsWith(event.channel() + ":" + event.accountId() + ":")
          .hasSizeGreaterThan((event.channel() + ":" + event.accountId() + ":").length()));
    }
  }
}
