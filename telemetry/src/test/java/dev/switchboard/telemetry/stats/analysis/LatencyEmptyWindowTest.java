package dev.switchboard.telemetry.stats.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.stats.SyntheticUsage;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Regression: the latency analysis of a window without requests failed on a NULL quantile list. */
class LatencyEmptyWindowTest {

  @Test
  void latencyOfAWindowWithoutRequestsIsEmptyNotAnError() {
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      store.append(SyntheticUsage.generate(SyntheticUsage.Spec.of(200)));
      StatsQuery query = StatsQuery.defaults()
          .withWindow(Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-02-01T00:00:00Z"));

      AnalysisResult result = Analyses.run(Analyses.find("latency").orElseThrow(), store.aggregates(), query, Clock.systemUTC());

      assertThat(result.series("latency").isEmpty()).isTrue();
      assertThat(result.headline("latency p50").value()).isNull();
      assertThat(result.headline("time to first token p50").value()).isNull();
    }
  }
}
