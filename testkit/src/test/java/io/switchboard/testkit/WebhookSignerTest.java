package io.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.Secret;
import io.switchboard.webhook.WebhookRequest;
import io.switchboard.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  @Test
  void sign_knownVector_matchesHmacSha256Hex() {
    // HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog"), a widely published vector
    assertThat(WebhookSigner.of(Secret.of("key")).sign("The quick brown fox jumps over the lazy dog"))
        .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void request_isVerifiableWithSameSecretOnly() {
    WebhookRequest r = WebhookSigner.of(Secret.of("s3cret")).request("{\"object\":\"x\"}");
    String header = r.header("x-hub-signature-256").orElseThrow();
    assertThat(WebhookSignature.verify(Secret.of("s3cret"), header, r.body())).isTrue();
    assertThat(WebhookSignature.verify(Secret.of("other"), header, r.body())).isFalse();
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"object\":\"x\"}");
    assertThat(WebhookSigner.of(Secret.of("s3cret")).toString()).doesNotContain("s3cret");
  }
}
