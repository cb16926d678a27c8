package io.switchboard.webhook;

import java.util.Objects;

/**
 * What to answer Meta: status, content type and body. Immutable.
 *
 * @param status the HTTP status
 * @param contentType the content type of the body
 * @param body the body text
 */
public record WebhookResponse(int status, String contentType, String body) {

  /** Checks required fields. */
  public WebhookResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /**
   * A plain-text answer.
   *
   * @param status HTTP status
   * @param body text
   * @return the response
   */
  public static WebhookResponse text(int status, String body) {
    return new WebhookResponse(status, "text/plain; charset=utf-8", body);
  }

  /**
   * A JSON error answer {@code {"error":"..."}}.
   *
   * @param status HTTP status
   * @param message what was wrong (never secret)
   * @return the response
   */
  public static WebhookResponse error(int status, String message) {
    String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
    return new WebhookResponse(status, "application/json", "{\"error\":\"" + escaped + "\"}");
  }
}
