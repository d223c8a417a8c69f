package dev.switchboard.gateway.simulate.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Holds a value that moves from its first-week value to its last-week value over a scenario's
 * year; written in YAML as {@code [start, end]} or as one number for a constant.
 */
public record Ramp(double start, double end) {

  public Ramp {
    if (!Double.isFinite(start) || !Double.isFinite(end)) {
      throw new IllegalArgumentException("a ramp needs finite numbers");
    }
  }

  /** Returns a ramp that stays at {@code value}. */
  public static Ramp constant(double value) {
    return new Ramp(value, value);
  }

  /** Reads {@code 3}, {@code [1, 4]}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Ramp parse(JsonNode node) {
    if (node.isNumber()) {
      return constant(node.asDouble());
    }
    if (node.isArray() && node.size() == 2 && node.get(0).isNumber() && node.get(1).isNumber()) {
      return new Ramp(node.get(0).asDouble(), node.get(1).asDouble());
    }
    throw new IllegalArgumentException("expected a number or [start, end]");
  }

  /** Returns the value at {@code progress} (0 = first week, 1 = last), moving linearly. */
  public double at(double progress) {
    return start + (end - start) * progress;
  }

  /** Returns the value at {@code progress} moving geometrically (lengths grow by a factor). */
  public double geometricAt(double progress) {
    if (start <= 0 || end <= 0) {
      return at(progress);
    }
    return start * Math.pow(end / start, progress);
  }

  /** Returns whether both ends are at least {@code min}. */
  public boolean atLeast(double min) {
    return start >= min && end >= min;
  }
}
