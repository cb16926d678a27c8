package io.switchboard.channel.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With the profile cache disabled every lookup asks Meta. */
class MessengerProfileCacheDisabledTest extends MessengerTestBase {

  @Override
  MessengerConfig config() {
    return MessengerConfig.builder().profileCacheTtl(Duration.ZERO).build();
  }

  @Test
  void everyLookupIsACall() {
    enqueueJson(200, "{\"id\":\"" + PSID + "\",\"first_name\":\"Ada\"}");
    enqueueJson(200, "{\"id\":\"" + PSID + "\",\"first_name\":\"Ada\"}");

    channel.profile(TENANT, Optional.empty(), PSID);
    channel.profile(TENANT, Optional.empty(), PSID);

    assertThat(server.getRequestCount()).isEqualTo(2);
  }
}
