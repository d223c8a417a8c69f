package dev.switchboard.telemetry.stats;

import java.util.Optional;
import java.util.Set;

/**
 * Names the study's source segments: proprietary, open-weight from China (mainland, Hong Kong,
 * Taiwan) and open-weight from the rest of the world; {@code unknown} without catalog metadata.
 */
public enum Segment {
  PROPRIETARY("proprietary"),
  CHINESE_OSS("chinese_oss"),
  ROW_OSS("row_oss"),
  UNKNOWN("unknown");

  /** Origin countries the study counts as China. */
  public static final Set<String> CHINA = Set.of("CN", "HK", "TW");

  private final String label;

  Segment(String label) {
    this.label = label;
  }

  /** Returns the wire name ({@code chinese_oss}). */
  public String label() {
    return label;
  }

  /** Classifies a model by its open-weights flag and origin country. */
  public static Segment of(Boolean openWeights, String originCountry) {
    if (openWeights == null) {
      return UNKNOWN;
    }
    if (!openWeights) {
      return PROPRIETARY;
    }
    if (originCountry == null) {
      return UNKNOWN;
    }
    return CHINA.contains(originCountry) ? CHINESE_OSS : ROW_OSS;
  }

  /** Finds a segment by its wire name. */
  public static Optional<Segment> fromLabel(String value) {
    for (Segment s : values()) {
      if (s.label.equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Returns whether the segment is open-weight. */
  public boolean openWeight() {
    return this == CHINESE_OSS || this == ROW_OSS;
  }
}
