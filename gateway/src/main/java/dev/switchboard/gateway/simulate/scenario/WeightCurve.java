package dev.switchboard.gateway.simulate.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds how attractive a model is over time: weights at dates, linear in between, zero before the
 * first date (its launch) and the last weight after the last date. Written in YAML as {@code
 * [[2025-05-22, 10], [2025-09-01, 25]]}.
 */
public record WeightCurve(List<Point> points) {

  /** Holds one weight at one date. */
  public record Point(LocalDate date, double weight) {}

  public WeightCurve {
    points = List.copyOf(points);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a weight curve needs at least one [date, weight]");
    }
    for (int i = 0; i < points.size(); i++) {
      if (points.get(i).weight() < 0) {
        throw new IllegalArgumentException("weights must not be negative");
      }
      if (i > 0 && !points.get(i).date().isAfter(points.get(i - 1).date())) {
        throw new IllegalArgumentException("dates must increase");
      }
    }
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static WeightCurve parse(JsonNode node) {
    if (!node.isArray()) {
      throw new IllegalArgumentException("expected a list of [date, weight]");
    }
    List<Point> points = new ArrayList<>();
    for (JsonNode pair : node) {
      if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isNumber()) {
        throw new IllegalArgumentException("expected [date, weight] pairs");
      }
      try {
        points.add(new Point(LocalDate.parse(pair.get(0).asText()), pair.get(1).asDouble()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a date: " + pair.get(0).asText());
      }
    }
    return new WeightCurve(points);
  }

  /** Returns the launch date: the first point. */
  public LocalDate launch() {
    return points.get(0).date();
  }

  /** Returns the weight on {@code day}. */
  public double at(LocalDate day) {
    if (day.isBefore(launch())) {
      return 0;
    }
    for (int i = 1; i < points.size(); i++) {
      Point a = points.get(i - 1);
      Point b = points.get(i);
      if (day.isBefore(b.date())) {
        double span = ChronoUnit.DAYS.between(a.date(), b.date());
        double into = ChronoUnit.DAYS.between(a.date(), day);
        return a.weight() + (b.weight() - a.weight()) * into / span;
      }
    }
    return points.get(points.size() - 1).weight();
  }

  /** Returns the curve with every date moved by {@code days}. */
  public WeightCurve shifted(long days) {
    return new WeightCurve(points.stream().map(p -> new Point(p.date().plusDays(days), p.weight())).toList());
  }
}
