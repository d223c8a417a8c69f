package dev.switchboard.telemetry.stats.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks the calibrated shares against a known true mix and a known classifier confusion. */
class CategoryCalibrationTest {
  private static final String[] CATEGORIES = {"Programming", "Roleplay", "Other"};
  private static final double[] TRUE_SHARES = {0.5, 0.3, 0.2};
  // P(local label | true category): rows true, columns local
  private static final double[][] CONFUSION = {
    {0.85, 0.05, 0.10},
    {0.10, 0.70, 0.20},
    {0.05, 0.15, 0.80},
  };

  private static Map<String, Double> localShares() {
    Map<String, Double> local = new LinkedHashMap<>();
    for (int l = 0; l < 3; l++) {
      double share = 0;
      for (int t = 0; t < 3; t++) {
        share += TRUE_SHARES[t] * CONFUSION[t][l];
      }
      local.put(CATEGORIES[l], share * 1_000_000); // any scale: tokens, requests, cost
    }
    return local;
  }

  @Test
  void aJudgedSampleWithTheExpectedConfusionGivesBackTheTrueShares() {
    Map<String, Map<String, Long>> judged = new HashMap<>();
    for (int t = 0; t < 3; t++) {
      for (int l = 0; l < 3; l++) {
        long count = Math.round(10_000 * TRUE_SHARES[t] * CONFUSION[t][l]);
        judged.computeIfAbsent(CATEGORIES[l], k -> new HashMap<>()).put(CATEGORIES[t], count);
      }
    }
    CategoryCalibration.Result result = CategoryCalibration.calibrate(localShares(), judged);
    assertThat(result.judged()).isEqualTo(10_000);
    for (CategoryCalibration.Share s : result.shares()) {
      double truth = TRUE_SHARES[indexOf(s.category())];
      assertThat(s.calibrated()).isCloseTo(truth, within(1e-3));
      assertThat(s.low()).isLessThan(truth);
      assertThat(s.high()).isGreaterThan(truth);
      assertThat(s.high() - s.low()).isLessThan(0.03);
    }
    // the local shares were off: roleplay under-counted, other over-counted
    assertThat(share(result, "Roleplay").local()).isCloseTo(0.265, within(1e-9));
    assertThat(share(result, "Other").local()).isCloseTo(0.27, within(1e-9));
  }

  @Test
  void theIntervalCoversTheTrueShareInAboutNineteenSamplesOfTwenty() {
    Random random = new Random(18);
    int covered = 0;
    int trials = 400;
    for (int trial = 0; trial < trials; trial++) {
      Map<String, Map<String, Long>> judged = new HashMap<>();
      for (int i = 0; i < 400; i++) { // a judged sample of 400 requests
        int t = draw(random, TRUE_SHARES);
        int l = draw(random, CONFUSION[t]);
        judged.computeIfAbsent(CATEGORIES[l], k -> new HashMap<>()).merge(CATEGORIES[t], 1L, Long::sum);
      }
      CategoryCalibration.Share roleplay = share(CategoryCalibration.calibrate(localShares(), judged), "Roleplay");
      covered += roleplay.low() <= 0.3 && 0.3 <= roleplay.high() ? 1 : 0;
    }
    assertThat(covered / (double) trials).isBetween(0.90, 0.99);
  }

  @Test
  void aLocalCategoryNoJudgedRequestFellInKeepsItsShareWithAWideInterval() {
    Map<String, Double> local = Map.of("Programming", 90.0, "Legal", 10.0);
    Map<String, Map<String, Long>> judged = Map.of("Programming", Map.of("Programming", 50L));
    CategoryCalibration.Share legal = share(CategoryCalibration.calibrate(local, judged), "Legal");
    assertThat(legal.calibrated()).isCloseTo(0.1, within(1e-12));
    assertThat(legal.low()).isZero();
    assertThat(legal.high()).isCloseTo(0.2, within(0.005));
  }

  private static int indexOf(String category) {
    for (int i = 0; i < CATEGORIES.length; i++) {
      if (CATEGORIES[i].equals(category)) {
        return i;
      }
    }
    throw new IllegalArgumentException(category);
  }

  private static CategoryCalibration.Share share(CategoryCalibration.Result result, String category) {
    return result.shares().stream().filter(s -> s.category().equals(category)).findFirst().orElseThrow();
  }

  private static int draw(Random random, double[] p) {
    double u = random.nextDouble();
    for (int i = 0; i < p.length - 1; i++) {
      u -= p[i];
      if (u < 0) {
        return i;
      }
    }
    return p.length - 1;
  }
}
