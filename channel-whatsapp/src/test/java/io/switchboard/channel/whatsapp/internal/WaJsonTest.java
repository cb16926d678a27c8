package io.switchboard.channel.whatsapp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaJsonTest {

  @Test
  void canonical_objectKeys_areSortedAndNumbersNormalised() {
    assertThat(WaJson.canonical(WaFixtures.tree("{\"b\":1.50,\"a\":[\"x\\\"y\",null,false],\"c\":{\"z\":0.0,\"y\":10}}")))
        .isEqualTo("{\"a\":[\"x\\\"y\",null,false],\"b\":1.5,\"c\":{\"y\":10,\"z\":0}}");
  }

  @Test
  void canonicalSha256_sameInput_givesSameLowercaseHex() {
    String a = WaJson.canonicalSha256("1", "field", WaFixtures.tree("{\"k\":\"v\"}"));
    String b = WaJson.canonicalSha256("1", "field", WaFixtures.tree("{ \"k\" : \"v\" }"));

    assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
  }

  @Test
  void canonicalSha256_partsAreDelimited_noAmbiguity() {
    assertThat(WaJson.canonicalSha256("ab", "c", null)).isNotEqualTo(WaJson.canonicalSha256("a", "bc", null));
  }

  @Test
  void sha256Hex_knownVector_matches() {
    assertThat(WaJson.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

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
