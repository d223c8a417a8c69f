package dev.switchboard.telemetry.stats.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Corrects category shares from the local classifier with what a judge model said on a sample:
 * on the judged requests it estimates, for each local category i, how the judge splits it (q_ij =
 * judged i-requests the judge calls j over judged i-requests), and moves each local share along
 * those rows: calibrated_j = sum_i local_i * q_ij. The 95% interval treats the local shares as
 * known (they cover all traffic) and each row of q as a multinomial sample of its judged count:
 * var_j = sum_i local_i^2 * q_ij (1 - q_ij) / n_i, with q smoothed by half a request so that a
 * row of few requests is not certain. A local category with no judged request keeps its share,
 * and its whole share counts as unknown in the variance (a quarter of its square).
 */
final class CategoryCalibration {
  private static final double Z95 = 1.959964;

  /** One category's share before and after the correction, with the interval. */
  record Share(String category, double local, double calibrated, double low, double high) {}

  /** Returns the shares and the number of judged requests they rest on. */
  record Result(List<Share> shares, long judged) {}

  private CategoryCalibration() {}

  /**
   * Calibrates {@code local} (weight per local category, any scale) with {@code judged} (local
   * category -> judge category -> judged requests). Categories appear in the result when either
   * side names them; shares are of the categories given.
   */
  static Result calibrate(Map<String, Double> local, Map<String, Map<String, Long>> judged) {
    TreeSet<String> categories = new TreeSet<>(local.keySet());
    judged.values().forEach(row -> categories.addAll(row.keySet()));
    double total = local.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, double[]> estimate = new LinkedHashMap<>(); // category -> {calibrated, variance}
    categories.forEach(c -> estimate.put(c, new double[2]));
    long judgedCount = 0;
    for (Map.Entry<String, Double> e : local.entrySet()) {
      double w = total <= 0 ? 0 : e.getValue() / total;
      Map<String, Long> row = judged.getOrDefault(e.getKey(), Map.of());
      long n = row.values().stream().mapToLong(Long::longValue).sum();
      if (n == 0) {
        double[] own = estimate.get(e.getKey());
        own[0] += w;
        own[1] += w * w / 4;
        continue;
      }
      for (String j : categories) {
        long count = row.getOrDefault(j, 0L);
        double q = (double) count / n;
        double smoothed = (count + 0.5) / (n + 1.0);
        double[] target = estimate.get(j);
        target[0] += w * q;
        target[1] += w * w * smoothed * (1 - smoothed) / n;
      }
    }
    for (Map<String, Long> row : judged.values()) {
      judgedCount += row.values().stream().mapToLong(Long::longValue).sum();
    }
    List<Share> shares = new ArrayList<>();
    for (String c : categories) {
      double[] v = estimate.get(c);
      double half = Z95 * Math.sqrt(v[1]);
      double before = total <= 0 ? 0 : local.getOrDefault(c, 0.0) / total;
      shares.add(new Share(c, before, v[0], Math.max(0, v[0] - half), Math.min(1, v[0] + half)));
    }
    return new Result(shares, judgedCount);
  }
}
