package io.switchboard.spi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A correctly signed webhook body that could not be turned into events (invalid JSON, an object
 * type no channel handles, a shape a channel rejected). Kept so that nothing Meta sent is lost.
 *
 * @param id Switchboard's id for the record
 * @param receivedAt when it arrived
 * @param reason why it was not processed
 * @param body the raw bytes as received
 */
public record MalformedWebhook(String id, Instant receivedAt, String reason, byte[] body) {

  /** Checks required fields and copies the body. */
  public MalformedWebhook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(reason, "reason");
    body = body.clone();
  }

  /**
   * The raw body.
   *
   * @return a copy of the bytes
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body as UTF-8 text.
   *
   * @return the text
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MalformedWebhook m
        && id.equals(m.id)
        && receivedAt.equals(m.receivedAt)
        && reason.equals(m.reason)
        && java.util.Arrays.equals(body, m.body);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "MalformedWebhook[id=" + id + ", receivedAt=" + receivedAt + ", reason=" + reason + ", bytes=" + body.length + "]";
  }
}
