package io.switchboard.channel.messenger;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A configured field list is subscribed as given, in order. */
class MessengerSubscribeCustomFieldsTest extends MessengerTestBase {

  @Override
  MessengerConfig config() {
    return MessengerConfig.builder().subscribedFields(List.of("messages")).addSubscribedField("messaging_optins").build();
  }

  @Test
  void subscribeApp_customFields() throws Exception {
    enqueueJson(200, "{\"success\":true}");

    channel.subscribeApp(TENANT, Optional.of(PAGE_ID));

    assertJsonRequest("POST", "/v26.0/" + PAGE_ID + "/subscribed_apps?subscribed_fields=messages%2Cmessaging_optins",
        "{}");
  }
}
