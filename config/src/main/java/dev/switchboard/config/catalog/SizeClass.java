package dev.switchboard.config.catalog;

/** Classes a model by total parameters, as the study does: small < 15B ≤ medium < 70B ≤ large. */
public enum SizeClass {
  SMALL,
  MEDIUM,
  LARGE,
  UNKNOWN;

  // computed once: the usage writer asks for it on every stored record
  private final String label = name().toLowerCase(java.util.Locale.ROOT);

  /** Derives the class from total parameters in billions; null (undisclosed) gives UNKNOWN. */
  public static SizeClass fromTotalParams(Double totalBillions) {
    if (totalBillions == null) {
      return UNKNOWN;
    }
    if (totalBillions < 15) {
      return SMALL;
    }
    return totalBillions < 70 ? MEDIUM : LARGE;
  }

  /** Returns the lowercase name used in stats and storage. */
  public String label() {
    return label;
  }
}
