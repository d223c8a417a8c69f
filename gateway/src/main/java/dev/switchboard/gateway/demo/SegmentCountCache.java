package dev.switchboard.gateway.demo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.telemetry.tokens.TokenCounter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts o200k tokens of message text by paragraphs, remembering the count of each paragraph seen:
 * simulated traffic repeats system prompts, pasted files and earlier turns, which would otherwise
 * be tokenized again on every request. Paragraphs end at a blank line followed by a non-blank
 * character, where o200k's pre-tokenizer always splits, so the sum equals the count of the whole.
 * Thread-safe.
 */
final class SegmentCountCache {
  private static final Pattern PARAGRAPH_END = Pattern.compile("\n\n(?=\\S)");
  private static final int MAX_CACHED_CHARS = 16 * 1024;

  private final TokenCounter counter;
  private final Cache<String, Integer> counts;

  SegmentCountCache(TokenCounter counter, long maxEntries) {
    this.counter = counter;
    this.counts = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  /** Returns the tokens of {@code text}. */
  int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    Matcher m = PARAGRAPH_END.matcher(text);
    int tokens = 0;
    int start = 0;
    while (m.find()) {
      tokens += segment(text.substring(start, m.end()));
      start = m.end();
    }
    return tokens + segment(text.substring(start));
  }

  private int segment(String paragraph) {
    if (paragraph.isEmpty()) {
      return 0;
    }
    if (paragraph.length() > MAX_CACHED_CHARS) {
      return counter.count(paragraph);
    }
    return counts.get(paragraph, counter::count);
  }
}
