package dev.switchboard.telemetry.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with one fixed tokenizer (o200k_base) so that models with different native
 * tokenizers can be compared. Thread-safe; counting long text is CPU work, keep it off event loops.
 */
public final class TokenCounter {
  private static final TokenCounter O200K =
      new TokenCounter(Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE));

  private final Encoding encoding;

  private TokenCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  /** Returns the shared o200k_base counter. */
  public static TokenCounter o200k() {
    return O200K;
  }

  /** Counts the tokens of {@code text}; null or empty text has none. */
  public int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return encoding.countTokensOrdinary(text);
  }
}
