package io.switchboard.channel.instagram.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * Null-tolerant readers for Jackson trees and the content hash used for event ids. A missing
 * node, a JSON {@code null} and a node of the wrong kind all read as "absent".
 */
final class IgJson {


  private IgJson() {}

  static JsonNode child(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.child(node, field);
  }

  static JsonNode object(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.object(node, field);
  }

  /** A scalar child as text; containers read as absent. */
  static String text(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.text(node, field);
  }

  /** A scalar child as text, with the empty string also read as absent. */
  static Optional<String> optText(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.nonEmptyText(node, field);
  }

  /** True for JSON {@code true} and the string {@code "true"}. */
  static boolean isTrue(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.flag(node, field);
  }

  /** A boolean child (JSON boolean or the strings true/false), if present. */
  static Optional<Boolean> optBoolean(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.optBoolean(node, field);
  }

  /** An integral child (number or numeric string), if present. */
  static Long longValue(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.longValue(node, field);
  }

  /** A Unix time in milliseconds (Instagram's unit) or seconds, told apart by magnitude. */
  static Instant epoch(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.epochSecondsOrMillis(node, field);
  }

  /** "missing", "string", "array", ... for error messages. */
  static String kind(JsonNode node) {
    return io.switchboard.webhook.WebhookJson.kind(node);
  }

  /**
   * Lower-case hex SHA-256 of the parts in a canonical JSON form (object keys sorted, no
   * whitespace, numbers normalised), so equal content always gives the same digest.
   */
  static String digest(Object... parts) {
    return io.switchboard.webhook.ContentDigest.sha256(parts);
  }
}
