package dev.switchboard.telemetry.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

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
   * Starts loading the tokenizer's table (about 0.3 s of CPU) on a daemon thread, so start-up does
   * not wait for it; a count that comes first waits for the load to finish.
   */
  public static void preload() {
    Thread loader = new Thread(() -> Table.ENCODING.getName(), "o200k-preload");
    loader.setDaemon(true);
    loader.start();
  }

  /** Counts the tokens of {@code text}; null or empty text has none. */
  public int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return Table.ENCODING.countTokensOrdinary(text);
  }

  /** Holds the encoding, loaded once when first touched (the JVM's class initialization). */
  private static final class Table {
    static final Encoding ENCODING =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  }
}
