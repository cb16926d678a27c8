package io.switchboard.channel.instagram.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Null-tolerant readers for Jackson trees and the content hash used for event ids. A missing
 * node, a JSON {@code null} and a node of the wrong kind all read as "absent".
 */
final class IgJson {

  /** Instagram sends milliseconds; anything at or above this cannot be seconds. */
  private static final long MILLIS_FROM = 100_000_000_000L;

  private IgJson() {}

  static JsonNode child(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isMissingNode() ? null : value;
  }

  static JsonNode object(JsonNode node, String field) {
    JsonNode value = child(node, field);
    return value != null && value.isObject() ? value : null;
  }

  /** A scalar child as text; containers read as absent. */
  static String text(JsonNode node, String field) {
    JsonNode value = child(node, field);
    return value == null || value.isContainerNode() ? null : value.asText();
  }

  /** A scalar child as text, with the empty string also read as absent. */
  static Optional<String> optText(JsonNode node, String field) {
    String value = text(node, field);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** True for JSON {@code true} and the string {@code "true"}. */
  static boolean isTrue(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return false;
    }
    return value.isBoolean() ? value.booleanValue() : value.isTextual() && "true".equalsIgnoreCase(value.textValue());
  }

  /** A boolean child (JSON boolean or the strings true/false), if present. */
  static Optional<Boolean> optBoolean(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBoolean()) {
      return Optional.of(value.booleanValue());
    }
    if (value.isTextual()) {
      String t = value.textValue().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return Optional.of(Boolean.valueOf(t));
      }
    }
    return Optional.empty();
  }

  /** An integral child (number or numeric string), if present. */
  static Long longValue(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : (long) value.doubleValue();
    }
    if (value.isTextual()) {
      String t = value.textValue().trim();
      try {
        return t.isEmpty() ? null : new BigDecimal(t).longValue();
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A Unix time in milliseconds (Instagram's unit) or seconds, told apart by magnitude. */
  static Instant epoch(JsonNode node, String field) {
    Long value = longValue(node, field);
    if (value == null) {
      return null;
    }
    return Math.abs(value) >= MILLIS_FROM ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
  }

  /** "missing", "string", "array", ... for error messages. */
  static String kind(JsonNode node) {
    return node == null || node.isMissingNode() ? "missing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /**
   * Lower-case hex SHA-256 of the parts in a canonical JSON form (object keys sorted, no
   * whitespace, numbers normalised), so equal content always gives the same digest.
   */
  static String digest(Object... parts) {
    return io.switchboard.webhook.ContentDigest.sha256(parts);
  }
}
