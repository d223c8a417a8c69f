package dev.switchboard.telemetry.stats.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.analysis.PricePoints.Point;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks the arithmetic the analyses share, without any store. */
class StatsMathTest {
  private static final StatsWindow WEEKS =
      new StatsWindow(Instant.parse("2025-11-05T00:00:00Z"), Instant.parse("2025-11-17T00:00:00Z"), Bucket.WEEK);

  @Test
  void shareTableDividesByEachBucketsDenominatorAndSkipsEmptyBuckets() {
    LocalDate w1 = LocalDate.parse("2025-11-03");
    LocalDate w2 = LocalDate.parse("2025-11-10");
    LocalDate w3 = LocalDate.parse("2025-11-17");
    Series s = ShareTable.build("s", "d", null, "k", List.of(
        new Cell(null, w1, "a", 3), new Cell(null, w1, "b", 1), new Cell(null, w1, "a", 4),
        new Cell(null, w2, "b", 2), new Cell(null, w3, "a", 0)), WEEKS);
    // Week 1: a 3 + 4 = 7, b 1 -> 7/8, 1/8; the window starts on Wednesday, so week 1 is partial.
    assertThat(s.number("share", "bucket", "2025-11-03", "k", "a")).isEqualTo(7 / 8.0);
    assertThat(s.number("denominator", "bucket", "2025-11-03", "k", "b")).isEqualTo(8);
    assertThat(s.value("partial", "bucket", "2025-11-03", "k", "a")).isEqualTo(true);
    assertThat(s.value("partial", "bucket", "2025-11-10", "k", "b")).isEqualTo(false);
    // A bucket whose denominator is 0 has no rows.
    assertThat(s.where("bucket", "2025-11-17")).isEmpty();
    // Largest value first within a bucket.
    assertThat(s.rows().get(0).get(2)).isEqualTo("a");
  }

  @Test
  void concentrationComputesHhiLargestAndEntriesAbove5Percent() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("x", 50.0);
    values.put("y", 30.0);
    values.put("z", 16.0);
    values.put("w", 4.0);
    values.put("none", 0.0);
    Concentration c = Concentration.of(values);
    // Shares .5 .3 .16 .04: HHI .25 + .09 + .0256 + .0016.
    assertThat(c.hhi()).isCloseTo(0.3672, within(1e-12));
    assertThat(c.largest()).isEqualTo("x");
    assertThat(c.above5Percent()).isEqualTo(3);
    assertThat(c.entries()).isEqualTo(4);
    assertThat(Concentration.of(Map.of("a", 0.0))).isNull();
  }

  @Test
  void olsRecoversAnExactLineAndWidensWithNoise() {
    double[] x = {0, 1, 2, 3, 4};
    double[] y = {1, -1, -3, -5, -7}; // y = 1 - 2x
    Ols exact = Ols.fit(x, y);
    assertThat(exact.slope()).isCloseTo(-2, within(1e-12));
    assertThat(exact.intercept()).isCloseTo(1, within(1e-12));
    assertThat(exact.r2()).isCloseTo(1, within(1e-12));
    assertThat(exact.ciHigh() - exact.ciLow()).isCloseTo(0, within(1e-9));
    // y = 0, 2, 1, 3: slope 0.8, residuals .3 -.9 .9 -.3 -> s.e. sqrt(1.8 / 2 / 5) = 0.424264;
    // t(0.975, 2) = 4.302653 -> half-width 1.825459.
    Ols noisy = Ols.fit(new double[] {0, 1, 2, 3}, new double[] {0, 2, 1, 3});
    assertThat(noisy.slope()).isCloseTo(0.8, within(1e-12));
    assertThat(noisy.slopeStdError()).isCloseTo(0.4242640687, within(1e-9));
    assertThat(noisy.ciHigh()).isCloseTo(0.8 + 4.302652729911275 * 0.4242640687119285, within(1e-9));
    assertThat(noisy.r2()).isCloseTo(0.64, within(1e-12));
    assertThat(Ols.fit(new double[] {1, 2}, new double[] {1, 2})).isNull();
    assertThat(Ols.fit(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNull();
  }

  @Test
  void cohortFlagsFindFoundationalAndBoomerangCurves() {
    // R(3..5) mean .4 vs later cohorts' .2: 2x and 20 points above -> foundational.
    assertThat(CohortFlags.meanMonths3To5(List.of(1.0, .6, .5, .4, .4, .4, .3))).isCloseTo(0.4, within(1e-12));
    assertThat(CohortFlags.foundational(0.4, 0.2)).isTrue();
    // 1.5x but only 6 points above: not foundational; no successor observed: not foundational.
    assertThat(CohortFlags.foundational(0.18, 0.12)).isFalse();
    assertThat(CohortFlags.foundational(0.4, null)).isFalse();
    assertThat(CohortFlags.meanMonths3To5(List.of(1.0, .5, .4))).isNull();
    // Falls to .2 then rises to .26: boomerang; a flat or falling curve is not.
    assertThat(CohortFlags.boomerang(List.of(1.0, .3, .2, .26))).isTrue();
    assertThat(CohortFlags.boomerang(List.of(1.0, .3, .2, .24))).isFalse();
    assertThat(CohortFlags.boomerang(List.of(1.0, .5, .4, .3))).isFalse();
  }

  @Test
  void pricePointsMedianAndQuadrants() {
    assertThat(PricePoints.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(PricePoints.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(PricePoints.median(new double[0])).isNull();
    Point cheapBusy = new Point("a", 1, 100, 100, 1, 0.5);
    Point dearQuiet = new Point("b", 1, 10, 10, 1, 5);
    assertThat(PricePoints.quadrant(cheapBusy, 1, 50)).isEqualTo("mass_market");
    assertThat(PricePoints.quadrant(dearQuiet, 1, 50)).isEqualTo("specialized");
    assertThat(PricePoints.quadrant(dearQuiet, 1, 5)).isEqualTo("premium");
    assertThat(PricePoints.quadrant(cheapBusy, 1, 500)).isEqualTo("niche");
  }

  @Test
  void topNBreaksTiesByNameAndSkipsZeros() {
    Map<String, Double> totals = Map.of("b", 5.0, "a", 5.0, "c", 9.0, "d", 0.0);
    assertThat(TopN.keys(totals, 2)).containsExactly("c", "a");
    assertThat(TopN.keys(totals, 10)).containsExactly("c", "a", "b");
  }

  @Test
  void logBinQuantilesStayWithinOnePercentOfExact() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    double[] values = new double[10_001];
    Map<Integer, Long> histogram = new java.util.HashMap<>();
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(random.nextDouble() * 10); // 1 .. 22026, log-uniform
      histogram.merge(dev.switchboard.telemetry.stats.LogBins.bin(values[i]), 1L, Long::sum);
    }
    java.util.Arrays.sort(values);
    for (double p : new double[] {0.01, 0.5, 0.9, 0.99}) {
      double exact = values[(int) Math.ceil(p * values.length) - 1]; // nearest rank
      assertThat(dev.switchboard.telemetry.stats.LogBins.quantile(histogram, p)).isCloseTo(exact,
          org.assertj.core.api.Assertions.withinPercentage(1));
    }
    assertThat(dev.switchboard.telemetry.stats.LogBins.value(dev.switchboard.telemetry.stats.LogBins.bin(0))).isZero();
    assertThat(dev.switchboard.telemetry.stats.LogBins.quantile(Map.of(), 0.5)).isNaN();
  }
}
