package io.switchboard.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One webhook the emulator posted to the host.
 *
 * @param body the signed bytes
 * @param json the body parsed
 * @param headers the headers sent, including {@code X-Hub-Signature-256}
 * @param status the HTTP status the host answered, or -1 if delivery failed
 * @param at when it was posted, by the emulator's clock
 */
public record WebhookDelivery(byte[] body, JsonNode json, Map<String, String> headers, int status, Instant at) {

  /** Checks required fields and copies the headers. */
  public WebhookDelivery {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(json, "json");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(at, "at");
  }

  /**
   * The body as text.
   *
   * @return the UTF-8 body
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The {@code X-Hub-Signature-256} header.
   *
   * @return {@code sha256=<hex>}
   */
  public String signature() {
    return headers.get("X-Hub-Signature-256");
  }

  @Override
  public String toString() {
    return "WebhookDelivery[status=" + status + ", at=" + at + ", body=" + bodyText() + "]";
  }
}
