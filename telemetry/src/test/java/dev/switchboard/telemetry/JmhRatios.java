package dev.switchboard.telemetry;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs one JMH benchmark class and prints each figure with its ratio to the class's {@code
 * baseline} method measured in the same run (the telemetry module's counterpart of the gateway's
 * {@code BenchmarkRatios}, which this module cannot see).
 */
public final class JmhRatios {
  private JmhRatios() {}

  /** Runs the benchmarks of {@code type}; {@code baseline} names the method the ratios divide by. */
  public static void run(Class<?> type, String baseline) throws RunnerException {
    var results = new Runner(new OptionsBuilder().include(type.getName() + "\\.").build()).run();
    double base = 0;
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().endsWith("." + baseline)) {
        base = r.getPrimaryResult().getScore();
      }
    }
    for (RunResult r : results) {
      double score = r.getPrimaryResult().getScore();
      System.out.printf("| %s | %.1f ns/op | ratio %.2f |%n",
          r.getParams().getBenchmark().replaceAll(".*\\.", ""), score, score / base);
    }
  }
}
