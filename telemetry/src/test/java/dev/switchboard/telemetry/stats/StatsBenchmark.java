package dev.switchboard.telemetry.stats;

import dev.switchboard.telemetry.stats.analysis.Analyses;
import dev.switchboard.telemetry.stats.analysis.Analysis;
import dev.switchboard.telemetry.stats.analysis.AnalysisContext;
import dev.switchboard.telemetry.stats.analysis.StatsQuery;
import dev.switchboard.telemetry.stats.analysis.StatsWindow;
import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.telemetry.store.RawRows;
import dev.switchboard.telemetry.store.UsageStore;
import dev.switchboard.telemetry.store.UsageStores;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the stats engine on a large synthetic store (a DuckDB file or a {@code clickhouse://} location); a benchmark, not a test (it asserts
 * nothing and is not run by the build). Run it with {@code telemetry/bench/stats-benchmark.sh [RECORDS]
 * [STORE]}.
 *
 * <ol>
 *   <li>Fills an empty store with RECORDS synthetic records (default 10M) through the appender, in
 *       batches of 8192, and reports the ingestion rate; a store with records is reused as it is.
 *   <li>Runs every analysis over the whole window: one warm-up, then the median of 5 runs.
 *   <li>Runs every analysis again (median of 5) while a second thread appends more records as fast
 *       as it can, and reports that ingestion rate and the analysis times under write load. A batch
 *       the store refuses is counted and sent again (as the gateway's writer does); an analysis that
 *       fails is reported as failed and the run goes on.
 * </ol>
 *
 * <p>A third argument {@code profile} runs each analysis once and prints every store call with its
 * time (a fourth, a comma-separated list of analyses, limits it to those); {@code raw} times the
 * DuckDB store without its daily rollups (what the analyses cost from raw rows, same store, same run).
 */
public final class StatsBenchmark {
  private static final int BATCH = 8192;
  private static final int RUNS = 5;

  private StatsBenchmark() {}

  public static void main(String[] args) throws Exception {
    long records = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    String location = args.length > 1 ? args[1] : "target/bench/stats-" + records + ".duckdb";
    TelemetryConfig config = TelemetryConfig.forStore(location);
    if (config.clickhouse() == null) {
      Files.createDirectories(config.store().toAbsolutePath().getParent());
    }
    SyntheticUsage.Spec spec = SyntheticUsage.Spec.of(records);
    String mode = args.length > 2 ? args[2] : "";
    try (UsageStore store = UsageStores.openUsage(config)) {
      fillIfEmpty(store, spec);
      AggregateSource source = mode.equals("raw") ? RawRows.of(store) : store.aggregates();
      StatsWindow window = AnalysisContext.resolve(source, StatsQuery.defaults(), Clock.systemUTC()).window();
      StatsQuery query = StatsQuery.defaults().withWindow(window.from(), window.to());
      System.out.printf("window %s to %s, %,d records%n", window.from(), window.to(), store.count());
      if (mode.equals("profile")) {
        Set<String> only = args.length > 3 ? Set.of(args[3].split(",")) : null;
        for (Analysis a : Analyses.all()) {
          if (only == null || only.contains(a.name())) {
            System.out.println(a.name());
            Analyses.run(a, new TimedSource(source), query, Clock.systemUTC());
          }
        }
        return;
      }

      Map<String, Double> idleCpu = new LinkedHashMap<>();
      Map<String, Double> idle = timeAll(source, query, idleCpu);

      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong written = new AtomicLong();
      AtomicLong refused = new AtomicLong();
      // Extra traffic in the same period, from another seed, appended for as long as the analyses run.
      SyntheticUsage.Spec extra = new SyntheticUsage.Spec(50_000_000L, spec.start(), spec.span(), spec.keys(), spec.users(), 99);
      Thread writer = new Thread(() -> {
        try {
          SyntheticUsage.write(extra, BATCH, batch -> {
            if (stop.get()) {
              throw new StopWriting();
            }
            appendUntilStored(store, batch, refused);
            written.addAndGet(batch.size());
          }, n -> {});
        } catch (StopWriting e) {
          // the analyses are done
        }
      }, "bench-writer");
      long writeStart = System.nanoTime();
      writer.start();
      Map<String, Double> loaded = timeAll(source, query, new LinkedHashMap<>());
      stop.set(true);
      writer.join();
      double writeSeconds = seconds(writeStart);

      System.out.println();
      System.out.println("| analysis | idle: median wall (ms) | idle: median CPU (ms) | while ingesting: median wall (ms) |");
      System.out.println("|---|---:|---:|---:|");
      for (String name : idle.keySet()) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %s |%n", name, ms(idle.get(name)), idleCpu.get(name), ms(loaded.get(name)));
      }
      System.out.printf("load average at the end: %.2f on %d cores%n",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "%nconcurrent ingestion: %,d records in %.1f s = %,.0f records/s while analyses ran;"
          + " %d appends refused by the store and sent again%n", written.get(), writeSeconds, written.get() / writeSeconds,
          refused.get());
    }
  }

  private static String ms(double value) {
    return Double.isNaN(value) ? "FAILED" : String.format(Locale.ROOT, "%.0f", value);
  }

  /** Appends {@code batch}, sending it again after a pause while the store refuses it (counted in {@code refused}). */
  private static void appendUntilStored(UsageStore store, java.util.List<dev.switchboard.telemetry.UsageRecord> batch,
      AtomicLong refused) {
    while (true) {
      try {
        store.append(batch);
        return;
      } catch (RuntimeException e) {
        refused.incrementAndGet();
        System.err.println("  append refused: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Fills {@code store} with the synthetic records of {@code spec} unless it holds records already. */
  public static void fillIfEmpty(UsageStore store, SyntheticUsage.Spec spec) {
    if (store.count() != 0) {
      return;
    }
    long records = spec.records();
    long start = System.nanoTime();
    AtomicLong last = new AtomicLong();
    SyntheticUsage.write(spec, BATCH, store::append, n -> {
      if (n / 1_000_000 != last.get()) {
        last.set(n / 1_000_000);
        System.err.printf(Locale.ROOT, "  ingested %,d (%.0f records/s)%n", n, n / seconds(start));
      }
    });
    System.out.printf(Locale.ROOT, "ingestion: %,d records in %.1f s = %,.0f records/s (batches of %d, includes generation)%n",
        records, seconds(start), records / seconds(start), BATCH);
  }

  /**
   * Times every analysis; {@code cpu} receives the median process CPU time per run (all threads,
   * DuckDB's included), which a busy shared machine inflates far less than wall time.
   */
  private static Map<String, Double> timeAll(AggregateSource source, StatsQuery query, Map<String, Double> cpu) {
    Map<String, Double> medians = new LinkedHashMap<>();
    for (Analysis a : Analyses.all()) {
      double[] ms = new double[RUNS];
      double[] cpuMs = new double[RUNS];
      try {
        Analyses.run(a, source, query, Clock.systemUTC()); // warm-up
        for (int i = 0; i < RUNS; i++) {
          long cpuStart = processCpuNanos();
          long start = System.nanoTime();
          Analyses.run(a, source, query, Clock.systemUTC());
          ms[i] = (System.nanoTime() - start) / 1e6;
          cpuMs[i] = (processCpuNanos() - cpuStart) / 1e6;
        }
      } catch (RuntimeException e) {
        System.err.println("  " + a.name() + " FAILED: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
        Arrays.fill(ms, Double.NaN);
        Arrays.fill(cpuMs, Double.NaN);
      }
      Arrays.sort(ms);
      Arrays.sort(cpuMs);
      medians.put(a.name(), ms[RUNS / 2]);
      cpu.put(a.name(), cpuMs[RUNS / 2]);
      System.err.printf(Locale.ROOT, "  %-20s %s ms%n", a.name(), Arrays.toString(ms));
    }
    return medians;
  }

  private static long processCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Ends the writer thread's generation loop. */
  private static final class StopWriting extends RuntimeException {
    StopWriting() {
      super(null, null, false, false);
    }
  }

}
