package io.switchboard.channel.whatsapp.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small, allocation-light helpers for walking webhook JSON trees. Every accessor tolerates a
 * {@code null} or missing node and returns an empty result instead of throwing.
 */
final class WaJson {

  /** Millisecond timestamps are larger than this; second timestamps are far below it. */
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;

  private WaJson() {}

  /** The child {@code field} of {@code node}, or {@code null} if either is absent or JSON null. */
  static JsonNode child(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isMissingNode() ? null : value;
  }

  /** The child object {@code field}, or {@code null} if absent or not an object. */
  static JsonNode object(JsonNode node, String field) {
    JsonNode value = child(node, field);
    return value != null && value.isObject() ? value : null;
  }

  /**
   * A scalar child as text: strings as-is, numbers and booleans in their JSON spelling. Objects
   * and arrays give {@code null}.
   */
  static String string(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null || value.isContainerNode()) {
      return null;
    }
    return value.asText();
  }

  /** Like {@link #string(JsonNode, String)}, wrapped. */
  static Optional<String> optString(JsonNode node, String field) {
    return Optional.ofNullable(string(node, field));
  }

  /** Like {@link #optString(JsonNode, String)}, but an empty string also counts as absent. */
  static Optional<String> optNonEmpty(JsonNode node, String field) {
    String value = string(node, field);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** A boolean child; {@code true} or the string {@code "true"} give true, anything else false. */
  static boolean flag(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return value.isTextual() && "true".equalsIgnoreCase(value.textValue());
  }

  /** A boolean child if it is a JSON boolean (or the strings true/false), else empty. */
  static Optional<Boolean> optBoolean(JsonNode node, String field) {
    JsonNode value = child(node, field);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBoolean()) {
      return Optional.of(value.booleanValue());
    }
    if (value.isTextual()) {
      String text = value.textValue();
      if ("true".equalsIgnoreCase(text)) {
        return Optional.of(Boolean.TRUE);
      }
      if ("false".equalsIgnoreCase(text)) {
        return Optional.of(Boolean.FALSE);
      }
    }
    return Optional.empty();
  }

  /** The child array {@code field}, or {@code null} if absent or not an array. */
  static JsonNode array(JsonNode node, String field) {
    JsonNode value = child(node, field);
    return value != null && value.isArray() ? value : null;
  }

  /**
   * Unix seconds, given as a JSON number or a numeric string. Returns {@code null} if absent or not
   * numeric.
   */
  static Instant epochSeconds(JsonNode node, String field) {
    Long seconds = longValue(child(node, field));
    return seconds == null ? null : Instant.ofEpochSecond(seconds);
  }

  /**
   * A Unix time that may be in seconds or in milliseconds (Graph {@code entry.time} has been sent
   * both ways across products); values too large to be seconds are read as milliseconds.
   */
  static Instant epochSecondsOrMillis(JsonNode node, String field) {
    Long value = longValue(child(node, field));
    if (value == null) {
      return null;
    }
    return Math.abs(value) >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
  }

  private static Long longValue(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isNumber()) {
      return (long) value.doubleValue();
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
    StringBuilder sb = new StringBuilder(256);
    sb.append('[');
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object part = parts[i];
      if (part == null) {
        sb.append("null");
      } else if (part instanceof JsonNode node) {
        writeCanonical(node, sb);
      } else {
        writeString(part.toString(), sb);
      }
    }
    sb.append(']');
    return sha256Hex(sb.toString());
  }

  /** The canonical JSON text used by {@link #canonicalSha256(Object...)}; visible for tests. */
  static String canonical(JsonNode node) {
    StringBuilder sb = new StringBuilder(256);
    writeCanonical(node, sb);
    return sb.toString();
  }

  private static void writeCanonical(JsonNode node, StringBuilder sb) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      sb.append("null");
    } else if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
      fields.sort(Map.Entry.comparingByKey());
      sb.append('{');
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeString(fields.get(i).getKey(), sb);
        sb.append(':');
        writeCanonical(fields.get(i).getValue(), sb);
      }
      sb.append('}');
    } else if (node.isArray()) {
      sb.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeCanonical(node.get(i), sb);
      }
      sb.append(']');
    } else if (node.isTextual()) {
      writeString(node.textValue(), sb);
    } else if (node.isIntegralNumber()) {
      sb.append(node.bigIntegerValue());
    } else if (node.isNumber()) {
      BigDecimal decimal = node.decimalValue().stripTrailingZeros();
      sb.append(decimal.signum() == 0 ? "0" : decimal.toPlainString());
    } else if (node.isBoolean()) {
      sb.append(node.booleanValue());
    } else if (node.isBinary()) {
      writeString(node.asText(), sb);
    } else {
      // POJO or other exotic nodes never come from parsing; use their text form.
      writeString(node.toString(), sb);
    }
  }

  private static void writeString(String value, StringBuilder sb) {
    sb.append('"');
    JsonStringEncoder.getInstance().quoteAsString(value, sb);
    sb.append('"');
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
