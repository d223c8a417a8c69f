package dev.switchboard.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.stats.AggregateQuery;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.HistogramRow;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.Segment;
import dev.switchboard.telemetry.stats.StatsFixture;
import dev.switchboard.telemetry.stats.SyntheticUsage;
import dev.switchboard.telemetry.stats.TokenMode;
import dev.switchboard.telemetry.stats.analysis.StatsQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily rollups give the raw rows' answers: every analysis from the rollups equals the same
 * analysis over raw rows only, for windows that cut days in two, with filters, buckets and token
 * modes, while records for today keep arriving, after a restart, after records for past days
 * arrive late (a journal replay), and when the rollups are built from an existing store.
 */
class DuckDbDailyRollupTest {
  /** "Now" in these tests: records for today arrive during it. */
  private static final Instant NOW = Instant.parse("2025-12-03T15:30:00Z");
  private static final Instant TODAY = Instant.parse("2025-12-03T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  /** 30 days of synthetic traffic (some days cut by the windows below) and the hand-made fixture. */
  private static List<UsageRecord> history() {
    List<UsageRecord> records = new ArrayList<>(StatsFixture.records());
    records.addAll(SyntheticUsage.generate(
        new SyntheticUsage.Spec(6_000, Instant.parse("2025-11-01T05:00:00Z"), Duration.ofDays(30), 20, 300, 7)));
    records.sort(java.util.Comparator.comparing(UsageRecord::timestamp));
    return records;
  }

  /** Records of today, in time order up to {@link #NOW}, from another seed. */
  private static List<UsageRecord> today(int count, long seed) {
    return SyntheticUsage.generate(new SyntheticUsage.Spec(count, TODAY, Duration.ofHours(15), 20, 300, seed));
  }

  private static List<StatsQuery> queries() {
    StatsQuery whole = StatsQuery.defaults();
    Instant midDay = Instant.parse("2025-11-05T13:17:00Z");
    Instant otherMidDay = Instant.parse("2025-11-26T06:00:00Z");
    return List.of(
        whole,
        whole.withWindow(midDay, otherMidDay),
        whole.withWindow(midDay, NOW).withBucket(Bucket.DAY),
        whole.withWindow(StatsFixture.FROM, StatsFixture.TO).withBucket(Bucket.MONTH).withTokens(TokenMode.NORMALIZED),
        whole.withWindow(midDay, otherMidDay).withFilter(Filter.none().withIncludeByok(false)),
        whole.withWindow(midDay, otherMidDay).withFilter(
            Filter.none().withSources(EnumSet.of(Segment.CHINESE_OSS, Segment.ROW_OSS)).withModels(
                Set.of("deepseek/deepseek-chat-v3.1", "qwen/qwen3-coder", "meta-llama/llama-3.1-8b-instruct"))),
        whole.withFilter(Filter.none().withCategories(Set.of("Programming")).withProviders(Set.of("openai", "deepinfra"))),
        whole.withFilter(Filter.none().withAuthors(Set.of("openai", "deepseek")).chatOnly()),
        // not in the rollups: raw rows answer, so these only check the choice of path
        whole.withWindow(midDay, otherMidDay).withFilter(Filter.none().withApiKeyIds(Set.of("key-3", "k1"))),
        whole.withFilter(Filter.none().withApps(Set.of("cline"))));
  }

  private static void assertRollupsMatchRawRows(DuckDbUsageStore store) {
    assertRollupsMatchRawRows(store, queries());
  }

  private static void assertRollupsMatchRawRows(DuckDbUsageStore store, List<StatsQuery> queries) {
    int compared = AnalysisComparison.assertSameAnalyses(
        DuckDbAggregateSource.rawRowsOnly(store), store.aggregates(), queries, CLOCK);
    assertThat(compared).isGreaterThan(20);
  }

  @Test
  void everyAnalysisFromTheRollupsEqualsTheRawRowsWhileRecordsForTodayArrive() {
    Path file = dir.resolve("usage.duckdb");
    int foldAfterRows = 2_000;
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file, foldAfterRows)) {
      store.append(history());
      assertRollupsMatchRawRows(store);
      // small batches, as the gateway's writer sends them: enough rows to fold today several times
      List<UsageRecord> today = today(12_000, 11);
      for (int i = 0; i < today.size(); i += 40) {
        store.append(today.subList(i, Math.min(today.size(), i + 40)));
        if (i % 5_000 == 0) {
          assertRollupsMatchRawRows(store, queries().subList(0, 4));
        }
      }
      assertThat(rows(store, todaysSums())).as("folded while appending")
          .isLessThanOrEqualTo(distinctGroups(store) + foldAfterRows);
      assertRollupsMatchRawRows(store);
    }
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      assertThat(rows(store, todaysSums())).as("today's groups folded into one row each on close")
          .isEqualTo(distinctGroups(store));
      assertRollupsMatchRawRows(store, queries().subList(0, 4));
    }
  }

  private static long distinctGroups(DuckDbUsageStore store) {
    return rows(store, "(SELECT DISTINCT * EXCLUDE (" + String.join(", ", sumNames()) + ") FROM " + todaysSums() + ")");
  }

  private static String todaysSums() {
    return "usage_daily" + " WHERE ts = TIMESTAMP '2025-12-03 00:00:00'";
  }

  @Test
  void theRollupsAreWhatAnswersWholeDays() throws Exception {
    try (DuckDbUsageStore store = DuckDbUsageStore.open(dir.resolve("usage.duckdb"))) {
      store.append(history());
      AggregateQuery perModel = new AggregateQuery(Instant.parse("2025-11-05T13:17:00Z"), NOW, Bucket.WEEK,
          List.of(Dimension.MODEL, Dimension.PROVIDER), EnumSet.of(Measure.REQUESTS, Measure.TOKENS, Measure.COST_USD),
          Filter.none(), TokenMode.NATIVE);
      AggregateQuery users = new AggregateQuery(perModel.from(), NOW, null, List.of(), Set.of(Measure.USERS), Filter.none(),
          TokenMode.NATIVE);
      AggregateQuery latency = new AggregateQuery(perModel.from(), NOW, null, List.of(Dimension.PROVIDER, Dimension.MODEL),
          Set.of(), Filter.none(), TokenMode.NATIVE);
      List<AggregateRow> sums = store.aggregates().aggregate(perModel);
      List<AggregateRow> distinct = store.aggregates().aggregate(users);
      List<HistogramRow> histograms = store.aggregates().histograms(latency, EnumSet.allOf(QuantileMetric.class));
      // Raw rows of whole days gone: the rollups still answer as before, the raw scan does not.
      try (Connection c = store.reader(); Statement st = c.createStatement()) {
        st.execute("DELETE FROM usage_records WHERE ts >= TIMESTAMP '2025-11-06' AND ts < TIMESTAMP '2025-11-20'");
      }
      assertThat(store.aggregates().aggregate(perModel)).isEqualTo(sums);
      assertThat(store.aggregates().aggregate(users)).isEqualTo(distinct);
      assertThat(store.aggregates().histograms(latency, EnumSet.allOf(QuantileMetric.class)))
          .containsExactlyInAnyOrderElementsOf(histograms);
      assertThat(DuckDbAggregateSource.rawRowsOnly(store).aggregate(perModel)).isNotEqualTo(sums);
    }
  }

  @Test
  void theRollupsStayRightAcrossARestartAndLateRecordsForPastDays() {
    Path file = dir.resolve("usage.duckdb");
    List<UsageRecord> history = history();
    List<UsageRecord> early = history.subList(0, history.size() / 2);
    List<UsageRecord> late = history.subList(history.size() / 2, history.size());
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      store.append(late);
      store.append(today(3_000, 12));
    }
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      // a journal replay after a crash: records of past days, some already stored
      store.appendIdempotent(history.subList(history.size() / 2 - 500, history.size() / 2 + 500));
      store.appendIdempotent(early);
      store.append(today(3_000, 13));
      assertThat(store.count()).isEqualTo(history.size() + 6_000);
      assertRollupsMatchRawRows(store);
    }
  }

  @Test
  void aStoreWrittenBeforeTheRollupsGetsThemOnOpen() throws Exception {
    Path file = dir.resolve("usage.duckdb");
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      store.append(history());
      store.append(today(2_000, 14));
    }
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
      for (String table : List.of("usage_daily", DuckDbDailyRollup.BINS, DuckDbDailyRollup.USERS,
          "usage_daily_state")) {
        st.execute("DROP TABLE " + table);
      }
    }
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      assertThat(rows(store, "usage_daily")).isPositive();
      assertRollupsMatchRawRows(store);
    }
  }

  private static List<String> sumNames() {
    return DuckDbDailyRollup.SUM_COLUMNS.stream().map(DuckDbDailyRollup.Sum::name).toList();
  }

  private static long rows(DuckDbUsageStore store, String from) {
    try (Connection c = store.reader(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + from)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}
