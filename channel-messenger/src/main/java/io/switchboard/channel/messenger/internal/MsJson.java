package io.switchboard.channel.messenger.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * Null-tolerant accessors over Jackson trees and a content digest for derived event ids. No
 * accessor throws on a missing or mistyped node; each returns an empty result instead.
 */
final class MsJson {


  private MsJson() {}

  /** {@code node.field}, or {@code null} when either is absent or JSON null. */
  static JsonNode child(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.child(node, field);
  }

  /** The child if it is an object, else {@code null}. */
  static JsonNode object(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.object(node, field);
  }

  /** A scalar child as text (numbers and booleans in JSON spelling); containers give null. */
  static String string(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.text(node, field);
  }

  /** A scalar child as text, empty when absent or the empty string. */
  static Optional<String> opt(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.nonEmptyText(node, field);
  }

  /** True for JSON {@code true} or the string {@code "true"}. */
  static boolean flag(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.flag(node, field);
  }

  /** An integral number or numeric string, else {@code null}. */
  static Long longValue(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.longValue(node, field);
  }

  /**
   * A time in epoch milliseconds (Messenger's unit), tolerating seconds: values too small to be
   * milliseconds of this era are read as seconds.
   */
  static Instant epochMillis(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.epochSecondsOrMillis(node, field);
  }

  /** Lower-case JSON node type for error messages, or {@code missing}. */
  static String describe(JsonNode node) {
    return io.switchboard.webhook.WebhookJson.kind(node);
  }

  /**
   * SHA-256 hex of a canonical form of the parts (object keys sorted, no whitespace, numbers
   * normalised), so equal content gives equal digests whatever the key order or formatting.
   */
  static String digest(Object... parts) {
    return io.switchboard.webhook.ContentDigest.sha256(parts);
  }
}
