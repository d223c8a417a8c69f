package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.stats.AggregateQuery;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.AggregateSource;
import dev.switchboard.telemetry.stats.CohortRow;
import dev.switchboard.telemetry.stats.Extent;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.HistogramRow;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.StatsBenchmark;
import dev.switchboard.telemetry.stats.analysis.Analyses;
import dev.switchboard.telemetry.stats.analysis.Analysis;
import dev.switchboard.telemetry.stats.analysis.StatsQuery;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs {@link StatsBenchmark} on ClickHouse: starts clickhouse-server on a data folder that is
 * kept between runs ({@code target/bench/clickhouse-RECORDS}, so 10M records load once), then
 * fills and times it as the DuckDB run does. With {@code profile} as second argument it runs each
 * analysis once instead and prints every store call it makes with its time.
 * {@code telemetry/bench/clickhouse-stats-benchmark.sh [RECORDS] [profile]}.
 */
public final class ClickHouseStatsBenchmark {
  private ClickHouseStatsBenchmark() {}

  public static void main(String[] args) throws Exception {
    String records = args.length > 0 ? args[0] : "10000000";
    try (ClickHouseServer server = ClickHouseServer.start(Path.of("target/bench/clickhouse-" + records))) {
      if (args.length > 1 && args[1].equals("profile")) {
        try (ClickHouseUsageStore store = ClickHouseUsageStore.open(server.location("bench"), ClickHouseServer.PASSWORD)) {
          profile(store.aggregates());
        }
      } else {
        StatsBenchmark.main(new String[] {records, server.url("bench")});
      }
    }
  }

  private static void profile(AggregateSource source) {
    Timed timed = new Timed(source);
    StatsQuery query = StatsQuery.defaults().withWindow(Instant.parse("2025-06-02T00:00:00Z"), Instant.parse("2025-12-01T00:00:00Z"));
    for (Analysis a : Analyses.all()) {
      System.out.println(a.name());
      long start = System.nanoTime();
      Analyses.run(a, timed, query, Clock.systemUTC());
      System.out.printf(Locale.ROOT, "  total %.0f ms%n", (System.nanoTime() - start) / 1e6);
    }
  }

  /** Prints each call's kind, shape and time. */
  private record Timed(AggregateSource source) implements AggregateSource {
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
}
