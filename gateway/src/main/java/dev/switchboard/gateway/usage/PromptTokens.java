package dev.switchboard.gateway.usage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.telemetry.tokens.TokenCounter;

/**
 * Counts a request's prompt in o200k tokens, message text by message text. A conversation resends
 * its whole history every turn, so a coding agent's 100k-token prompt would be tokenized again on
 * each request (tens of milliseconds each on the one record-builder thread); long texts are
 * therefore remembered by a 64-bit hash of their content, and only what is new gets tokenized.
 * The cache holds hashes and counts, never prompt text.
 */
final class PromptTokens {
  // shorter texts cost less to tokenize than to hash and look up
  static final int MIN_CACHED_CHARS = 512;
  private static final int CACHED_TEXTS = 50_000;

  private final TokenCounter counter;
  private final Cache<Long, Integer> countsByHash =
      Caffeine.newBuilder().maximumSize(CACHED_TEXTS).executor(Runnable::run).build();

  PromptTokens(TokenCounter counter) {
    this.counter = counter;
  }

  /** Returns the o200k tokens of the request's prompt texts. */
  long count(ChatRequest request) {
    long tokens = 0;
    for (String piece : request.promptPieces()) {
      tokens += count(piece);
    }
    return tokens;
  }

  private int count(String text) {
    if (text.length() < MIN_CACHED_CHARS) {
      return counter.count(text);
    }
    return countsByHash.get(fingerprint(text), h -> counter.count(text));
  }

  /** FNV-1a over the UTF-16 units, mixed with the length: collisions are vanishingly rare. */
  static long fingerprint(String text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash ^ ((long) text.length() << 40);
  }
}
