package dev.switchboard.gateway.cli;

import dev.switchboard.config.TelemetryConfig;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.stats.MarkdownReport;
import dev.switchboard.gateway.stats.ResultJson;
import dev.switchboard.gateway.stats.StatsRequest;
import dev.switchboard.telemetry.stats.AggregateSource;
import dev.switchboard.telemetry.stats.analysis.Analyses;
import dev.switchboard.telemetry.stats.analysis.Analysis;
import dev.switchboard.telemetry.stats.analysis.AnalysisContext;
import dev.switchboard.telemetry.stats.analysis.AnalysisResult;
import dev.switchboard.telemetry.stats.analysis.StatsQuery;
import dev.switchboard.telemetry.stats.analysis.StatsWindow;
import dev.switchboard.telemetry.store.UsageStore;
import dev.switchboard.telemetry.store.UsageStores;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the whole study computed from a store: {@code report --store PATH [--from D] [--to D]
 * [--format md|json]}, with a progress bar on stderr while the analyses run.
 */
public final class ReportCommand implements Subcommand {
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  public ReportCommand() {
    this(System.out, System.err, Clock.systemUTC());
  }

  public ReportCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public List<String> usage() {
    return List.of(
        "report --store PATH [--from DATE] [--to DATE] [--format md|json]: print every analysis of a usage store",
        "  --store PATH     the DuckDB store file (telemetry.store; stop the gateway using it first), or clickhouse://user:password@host:8123/db",
        "  --from, --to     window as ISO dates or instants (default: the whole store)",
        "  --format md|json Markdown report (default) or the JSON of every analysis");
  }

  @Override
  public int run(List<String> args) {
    TelemetryConfig store = null;
    Instant from = null;
    Instant to = null;
    String format = "md";
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String value = i + 1 < args.size() ? args.get(i + 1) : null;
      switch (arg) {
        case "--store" -> store = TelemetryConfig.forStore(need(arg, value));
        case "--from" -> from = instant(arg, need(arg, value));
        case "--to" -> to = instant(arg, need(arg, value));
        case "--format" -> format = need(arg, value);
        default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
      i++;
    }
    if (store == null) {
      throw new IllegalArgumentException("--store is required");
    }
    if (!format.equals("md") && !format.equals("json")) {
      throw new IllegalArgumentException("--format must be md or json, got '" + format + "'");
    }
    if (store.clickhouse() == null && !Files.isRegularFile(store.store())) {
      throw new IllegalArgumentException("no store file at " + store.store());
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("--from must be before --to");
    }
    try (UsageStore usage = UsageStores.openUsage(store)) {
      List<AnalysisResult> results = compute(usage.aggregates(), StatsQuery.defaults().withWindow(from, to));
      if (format.equals("json")) {
        ArrayNode all = JsonCodec.mapper().createArrayNode();
        for (int i = 0; i < results.size(); i++) {
          all.add(ResultJson.render(Analyses.all().get(i), results.get(i)));
        }
        out.println(new String(JsonCodec.write(all).getBytes(), StandardCharsets.UTF_8));
      } else {
        StatsWindow w = results.get(0).window();
        out.print(MarkdownReport.render(results, "Switchboard usage report: " + w.from() + " to " + w.to()
            + " (" + usage.count() + " records)"));
      }
      out.flush();
    }
    return 0;
  }

  /** Runs every analysis over one resolved window, so all of them cover exactly the same time. */
  private List<AnalysisResult> compute(AggregateSource source, StatsQuery query) {
    StatsWindow window = AnalysisContext.resolve(source, query, clock).window();
    StatsQuery fixed = query.withWindow(window.from(), window.to());
    List<Analysis> analyses = Analyses.all();
    ProgressBar bar = new ProgressBar(err, analyses.size());
    List<AnalysisResult> results = new ArrayList<>();
    for (int i = 0; i < analyses.size(); i++) {
      bar.update(i, analyses.get(i).name());
      results.add(Analyses.run(analyses.get(i), source, fixed, clock));
    }
    bar.update(analyses.size(), "done");
    bar.finish();
    return results;
  }

  private static String need(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  private static Instant instant(String option, String value) {
    try {
      return StatsRequest.instant(option, value);
    } catch (ApiErrorException e) {
      throw new IllegalArgumentException(option + ": expected an ISO date (2026-01-31) or instant, got '" + value + "'");
    }
  }
}
