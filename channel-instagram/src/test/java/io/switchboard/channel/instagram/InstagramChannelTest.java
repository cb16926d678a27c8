package io.switchboard.channel.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.ConfigurationException;
import io.switchboard.ValidationException.Violation;
import io.switchboard.graph.GraphClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registration, identity and configuration. */
class InstagramChannelTest {

  @Test
  void identity_isInstagramWithObjectInstagram() {
    InstagramChannel channel = InstagramChannel.create();

    assertThat(channel.channel()).isEqualTo(ChannelType.INSTAGRAM);
    assertThat(channel.webhookObjects()).containsExactly("instagram");
    assertThat(InstagramChannel.LOGIN).isEqualTo("login");
    assertThat(InstagramChannel.PAGE_ID).isEqualTo("page_id");
    assertThat(InstagramChannel.LOGIN_FACEBOOK).isEqualTo("facebook");
    assertThat(InstagramChannel.LOGIN_INSTAGRAM).isEqualTo("instagram");
  }

  @Test
  void parseWebhook_beforeBind_explainsRegistration() {
    assertThatThrownBy(() -> InstagramChannel.create().parseWebhook(new com.fasterxml.jackson.databind.ObjectMapper()
        .createObjectNode())).isInstanceOf(IllegalStateException.class).hasMessageContaining("register");
  }

  @Test
  void bind_twice_isRefused() {
    InstagramChannel channel = InstagramChannel.create();
    FakeChannelContext context = new FakeChannelContext(GraphClient.builder().build());
    channel.bind(context);

    assertThatThrownBy(() -> channel.bind(context)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void config_defaults() {
    InstagramConfig c = InstagramConfig.defaults();

    assertThat(c.instagramGraphBaseUrl()).isEqualTo("https://graph.instagram.com");
    assertThat(c.subscribedFields()).containsExactly(
        "messages", "messaging_postbacks", "messaging_seen", "message_reactions", "messaging_referral");
    assertThat(c.profileCacheTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(c.profileCacheMaxSize()).isEqualTo(10_000);
    assertThat(c.messagingTypeOnInstagramLogin()).isFalse();
    assertThat(c.textMaxBytes()).isEqualTo(InstagramLimits.TEXT_MAX_BYTES);
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void config_invalidValues_areAllReported() {
    assertThatThrownBy(() -> InstagramConfig.builder()
        .instagramGraphBaseUrl("graph.instagram.com")
        .subscribedFields(List.of("messages", "a,b"))
        .profileCacheMaxSize(-1)
        .profileCacheTtl(Duration.ofSeconds(-1))
        .textMaxBytes(0)
        .build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field)
            .containsExactly("instagramGraphBaseUrl", "subscribedFields[1]", "profileCacheMaxSize", "profileCacheTtl",
                "textMaxBytes"));
  }

  @Test
  void config_fieldsAreCopied() {
    java.util.ArrayList<String> fields = new java.util.ArrayList<>(List.of("messages"));
    InstagramConfig c = InstagramConfig.builder().subscribedFields(fields).build();
    fields.add("comments");

    assertThat(c.subscribedFields()).containsExactly("messages");
    assertThatThrownBy(() -> c.subscribedFields().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }
}
