package dev.switchboard.gateway.auth;

import java.util.List;

/**
 * Decides which models a key may call from glob patterns ({@code openai/*}, {@code *-mini},
 * {@code qwen/qwen3-?b}); {@code *} matches any run of characters, {@code ?} one character. No
 * patterns allows every model.
 */
public record ModelPatterns(List<String> patterns) {
  private static final ModelPatterns ANY = new ModelPatterns(List.of());

  public ModelPatterns {
    patterns = List.copyOf(patterns);
  }

  /** Returns patterns that allow every model. */
  public static ModelPatterns any() {
    return ANY;
  }

  /** Returns whether {@code model} matches at least one pattern (always, when there are none). */
  public boolean allows(String model) {
    if (patterns.isEmpty()) {
      return true;
    }
    for (String pattern : patterns) {
      if (matches(pattern, model)) {
        return true;
      }
    }
    return false;
  }

  /** Matches a glob in linear time with one backtrack point (the last star), no regex. */
  static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int starText = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        starText = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++starText;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
