package io.switchboard.webhook;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Stable ids for webhook content that carries none of its own (template status changes, comments,
 * value-level errors): the SHA-256 of a canonical JSON form of the parts, with object keys sorted,
 * no whitespace and numbers normalised. Equal content gives an equal digest whatever the key order
 * or formatting Meta used, so a retried webhook produces the same
 * {@link io.switchboard.event.InboundEvent#externalId()} and is deduplicated. For channel
 * adapters. Thread-safe.
 */
public final class ContentDigest {

  private ContentDigest() {}

  /**
   * The digest of the parts.
   *
   * @param parts strings (or anything, by {@code toString()}) and JSON nodes; null is JSON null
   * @return 64 lower-case hex characters
   */
  public static String sha256(Object... parts) {
    StringBuilder sb = new StringBuilder(256).append('[');
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object part = parts[i];
      if (part == null) {
        sb.append("null");
      } else if (part instanceof JsonNode node) {
        write(node, sb);
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

  /**
   * The canonical JSON text the digest is computed over.
   *
   * @param node a JSON value
   * @return its canonical text
   */
  public static String canonicalJson(JsonNode node) {
    StringBuilder sb = new StringBuilder(256);
    write(node, sb);
    return sb.toString();
  }

  private static void write(JsonNode node, StringBuilder sb) {
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
        quote(fields.get(i).getKey(), sb);
        sb.append(':');
        write(fields.get(i).getValue(), sb);
      }
      sb.append('}');
    } else if (node.isArray()) {
      sb.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(node.get(i), sb);
      }
      sb.append(']');
    } else if (node.isIntegralNumber()) {
      sb.append(node.bigIntegerValue());
    } else if (node.isNumber()) {
      BigDecimal d = node.decimalValue().stripTrailingZeros();
      sb.append(d.signum() == 0 ? "0" : d.toPlainString());
    } else if (node.isBoolean()) {
      sb.append(node.booleanValue());
    } else {
      quote(node.isTextual() ? node.textValue() : node.asText(), sb);
    }
  }

  private static void quote(String value, StringBuilder sb) {
    sb.append('"');
    JsonStringEncoder.getInstance().quoteAsString(value, sb);
    sb.append('"');
  }
}
