package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ContentDigestTest {

  private static JsonNode tree(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  @Test
  void canonicalJson_objectKeysSorted_numbersNormalised() throws Exception {
    assertThat(ContentDigest.canonicalJson(tree("{\"b\":1.50,\"a\":[\"x\\\"y\",null,false],\"c\":{\"z\":0.0,\"y\":10}}")))
        .isEqualTo("{\"a\":[\"x\\\"y\",null,false],\"b\":1.5,\"c\":{\"y\":10,\"z\":0}}");
  }

  @Test
  void sha256_sameContentDifferentFormatting_sameLowercaseHex() throws Exception {
    String a = ContentDigest.sha256("1", "field", tree("{\"k\":\"v\",\"n\":2}"));
    String b = ContentDigest.sha256("1", "field", tree("{ \"n\" : 2.0, \"k\" : \"v\" }"));
    assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
  }

  @Test
  void sha256_partsAreDelimited_noAmbiguity() {
    assertThat(ContentDigest.sha256("ab", "c", null)).isNotEqualTo(ContentDigest.sha256("a", "bc", null));
  }

  @Test
  void sha256_knownVector() {
    // printf '["abc"]' | sha256sum
    assertThat(ContentDigest.sha256("abc"))
        .isEqualTo("02f393ea9358560882c1fe797bf99d600aa4643a68276d8e3d714d1c4f19aecc");
  }
}
