package io.switchboard.channel.messenger.internal;

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
import java.util.Locale;
import java.util.Map;
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
    StringBuilder sb = new StringBuilder(256).append('[');
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object part = parts[i];
      if (part instanceof JsonNode node) {
        canonical(node, sb);
      } else if (part == null) {
        sb.append("null");
      } else {
        quote(part.toString(), sb);
      }
    }
    sb.append(']');
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  private static void canonical(JsonNode node, StringBuilder sb) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      sb.append("null");
    } else if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
      fields.sort(Map.Entry.comparingByKey());
      sb.append('{');
      String sep = "";
      for (Map.Entry<String, JsonNode> f : fields) {
        sb.append(sep);
        quote(f.getKey(), sb);
        sb.append(':');
        canonical(f.getValue(), sb);
        sep = ",";
      }
      sb.append('}');
    } else if (node.isArray()) {
      sb.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        canonical(node.get(i), sb);
      }
      sb.append(']');
    } else if (node.isTextual()) {
      quote(node.textValue(), sb);
    } else if (node.isIntegralNumber()) {
      sb.append(node.bigIntegerValue());
    } else if (node.isNumber()) {
      BigDecimal d = node.decimalValue().stripTrailingZeros();
      sb.append(d.signum() == 0 ? "0" : d.toPlainString());
    } else if (node.isBoolean()) {
      sb.append(node.booleanValue());
    } else {
      quote(node.asText(), sb);
    }
  }

  private static void quote(String value, StringBuilder sb) {
    sb.append('"');
    JsonStringEncoder.getInstance().quoteAsString(value, sb);
    sb.append('"');
  }
}
