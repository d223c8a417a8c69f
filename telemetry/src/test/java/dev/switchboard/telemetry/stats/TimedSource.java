package dev.switchboard.telemetry.stats;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Prints each store call an analysis makes, with its kind, shape and time (the benchmarks' profile mode). */
public record TimedSource(AggregateSource source) implements AggregateSource {
  private static <T> T time(String what, Supplier<T> call) {
    long start = System.nanoTime();
    T result = call.get();
    System.out.printf(Locale.ROOT, "  %6.0f ms  %s%n", (System.nanoTime() - start) / 1e6, what);
    return result;
  }

  @Override
  public List<AggregateRow> aggregate(AggregateQuery q) {
    return time("aggregate " + q.bucket() + " " + q.dimensions() + " " + q.measures(), () -> source.aggregate(q));
  }

  @Override
  public List<HistogramRow> histograms(AggregateQuery q, Set<QuantileMetric> metrics) {
    return time("histograms " + q.bucket() + " " + q.dimensions() + " " + metrics, () -> source.histograms(q, metrics));
  }

  @Override
  public List<CohortRow> cohorts(Instant from, Instant to, Filter filter) {
    return time("cohorts", () -> source.cohorts(from, to, filter));
  }

  @Override
  public Optional<Extent> extent(Filter filter) {
    return time("extent", () -> source.extent(filter));
  }
}
