package dev.switchboard.telemetry.stats.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the categories analysis with each {@code method} over a store whose local and judge labels
 * have a known confusion: 1,000 requests the classifier calls Programming (900 judged, 810 of them
 * Programming by the judge, 90 Roleplay) and 1,000 it calls Roleplay (100 judged, 50 Roleplay, 50
 * Programming).
 */
class CategoryMethodsTest {
  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC);

  private static List<UsageRecord> records() {
    List<UsageRecord> records = new ArrayList<>();
    add(records, Category.PROGRAMMING, "Programming", 810);
    add(records, Category.PROGRAMMING, "Roleplay", 90);
    add(records, Category.PROGRAMMING, null, 100);
    add(records, Category.ROLEPLAY, "Roleplay", 50);
    add(records, Category.ROLEPLAY, "Programming", 50);
    add(records, Category.ROLEPLAY, null, 900);
    return records;
  }

  private static void add(List<UsageRecord> records, Category local, String judge, int n) {
    for (int i = 0; i < n; i++) {
      records.add(UsageRecord.builder("r" + records.size(), T.plusSeconds(records.size()))
          .models("m", "m", "p", null)
          .usage(new TokenUsage(10L, 10L, null, null, null))
          .result(200, Outcome.SUCCESS, null)
          .classification(new Classification(local, 0.9, List.of(), "en", null))
          .judgeCategory(judge)
          .build());
    }
  }

  private static AnalysisResult run(CategoryMethod method) {
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      store.append(records());
      StatsQuery query = StatsQuery.defaults().withWeight(Weight.REQUESTS).withMethod(method);
      return Analyses.run(Analyses.find("categories").orElseThrow(), store.aggregates(), query, CLOCK);
    }
  }

  @Test
  void localSharesAreTheClassifiersAndSayTheirMethod() {
    AnalysisResult r = run(CategoryMethod.LOCAL);
    assertThat(r.headline("programming share").value()).isCloseTo(0.5, within(1e-9));
    assertThat(r.parameters()).containsEntry("method", "local");
  }

  @Test
  void judgeSharesCountOnlyTheJudgedSample() {
    AnalysisResult r = run(CategoryMethod.JUDGE);
    assertThat(r.headline("programming share").value()).isCloseTo(860 / 1000.0, within(1e-9));
    assertThat(r.headline("judged requests").value()).isEqualTo(1000.0);
    assertThat(r.parameters()).containsEntry("method", "judge");
  }

  @Test
  void calibratedSharesMoveEachLocalShareTheWayTheJudgeSplitIt() {
    AnalysisResult r = run(CategoryMethod.CALIBRATED);
    // Programming: 0.5 * 810/900 + 0.5 * 50/100 = 0.70
    Series table = r.series("calibrated_share_by_category");
    assertThat(table.number("share", "category", "Programming")).isCloseTo(0.70, within(1e-9));
    assertThat(table.number("local_share", "category", "Programming")).isCloseTo(0.5, within(1e-9));
    assertThat(table.number("ci_low", "category", "Programming")).isBetween(0.6, 0.70);
    assertThat(table.number("ci_high", "category", "Programming")).isBetween(0.70, 0.8);
    assertThat(r.headline("programming share").value()).isCloseTo(0.70, within(1e-9));
    assertThat(r.headline("programming share").detail()).contains("1000 judged requests");
    assertThat(r.summary()).containsEntry("judged_requests", 1000L);
    assertThat(r.parameters()).containsEntry("method", "calibrated");
  }
}
