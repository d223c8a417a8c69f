package dev.switchboard.telemetry.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Caps how much of each message the classifier reads: the first {@code headChars} and the last
 * {@code tailChars} characters, and only the most recent messages of each kind, up to a character
 * budget per kind. The start of a message says what it is about and its end what is asked, so
 * huge pastes and long agent transcripts stay cheap without losing either.
 *
 * @param headChars characters kept from the start of a message
 * @param tailChars characters kept from the end of a message
 * @param maxTurns most recent messages kept per list (user turns, assistant turns, tool results)
 * @param listBudgetChars characters kept per list; the newest message is always kept
 */
public record TextCaps(int headChars, int tailChars, int maxTurns, int listBudgetChars) {

  public TextCaps {
    if (headChars < 0 || tailChars < 0 || maxTurns < 1 || listBudgetChars < 0) {
      throw new IllegalArgumentException("caps must be non-negative and keep at least one turn");
    }
  }

  /** Returns caps without a per-list budget beyond {@code maxTurns} messages. */
  public TextCaps(int headChars, int tailChars, int maxTurns) {
    this(headChars, tailChars, maxTurns, Integer.MAX_VALUE);
  }

  /** Returns the defaults: 4 KB head, 1 KB tail, the last 8 messages and 8 K characters of each kind. */
  public static TextCaps defaults() {
    return new TextCaps(4096, 1024, 8, 8192);
  }

  /** Returns {@code text} cut to its head and tail (never null). */
  public String cap(String text) {
    if (text == null) {
      return "";
    }
    if (text.length() <= headChars + tailChars) {
      return text;
    }
    return text.substring(0, safeEnd(text, headChars)) + "\n…\n" + text.substring(safeStart(text, text.length() - tailChars));
  }

  /** Returns {@code input} with every message capped and old messages dropped. */
  public ClassifierInput cap(ClassifierInput input) {
    return new ClassifierInput(
        input.systemPrompt() == null ? null : cap(input.systemPrompt()),
        capAll(input.userTurns()),
        capAll(input.assistantTurns()),
        input.toolNames().size() > 64 ? input.toolNames().subList(0, 64) : input.toolNames(),
        capAll(input.toolResults()));
  }

  private List<String> capAll(List<String> turns) {
    List<String> capped = new ArrayList<>();
    long used = 0;
    for (int i = turns.size() - 1; i >= 0 && capped.size() < maxTurns; i--) {
      String turn = cap(turns.get(i));
      if (!capped.isEmpty() && used + turn.length() > listBudgetChars) {
        break;
      }
      capped.add(turn);
      used += turn.length();
    }
    Collections.reverse(capped);
    return capped;
  }

  // never split a surrogate pair
  private static int safeEnd(String text, int end) {
    return end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
  }

  private static int safeStart(String text, int start) {
    return start < text.length() && Character.isLowSurrogate(text.charAt(start)) ? start + 1 : start;
  }
}
