package dev.switchboard.telemetry.stats.analysis;

import dev.switchboard.telemetry.stats.Measure;
import java.util.Locale;
import java.util.Optional;

/** Chooses what a share counts: tokens (the default), requests or cost. */
public enum Weight {
  TOKENS(Measure.TOKENS),
  REQUESTS(Measure.REQUESTS),
  COST(Measure.COST_USD);

  private final Measure measure;

  Weight(Measure measure) {
    this.measure = measure;
  }

  /** Returns the measure summed for this weight. */
  public Measure measure() {
    return measure;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Finds a weight by its wire name. */
  public static Optional<Weight> fromLabel(String value) {
    for (Weight w : values()) {
      if (w.label().equals(value)) {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }
}
