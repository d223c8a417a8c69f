package dev.switchboard.telemetry.stats.analysis;

import dev.switchboard.telemetry.stats.AggregateSource;
import dev.switchboard.telemetry.stats.StatsFixture;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Opens the hand-made fixture store once per test class and runs analyses over it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AnalysisTestSupport {
  static final double EPS = 1e-9;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  DuckDbUsageStore store;
  AggregateSource source;

  @BeforeAll
  void open() {
    store = StatsFixture.store();
    source = store.aggregates();
  }

  @AfterAll
  void close() {
    store.close();
  }

  /** Returns the query for the two fixture weeks. */
  static StatsQuery twoWeeks() {
    return StatsQuery.defaults().withWindow(StatsFixture.FROM, StatsFixture.TO);
  }

  AnalysisResult run(String analysis, StatsQuery query) {
    return Analyses.run(Analyses.find(analysis).orElseThrow(), source, query, CLOCK);
  }
}
