package dev.switchboard.telemetry.store;

import static dev.switchboard.telemetry.store.AnalysisComparison.assertSame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.stats.AggregateQuery;
import dev.switchboard.telemetry.stats.AggregateSource;
import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.Segment;
import dev.switchboard.telemetry.stats.StatsFixture;
import dev.switchboard.telemetry.stats.SyntheticUsage;
import dev.switchboard.telemetry.stats.TokenMode;
import dev.switchboard.telemetry.stats.analysis.Analyses;
import dev.switchboard.telemetry.stats.analysis.StatsQuery;
import dev.switchboard.telemetry.stats.analysis.Weight;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the same records into DuckDB and a real ClickHouse and compares every analysis's output
 * field by field, under several queries (buckets, token modes, weights, filters that the cohort
 * rollup answers and filters that need raw rows).
 */
class ClickHouseParityTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir static Path dir;
  static ClickHouseServer server;
  static DuckDbUsageStore duck;
  static ClickHouseUsageStore house;
  static List<UsageRecord> loaded;

  @BeforeAll
  static void load() {
    server = ClickHouseServer.start(dir.resolve("clickhouse"));
    duck = DuckDbUsageStore.inMemory();
    house = ClickHouseUsageStore.open(server.location("parity"), ClickHouseServer.PASSWORD);
    List<UsageRecord> records = new ArrayList<>(StatsFixture.records());
    records.addAll(SyntheticUsage.generate(new SyntheticUsage.Spec(
        30_000, Instant.parse("2025-06-02T00:00:00Z"), java.time.Duration.ofDays(182), 40, 3_000, 7)));
    // some records carry one or two tags, so the tag dimension and filter have something to agree on
    String[] tags = {null, "batch", "batch,ml", "ml", null, "eval.v2"};
    for (int i = 0; i < records.size(); i++) {
      records.set(i, records.get(i).toBuilder().tags(tags[i % tags.length]).build());
    }
    for (int i = 0; i < records.size(); i += 4_096) {
      List<UsageRecord> batch = records.subList(i, Math.min(records.size(), i + 4_096));
      duck.append(batch);
      house.append(batch);
    }
    loaded = records;
  }

  @AfterAll
  static void close() {
    if (house != null) {
      house.close();
    }
    if (duck != null) {
      duck.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyAnalysisGivesTheSameNumbersFromBothStores() {
    assertThat(house.count()).isEqualTo(duck.count());
    Filter keysAndSources = Filter.none().withApiKeyIds(Set.of("key-1", "key-2", "key-3", "k1", "k2"))
        .withSources(EnumSet.of(Segment.PROPRIETARY, Segment.CHINESE_OSS));
    Filter rawOnly = Filter.none().withCategories(Set.of("Programming", "Roleplay")).withIncludeByok(false);
    List<StatsQuery> queries = List.of(
        StatsQuery.defaults(),
        StatsQuery.defaults().withBucket(Bucket.DAY).withTokens(TokenMode.NORMALIZED).withWeight(Weight.REQUESTS),
        StatsQuery.defaults().withBucket(Bucket.MONTH).withWeight(Weight.COST).withFilter(keysAndSources),
        StatsQuery.defaults().withFilter(rawOnly).withWindow(
            Instant.parse("2025-07-15T12:00:00Z"), Instant.parse("2025-11-10T06:30:00.5Z")),
        StatsQuery.defaults().withWindow(StatsFixture.FROM, StatsFixture.TO),
        StatsQuery.defaults().withBucket(Bucket.MONTH).withFilter(Filter.none().withTags(Set.of("ml", "eval.v2"))),
        // what the daily rollup answers, with partial days at both ends read from raw rows
        StatsQuery.defaults().withFilter(rollupFilter()).withWindow(
            Instant.parse("2025-06-20T17:45:00Z"), Instant.parse("2025-10-03T08:00:00.000001Z")));
    int compared = AnalysisComparison.assertSameAnalyses(duck.aggregates(), house.aggregates(), queries, CLOCK);
    assertThat(compared).isEqualTo(queries.size() * Analyses.all().size());
  }

  private static Filter rollupFilter() {
    return Filter.none().withSources(EnumSet.of(Segment.PROPRIETARY, Segment.CHINESE_OSS)).withIncludeByok(false);
  }

  @Test
  void theDailyRollupAnswersTheDashboardsDefaultQueriesWithTheSameNumbers() {
    Instant from = Instant.parse("2025-06-20T17:45:00Z");
    Instant to = Instant.parse("2025-10-03T08:00:00.000001Z");
    for (Filter filter : List.of(Filter.none(), rollupFilter())) {
      AggregateQuery q = new AggregateQuery(from, to, Bucket.WEEK, List.of(Dimension.MODEL, Dimension.PROVIDER),
          EnumSet.of(Measure.REQUESTS, Measure.ERRORS, Measure.TOKENS, Measure.COST_USD, Measure.USERS), filter, TokenMode.NATIVE);
      assertThat(ClickHouseDailyRollup.answers(q, q.measures())).isTrue();
      assertSame("aggregate", duck.aggregates().aggregate(q), house.aggregates().aggregate(q));
      assertThat(house.aggregates().histograms(q, EnumSet.allOf(QuantileMetric.class)))
          .isNotEmpty().containsExactlyInAnyOrderElementsOf(duck.aggregates().histograms(q, EnumSet.allOf(QuantileMetric.class)));
    }
    assertThat(Long.parseLong(server.query("SELECT count() FROM parity.usage_daily").strip())).isPositive();
    AggregateQuery byCategory = new AggregateQuery(from, to, null, List.of(Dimension.CATEGORY), Set.of(Measure.REQUESTS),
        Filter.none(), TokenMode.NATIVE);
    assertThat(ClickHouseDailyRollup.answers(byCategory, byCategory.measures())).isFalse();
  }

  @Test
  void bothStoresSumEachKeysCostOfAMonthAndADayAsTheRecordsDo() {
    Instant monthStart = Instant.parse("2025-09-01T00:00:00Z");
    Instant dayStart = Instant.parse("2025-09-15T00:00:00Z");
    Instant end = Instant.parse("2025-09-16T00:00:00Z");
    java.util.Map<String, double[]> expected = new java.util.TreeMap<>();
    for (UsageRecord r : loaded) {
      if (r.apiKeyId() == null || r.costUsd() == null
          || r.timestamp().isBefore(monthStart) || !r.timestamp().isBefore(end)) {
        continue;
      }
      double[] sums = expected.computeIfAbsent(r.apiKeyId(), k -> new double[2]);
      sums[1] += r.costUsd();
      if (!r.timestamp().isBefore(dayStart)) {
        sums[0] += r.costUsd();
      }
    }
    assertThat(expected).isNotEmpty();
    for (UsageStore store : List.<UsageStore>of(duck, house)) {
      List<KeyCost> costs = store.costByKey(monthStart, dayStart, end);
      assertThat(costs).extracting(KeyCost::apiKeyId).containsExactlyInAnyOrderElementsOf(expected.keySet());
      for (KeyCost cost : costs) {
        double[] sums = expected.get(cost.apiKeyId());
        assertThat(cost.dayUsd()).isCloseTo(sums[0], org.assertj.core.api.Assertions.within(1e-9));
        assertThat(cost.monthUsd()).isCloseTo(sums[1], org.assertj.core.api.Assertions.within(1e-9));
      }
    }
  }

  @Test
  void rawAggregatesAgreeToo() {
    AggregateSource a = duck.aggregates();
    AggregateSource b = house.aggregates();
    assertThat(b.extent(Filter.none())).isEqualTo(a.extent(Filter.none()));
    assertThat(b.extent(Filter.none().withSources(Set.of()))).isEmpty();
    Instant from = Instant.parse("2025-06-01T00:00:00Z");
    Instant to = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(b.cohorts(from, to, Filter.none())).isNotEmpty().isEqualTo(a.cohorts(from, to, Filter.none()));
    assertSame("overview", duck.overview(from, to), house.overview(from, to));
    assertSame("overview key-1", duck.overview(from, to, "key-1"), house.overview(from, to, "key-1"));
  }
}
