package io.switchboard.channel.messenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessengerConfigTest {

  @Test
  void defaults() {
    MessengerConfig c = MessengerConfig.defaults();

    assertThat(c.subscribedFields()).containsExactly("messages", "messaging_postbacks", "message_deliveries",
        "message_reads", "message_echoes", "message_reactions", "messaging_referrals");
    assertThat(c.profileCacheEnabled()).isTrue();
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void zeroSizeOrTtl_disablesCache() {
    assertThat(MessengerConfig.builder().profileCacheMaxSize(0).build().profileCacheEnabled()).isFalse();
    assertThat(MessengerConfig.builder().profileCacheTtl(Duration.ZERO).build().profileCacheEnabled()).isFalse();
  }

  @Test
  void invalidValues_rejected() {
    assertThatThrownBy(() -> MessengerConfig.builder().profileCacheMaxSize(-1).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessengerConfig.builder().profileCacheTtl(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessengerConfig.builder().subscribedFields(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessengerConfig.builder().addSubscribedField("a,b").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a,b");
    assertThatThrownBy(() -> MessengerConfig.builder().addSubscribedField(" ").build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
