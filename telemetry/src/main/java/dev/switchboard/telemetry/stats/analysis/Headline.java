package dev.switchboard.telemetry.stats.analysis;

/**
 * Names one headline number of a result; {@code value} is null when the window has no data for it.
 *
 * @param detail what the number refers to (a model, a category), or null
 */
public record Headline(String label, Double value, Unit unit, String detail) {

  /** Says how to read and print a headline value. */
  public enum Unit {
    SHARE,
    COUNT,
    TOKENS,
    USD,
    USD_PER_MTOK,
    MILLISECONDS,
    NUMBER
  }

  public static Headline of(String label, Double value, Unit unit) {
    return new Headline(label, value, unit, null);
  }
}
