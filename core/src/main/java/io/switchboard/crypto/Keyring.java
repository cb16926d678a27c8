package io.switchboard.crypto;

import io.switchboard.ConfigurationException;
import io.switchboard.ValidationException.Violation;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The AES-256 keys that protect stored access tokens, each under a short id, one of them primary.
 *
 * <p>New tokens are encrypted with the primary key; every ciphertext names the key it was made
 * with, so a token encrypted under an older key stays readable as long as that key is still in
 * the keyring. To rotate: generate a key, make it primary, keep the old one as an additional key,
 * re-encrypt stored tokens (see {@link TokenCipher#reencrypt}), then drop the old key.
 *
 * <pre>{@code
 * Keyring keyring = Keyring.builder()
 *     .primary("2025-06", base64KeyFromVault)
 *     .add("2024-11", previousBase64Key)
 *     .build();
 * }</pre>
 *
 * <p>Key ids are 1 to 32 characters from {@code [A-Za-z0-9_-]}; keys are exactly 32 bytes. The
 * keyring copies key bytes on the way in and never hands them out; {@link #toString()} shows key
 * ids only. Immutable and thread-safe.
 */
public final class Keyring {

  /** Length of an AES-256 key in bytes. */
  public static final int KEY_LENGTH = 32;

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String primaryKeyId;
  private final Map<String, KeyParameter> keys;

  private Keyring(String primaryKeyId, Map<String, KeyParameter> keys) {
    this.primaryKeyId = primaryKeyId;
    this.keys = keys;
  }

  /**
   * Starts a keyring.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Generates a fresh random AES-256 key.
   *
   * @return 32 bytes from {@link SecureRandom}
   */
  public static byte[] generateKey() {
    byte[] key = new byte[KEY_LENGTH];
    RANDOM.nextBytes(key);
    return key;
  }

  /**
   * Generates a fresh random AES-256 key as standard Base64 (with padding), the form
   * {@link Builder#primary(String, String)} accepts.
   *
   * @return the key, Base64-encoded
   */
  public static String generateKeyBase64() {
    byte[] key = generateKey();
    try {
      return Base64.getEncoder().encodeToString(key);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Whether a string is a valid key id.
   *
   * @param keyId the candidate, may be null
   * @return true if it is 1 to 32 characters from {@code [A-Za-z0-9_-]}
   */
  public static boolean isValidKeyId(String keyId) {
    return keyId != null && KEY_ID.matcher(keyId).matches();
  }

  /**
   * The id of the key new tokens are encrypted with.
   *
   * @return the primary key id
   */
  public String primaryKeyId() {
    return primaryKeyId;
  }

  /**
   * The ids of every key in the keyring, the primary included.
   *
   * @return the key ids, sorted, unmodifiable
   */
  public Set<String> keyIds() {
    return Collections.unmodifiableSet(new TreeSet<>(keys.keySet()));
  }

  /**
   * Whether the keyring holds a key with this id.
   *
   * @param keyId the key id
   * @return true if present
   */
  public boolean contains(String keyId) {
    return keyId != null && keys.containsKey(keyId);
  }

  /** The key for an id, or null. Package-private: key material never leaves this package. */
  KeyParameter key(String keyId) {
    return keys.get(keyId);
  }

  /** Shows the key ids only. */
  @Override
  public String toString() {
    return "Keyring[primary=" + primaryKeyId + ", keys=" + keyIds() + "]";
  }

  /**
   * Collects keys for a {@link Keyring}. Problems are reported together by {@link #build()}.
   * Not thread-safe.
   */
  public static final class Builder {

    private final List<Candidate> candidates = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the primary key, used to encrypt new tokens.
     *
     * @param keyId 1 to 32 characters from {@code [A-Za-z0-9_-]}
     * @param key 32 bytes; copied
     * @return this builder
     */
    public Builder primary(String keyId, byte[] key) {
      candidates.add(Candidate.ofBytes(keyId, key, true));
      return this;
    }

    /**
     * Sets the primary key, used to encrypt new tokens.
     *
     * @param keyId 1 to 32 characters from {@code [A-Za-z0-9_-]}
     * @param base64Key 32 bytes in Base64 (standard or URL-safe alphabet, padding optional)
     * @return this builder
     */
    public Builder primary(String keyId, String base64Key) {
      candidates.add(Candidate.ofBase64(keyId, base64Key, true));
      return this;
    }

    /**
     * Adds a key that can still decrypt tokens encrypted under it (an older, rotated-out key).
     *
     * @param keyId 1 to 32 characters from {@code [A-Za-z0-9_-]}
     * @param key 32 bytes; copied
     * @return this builder
     */
    public Builder add(String keyId, byte[] key) {
      candidates.add(Candidate.ofBytes(keyId, key, false));
      return this;
    }

    /**
     * Adds a key that can still decrypt tokens encrypted under it (an older, rotated-out key).
     *
     * @param keyId 1 to 32 characters from {@code [A-Za-z0-9_-]}
     * @param base64Key 32 bytes in Base64 (standard or URL-safe alphabet, padding optional)
     * @return this builder
     */
    public Builder add(String keyId, String base64Key) {
      candidates.add(Candidate.ofBase64(keyId, base64Key, false));
      return this;
    }

    /**
     * Validates and builds the keyring.
     *
     * @return the keyring
     * @throws ConfigurationException listing every problem: invalid or duplicate key ids, keys
     *     that are missing, not Base64 or not 32 bytes, no primary or more than one
     */
    public Keyring build() {
      List<Violation> violations = new ArrayList<>();
      Map<String, KeyParameter> keys = new LinkedHashMap<>();
      List<String> primaries = new ArrayList<>();
      int unnamedPrimaries = 0;
      for (int i = 0; i < candidates.size(); i++) {
        Candidate c = candidates.get(i);
        String field = "keys[" + i + "]";
        boolean validId = isValidKeyId(c.keyId);
        // An invalid id is never echoed: it may be a key passed in the wrong argument.
        if (c.keyId == null) {
          violations.add(new Violation(field + ".id", "is required"));
        } else if (!validId) {
          violations.add(new Violation(field + ".id",
              "must be 1-32 characters from [A-Za-z0-9_-] (was " + c.keyId.length() + " characters)"));
        } else if (seenBefore(c.keyId, i)) {
          violations.add(new Violation(field + ".id", "duplicates key id '" + c.keyId + "'"));
        }
        String label = validId ? "key '" + c.keyId + "'" : "key";
        if (c.problem != null) {
          violations.add(new Violation(field + ".key", label + " " + c.problem));
        } else if (c.key.length != KEY_LENGTH) {
          violations.add(new Violation(field + ".key",
              label + " must be exactly " + KEY_LENGTH + " bytes (was " + c.key.length + ")"));
        }
        if (c.primary) {
          if (validId) {
            primaries.add(c.keyId);
          } else {
            unnamedPrimaries++;
          }
        }
        if (validId && c.problem == null && c.key.length == KEY_LENGTH && !keys.containsKey(c.keyId)) {
          keys.put(c.keyId, new KeyParameter(c.key));
        }
      }
      int primaryCount = primaries.size() + unnamedPrimaries;
      if (primaryCount == 0) {
        violations.add(new Violation("primary", "exactly one primary key is required (none given)"));
      } else if (primaryCount > 1) {
        violations.add(new Violation("primary",
            "exactly one primary key is allowed (" + primaryCount + " given"
                + (primaries.isEmpty() ? "" : ": " + String.join(", ", primaries)) + ")"));
      }
      if (!violations.isEmpty()) {
        throw new ConfigurationException(violations);
      }
      return new Keyring(primaries.get(0), Collections.unmodifiableMap(keys));
    }

    private boolean seenBefore(String keyId, int index) {
      for (int j = 0; j < index; j++) {
        if (keyId.equals(candidates.get(j).keyId)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      List<String> ids = new ArrayList<>();
      for (Candidate c : candidates) {
        ids.add(isValidKeyId(c.keyId) ? c.keyId : "?");
      }
      return "Keyring.Builder[keys=" + ids + "]";
    }
  }

  private static final class Candidate {
    final String keyId;
    final byte[] key;
    final String problem;
    final boolean primary;

    private Candidate(String keyId, byte[] key, String problem, boolean primary) {
      this.keyId = keyId;
      this.key = key;
      this.problem = problem;
      this.primary = primary;
    }

    static Candidate ofBytes(String keyId, byte[] key, boolean primary) {
      if (key == null) {
        return new Candidate(keyId, null, "is required", primary);
      }
      return new Candidate(keyId, key.clone(), null, primary);
    }

    static Candidate ofBase64(String keyId, String base64Key, boolean primary) {
      if (base64Key == null || base64Key.isBlank()) {
        return new Candidate(keyId, null, "is required", primary);
      }
      String s = base64Key.strip();
      try {
        byte[] key = s.indexOf('-') >= 0 || s.indexOf('_') >= 0
            ? Base64.getUrlDecoder().decode(s)
            : Base64.getDecoder().decode(s);
        return new Candidate(keyId, key, null, primary);
      } catch (IllegalArgumentException e) {
        // The decoder's message may quote characters of the key: never pass it on.
        return new Candidate(keyId, null, "is not valid Base64", primary);
      }
    }
  }
}
