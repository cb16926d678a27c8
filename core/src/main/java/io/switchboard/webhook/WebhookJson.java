package io.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Lenient readers over parsed webhook JSON, for channel adapters. Meta's payloads vary (numbers
 * sent as strings, optional objects absent or {@code null}), so no reader throws: a missing node,
 * a JSON {@code null} and a node of the wrong kind all read as absent. Thread-safe.
 */
public final class WebhookJson {

  /** Epoch values at or above this are milliseconds; seconds of this era are far below it. */
  private static final long MILLIS_FROM = 100_000_000_000L;

  private WebhookJson() {}

  /**
   * A child node.
   *
   * @param node the parent, may be null
   * @param field the field name
   * @return the child, or null if either is absent or the child is JSON null
   */
  public static JsonNode child(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isMissingNode() ? null : value;
  }

  /**
   * A child object.
   *
   * @param node the parent, may be null
   * @param field the field name
   * @return the child if it is an object, else null
   */
  public static JsonNode object(JsonNode node, String field) {
    JsonNode value = child(node, field);
    return value != null && value.isObject() ? value : null;
  }

  /**
   * A child array.
   *
   * @param node the parent, may be null
   * @param field the field name
   * @return the child if it is an array, else null
   */
  public static JsonNode array(JsonNode node, String field) {
    JsonNode value = child(node, field);
    return value != null && value.isArray() ? value : null;
  }

  /**
   * A scalar child as text: strings as they are, numbers and booleans in their JSON spelling.
   *
   * @param node the parent, may be null
   * @param field the field name
   * @return the text, or null if absent or an object or array
   */
  public static String text(JsonNode node, String field) {
    JsonNode value = child(node, field);
    return value == null || value.isContainerNode() ? null : value.asText();
  }

  /**
   * A scalar child as text, with the empty string also read as absent.
   *
   * @param node the parent, may be null
   * @param field the field name
   * @return the text, if present and not empty
   */
  public static Optional<String> nonEmptyText(JsonNode node, String field) {
    String value = text(node, field);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * A flag.
   *
   * @param node the parent, may be null
   * @param field the field name
   * @return true for JSON {@code true} or the string {@code "true"} (any case), else false
   */
  public static boolean flag(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return false;
    }
    return value.isBoolean() ? value.booleanValue() : value.isTextual() && "true".equalsIgnoreCase(value.textValue());
  }

  /**
   * A boolean child.
   *
   * @param node the parent, may be null
   * @param field the field name
   * @return a JSON boolean or the strings true/false (any case), else empty
   */
  public static Optional<Boolean> optBoolean(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBoolean()) {
      return Optional.of(value.booleanValue());
    }
    if (value.isTextual()) {
      String text = value.textValue().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Optional.of(Boolean.valueOf(text));
      }
    }
    return Optional.empty();
  }

  /**
   * An integral child, given as a JSON number or a numeric string (fractions are truncated).
   *
   * @param node the parent, may be null
   * @param field the field name
   * @return the value, or null if absent or not numeric
   */
  public static Long longValue(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : (long) value.doubleValue();
    }
    if (value.isTextual()) {
      String text = value.textValue().trim();
      if (text.isEmpty()) {
        return null;
      }
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
   * A Unix time in seconds or milliseconds, told apart by magnitude (Meta's products send both).
   *
   * @param node the parent, may be null
   * @param field the field name
   * @return the time, or null if absent or not numeric
   */
  public static Instant epochSecondsOrMillis(JsonNode node, String field) {
    Long value = longValue(node, field);
    if (value == null) {
      return null;
    }
    return Math.abs(value) >= MILLIS_FROM ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
  }

  /**
   * A node's kind for error messages.
   *
   * @param node the node, may be null
   * @return {@code missing}, {@code string}, {@code array}, {@code object}, ...
   */
  public static String kind(JsonNode node) {
    return node == null || node.isMissingNode() ? "missing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
