package dev.switchboard.telemetry.classify;

/**
 * Keeps the human-written prose of a message for language detection: drops fenced and inline
 * code, code-looking lines, URLs, e-mail addresses, paths, markup tags, template placeholders and
 * identifier-like tokens ({@code snake_case}, {@code camelCase}, {@code v2.1}), which would
 * otherwise make every developer's message look English.
 */
final class ProseExtractor {

  // characters that make a token code, a path or markup rather than a word: _{}[]<>=;\|/$#()*^~+
  private static final boolean[] CODE_SYMBOLS = new boolean[128];

  static {
    "_{}[]<>=;\\|/$#()*^~+".chars().forEach(c -> CODE_SYMBOLS[c] = true);
  }

  private ProseExtractor() {}

  /** Returns at most {@code maxChars} characters of prose from the start of {@code text}. */
  static String extract(String text, int maxChars) {
    StringBuilder prose = new StringBuilder(Math.min(text.length(), maxChars) + 16);
    int length = text.length();
    int pos = 0;
    boolean inFence = false;
    while (pos < length && prose.length() < maxChars) {
      int end = text.indexOf('\n', pos);
      if (end < 0) {
        end = length;
      }
      String line = text.substring(pos, end);
      pos = end + 1;
      if (line.stripLeading().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (inFence || TextStructure.isCodeLine(line)) {
        continue;
      }
      appendProse(line, prose, maxChars);
    }
    return prose.toString().strip();
  }

  private static void appendProse(String line, StringBuilder prose, int maxChars) {
    int length = line.length();
    int i = 0;
    boolean inInline = false;
    while (i < length && prose.length() < maxChars) {
      while (i < length && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < length && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (start == i) {
        break;
      }
      String token = line.substring(start, i);
      int ticks = count(token, '`');
      boolean wasInline = inInline;
      if (ticks % 2 == 1) {
        inInline = !inInline;
      }
      if (wasInline || ticks > 0) {
        continue;
      }
      if (hasUnspacedLetter(token)) {
        appendUnspaced(token, prose);
        continue;
      }
      String core = trimPunctuation(token);
      if (!core.isEmpty() && isWordLike(core)) {
        prose.append(core).append(' ');
      }
    }
  }

  /** A run of Chinese or Japanese has no spaces: keep its letters, drop the symbols inside it. */
  private static void appendUnspaced(String token, StringBuilder prose) {
    int start = 0;
    for (int i = 0; i <= token.length(); i++) {
      boolean split = i == token.length() || isSeparator(token.charAt(i));
      if (split) {
        if (i > start) {
          String part = trimPunctuation(token.substring(start, i));
          if (!part.isEmpty() && (hasUnspacedLetter(part) || isWordLike(part))) {
            prose.append(part).append(' ');
          }
        }
        start = i + 1;
      }
    }
  }

  private static boolean isSeparator(char c) {
    return !Character.isLetterOrDigit(c) && Character.getType(c) != Character.NON_SPACING_MARK
        && c != '.' && c != '-' && c != '\'';
  }

  private static boolean hasUnspacedLetter(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c >= 0x2E80 && Character.isLetter(c) && TermMatcher.isUnspacedScript(c)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether {@code token} reads as a word of prose rather than code, a link or a number. */
  static boolean isWordLike(String token) {
    if (token.contains("://") || token.startsWith("www.") || token.indexOf('@') > 0) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    boolean lowerThenUpper = false;
    char previous = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 128 && CODE_SYMBOLS[c]) {
        return false;
      }
      if (c == '.' && i > 0 && i < token.length() - 1 && Character.isLetterOrDigit(token.charAt(i + 1))) {
        return false;
      }
      if (Character.isLetter(c)) {
        letter = true;
        if (Character.isUpperCase(c) && Character.isLowerCase(previous) && c < 128) {
          lowerThenUpper = true;
        }
      } else if (Character.isDigit(c)) {
        digit = true;
      }
      previous = c;
    }
    return letter && !(digit && token.length() > 1 && isAscii(token)) && !lowerThenUpper;
  }

  private static String trimPunctuation(String token) {
    int start = 0;
    int end = token.length();
    while (start < end && !Character.isLetterOrDigit(token.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(token.charAt(end - 1))
        && Character.getType(token.charAt(end - 1)) != Character.NON_SPACING_MARK
        && Character.getType(token.charAt(end - 1)) != Character.COMBINING_SPACING_MARK) {
      end--;
    }
    return token.substring(start, end);
  }

  private static boolean isAscii(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  private static int count(String token, char c) {
    int n = 0;
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
