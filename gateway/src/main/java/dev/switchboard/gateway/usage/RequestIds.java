package dev.switchboard.gateway.usage;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes request ids in OpenAI's shape ({@code chatcmpl-} and 32 hex digits, 128 random bits). Ids
 * name records, they are not secrets: a thread-local generator serves them without the lock and
 * the {@code /dev/urandom} reads of {@code UUID.randomUUID()} on every request.
 */
final class RequestIds {
  private static final String PREFIX = "chatcmpl-";

  private RequestIds() {}

  /** Returns a new id. */
  static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder(PREFIX.length() + 32).append(PREFIX);
    appendHex(id, random.nextLong());
    appendHex(id, random.nextLong());
    return id.toString();
  }

  private static void appendHex(StringBuilder id, long bits) {
    String hex = Long.toHexString(bits);
    for (int pad = hex.length(); pad < 16; pad++) {
      id.append('0');
    }
    id.append(hex);
  }
}
