package dev.switchboard.gateway.limits;

import java.net.http.HttpResponse;
import java.util.Arrays;

/** Summarises the hand-run benchmarks' samples and checks their answers. */
final class BenchmarkMath {

  private BenchmarkMath() {}

  static void check(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(0);
  }
}
