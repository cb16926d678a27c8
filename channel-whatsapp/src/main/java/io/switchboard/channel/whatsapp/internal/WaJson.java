package io.switchboard.channel.whatsapp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Small, allocation-light helpers for walking webhook JSON trees. Every accessor tolerates a
 * {@code null} or missing node and returns an empty result instead of throwing.
 */
final class WaJson {


  private WaJson() {}

  /** The child {@code field} of {@code node}, or {@code null} if either is absent or JSON null. */
  static JsonNode child(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.child(node, field);
  }

  /** The child object {@code field}, or {@code null} if absent or not an object. */
  static JsonNode object(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.object(node, field);
  }

  /**
   * A scalar child as text: strings as-is, numbers and booleans in their JSON spelling. Objects
   * and arrays give {@code null}.
   */
  static String string(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.text(node, field);
  }

  /** Like {@link #string(JsonNode, String)}, wrapped. */
  static Optional<String> optString(JsonNode node, String field) {
    return Optional.ofNullable(string(node, field));
  }

  /** Like {@link #optString(JsonNode, String)}, but an empty string also counts as absent. */
  static Optional<String> optNonEmpty(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.nonEmptyText(node, field);
  }

  /** A boolean child; {@code true} or the string {@code "true"} give true, anything else false. */
  static boolean flag(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.flag(node, field);
  }

  /** A boolean child if it is a JSON boolean (or the strings true/false), else empty. */
  static Optional<Boolean> optBoolean(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.optBoolean(node, field);
  }

  /** The child array {@code field}, or {@code null} if absent or not an array. */
  static JsonNode array(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.array(node, field);
  }

  /**
   * Unix seconds, given as a JSON number or a numeric string. Returns {@code null} if absent or not
   * numeric.
   */
  static Instant epochSeconds(JsonNode node, String field) {
    Long seconds = io.switchboard.webhook.WebhookJson.longValue(node, field);
    return seconds == null ? null : Instant.ofEpochSecond(seconds);
  }

  /**
   * A Unix time that may be in seconds or in milliseconds (Graph {@code entry.time} has been sent
   * both ways across products); values too large to be seconds are read as milliseconds.
   */
  static Instant epochSecondsOrMillis(JsonNode node, String field) {
    return io.switchboard.webhook.WebhookJson.epochSecondsOrMillis(node, field);
  }

  /** A decimal from a JSON number or a numeric string, or {@code null}. */
  static BigDecimal decimal(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      try {
        return new BigDecimal(value.textValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A double from a JSON number or a numeric string, or {@code null}. */
  static Double doubleValue(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      try {
        return Double.parseDouble(value.textValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** An int from a JSON number or a numeric string, or {@code null}. */
  static Integer intValue(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return value.canConvertToInt() ? value.intValue() : null;
    }
    if (value.isTextual()) {
      try {
        return Integer.parseInt(value.textValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Builds a path like {@code entry[0].changes[1].value.messages[2].id}. */
  static String path(int entry, int change, String tail) {
    StringBuilder sb = new StringBuilder(64).append("entry[").append(entry).append(']');
    if (change >= 0) {
      sb.append(".changes[").append(change).append(']');
    }
    if (tail != null && !tail.isEmpty()) {
      sb.append('.').append(tail);
    }
    return sb.toString();
  }

  /**
   * SHA-256 (lower-case hex) of a canonical serialisation of the given parts. Canonical means
   * object keys sorted by code point, no whitespace, strings JSON-escaped and numbers normalised,
   * so the same content always gives the same digest regardless of key order or formatting.
   *
   * @param parts strings or JSON nodes; {@code null} serialises as JSON null
   * @return 64 hex characters
   */
  static String canonicalSha256(Object... parts) {
    return io.switchboard.webhook.ContentDigest.sha256(parts);
  }

  /** The canonical JSON text used by {@link #canonicalSha256(Object...)}; visible for tests. */
  static String canonical(JsonNode node) {
    return io.switchboard.webhook.ContentDigest.canonicalJson(node);
  }
}
