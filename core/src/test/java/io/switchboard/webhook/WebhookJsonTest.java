package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookJsonTest {

  private static final JsonNode NODE = tree("{\"s\":\"x\",\"empty\":\"\",\"nul\":null,\"o\":{},\"a\":[1],\"n\":42,"
      + "\"ns\":\" 1760000000 \",\"frac\":\"12.9\",\"bad\":\"soon\",\"ms\":1760000000123,\"t\":true,\"ts\":\"TRUE\","
      + "\"fs\":\"false\",\"other\":\"yes\"}");

  private static JsonNode tree(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void child_absentNullOrNullParent_isNull() {
    assertThat(WebhookJson.child(NODE, "s").asText()).isEqualTo("x");
    assertThat(WebhookJson.child(NODE, "nul")).isNull();
    assertThat(WebhookJson.child(NODE, "missing")).isNull();
    assertThat(WebhookJson.child(null, "s")).isNull();
    assertThat(WebhookJson.object(NODE, "o")).isNotNull();
    assertThat(WebhookJson.object(NODE, "a")).isNull();
    assertThat(WebhookJson.array(NODE, "a")).isNotNull();
    assertThat(WebhookJson.array(NODE, "o")).isNull();
  }

  @Test
  void text_scalarsAsJsonSpelling_containersAbsent_emptyOnlyAbsentForNonEmpty() {
    assertThat(WebhookJson.text(NODE, "n")).isEqualTo("42");
    assertThat(WebhookJson.text(NODE, "t")).isEqualTo("true");
    assertThat(WebhookJson.text(NODE, "o")).isNull();
    assertThat(WebhookJson.text(NODE, "empty")).isEmpty();
    assertThat(WebhookJson.nonEmptyText(NODE, "empty")).isEmpty();
    assertThat(WebhookJson.nonEmptyText(NODE, "s")).contains("x");
  }

  @Test
  void flagsAndBooleans_acceptJsonBooleansAndTrueFalseStrings() {
    assertThat(WebhookJson.flag(NODE, "t")).isTrue();
    assertThat(WebhookJson.flag(NODE, "ts")).isTrue();
    assertThat(WebhookJson.flag(NODE, "other")).isFalse();
    assertThat(WebhookJson.flag(NODE, "missing")).isFalse();
    assertThat(WebhookJson.optBoolean(NODE, "fs")).contains(false);
    assertThat(WebhookJson.optBoolean(NODE, "other")).isEqualTo(Optional.empty());
  }

  @Test
  void numbersAndTimes_lenientAboutStrings_secondsOrMillisByMagnitude() {
    assertThat(WebhookJson.longValue(NODE, "ns")).isEqualTo(1760000000L);
    assertThat(WebhookJson.longValue(NODE, "frac")).isEqualTo(12L);
    assertThat(WebhookJson.longValue(NODE, "bad")).isNull();
    assertThat(WebhookJson.longValue(NODE, "empty")).isNull();
    assertThat(WebhookJson.epochSecondsOrMillis(NODE, "ns")).isEqualTo(Instant.parse("2025-10-09T08:53:20Z"));
    assertThat(WebhookJson.epochSecondsOrMillis(NODE, "ms")).isEqualTo(Instant.parse("2025-10-09T08:53:20.123Z"));
    assertThat(WebhookJson.kind(NODE.get("a"))).isEqualTo("array");
    assertThat(WebhookJson.kind(null)).isEqualTo("missing");
  }
}
