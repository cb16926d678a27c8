package io.switchboard.webhook;

import io.switchboard.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex>}, the HMAC-SHA256 of the raw
 * body keyed with the app secret. Switchboard verifies it on every {@code POST}; this class also
 * lets tests and emulators produce correctly signed bodies. Thread-safe.
 */
public final class WebhookSignature {

  /** The header Meta signs notifications with. */
  public static final String HEADER = "X-Hub-Signature-256";

  private WebhookSignature() {}

  /**
   * Computes the header value for a body.
   *
   * @param appSecret the app secret
   * @param body the exact bytes that will be sent
   * @return {@code sha256=<lowercase hex>}
   */
  public static String sign(Secret appSecret, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac(appSecret.reveal().getBytes(StandardCharsets.UTF_8), body));
  }

  /**
   * HMAC-SHA256 of a body.
   *
   * @param key the key bytes
   * @param body the body
   * @return the 32-byte MAC
   */
  static byte[] hmac(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * Checks a header value against a body in constant time.
   *
   * @param appSecret the app secret
   * @param header the header value, may be null
   * @param body the raw body
   * @return true if it is a valid signature of the body
   */
  public static boolean verify(Secret appSecret, String header, byte[] body) {
    byte[] given = parse(header);
    return given != null && java.security.MessageDigest.isEqual(
        hmac(appSecret.reveal().getBytes(StandardCharsets.UTF_8), body), given);
  }

  /**
   * Decodes a header value.
   *
   * @param header {@code sha256=<64 hex digits>}
   * @return the 32 bytes, or null if the header is missing or malformed
   */
  static byte[] parse(String header) {
    if (header == null || !header.regionMatches(true, 0, "sha256=", 0, 7)) {
      return null;
    }
    String hex = header.substring(7).trim();
    if (hex.length() != 64) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
