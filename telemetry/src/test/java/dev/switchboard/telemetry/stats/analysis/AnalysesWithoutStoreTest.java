package dev.switchboard.telemetry.stats.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.telemetry.stats.AggregateQuery;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.AggregateSource;
import dev.switchboard.telemetry.stats.CohortRow;
import dev.switchboard.telemetry.stats.Extent;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.HistogramRow;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.QuantileMetric;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Runs analyses over a source that answers from fixed aggregates: the analyses need no database. */
class AnalysesWithoutStoreTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** Answers every aggregate with the given rows and every cohort query with the given cohorts. */
  private record FixedSource(List<AggregateRow> rows, List<CohortRow> cohorts) implements AggregateSource {
    @Override
    public List<AggregateRow> aggregate(AggregateQuery query) {
      return rows;
    }

    @Override
    public List<HistogramRow> histograms(AggregateQuery query, Set<QuantileMetric> metrics) {
      return List.of();
    }

    @Override
    public List<CohortRow> cohorts(Instant from, Instant to, Filter filter) {
      return cohorts;
    }

    @Override
    public Optional<Extent> extent(Filter filter) {
      return Optional.of(new Extent(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-12-31T00:00:00Z")));
    }
  }

  @Test
  void sourceShareFromFixedAggregates() {
    LocalDate w = LocalDate.parse("2025-06-02");
    List<AggregateRow> rows = List.of(
        new AggregateRow(w, List.of("proprietary"), Map.of(Measure.TOKENS, 60.0)),
        new AggregateRow(w, List.of("chinese_oss"), Map.of(Measure.TOKENS, 30.0)),
        new AggregateRow(w, List.of("row_oss"), Map.of(Measure.TOKENS, 10.0)));
    AnalysisResult r = Analyses.run(Analyses.find("source-share").orElseThrow(), new FixedSource(rows, List.of()),
        StatsQuery.defaults(), CLOCK);
    assertThat(r.series("share_by_source").number("share", "bucket", "2025-06-02", "source", "chinese_oss"))
        .isCloseTo(0.3, within(1e-12));
    assertThat(r.headline("open-weight share").value()).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void retentionFlagsAFoundationalCohort() {
    // Model m: the January cohort (100 users) keeps 40 in months 3-5; February and March cohorts keep 10.
    List<CohortRow> cohorts = new ArrayList<>();
    addCohort(cohorts, YearMonth.of(2025, 1), new long[] {100, 60, 50, 40, 40, 40});
    addCohort(cohorts, YearMonth.of(2025, 2), new long[] {100, 40, 20, 10, 10});
    addCohort(cohorts, YearMonth.of(2025, 3), new long[] {100, 30, 20, 10});
    AnalysisResult r = Analyses.run(Analyses.find("retention").orElseThrow(), new FixedSource(List.of(), cohorts),
        StatsQuery.defaults().withWindow(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z")),
        CLOCK);
    Series s = r.series("cohorts");
    // January: mean R(3..5) .4 vs later .1 (February .1, March .1) -> foundational.
    assertThat(s.value("foundational", "model", "m", "cohort", "2025-01")).isEqualTo(true);
    assertThat(s.value("foundational", "model", "m", "cohort", "2025-02")).isEqualTo(false);
    assertThat(s.number("mean_r3_5", "model", "m", "cohort", "2025-01")).isCloseTo(0.4, within(1e-12));
    assertThat(r.headline("foundational cohorts").value()).isEqualTo(1.0);
    // Month-1 retention over complete cohorts: (60 + 40 + 30) / 300.
    assertThat(r.headline("month-1 retention (all complete cohorts)").value()).isCloseTo(130 / 300.0, within(1e-12));
  }

  private static void addCohort(List<CohortRow> rows, YearMonth cohort, long[] active) {
    for (int k = 0; k < active.length; k++) {
      rows.add(new CohortRow("m", cohort, cohort.plusMonths(k), active[k]));
    }
  }
}
