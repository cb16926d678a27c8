package io.switchboard.testing;

import io.switchboard.Secret;
import io.switchboard.crypto.Keyring;
import io.switchboard.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Shared constants and helpers for core tests. */
public final class Fixtures {

  public static final Secret APP_SECRET = Secret.of("app-secret-for-tests");
  public static final Secret VERIFY_TOKEN = Secret.of("verify-me-please");
  public static final String KEY_1 = Keyring.generateKeyBase64();
  public static final String KEY_2 = Keyring.generateKeyBase64();

  private Fixtures() {}

  public static Keyring keyring() {
    return Keyring.builder().primary("k1", KEY_1).build();
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static Map<String, String> signed(byte[] body) {
    return Map.of("X-Hub-Signature-256", WebhookSignature.sign(APP_SECRET, body));
  }

  /** A fake-channel webhook body with one event per (account, id) pair. */
  public static String fakeWebhook(String... accountIdPairs) {
    StringBuilder sb = new StringBuilder("{\"object\":\"fake\",\"events\":[");
    for (int i = 0; i < accountIdPairs.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"account\":\"").append(accountIdPairs[i]).append("\",\"id\":\"").append(accountIdPairs[i + 1])
          .append("\",\"text\":\"hello ").append(accountIdPairs[i + 1]).append("\"}");
    }
    return sb.append("]}").toString();
  }
}
