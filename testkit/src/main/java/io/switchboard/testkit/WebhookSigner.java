package io.switchboard.testkit;

import io.switchboard.Secret;
import io.switchboard.webhook.WebhookRequest;
import io.switchboard.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Signs webhook bodies the way Meta does, so a host's tests can feed realistic notifications to
 * {@code Switchboard.webhooks()} or to its mounted servlet:
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.of(Secret.of("app-secret"));
 * WebhookResponse r = switchboard.webhooks().handle(signer.request(fixtureJson));
 * // or over HTTP: header(WebhookSignature.HEADER, signer.sign(bytes))
 * }</pre>
 *
 * <p>Bodies in the shapes Meta documents come from {@link RecordedFixtures}. Immutable and
 * thread-safe.
 */
public final class WebhookSigner {

  private final Secret appSecret;

  private WebhookSigner(Secret appSecret) {
    this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
  }

  /**
   * A signer for one app secret.
   *
   * @param appSecret the secret Switchboard is configured with
   * @return the signer
   */
  public static WebhookSigner of(Secret appSecret) {
    return new WebhookSigner(appSecret);
  }

  /**
   * The {@code X-Hub-Signature-256} value for exact bytes.
   *
   * @param body the bytes that will be sent
   * @return {@code sha256=<hex>}
   */
  public String sign(byte[] body) {
    return WebhookSignature.sign(appSecret, body);
  }

  /**
   * The {@code X-Hub-Signature-256} value for a UTF-8 JSON text.
   *
   * @param json the body text
   * @return {@code sha256=<hex>}
   */
  public String sign(String json) {
    return sign(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A signed {@code POST} ready for {@code WebhookProcessor.handle}.
   *
   * @param json the body text (sent as UTF-8)
   * @return the request
   */
  public WebhookRequest request(String json) {
    return request(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A signed {@code POST} of exact bytes, such as a {@link RecordedFixtures} body.
   *
   * @param body the bytes to send; copied, so later changes to the array do not affect the request
   * @return the request
   */
  public WebhookRequest request(byte[] body) {
    byte[] copy = body.clone();
    return WebhookRequest.post(copy, Map.of(WebhookSignature.HEADER, sign(copy)));
  }

  @Override
  public String toString() {
    return "WebhookSigner[appSecret=***]";
  }
}
