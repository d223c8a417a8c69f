package dev.switchboard.telemetry.stats.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.Segment;
import dev.switchboard.telemetry.stats.SyntheticUsage;
import dev.switchboard.telemetry.stats.TokenMode;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Checks properties that must hold on any traffic, over synthetic records: shares in every bucket
 * sum to 1, filters partition totals, and normalized counts equal to native ones change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsPropertiesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  private static final SyntheticUsage.Spec SPEC =
      new SyntheticUsage.Spec(20_000, Instant.parse("2025-06-04T13:00:00Z"), Duration.ofDays(75), 30, 3_000, 11);

  private DuckDbUsageStore store;
  private DuckDbUsageStore sameCounts;

  @BeforeAll
  void fill() {
    store = DuckDbUsageStore.inMemory();
    SyntheticUsage.write(SPEC, 2048, store::append, n -> {});
    // The same traffic as if every provider used o200k_base: normalized counts equal native ones.
    sameCounts = DuckDbUsageStore.inMemory();
    SyntheticUsage.write(SPEC, 2048, batch -> sameCounts.append(batch.stream().map(StatsPropertiesTest::o200k).toList()), n -> {});
  }

  @AfterAll
  void close() {
    store.close();
    sameCounts.close();
  }

  @ParameterizedTest
  @EnumSource(Bucket.class)
  void sharesInEveryBucketSumToOne(Bucket bucket) {
    int checked = 0;
    for (Analysis a : Analyses.all()) {
      for (Weight weight : Weight.values()) {
        StatsQuery q = StatsQuery.defaults().withBucket(bucket).withWeight(weight).withMinUsers(1).withMinRequests(1);
        AnalysisResult r = Analyses.run(a, store.aggregates(), q, CLOCK);
        for (Series s : r.series()) {
          if (!s.columns().containsAll(List.of("value", "share", "denominator"))) {
            continue;
          }
          int key = s.columns().indexOf("value") - 1;
          int share = s.columns().indexOf("share");
          Map<List<Object>, Double> sums = new HashMap<>();
          for (List<Object> row : s.rows()) {
            double v = ((Number) row.get(share)).doubleValue();
            assertThat(v).as("%s %s", a.name(), s.name()).isBetween(0.0, 1.0);
            sums.merge(new ArrayList<>(row.subList(0, key)), v, Double::sum);
          }
          for (Map.Entry<List<Object>, Double> e : sums.entrySet()) {
            assertThat(e.getValue()).as("%s %s %s", a.name(), s.name(), e.getKey()).isCloseTo(1.0, within(1e-9));
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void partialBucketsAreTheCutOnes() {
    // The data starts on a Wednesday afternoon: the first week is partial, later ones are not.
    Series s = Analyses.run(Analyses.find("source-share").orElseThrow(), store.aggregates(), StatsQuery.defaults(), CLOCK)
        .series("share_by_source");
    assertThat(s.where("bucket", "2025-06-02")).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(true));
    assertThat(s.where("bucket", "2025-06-09")).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(false));
  }

  @Test
  void sourceFiltersPartitionTheTotals() {
    Map<String, Object> all = overview(Filter.none());
    long requests = 0;
    long tokens = 0;
    double cost = 0;
    for (Segment s : Segment.values()) {
      Map<String, Object> part = overview(Filter.none().withSources(EnumSet.of(s)));
      requests += (long) part.get("requests");
      tokens += total(part);
      cost += (double) part.get("cost_usd");
    }
    assertThat(requests).isEqualTo(all.get("requests"));
    assertThat(tokens).isEqualTo(total(all));
    assertThat(cost).isCloseTo((double) all.get("cost_usd"), within(1e-6));
  }

  @Test
  void keyFiltersPartitionTheTotals() {
    Map<String, Object> all = overview(Filter.none());
    long requests = 0;
    long tokens = 0;
    for (int k = 0; k < SPEC.keys(); k++) {
      Map<String, Object> part = overview(Filter.none().withApiKeyIds(Set.of("key-" + k)));
      requests += (long) part.get("requests");
      tokens += total(part);
    }
    assertThat(requests).isEqualTo(all.get("requests")).isEqualTo(SPEC.records());
    assertThat(tokens).isEqualTo(total(all));
  }

  @Test
  void normalizedAndNativeAgreeWhenTheCountsAreEqual() {
    for (Analysis a : Analyses.all()) {
      StatsQuery q = StatsQuery.defaults().withMinUsers(1).withMinRequests(1);
      AnalysisResult nativeCounts = Analyses.run(a, sameCounts.aggregates(), q, CLOCK);
      AnalysisResult normalized = Analyses.run(a, sameCounts.aggregates(), q.withTokens(TokenMode.NORMALIZED), CLOCK);
      assertThat(normalized.series()).as(a.name()).isEqualTo(nativeCounts.series());
      assertThat(normalized.headlines()).as(a.name()).isEqualTo(nativeCounts.headlines());
    }
    // And on the original traffic, where they differ, the switch is real.
    assertThat(lengthsPrompt(store, TokenMode.NORMALIZED)).isNotEqualTo(lengthsPrompt(store, TokenMode.NATIVE));
  }

  private Double lengthsPrompt(DuckDbUsageStore s, TokenMode mode) {
    return Analyses.run(Analyses.find("lengths").orElseThrow(), s.aggregates(), StatsQuery.defaults().withTokens(mode), CLOCK)
        .headline("mean prompt tokens per request").value();
  }

  private Map<String, Object> overview(Filter f) {
    return Analyses.run(Analyses.find("overview").orElseThrow(), store.aggregates(),
        StatsQuery.defaults().withFilter(f).withWindow(SPEC.start(), SPEC.start().plus(SPEC.span()).plusSeconds(1)), CLOCK)
        .summary();
  }

  @SuppressWarnings("unchecked")
  private static long total(Map<String, Object> overview) {
    return (long) ((Map<String, Object>) overview.get("tokens")).get("total");
  }

  private static UsageRecord o200k(UsageRecord r) {
    return r.toBuilder().normalizedTokens(r.usage().promptTokens(), r.usage().completionTokens()).build();
  }
}
