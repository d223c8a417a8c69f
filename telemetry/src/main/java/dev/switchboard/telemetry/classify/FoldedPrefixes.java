package dev.switchboard.telemetry.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells whether a text has one of a fixed set of lowercase ASCII prefixes ({@code "def "},
 * {@code "can you"}) at a given position, ignoring case exactly as {@link
 * String#regionMatches(boolean, int, String, int, int)} does. The classifier tries dozens of
 * prefixes on every line of every request; this folds each character once, with no case-mapping
 * tables, and tries only the prefixes that start with the right letter.
 */
final class FoldedPrefixes {
  private final String[][] byFirstChar = new String[128][];

  private FoldedPrefixes(List<String> prefixes) {
    List<List<String>> buckets = new ArrayList<>();
    for (int c = 0; c < 128; c++) {
      buckets.add(new ArrayList<>());
    }
    for (String prefix : prefixes) {
      buckets.get(prefix.charAt(0)).add(prefix);
    }
    for (int c = 0; c < 128; c++) {
      if (!buckets.get(c).isEmpty()) {
        byFirstChar[c] = buckets.get(c).toArray(new String[0]);
      }
    }
  }

  /**
   * Returns a matcher for {@code prefixes}.
   *
   * @throws IllegalArgumentException for an empty prefix, or one with an upper-case or non-ASCII
   *     character (it could never match a folded text)
   */
  static FoldedPrefixes of(String... prefixes) {
    for (String prefix : prefixes) {
      if (prefix.isEmpty() || !prefix.chars().allMatch(c -> c < 128 && fold((char) c) == c)) {
        throw new IllegalArgumentException("prefix must be non-empty lowercase ASCII: " + prefix);
      }
    }
    return new FoldedPrefixes(List.of(prefixes));
  }

  /** Returns whether one of the prefixes starts at {@code at} in {@code text}, ignoring case. */
  boolean matchAt(String text, int at) {
    if (at < 0 || at >= text.length()) {
      return false;
    }
    char first = fold(text.charAt(at));
    String[] candidates = first < 128 ? byFirstChar[first] : null;
    if (candidates != null) {
      for (String prefix : candidates) {
        if (regionMatches(text, at, prefix)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Returns whether {@code lower} (lowercase ASCII) occurs at {@code at} in {@code text}, ignoring
   * case: {@code text.regionMatches(true, at, lower, 0, lower.length())}.
   */
  static boolean regionMatches(String text, int at, String lower) {
    if (at < 0 || at > text.length() - lower.length()) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      if (fold(text.charAt(at + i)) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns {@code c} lowercased if it equals an ASCII letter ignoring case, else {@code c}. Four
   * non-ASCII letters do, by the upper/lower-case round trip regionMatches makes: dotted and dotless
   * i, long s and the Kelvin sign.
   */
  static char fold(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    switch (c) {
      case '\u0130': // İ
      case '\u0131': // ı
        return 'i';
      case '\u017F': // ſ
        return 's';
      case '\u212A': // K (Kelvin)
        return 'k';
      default:
        return c;
    }
  }
}
