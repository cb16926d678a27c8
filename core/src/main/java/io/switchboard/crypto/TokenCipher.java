package io.switchboard.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Encrypts access tokens for storage with AES-256-GCM (BouncyCastle's lightweight API; no JCA
 * provider is registered) and decrypts them again.
 *
 * <p>A ciphertext is self-describing text:
 *
 * <pre>{@code sb1:<keyId>:<base64url without padding of (nonce || ciphertext || tag)>}</pre>
 *
 * with a fresh random 12-byte nonce per encryption and a 128-bit tag. {@link #encrypt} uses the
 * keyring's primary key; {@link #decrypt} uses whichever key the ciphertext names, so tokens
 * encrypted before a key rotation stay readable while their key is still in the {@link Keyring}.
 *
 * <p>The associated data binds a ciphertext to where it belongs (Switchboard passes
 * {@code tenant|channel|account}): decrypting with any other associated data fails, so a
 * ciphertext copied to another connection's row is useless there. The authenticated data is the
 * UTF-8 of {@code sb1:<keyId>:<associatedData>}, so the header is authenticated too.
 *
 * <p>Every failure to decrypt is a {@link TokenDecryptionException} whose message never contains
 * the ciphertext, the plaintext or key material. Thread-safe: each call uses its own cipher
 * instance.
 */
public final class TokenCipher {

  private static final String VERSION = "sb1";
  private static final String PREFIX = VERSION + ":";
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final int TAG_LENGTH = TAG_BITS / 8;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final Keyring keyring;
  private final SecureRandom random;

  /**
   * Creates a cipher over a keyring, with a new {@link SecureRandom} for nonces.
   *
   * @param keyring the keys
   */
  public TokenCipher(Keyring keyring) {
    this(keyring, new SecureRandom());
  }

  /**
   * Creates a cipher over a keyring with the given source of nonces.
   *
   * @param keyring the keys
   * @param random a cryptographically strong random source (thread-safe)
   */
  public TokenCipher(Keyring keyring, SecureRandom random) {
    this.keyring = Objects.requireNonNull(keyring, "keyring");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * The keyring in use.
   *
   * @return the keyring
   */
  public Keyring keyring() {
    return keyring;
  }

  /**
   * Encrypts a token with the primary key.
   *
   * @param plaintext the token
   * @param associatedData what the ciphertext is bound to (may be empty, not null); the same
   *     value must be given to {@link #decrypt}
   * @return {@code sb1:<primaryKeyId>:<base64url>}
   */
  public String encrypt(String plaintext, String associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(associatedData, "associatedData");
    String keyId = keyring.primaryKeyId();
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] input = plaintext.getBytes(StandardCharsets.UTF_8);
    GCMModeCipher gcm = newCipher(true, keyring.key(keyId), nonce, keyId, associatedData);
    byte[] out = new byte[NONCE_LENGTH + gcm.getOutputSize(input.length)];
    System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
    try {
      int n = gcm.processBytes(input, 0, input.length, out, NONCE_LENGTH);
      n += gcm.doFinal(out, NONCE_LENGTH + n);
      return PREFIX + keyId + ":" + ENCODER.encodeToString(Arrays.copyOf(out, NONCE_LENGTH + n));
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("AES-GCM encryption failed with key '" + keyId + "'", e);
    } finally {
      Arrays.fill(input, (byte) 0);
    }
  }

  /**
   * Decrypts a token with the key its ciphertext names.
   *
   * @param ciphertext text produced by {@link #encrypt}
   * @param associatedData the associated data given when it was encrypted
   * @return the token
   * @throws TokenDecryptionException if the text is malformed, names a key the keyring does not
   *     hold, or fails authentication (tampered, other associated data, other key)
   */
  public String decrypt(String ciphertext, String associatedData) {
    Objects.requireNonNull(associatedData, "associatedData");
    Parsed parsed = parse(ciphertext);
    KeyParameter key = keyring.key(parsed.keyId);
    if (key == null) {
      throw new TokenDecryptionException("Cannot decrypt token: key id '" + parsed.keyId
          + "' is not in the keyring " + keyring.keyIds(), parsed.keyId);
    }
    byte[] data = parsed.data;
    byte[] nonce = Arrays.copyOf(data, NONCE_LENGTH);
    GCMModeCipher gcm = newCipher(false, key, nonce, parsed.keyId, associatedData);
    int len = data.length - NONCE_LENGTH;
    byte[] out = new byte[gcm.getOutputSize(len)];
    try {
      int n = gcm.processBytes(data, NONCE_LENGTH, len, out, 0);
      n += gcm.doFinal(out, n);
      return new String(out, 0, n, StandardCharsets.UTF_8);
    } catch (InvalidCipherTextException e) {
      throw new TokenDecryptionException("Cannot decrypt token with key id '" + parsed.keyId
          + "': authentication failed (tampered ciphertext, different associated data, or a"
          + " different key under the same id)", parsed.keyId, e);
    } finally {
      Arrays.fill(out, (byte) 0);
    }
  }

  /**
   * Re-encrypts a token with the primary key, for key rotation. Returns the input unchanged if
   * it already uses the primary key (after checking it decrypts).
   *
   * @param ciphertext text produced by {@link #encrypt}
   * @param associatedData the associated data given when it was encrypted
   * @return a ciphertext under the primary key
   * @throws TokenDecryptionException if the input cannot be decrypted
   */
  public String reencrypt(String ciphertext, String associatedData) {
    String plaintext = decrypt(ciphertext, associatedData);
    if (usesPrimaryKey(ciphertext)) {
      return ciphertext;
    }
    return encrypt(plaintext, associatedData);
  }

  /**
   * The id of the key a ciphertext was encrypted with. Does not decrypt or authenticate.
   *
   * @param ciphertext text produced by {@link #encrypt}
   * @return the key id
   * @throws TokenDecryptionException if the text is not a Switchboard ciphertext
   */
  public String keyIdOf(String ciphertext) {
    return parse(ciphertext).keyId;
  }

  /**
   * Whether a ciphertext was encrypted with the primary key; if not, it should be re-encrypted
   * (see {@link #reencrypt}). Does not decrypt or authenticate.
   *
   * @param ciphertext text produced by {@link #encrypt}
   * @return true if it names the primary key id
   * @throws TokenDecryptionException if the text is not a Switchboard ciphertext
   */
  public boolean usesPrimaryKey(String ciphertext) {
    return keyIdOf(ciphertext).equals(keyring.primaryKeyId());
  }

  /** Shows the key ids only. */
  @Override
  public String toString() {
    return "TokenCipher[AES-256-GCM, " + keyring + "]";
  }

  private static GCMModeCipher newCipher(
      boolean encrypt, KeyParameter key, byte[] nonce, String keyId, String associatedData) {
    byte[] aad = (PREFIX + keyId + ":" + associatedData).getBytes(StandardCharsets.UTF_8);
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(encrypt, new AEADParameters(key, TAG_BITS, nonce, aad));
    return gcm;
  }

  /** Parses without ever echoing the input: a caller may pass a plaintext token by mistake. */
  private static Parsed parse(String text) {
    if (text == null) {
      throw new TokenDecryptionException("Cannot decrypt token: ciphertext is null", null);
    }
    if (!text.startsWith(PREFIX)) {
      throw new TokenDecryptionException(
          "Cannot decrypt token: not a Switchboard ciphertext (expected 'sb1:<keyId>:<data>')", null);
    }
    int sep = text.indexOf(':', PREFIX.length());
    if (sep < 0) {
      throw new TokenDecryptionException(
          "Cannot decrypt token: malformed ciphertext (no key id separator)", null);
    }
    String keyId = text.substring(PREFIX.length(), sep);
    if (!Keyring.isValidKeyId(keyId)) {
      throw new TokenDecryptionException(
          "Cannot decrypt token: malformed ciphertext (invalid key id)", null);
    }
    String body = text.substring(sep + 1);
    byte[] data;
    try {
      data = DECODER.decode(body);
    } catch (IllegalArgumentException e) {
      throw new TokenDecryptionException("Cannot decrypt token with key id '" + keyId
          + "': malformed ciphertext (data is not base64url)", keyId);
    }
    if (!ENCODER.encodeToString(data).equals(body)) {
      throw new TokenDecryptionException("Cannot decrypt token with key id '" + keyId
          + "': malformed ciphertext (data is not canonical unpadded base64url)", keyId);
    }
    if (data.length < NONCE_LENGTH + TAG_LENGTH) {
      throw new TokenDecryptionException("Cannot decrypt token with key id '" + keyId
          + "': malformed ciphertext (too short)", keyId);
    }
    return new Parsed(keyId, data);
  }

  private static final class Parsed {
    final String keyId;
    final byte[] data;

    Parsed(String keyId, byte[] data) {
      this.keyId = keyId;
      this.data = data;
    }
  }
}
