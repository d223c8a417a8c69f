package dev.switchboard.telemetry.metrics;

import static dev.switchboard.telemetry.TestRecords.T0;
import static dev.switchboard.telemetry.TestRecords.success;
import static dev.switchboard.telemetry.TestRecords.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.JournalConfig;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.journal.UsageJournal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalMetricsTest {

  @Test
  void readsTheJournalsEntriesBacklogAndDrops(@TempDir Path dir) {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (UsageJournal journal = UsageJournal.open(new JournalConfig(true, dir, Duration.ofSeconds(1), 2 * 4096, 4096))) {
      new JournalMetrics(journal).bindTo(registry);
      UsageRecord stored = record("r0");
      journal.complete(stored);
      for (int i = 1; i < 200; i++) {
        journal.complete(record("r" + i)); // never stored: the bound is reached, the rest dropped
      }
      journal.done(List.of(stored));

      double appended = registry.get(JournalMetrics.ENTRIES).tag("outcome", "appended").functionCounter().count();
      double dropped = registry.get(JournalMetrics.ENTRIES).tag("outcome", "dropped").functionCounter().count();
      assertThat(appended + dropped).isEqualTo(200);
      assertThat(dropped).isPositive();
      assertThat(registry.get(JournalMetrics.PENDING).gauge().value()).isEqualTo(appended - 1);
      assertThat(registry.get(JournalMetrics.UNSTORED).gauge().value()).isPositive();
      assertThat(registry.get(JournalMetrics.LIMIT).gauge().value()).isEqualTo(2 * 4096);
    }
  }

  private static UsageRecord record(String id) {
    return success(id, T0, "gpt-4o", tokens(10, 1), null);
  }
}
