package dev.switchboard.gateway.judge;

import dev.switchboard.telemetry.Category;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a category out of the judge's answer robustly: the whole answer or its first line when it
 * is a category name (any case, quotes, markdown or a trailing period around it), else the one
 * category the answer names as a word ({@code "Category: Programming"}). An answer naming none, or
 * several, is no label.
 */
final class JudgeAnswer {
  private static final Pattern WORD = Pattern.compile("[\\p{L}]+");

  private JudgeAnswer() {}

  /** Returns the study label ({@code Programming}, {@code SEO}) the answer gives, if exactly one. */
  static Optional<String> label(String answer) {
    if (answer == null || answer.isBlank()) {
      return Optional.empty();
    }
    String firstLine = answer.strip().lines().findFirst().orElse("");
    Optional<Category> whole = Category.fromLabel(trim(firstLine));
    if (whole.isPresent()) {
      return whole.map(Category::label);
    }
    Set<Category> named = new LinkedHashSet<>();
    Matcher words = WORD.matcher(answer);
    while (words.find()) {
      Category.fromLabel(words.group()).ifPresent(named::add);
    }
    return named.size() == 1 ? Optional.of(named.iterator().next().label()) : Optional.empty();
  }

  /** Strips what models put around a bare label: quotes, asterisks, a period, a "category:" prefix. */
  private static String trim(String line) {
    String s = line.strip().replaceAll("^[\\s\"'`*_#>\\-]+|[\\s\"'`*_.!]+$", "");
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("category:")) {
      s = s.substring("category:".length()).strip();
    }
    return s;
  }
}
