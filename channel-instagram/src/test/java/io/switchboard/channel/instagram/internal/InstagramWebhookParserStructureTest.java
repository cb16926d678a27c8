package io.switchboard.channel.instagram.internal;

import static io.switchboard.channel.instagram.internal.IgFixtures.PARSER;
import static io.switchboard.channel.instagram.internal.IgFixtures.json;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Structural errors name the JSON path. */
class InstagramWebhookParserStructureTest {

  private static final String EVENT_HEAD =
      "{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841400000000001\",\"messaging\":[{\"recipient\":{\"id\":\"1\"},";

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "[] | $: the webhook body must be a JSON object, was array",
      "{\"object\":\"page\",\"entry\":[]} | object: expected \"instagram\", was \"page\"",
      "{\"object\":\"instagram\"} | entry: must be an array, was missing",
      "{\"object\":\"instagram\",\"entry\":[7]} | entry[0]: must be an object, was number",
      "{\"object\":\"instagram\",\"entry\":[{\"time\":1}]} | entry[0].id: is required",
      "{\"object\":\"instagram\",\"entry\":[{\"id\":\"1\",\"messaging\":{}}]} | entry[0].messaging: must be an array, was object",
      "{\"object\":\"instagram\",\"entry\":[{\"id\":\"1\",\"standby\":[1]}]} | entry[0].standby[0]: must be an object, was number",
      "{\"object\":\"instagram\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{}}]}]} | entry[0].changes[0].field: is required",
  })
  void brokenEnvelope_namesThePath(String body, String expected) {
    assertThatThrownBy(() -> PARSER.parse(json(body)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(expected);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "\"sender\":{\"id\":\"2\"},\"message\":{\"text\":\"x\"}}]}]} | entry[0].messaging[0].message.mid: is required",
      "\"message\":{\"mid\":\"m1\",\"text\":\"x\"}}]}]} | entry[0].messaging[0].sender.id: is required",
      "\"sender\":{\"id\":\"2\"},\"reaction\":{\"action\":\"react\"}}]}]} | entry[0].messaging[0].reaction.mid: is required",
      "\"sender\":{\"id\":\"2\"},\"message\":{\"mid\":\"m1\",\"attachments\":{}}}]}]} | entry[0].messaging[0].message.attachments: must be an array",
      "\"sender\":{\"id\":\"2\"},\"message\":{\"mid\":\"m1\",\"attachments\":[\"x\"]}}]}]} | entry[0].messaging[0].message.attachments[0]: must be an object",
      "\"postback\":{\"payload\":\"P\"}}]}]} | entry[0].messaging[0].sender.id: is required",
  })
  void brokenEvent_namesThePath(String tail, String expected) {
    assertThatThrownBy(() -> PARSER.parse(json(EVENT_HEAD + tail)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(expected);
  }
}
