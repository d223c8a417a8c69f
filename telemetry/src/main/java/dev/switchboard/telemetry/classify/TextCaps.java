package dev.switchboard.telemetry.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Caps how much of each message the classifier reads: the first {@code headChars} and the last
 * {@code tailChars} characters, and only the most recent messages of each kind. The start of a
 * message says what it is about and its end what is asked, so huge pastes stay cheap without
 * losing either.
 *
 * @param headChars characters kept from the start of a message
 * @param tailChars characters kept from the end of a message
 * @param maxTurns most recent messages kept per list (user turns, assistant turns, tool results)
 */
public record TextCaps(int headChars, int tailChars, int maxTurns) {

  public TextCaps {
    if (headChars < 0 || tailChars < 0 || maxTurns < 1) {
      throw new IllegalArgumentException("caps must be non-negative and keep at least one turn");
    }
  }

  /** Returns the defaults: 4 KB head, 1 KB tail, the last 8 messages of each kind. */
  public static TextCaps defaults() {
    return new TextCaps(4096, 1024, 8);
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
    List<String> recent = turns.size() > maxTurns ? turns.subList(turns.size() - maxTurns, turns.size()) : turns;
    List<String> capped = new ArrayList<>(recent.size());
    for (String turn : recent) {
      capped.add(cap(turn));
    }
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
