package dev.switchboard.gateway.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs JMH benchmark classes and prints each figure as a ratio to the {@code baseline*} method of
 * its class (same parameters), measured in the same run: absolute numbers on a shared machine
 * move from run to run, ratios much less.
 */
public final class BenchmarkRatios {

  private BenchmarkRatios() {}

  /** Runs the benchmarks of {@code classes} and prints one table. */
  public static void run(Class<?>... classes) throws RunnerException {
    OptionsBuilder options = new OptionsBuilder();
    for (Class<?> type : classes) {
      options.include(type.getName() + "\\.");
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    System.out.println(table(results));
  }

  /** Formats results as a Markdown table of time per operation and ratio to the baseline. */
  static String table(Collection<RunResult> results) {
    Map<String, Double> baselines = new TreeMap<>();
    Map<String, RunResult> rows = new LinkedHashMap<>();
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      String key = key(result);
      rows.put(method + key, result);
      if (method.substring(method.lastIndexOf('.') + 1).startsWith("baseline")) {
        baselines.put(method.substring(0, method.lastIndexOf('.')) + key, score(result));
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("| benchmark | params | ns/op | ± | ratio to baseline |");
    lines.add("|---|---|---|---|---|");
    for (RunResult result : rows.values()) {
      String method = result.getParams().getBenchmark();
      String type = method.substring(0, method.lastIndexOf('.'));
      Double baseline = baselines.get(type + key(result));
      double score = score(result);
      lines.add(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s |",
          type.substring(type.lastIndexOf('.') + 1) + "." + method.substring(method.lastIndexOf('.') + 1),
          key(result).isEmpty() ? "" : key(result).substring(1),
          score, result.getPrimaryResult().getScoreError(),
          baseline == null ? "-" : String.format(Locale.ROOT, "%.2f", score / baseline)));
    }
    return String.join("\n", lines);
  }

  private static double score(RunResult result) {
    return result.getPrimaryResult().getScore();
  }

  private static String key(RunResult result) {
    StringBuilder key = new StringBuilder();
    for (String name : result.getParams().getParamsKeys()) {
      key.append(' ').append(name).append('=').append(result.getParams().getParam(name));
    }
    return key.toString();
  }
}
