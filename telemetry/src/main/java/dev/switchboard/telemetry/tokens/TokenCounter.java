package dev.switchboard.telemetry.tokens;

import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Counts tokens with one fixed tokenizer (o200k_base) so that models with different native
 * tokenizers can be compared. Thread-safe; counting long text is CPU work, keep it off event loops.
 */
public final class TokenCounter {
  private static final TokenCounter O200K = new TokenCounter();

  private TokenCounter() {}

  /** Returns the shared o200k_base counter; its table loads on first use or {@link #preload()}. */
  public static TokenCounter o200k() {
    return O200K;
  }

  /**
   * Starts loading the tokenizer's table (about 0.1 s of CPU) on a daemon thread, so start-up does
   * not wait for it; a count that comes first waits for the load to finish.
   */
  public static void preload() {
    Thread loader = new Thread(() -> Table.COUNTER.hashCode(), "o200k-preload");
    loader.setDaemon(true);
    loader.start();
  }

  /** Counts the tokens of {@code text}; null or empty text has none. */
  public int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return Table.COUNTER.count(text);
  }

  /**
   * Holds the counter, loaded once when first touched (the JVM's class initialization): jtokkit's
   * copy of the o200k_base vocabulary in {@link RankTable}'s flat arrays (5 MB of heap where
   * jtokkit's own maps take 25 MB) and o200k's split pattern, as tiktoken and jtokkit define it.
   */
  private static final class Table {
    static final String VOCABULARY = "/com/knuddels/jtokkit/o200k_base.tiktoken";
    static final Pattern O200K_SPLIT = Pattern.compile(String.join("|",
        "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
        "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
        "\\p{N}{1,3}",
        " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
        "\\s*[\\r\\n]+",
        "\\s+(?!\\S)",
        "\\s+"), Pattern.UNICODE_CHARACTER_CLASS);
    static final BytePairCounter COUNTER = new BytePairCounter(load(), O200K_SPLIT);

    private static RankTable load() {
      InputStream in = TokenCounter.class.getResourceAsStream(VOCABULARY);
      if (in == null) {
        throw new IllegalStateException("o200k_base vocabulary missing from the classpath: " + VOCABULARY);
      }
      return RankTable.read(in);
    }
  }
}
