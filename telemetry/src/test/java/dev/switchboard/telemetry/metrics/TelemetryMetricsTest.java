package dev.switchboard.telemetry.metrics;

import static dev.switchboard.telemetry.TestRecords.T0;
import static dev.switchboard.telemetry.TestRecords.success;
import static dev.switchboard.telemetry.TestRecords.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.store.AsyncUsageWriter;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TelemetryMetricsTest {

  @Test
  void readsTheWritersCountersAndQueueDepth() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory();
        AsyncUsageWriter writer = AsyncUsageWriter.start(store, 100, 10, Duration.ZERO)) {
      new TelemetryMetrics(writer).bindTo(registry);
      for (int i = 0; i < 5; i++) {
        writer.accept(record("r" + i));
      }
      writer.accept(record(null));
      assertThat(writer.flush(Duration.ofSeconds(30))).isTrue();
      writer.close();
      writer.accept(record("late"));

      assertThat(count(registry, "written")).isEqualTo(5);
      assertThat(count(registry, "failed")).isEqualTo(1);
      assertThat(count(registry, "dropped")).isEqualTo(1);
      assertThat(registry.get(TelemetryMetrics.QUEUE_DEPTH).gauge().value()).isZero();
      assertThat(Metrics.globalRegistry.find(TelemetryMetrics.RECORDS).meters()).isEmpty();
    }
  }

  private static double count(MeterRegistry registry, String outcome) {
    return registry.get(TelemetryMetrics.RECORDS).tag("outcome", outcome).functionCounter().count();
  }

  private static UsageRecord record(String id) {
    return success(id, T0, "gpt-4o", tokens(10, 1), null);
  }
}
