package dev.switchboard.telemetry;

import java.util.Locale;
import java.util.Optional;

/** Names the study's task categories; every request gets exactly one primary category. */
public enum Category {
  PROGRAMMING("Programming"),
  ROLEPLAY("Roleplay"),
  TECHNOLOGY("Technology"),
  SCIENCE("Science"),
  TRANSLATION("Translation"),
  TRIVIA("Trivia"),
  HEALTH("Health"),
  FINANCE("Finance"),
  LEGAL("Legal"),
  ACADEMIA("Academia"),
  MARKETING("Marketing"),
  SEO("SEO"),
  OTHER("Other");

  private final String label;

  Category(String label) {
    this.label = label;
  }

  /** Returns the name as the study writes it ({@code Programming}, {@code SEO}). */
  public String label() {
    return label;
  }

  /** Finds a category by its label or enum name, ignoring case. */
  public static Optional<Category> fromLabel(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Category c : values()) {
      if (c.label.equalsIgnoreCase(value) || c.name().equals(value.toUpperCase(Locale.ROOT))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
