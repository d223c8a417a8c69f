package dev.switchboard.telemetry.stats;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers the few aggregate queries every analysis is built from. Implementations may block: call
 * them off event loops.
 */
public interface AggregateSource {

  /** Returns the sums and counts per group; groups without records are absent. */
  List<AggregateRow> aggregate(AggregateQuery query);

  /**
   * Returns the histograms of {@code metrics} in {@link LogBins} per group of {@code query} (its
   * measures are ignored): one row per group, metric and non-empty bin.
   */
  List<HistogramRow> histograms(AggregateQuery query, Set<QuantileMetric> metrics);

  /**
   * Counts end users per model, first-request month and active month, for cohorts whose month
   * starts in {@code [month of from, to)} and activity before {@code to}. A user is the request's
   * {@code user} field, else its API key, within one key; returning after a gap counts as active.
   */
  List<CohortRow> cohorts(Instant from, Instant to, Filter filter);

  /** Returns the first and last timestamps of the records matching {@code filter}, if any. */
  Optional<Extent> extent(Filter filter);
}
