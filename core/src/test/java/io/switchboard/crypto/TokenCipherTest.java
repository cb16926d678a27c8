package io.switchboard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

  private static final String TOKEN = "EAAGm0PX4ZCpsBAKZCZCZBplaintextSecretToken123";
  private static final String AAD = "tenant-a|WHATSAPP|1234567890";

  private static final byte[] K1 = Keyring.generateKey();
  private static final byte[] K2 = Keyring.generateKey();

  private final TokenCipher cipher = new TokenCipher(Keyring.builder().primary("k1", K1).build());

  @Test
  void decrypt_ownCiphertext_returnsPlaintext() {
    String ciphertext = cipher.encrypt(TOKEN, AAD);

    assertThat(cipher.decrypt(ciphertext, AAD)).isEqualTo(TOKEN);
  }

  @Test
  void decrypt_unicodeAndEmptyPlaintext_roundTrips() {
    assertThat(cipher.decrypt(cipher.encrypt("", AAD), AAD)).isEmpty();
    assertThat(cipher.decrypt(cipher.encrypt("jéton-🔑", ""), "")).isEqualTo("jéton-🔑");
  }

  @Test
  void encrypt_anyToken_producesSelfDescribingFormat() {
    String ciphertext = cipher.encrypt(TOKEN, AAD);

    assertThat(ciphertext).matches("sb1:k1:[A-Za-z0-9_-]+");
    byte[] data = Base64.getUrlDecoder().decode(ciphertext.substring("sb1:k1:".length()));
    int plainLength = TOKEN.getBytes(StandardCharsets.UTF_8).length;
    assertThat(data).hasSize(12 + plainLength + 16); // nonce || ciphertext || 128-bit tag
  }

  @Test
  void encrypt_sameInputTwice_producesDifferentCiphertexts() {
    Set<String> ciphertexts = new HashSet<>();
    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String c = cipher.encrypt(TOKEN, AAD);
      ciphertexts.add(c);
      byte[] data = Base64.getUrlDecoder().decode(c.substring("sb1:k1:".length()));
      nonces.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(data, 12)));
    }

    assertThat(ciphertexts).hasSize(100);
    assertThat(nonces).hasSize(100);
  }

  @Test
  void encrypt_anyToken_neverContainsPlaintext() {
    String ciphertext = cipher.encrypt(TOKEN, AAD);

    assertThat(ciphertext).doesNotContain(TOKEN).doesNotContain("plaintextSecret");
    assertThat(ciphertext).doesNotContain(Base64.getUrlEncoder().withoutPadding()
        .encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)).substring(0, 12));
  }

  @Test
  void decrypt_differentAssociatedData_failsWithKeyId() {
    String ciphertext = cipher.encrypt(TOKEN, AAD);

    TokenDecryptionException e = catchThrowableOfType(TokenDecryptionException.class,
        () -> cipher.decrypt(ciphertext, "tenant-b|WHATSAPP|1234567890"));

    assertThat(e).hasMessageContaining("key id 'k1'").hasMessageContaining("authentication failed");
    assertThat(e.keyId()).contains("k1");
    assertThat(e.retryable()).isFalse();
    assertSecretsAbsent(e, ciphertext);
  }

  @Test
  void decrypt_tamperedByte_fails() {
    String ciphertext = cipher.encrypt(TOKEN, AAD);
    String prefix = "sb1:k1:";
    byte[] data = Base64.getUrlDecoder().decode(ciphertext.substring(prefix.length()));
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();

    for (int i : new int[] {0, 11, 12, data.length / 2, data.length - 1}) {
      byte[] tampered = data.clone();
      tampered[i] ^= 0x01;
      String bad = prefix + enc.encodeToString(tampered);

      assertThatThrownBy(() -> cipher.decrypt(bad, AAD))
          .as("byte %d flipped", i)
          .isInstanceOf(TokenDecryptionException.class)
          .hasMessageContaining("authentication failed");
    }
  }

  @Test
  void decrypt_truncatedOrNonCanonicalData_failsAsMalformed() {
    String ciphertext = cipher.encrypt(TOKEN, AAD);

    assertThatThrownBy(() -> cipher.decrypt(ciphertext.substring(0, 20), AAD))
        .isInstanceOf(TokenDecryptionException.class)
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> cipher.decrypt(ciphertext + "=", AAD))
        .isInstanceOf(TokenDecryptionException.class)
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> cipher.decrypt("sb1:k1:", AAD))
        .isInstanceOf(TokenDecryptionException.class)
        .hasMessageContaining("too short");
  }

  @Test
  void decrypt_keyIdSwappedToAnotherKnownKey_fails() {
    TokenCipher both = new TokenCipher(Keyring.builder().primary("k1", K1).add("k2", K2).build());
    String ciphertext = both.encrypt(TOKEN, AAD);
    String relabelled = "sb1:k2:" + ciphertext.substring("sb1:k1:".length());

    assertThatThrownBy(() -> both.decrypt(relabelled, AAD))
        .isInstanceOf(TokenDecryptionException.class)
        .hasMessageContaining("key id 'k2'");
  }

  @Test
  void decrypt_unknownKeyId_failsNamingTheKeyId() {
    TokenCipher other = new TokenCipher(Keyring.builder().primary("k9", K2).build());
    String ciphertext = other.encrypt(TOKEN, AAD);

    TokenDecryptionException e = catchThrowableOfType(TokenDecryptionException.class,
        () -> cipher.decrypt(ciphertext, AAD));

    assertThat(e).hasMessage("Cannot decrypt token: key id 'k9' is not in the keyring [k1]");
    assertThat(e.keyId()).contains("k9");
    assertSecretsAbsent(e, ciphertext);
  }

  @Test
  void decrypt_plaintextPassedByMistake_failsWithoutEchoingIt() {
    TokenDecryptionException e = catchThrowableOfType(TokenDecryptionException.class,
        () -> cipher.decrypt(TOKEN, AAD));

    assertThat(e).hasMessageContaining("not a Switchboard ciphertext");
    assertThat(e.keyId()).isEmpty();
    assertSecretsAbsent(e, TOKEN);

    TokenDecryptionException e2 = catchThrowableOfType(TokenDecryptionException.class,
        () -> cipher.decrypt("sb1:" + TOKEN + "!:abc", AAD));
    assertThat(e2).hasMessageContaining("invalid key id");
    assertSecretsAbsent(e2, TOKEN);
  }

  @Test
  void decrypt_null_failsAsMalformed() {
    assertThatThrownBy(() -> cipher.decrypt(null, AAD))
        .isInstanceOf(TokenDecryptionException.class)
        .hasMessageContaining("null");
  }

  @Test
  void decrypt_afterRotation_readsOldAndEncryptsWithNewPrimary() {
    TokenCipher before = new TokenCipher(Keyring.builder().primary("k1", K1).build());
    String old = before.encrypt(TOKEN, AAD);

    TokenCipher after = new TokenCipher(Keyring.builder().primary("k2", K2).add("k1", K1).build());
    String fresh = after.encrypt(TOKEN, AAD);

    assertThat(after.decrypt(old, AAD)).isEqualTo(TOKEN);
    assertThat(after.keyIdOf(old)).isEqualTo("k1");
    assertThat(after.usesPrimaryKey(old)).isFalse();
    assertThat(fresh).startsWith("sb1:k2:");
    assertThat(after.keyIdOf(fresh)).isEqualTo("k2");
    assertThat(after.usesPrimaryKey(fresh)).isTrue();
    assertThatThrownBy(() -> before.decrypt(fresh, AAD))
        .isInstanceOf(TokenDecryptionException.class)
        .hasMessageContaining("'k2' is not in the keyring");
  }

  @Test
  void reencrypt_oldKeyCiphertext_movesToPrimary() {
    String old = new TokenCipher(Keyring.builder().primary("k1", K1).build()).encrypt(TOKEN, AAD);
    TokenCipher after = new TokenCipher(Keyring.builder().primary("k2", K2).add("k1", K1).build());

    String rotated = after.reencrypt(old, AAD);

    assertThat(after.keyIdOf(rotated)).isEqualTo("k2");
    assertThat(after.decrypt(rotated, AAD)).isEqualTo(TOKEN);
    assertThat(after.reencrypt(rotated, AAD)).isSameAs(rotated);
  }

  @Test
  void keyIdOf_malformedText_throws() {
    assertThatThrownBy(() -> cipher.keyIdOf("sb2:k1:abc"))
        .isInstanceOf(TokenDecryptionException.class);
    assertThatThrownBy(() -> cipher.usesPrimaryKey("sb1:k1"))
        .isInstanceOf(TokenDecryptionException.class);
  }

  @Test
  void toString_cipher_showsNoKeyMaterial() {
    String base64 = Base64.getEncoder().encodeToString(K1);

    assertThat(cipher.toString()).contains("k1").doesNotContain(base64);
  }

  @Test
  void encrypt_manyThreads_allRoundTrip() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<Boolean>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            String plain = TOKEN + thread + "-" + i;
            String aad = "tenant-" + thread + "|WHATSAPP|" + i;
            if (!cipher.decrypt(cipher.encrypt(plain, aad), aad).equals(plain)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (java.util.concurrent.Future<Boolean> f : futures) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertSecretsAbsent(Throwable e, String secret) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString())
        .doesNotContain(secret)
        .doesNotContain(TOKEN)
        .doesNotContain(Base64.getEncoder().encodeToString(K1))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(K1));
    assertThat(e.toString()).doesNotContain(secret).doesNotContain(TOKEN);
  }
}
