package io.switchboard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ConfigurationException;
import io.switchboard.ValidationException.Violation;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyringTest {

  @Test
  void build_primaryAndAdditionalKeys_holdsBothWithPrimaryNamed() {
    Keyring keyring = Keyring.builder()
        .primary("k2", Keyring.generateKey())
        .add("k1", Keyring.generateKeyBase64())
        .build();

    assertThat(keyring.primaryKeyId()).isEqualTo("k2");
    assertThat(keyring.keyIds()).containsExactly("k1", "k2");
    assertThat(keyring.contains("k1")).isTrue();
    assertThat(keyring.contains("k3")).isFalse();
    assertThat(keyring.contains(null)).isFalse();
  }

  @Test
  void build_urlSafeUnpaddedBase64_isAccepted() {
    byte[] key = new byte[32];
    key[0] = (byte) 0xfb; // yields '-' / '_' in the URL-safe alphabet
    key[1] = (byte) 0xff;
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(key);

    Keyring keyring = Keyring.builder().primary("k1", urlSafe).build();

    assertThat(keyring.key("k1").getKey()).isEqualTo(key);
  }

  @Test
  void build_severalProblems_reportsEveryProblemAtOnce() {
    ConfigurationException e = (ConfigurationException) org.assertj.core.api.Assertions.catchThrowable(
        () -> Keyring.builder()
            .primary("bad id!", Keyring.generateKey())
            .primary("k1", new byte[16])
            .add("k2", "not base64 %%%")
            .add("k2", Keyring.generateKey())
            .add(null, (byte[]) null)
            .build());

    assertThat(e).isNotNull();
    assertThat(e.violations()).extracting(Violation::field).containsExactlyInAnyOrder(
        "keys[0].id", "keys[1].key", "keys[2].key", "keys[3].id", "keys[4].id", "keys[4].key",
        "primary");
    assertThat(e.getMessage())
        .contains("must be 1-32 characters")
        .contains("key 'k1' must be exactly 32 bytes (was 16)")
        .contains("key 'k2' is not valid Base64")
        .contains("duplicates key id 'k2'")
        .contains("exactly one primary key is allowed (2 given: k1)")
        .doesNotContain("bad id!")
        .doesNotContain("%%%");
  }

  @Test
  void build_noPrimary_reportsMissingPrimary() {
    assertThatThrownBy(() -> Keyring.builder().add("k1", Keyring.generateKey()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("primary: exactly one primary key is required");
  }

  @Test
  void build_emptyBuilder_reportsMissingPrimary() {
    assertThatThrownBy(() -> Keyring.builder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("exactly one primary key is required");
  }

  @Test
  void build_keyIdTooLong_isRejected() {
    String id33 = "a".repeat(33);

    assertThatThrownBy(() -> Keyring.builder().primary(id33, Keyring.generateKey()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("keys[0].id: must be 1-32 characters from [A-Za-z0-9_-] (was 33 characters)");
    assertThat(Keyring.isValidKeyId("a".repeat(32))).isTrue();
    assertThat(Keyring.isValidKeyId("2025-06_a")).isTrue();
    assertThat(Keyring.isValidKeyId("")).isFalse();
    assertThat(Keyring.isValidKeyId("a:b")).isFalse();
  }

  @Test
  void build_keyArrayChangedAfterwards_keyringKeepsItsCopy() {
    byte[] key = Keyring.generateKey();
    byte[] original = key.clone();
    Keyring.Builder builder = Keyring.builder().primary("k1", key);
    key[0] ^= 1;
    Keyring keyring = builder.build();
    key[1] ^= 1;

    assertThat(keyring.key("k1").getKey()).isEqualTo(original);
  }

  @Test
  void toString_keyring_showsKeyIdsOnly() {
    String base64 = Keyring.generateKeyBase64();
    Keyring keyring = Keyring.builder().primary("k1", base64).add("k0", Keyring.generateKey()).build();

    assertThat(keyring.toString())
        .isEqualTo("Keyring[primary=k1, keys=[k0, k1]]")
        .doesNotContain(base64);
  }

  @Test
  void generateKey_calledTwice_returnsDistinct32ByteKeys() {
    byte[] a = Keyring.generateKey();
    byte[] b = Keyring.generateKey();

    assertThat(a).hasSize(32);
    assertThat(a).isNotEqualTo(b);
    assertThat(Base64.getDecoder().decode(Keyring.generateKeyBase64())).hasSize(32);
  }
}
