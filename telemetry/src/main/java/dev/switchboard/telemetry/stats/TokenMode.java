package dev.switchboard.telemetry.stats;

import java.util.Locale;
import java.util.Optional;

/** Chooses provider-reported ("native") token counts or the o200k_base ("normalized") recount. */
public enum TokenMode {
  NATIVE,
  NORMALIZED;

  /** Returns the lowercase wire name. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Finds a mode by its wire name. */
  public static Optional<TokenMode> fromLabel(String value) {
    for (TokenMode m : values()) {
      if (m.label().equals(value)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
