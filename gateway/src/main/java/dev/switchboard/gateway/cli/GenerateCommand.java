package dev.switchboard.gateway.cli;

import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.telemetry.stats.SyntheticUsage;
import dev.switchboard.telemetry.store.UsageStore;
import dev.switchboard.telemetry.store.UsageStores;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Fills a store with synthetic usage records of known distributions:
 * {@code generate --store PATH --records N [--start DATE] [--days D] [--seed S]}.
 */
public final class GenerateCommand implements Subcommand {
  private static final int BATCH = 8192;
  private final PrintStream err;

  public GenerateCommand() {
    this(System.err);
  }

  public GenerateCommand(PrintStream err) {
    this.err = err;
  }

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public List<String> usage() {
    return List.of(
        "generate --store PATH --records N [--start DATE] [--days D] [--seed S]: write synthetic usage records",
        "  --store PATH     the DuckDB store file to append to (created if missing), or clickhouse://user:password@host:8123/db",
        "  --records N      how many records",
        "  --start DATE     first day (default 2025-06-02); --days D: days covered (default 182)",
        "  --seed S         random seed (default 42); the same seed gives the same records");
  }

  @Override
  public int run(List<String> args) {
    TelemetryConfig store = null;
    long records = -1;
    SyntheticUsage.Spec defaults = SyntheticUsage.Spec.of(0);
    Instant start = defaults.start();
    long days = defaults.span().toDays();
    long seed = defaults.seed();
    for (int i = 0; i < args.size(); i += 2) {
      String arg = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      String value = args.get(i + 1);
      try {
        switch (arg) {
          case "--store" -> store = TelemetryConfig.forStore(value);
          case "--records" -> records = Long.parseLong(value);
          case "--start" -> start = LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
          case "--days" -> days = Long.parseLong(value);
          case "--seed" -> seed = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
        }
      } catch (NumberFormatException | java.time.DateTimeException e) {
        throw new IllegalArgumentException("bad value for " + arg + ": '" + value + "'");
      }
    }
    if (store == null || records < 1 || days < 1) {
      throw new IllegalArgumentException("--store and --records (>= 1) are required; --days must be >= 1");
    }
    SyntheticUsage.Spec spec =
        new SyntheticUsage.Spec(records, start, Duration.ofDays(days), defaults.keys(), defaults.users(), seed);
    ProgressBar bar = new ProgressBar(err, records);
    long begin = System.nanoTime();
    try (UsageStore usage = UsageStores.openUsage(store)) {
      SyntheticUsage.write(spec, BATCH, usage::append, n -> bar.update(n, "records"));
      bar.finish();
      double seconds = (System.nanoTime() - begin) / 1e9;
      err.printf("wrote %d records in %.1f s (%.0f records/s); the store holds %d%n",
          records, seconds, records / seconds, usage.count());
    }
    return 0;
  }
}
