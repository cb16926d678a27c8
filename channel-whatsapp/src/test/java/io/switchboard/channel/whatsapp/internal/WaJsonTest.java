package io.switchboard.channel.whatsapp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaJsonTest {

  @Test
  void epochSeconds_stringNumberAndGarbage_convertOrGiveNull() {
    var node = WaFixtures.tree("{\"s\":\"1760000000\",\"n\":1760000000,\"bad\":\"soon\",\"empty\":\"\"}");

    assertThat(WaJson.epochSeconds(node, "s")).isEqualTo(Instant.parse("2025-10-09T08:53:20Z"));
    assertThat(WaJson.epochSeconds(node, "n")).isEqualTo(Instant.parse("2025-10-09T08:53:20Z"));
    assertThat(WaJson.epochSeconds(node, "bad")).isNull();
    assertThat(WaJson.epochSeconds(node, "empty")).isNull();
    assertThat(WaJson.epochSeconds(node, "missing")).isNull();
  }

  @Test
  void path_withAndWithoutChange_buildsDottedPath() {
    assertThat(WaJson.path(0, 1, "value.messages[2].id")).isEqualTo("entry[0].changes[1].value.messages[2].id");
    assertThat(WaJson.path(3, -1, "changes")).isEqualTo("entry[3].changes");
    assertThat(WaJson.path(3, -1, "")).isEqualTo("entry[3]");
  }
}
