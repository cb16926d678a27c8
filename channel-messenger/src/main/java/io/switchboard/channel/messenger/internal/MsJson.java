package io.switchboard.channel.messenger.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Null-tolerant accessors over Jackson trees and a content digest for derived event ids. No
 * accessor throws on a missing or mistyped node; each returns an empty result instead.
 */
final class MsJson {

  /** Epoch values at or above this are milliseconds; Messenger sends milliseconds throughout. */
  private static final long MILLIS_FROM = 100_000_000_000L;

  private MsJson() {}

  /** {@code node.field}, or {@code null} when either is absent or JSON null. */
  static JsonNode child(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isMissingNode() ? null : value;
  }

  /** The child if it is an object, else {@code null}. */
  static JsonNode object(JsonNode node, String field) {
    JsonNode value = child(node, field);
    return value != null && value.isObject() ? value : null;
  }

  /** A scalar child as text (numbers and booleans in JSON spelling); containers give null. */
  static String string(JsonNode node, String field) {
    JsonNode value = child(node, field);
    return value == null || value.isContainerNode() ? null : value.asText();
  }

  /** A scalar child as text, empty when absent or the empty string. */
  static Optional<String> opt(JsonNode node, String field) {
    String value = string(node, field);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** True for JSON {@code true} or the string {@code "true"}. */
  static boolean flag(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return false;
    }
    return value.isBoolean() ? value.booleanValue() : value.isTextual() && "true".equalsIgnoreCase(value.textValue());
  }

  /** An integral number or numeric string, else {@code null}. */
  static Long longValue(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : (long) value.doubleValue();
    }
    if (value.isTextual()) {
      String text = value.textValue().trim();
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        try {
          return new BigDecimal(text).longValue();
        } catch (NumberFormatException e2) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * A time in epoch milliseconds (Messenger's unit), tolerating seconds: values too small to be
   * milliseconds of this era are read as seconds.
   */
  static Instant epochMillis(JsonNode node, String field) {
    Long value = longValue(node, field);
    if (value == null) {
      return null;
    }
    return Math.abs(value) >= MILLIS_FROM ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
  }

  /** Lower-case JSON node type for error messages, or {@code missing}. */
  static String describe(JsonNode node) {
    return node == null || node.isMissingNode() ? "missing" : node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  /**
   * SHA-256 hex of a canonical form of the parts (object keys sorted, no whitespace, numbers
   * normalised), so equal content gives equal digests whatever the key order or formatting.
   */
  static String digest(Object... parts) {
    return io.switchboard.webhook.ContentDigest.sha256(parts);
  }
}
