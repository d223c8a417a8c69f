package dev.switchboard.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.TestRecords;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.stats.AggregateQuery;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.CohortRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.HistogramRow;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.TokenMode;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.StatsFixture;
import dev.switchboard.telemetry.stats.SyntheticUsage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that the cohort rollups kept on append match what the raw rows say. */
class UsageRollupsTest {
  private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2027-01-01T00:00:00Z");
  /** Every provider in the data, so the filter forces the raw path without removing rows. */
  private static final Filter RAW = Filter.none().withProviders(Set.of(
      "provider-0", "provider-1", "provider-2", "provider-3", "none", "openai", "deepseek", "together", "local"));

  @TempDir Path dir;

  @Test
  void rollupsMatchRawRowsOnSyntheticTraffic() {
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      SyntheticUsage.write(new SyntheticUsage.Spec(30_000, Instant.parse("2025-06-02T00:00:00Z"),
          java.time.Duration.ofDays(120), 20, 2_000, 7), 1000, store::append, n -> {});
      List<CohortRow> rollups = store.aggregates().cohorts(FROM, TO, Filter.none());
      assertThat(rollups).hasSizeGreaterThan(50);
      assertThat(rollups).isEqualTo(store.aggregates().cohorts(FROM, TO, RAW));
    }
  }

  @Test
  void batchesArrivingOutOfOrderKeepTheEarliestFirstRequest() {
    List<UsageRecord> records = new ArrayList<>(StatsFixture.records());
    Collections.reverse(records);
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      // One record per batch, newest first: every batch reaches back before what is folded in.
      records.forEach(r -> store.append(List.of(r)));
      List<CohortRow> cohorts = store.aggregates().cohorts(FROM, TO, Filter.none());
      assertThat(cohorts).isEqualTo(store.aggregates().cohorts(FROM, TO, RAW));
      // gpt-5's November cohort has 2 users although their later requests were folded in first.
      assertThat(cohorts).contains(new CohortRow("openai/gpt-5", java.time.YearMonth.of(2025, 11),
          java.time.YearMonth.of(2025, 11), 2));
    }
  }

  @Test
  void aStoreWithoutRollupsOrDerivedColumnsIsBackfilledOnOpen() throws SQLException {
    Path file = dir.resolve("old.duckdb");
    List<CohortRow> expected;
    List<AggregateRow> expectedGroups;
    List<HistogramRow> expectedBins;
    AggregateQuery byDerived = new AggregateQuery(FROM, TO, Bucket.MONTH,
        List.of(Dimension.MODEL, Dimension.SOURCE, Dimension.CATEGORY, Dimension.SUB_TAG), Set.of(Measure.TOKENS),
        Filter.none(), TokenMode.NATIVE);
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      store.append(StatsFixture.records());
      expected = store.aggregates().cohorts(FROM, TO, Filter.none());
      expectedGroups = store.aggregates().aggregate(byDerived);
      expectedBins = store.aggregates().histograms(byDerived, EnumSet.allOf(QuantileMetric.class));
      try (Connection c = store.reader(); Statement st = c.createStatement()) {
        // What a file written before the stats engine looks like.
        st.execute("DROP VIEW usage_first_seen");
        st.execute("DROP TABLE usage_monthly_activity");
        st.execute("ALTER TABLE usage_records DROP COLUMN model_key");
        st.execute("ALTER TABLE usage_records DROP COLUMN source");
        st.execute("ALTER TABLE usage_records DROP COLUMN sub_tag");
        st.execute("ALTER TABLE usage_records DROP COLUMN latency_bin");
        st.execute("ALTER TABLE usage_records DROP COLUMN ttft_bin");
        st.execute("ALTER TABLE usage_records DROP COLUMN tps_bin");
      }
    }
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      assertThat(store.aggregates().cohorts(FROM, TO, Filter.none())).isEqualTo(expected);
      // The SQL backfill of the derived columns agrees with what the writer derives in Java.
      assertThat(store.aggregates().aggregate(byDerived)).isEqualTo(expectedGroups)
          .anySatisfy(r -> assertThat(r.keys()).containsExactly("openai/gpt-5", "proprietary", "Programming", "debugging"));
      // rows come back in no fixed order (DuckDB aggregates in parallel)
      assertThat(store.aggregates().histograms(byDerived, EnumSet.allOf(QuantileMetric.class)))
          .containsExactlyInAnyOrderElementsOf(expectedBins).hasSizeGreaterThan(10);
      try (Connection c = store.reader(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM usage_stage_monthly_activity")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  @Test
  void aFailedBatchLeavesNeitherRowsNorRollups() {
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      UsageRecord good = StatsFixture.records().get(0);
      UsageRecord broken = UsageRecord.builder("bad", null).build(); // ts is NOT NULL
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.append(List.of(good, broken)))
          .isInstanceOf(UsageStoreException.class);
      assertThat(store.count()).isZero();
      assertThat(store.aggregates().cohorts(FROM, TO, Filter.none())).isEmpty();
    }
  }
  @Test
  void aRollupRowIsWrittenOnceAcrossBatchesAndReopens() throws SQLException {
    Path file = dir.resolve("rollups.duckdb");
    Instant march = Instant.parse("2026-03-02T09:00:00Z");
    for (int open = 0; open < 2; open++) {
      // The second open starts with nothing remembered: its rows are checked in SQL again.
      try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
        for (int i = 0; i < 3; i++) {
          store.append(List.of(TestRecords.success("r" + open + i, march.plusSeconds(i), "gpt-4o",
              TestRecords.tokens(10, 5), 0.001)));
        }
      }
    }
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      store.append(List.of(TestRecords.success("april", Instant.parse("2026-04-01T00:00:00Z"), "gpt-4o",
          TestRecords.tokens(10, 5), 0.001)));
      assertThat(monthsOf(store)).containsExactly("2026-03-01", "2026-04-01");
    }
  }

  @Test
  void rowsOfAFailedBatchAreFoldedInWhenTheyArriveAgain() throws SQLException {
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      UsageRecord good = TestRecords.success("ok", Instant.parse("2026-03-02T09:00:00Z"), "gpt-4o",
          TestRecords.tokens(10, 5), 0.001);
      UsageRecord broken = UsageRecord.builder("bad", null).build(); // ts is NOT NULL
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.append(List.of(good, broken)))
          .isInstanceOf(UsageStoreException.class);
      store.append(List.of(good));
      assertThat(monthsOf(store)).containsExactly("2026-03-01");
    }
  }

  private static List<String> monthsOf(DuckDbUsageStore store) throws SQLException {
    List<String> months = new ArrayList<>();
    try (Connection c = store.reader(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT month::VARCHAR FROM usage_monthly_activity ORDER BY month")) {
      while (rs.next()) {
        months.add(rs.getString(1));
      }
    }
    return months;
  }
}
