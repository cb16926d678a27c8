/**
 * Encryption of access tokens at rest: {@link io.switchboard.crypto.Keyring} holds AES-256 keys
 * under ids, {@link io.switchboard.crypto.TokenCipher} encrypts with the primary key (AES-256-GCM)
 * and decrypts with whichever key a ciphertext names, so keys can be rotated without losing old
 * tokens.
 */
package io.switchboard.crypto;
