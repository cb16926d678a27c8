package io.switchboard.internal;

import io.switchboard.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies {@code X-Hub-Signature-256: sha256=<hex>}: HMAC-SHA256 of the raw body keyed with the
 * app secret, compared in constant time. Several secrets may be configured (rotation, or a second
 * app secret for Instagram Login); any match passes.
 */
public final class HubSignature {

  private static final String PREFIX = "sha256=";

  private final List<byte[]> keys;

  /**
   * Creates a verifier.
   *
   * @param secrets one or more app secrets
   */
  public HubSignature(List<Secret> secrets) {
    this.keys = secrets.stream().map(s -> s.reveal().getBytes(StandardCharsets.UTF_8)).toList();
  }

  /**
   * Checks a signature header against a body.
   *
   * @param header the header value, may be null
   * @param body the raw body
   * @return true if it matches one of the secrets
   */
  public boolean verify(String header, byte[] body) {
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    String hex = header.substring(PREFIX.length()).trim();
    if (hex.length() != 64) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return false;
    }
    boolean ok = false;
    for (byte[] key : keys) {
      ok |= MessageDigest.isEqual(hmac(key, body), given);
    }
    return ok;
  }

  /**
   * Computes the header value for a body (for tests and the emulator).
   *
   * @param secret the app secret
   * @param body the raw body
   * @return {@code sha256=<hex>}
   */
  public static String sign(Secret secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret.reveal().getBytes(StandardCharsets.UTF_8), body));
  }

  private static byte[] hmac(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
