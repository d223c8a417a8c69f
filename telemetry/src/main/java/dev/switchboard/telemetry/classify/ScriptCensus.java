package dev.switchboard.telemetry.classify;

/**
 * Counts the letters of a text by writing system, to route it: Hangul is Korean, kana is
 * Japanese, Han without kana is Chinese, and other scripts go to lingua with only their letters.
 */
final class ScriptCensus {
  /** Writing systems the detector tells apart. */
  enum Script { LATIN, CYRILLIC, ARABIC, DEVANAGARI, GREEK, HEBREW, THAI, HAN, KANA, HANGUL, OTHER }

  private final int[] counts = new int[Script.values().length];
  private int letters;

  private ScriptCensus() {}

  /** Counts the letters of {@code text}. */
  static ScriptCensus of(CharSequence text) {
    ScriptCensus census = new ScriptCensus();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isLetter(c)) {
        continue;
      }
      census.letters++;
      census.counts[scriptOf(c).ordinal()]++;
    }
    return census;
  }

  /** Returns the script of one letter. */
  static Script scriptOf(char c) {
    if (c < 0x250) {
      return Script.LATIN;
    }
    switch (Character.UnicodeScript.of(c)) {
      case LATIN: return Script.LATIN;
      case CYRILLIC: return Script.CYRILLIC;
      case ARABIC: return Script.ARABIC;
      case DEVANAGARI: return Script.DEVANAGARI;
      case GREEK: return Script.GREEK;
      case HEBREW: return Script.HEBREW;
      case THAI: return Script.THAI;
      case HAN: return Script.HAN;
      case HIRAGANA:
      case KATAKANA: return Script.KANA;
      case HANGUL: return Script.HANGUL;
      default: return Script.OTHER;
    }
  }

  /** Returns the number of letters. */
  int letters() {
    return letters;
  }

  /** Returns the number of letters in {@code script}. */
  int count(Script script) {
    return counts[script.ordinal()];
  }

  /** Returns the script with the most letters apart from Latin (Han and kana counted together as Han). */
  Script dominantNonLatin() {
    Script best = null;
    int bestCount = 0;
    for (Script s : Script.values()) {
      if (s == Script.LATIN || s == Script.KANA) {
        continue;
      }
      int n = s == Script.HAN ? counts[s.ordinal()] + counts[Script.KANA.ordinal()] : counts[s.ordinal()];
      if (n > bestCount) {
        best = s;
        bestCount = n;
      }
    }
    return best;
  }

  /** Returns the number of letters not in the Latin script. */
  int nonLatin() {
    return letters - counts[Script.LATIN.ordinal()];
  }
}
