package dev.switchboard.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and hashes gateway key secrets: {@code sk-sb-} followed by 32 bytes from {@link
 * SecureRandom} in base64url (256 bits of entropy).
 *
 * <p>Secrets are stored only as SHA-256 hashes. A slow KDF (bcrypt, scrypt, Argon2) exists to make
 * guessing low-entropy passwords from a stolen hash expensive; a 256-bit random secret cannot be
 * guessed whatever the hash costs, so one fast hash is as safe and keeps the per-request check in
 * microseconds. Static keys from config are held to at least {@link #MIN_STATIC_LENGTH} characters
 * for the same reason.
 */
public final class KeySecret {
  /** The prefix of every generated secret, so leaked keys are recognizable by scanners. */
  public static final String PREFIX = "sk-sb-";
  /** The shortest secret accepted for a key declared in config. */
  public static final int MIN_STATIC_LENGTH = 32;

  private static final int RANDOM_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  // one digest per thread: every request hashes its key, and looking the algorithm up each time
  // cost more than the hash; digest() leaves the instance reset for the next use
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  });
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final char[] ALPHANUMERIC =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private KeySecret() {}

  /** Returns a new secret. */
  public static String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + BASE64URL.encodeToString(bytes);
  }

  /** Returns a new random key id ({@code key_} and 20 alphanumerics); ids are not secret. */
  public static String newId() {
    StringBuilder id = new StringBuilder("key_");
    for (int i = 0; i < 20; i++) {
      id.append(ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)]);
    }
    return id.toString();
  }

  /** Returns the SHA-256 of the secret's UTF-8 bytes. */
  public static byte[] hash(String secret) {
    return SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the hash as lower-case hex, the form stored and used as cache key. */
  public static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }

  /** Returns the hash bytes of a stored hex hash. */
  public static byte[] unhex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /** Returns a display hint that identifies a key to its owner: the prefix and last 4 chars. */
  public static String hint(String secret) {
    String tail = secret.length() > 8 ? secret.substring(secret.length() - 4) : "";
    return (secret.startsWith(PREFIX) ? PREFIX : "") + "..." + tail;
  }
}
