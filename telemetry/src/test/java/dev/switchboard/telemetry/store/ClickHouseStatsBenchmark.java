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
import dev.switchboard.telemetry.stats.TimedSource;
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
 * analysis once instead and prints every store call it makes with its time (a third argument, a
 * comma-separated list of analyses, limits it to those); with {@code fill} it only fills the store.
 * {@code telemetry/bench/clickhouse-stats-benchmark.sh [RECORDS] [profile]}.
 */
public final class ClickHouseStatsBenchmark {
  private ClickHouseStatsBenchmark() {}

  public static void main(String[] args) throws Exception {
    String records = args.length > 0 ? args[0] : "10000000";
    try (ClickHouseServer server = ClickHouseServer.start(Path.of("target/bench/clickhouse-" + records))) {
      if (args.length > 1 && (args[1].equals("profile") || args[1].equals("fill"))) {
        try (ClickHouseUsageStore store = ClickHouseUsageStore.open(server.location("bench"), ClickHouseServer.PASSWORD)) {
          StatsBenchmark.fillIfEmpty(store, dev.switchboard.telemetry.stats.SyntheticUsage.Spec.of(Long.parseLong(records)));
          if (args[1].equals("profile")) {
            profile(store.aggregates(), server.pid(), args.length > 2 ? Set.of(args[2].split(",")) : null);
          }
        }
      } else {
        StatsBenchmark.main(new String[] {records, server.url("bench")});
      }
    }
  }

  private static final int RUNS = 3;

  /**
   * Runs each analysis once with every store call timed, then {@link #RUNS} times untimed and
   * prints a table of the median wall time and the median CPU of clickhouse-server and of this JVM:
   * CPU says what an analysis costs when the machine is busy with other work and wall time is not.
   */
  private static void profile(AggregateSource source, long serverPid, Set<String> only) {
    TimedSource timed = new TimedSource(source);
    StatsQuery query = StatsQuery.defaults().withWindow(Instant.parse("2025-06-02T00:00:00Z"), Instant.parse("2025-12-01T00:00:00Z"));
    StringBuilder table = new StringBuilder("| analysis | median wall (ms) | clickhouse-server CPU (ms) | JVM CPU (ms) |\n|---|---:|---:|---:|\n");
    for (Analysis a : Analyses.all()) {
      if (only != null && !only.contains(a.name())) {
        continue;
      }
      System.out.println(a.name());
      Analyses.run(a, timed, query, Clock.systemUTC());
      double[] wall = new double[RUNS];
      double[] server = new double[RUNS];
      double[] jvm = new double[RUNS];
      for (int i = 0; i < RUNS; i++) {
        long s0 = cpu(ProcessHandle.of(serverPid));
        long j0 = cpu(Optional.of(ProcessHandle.current()));
        long w0 = System.nanoTime();
        Analyses.run(a, source, query, Clock.systemUTC());
        wall[i] = (System.nanoTime() - w0) / 1e6;
        server[i] = (cpu(ProcessHandle.of(serverPid)) - s0) / 1e6;
        jvm[i] = (cpu(Optional.of(ProcessHandle.current())) - j0) / 1e6;
      }
      table.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", a.name(), median(wall), median(server), median(jvm)));
    }
    System.out.println();
    System.out.print(table);
    System.out.printf(Locale.ROOT, "load average at the end: %.2f on %d cores%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
  }

  private static long cpu(Optional<ProcessHandle> process) {
    return process.flatMap(p -> p.info().totalCpuDuration()).map(java.time.Duration::toNanos).orElse(0L);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
