package dev.switchboard.telemetry.classify;

/**
 * Counts how often each lexicon term was seen in the current text, for repeated use: starting a
 * new text is one increment, not a cleared array. A cleared per-request array of one slot per
 * term was the classifier's largest allocation (JFR allocation samples). Not thread-safe.
 */
final class TermRepeats {
  private final int[] stamp;
  private final int[] count;
  private int text;

  TermRepeats(int terms) {
    stamp = new int[terms];
    count = new int[terms];
    text = 1;
  }

  /** Starts counting a new text: every term is unseen again. */
  void nextText() {
    if (++text == Integer.MAX_VALUE) {
      java.util.Arrays.fill(stamp, 0);
      text = 1;
    }
  }

  /** Notes one more sighting of {@code term}; returns how often it was seen before in this text. */
  int see(int term) {
    if (stamp[term] != text) {
      stamp[term] = text;
      count[term] = 0;
    }
    return count[term]++;
  }
}
