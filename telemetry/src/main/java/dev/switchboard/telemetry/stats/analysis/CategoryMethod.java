package dev.switchboard.telemetry.stats.analysis;

import java.util.Locale;
import java.util.Optional;

/** Names where a category analysis takes its labels from. */
public enum CategoryMethod {
  /** The local classifier's category, on every request. */
  LOCAL,
  /** The judge model's category, on the judged sample only. */
  JUDGE,
  /** The local shares corrected by the local-vs-judge confusion of the judged sample. */
  CALIBRATED;

  /** Returns the query-string value ({@code calibrated}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Finds a method by its query-string value. */
  public static Optional<CategoryMethod> fromLabel(String value) {
    for (CategoryMethod m : values()) {
      if (m.label().equals(value)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
