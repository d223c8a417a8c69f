package dev.switchboard.telemetry.stats.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Holds what one analysis found over one window: headline numbers (the first is the headline),
 * window-level scalars, tables, and notes on how to read them.
 *
 * @param parameters the effective parameters (tokens, weight, filters, ...) as wire strings
 * @param summary window-level values by name: numbers, strings, booleans, nested maps or lists of
 *     maps (kept for clients of the original overview)
 */
public record AnalysisResult(
    String analysis,
    StatsWindow window,
    Map<String, String> parameters,
    List<Headline> headlines,
    Map<String, Object> summary,
    List<Series> series,
    List<String> notes) {

  public AnalysisResult {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    headlines = List.copyOf(headlines);
    summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    series = List.copyOf(series);
    notes = List.copyOf(notes);
  }

  /** Returns the table named {@code name}. */
  public Series series(String name) {
    return series.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(analysis + " has no series " + name));
  }

  /** Returns the headline labelled {@code label}. */
  public Headline headline(String label) {
    return headlines.stream()
        .filter(h -> h.label().equals(label))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(analysis + " has no headline " + label));
  }
}
