package dev.switchboard.telemetry.store;

import static dev.switchboard.telemetry.TestRecords.T0;
import static dev.switchboard.telemetry.TestRecords.record;
import static dev.switchboard.telemetry.TestRecords.success;
import static dev.switchboard.telemetry.TestRecords.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.ProviderAttempt;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.stats.Filter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the ClickHouse store against a real clickhouse-server. */
class ClickHouseUsageStoreTest {
  @TempDir static Path dir;
  static ClickHouseServer server;

  @BeforeAll
  static void start() {
    server = ClickHouseServer.start(dir.resolve("clickhouse"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static List<UsageRecord> records(String prefix, int n, Instant start) {
    List<UsageRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      UsageRecord r = record(prefix + i, start.plusMillis(i * 1_000L), "gpt-4o", "gpt-4o-2024", "openai",
          tokens(10 + i, 5), i % 7 == 0 ? Outcome.UPSTREAM_ERROR : Outcome.SUCCESS, 0.001 * i);
      if (i % 3 == 0) {
        r = r.withProviderAttempts(List.of(new ProviderAttempt("azure", "gpt-4o", 429, "rate_limited", 12),
            new ProviderAttempt("openai", "gpt-4o-2024", 200, null, 340)));
      }
      records.add(r);
    }
    return records;
  }

  @Test
  void readsBackARecordWithItsAttemptsAsDuckDbDoes() {
    UsageRecord r = record("chatcmpl-1'\\\t\n", T0, "gpt-4o", null, null, tokens(12, 7), Outcome.SUCCESS, 0.125)
        .withProviderAttempts(List.of(new ProviderAttempt("azure", "gpt-4o", null, "connect_error", 3),
            new ProviderAttempt("openai", "gpt-4o", 200, null, 345)));
    UsageRecord sparse = success("sparse", T0.plusSeconds(1), "m", new dev.switchboard.telemetry.TokenUsage(null, null, null, null, null), null);
    try (ClickHouseUsageStore house = ClickHouseUsageStore.open(server.location("roundtrip"), ClickHouseServer.PASSWORD);
        DuckDbUsageStore duck = DuckDbUsageStore.inMemory()) {
      house.append(List.of(r, sparse));
      duck.append(List.of(r, sparse));
      AnalysisComparison.assertSame("record", duck.findById(r.id()).orElseThrow(), house.findById(r.id()).orElseThrow());
      AnalysisComparison.assertSame("sparse", duck.findById("sparse").orElseThrow(), house.findById("sparse").orElseThrow());
      assertThat(house.findById(r.id()).orElseThrow().providerAttempts()).hasSize(2);
      assertThat(house.findById("missing")).isEmpty();
    }
  }

  @Test
  void appendingTheSameRecordsAgainInOtherBatchesStoresEachOnce() {
    List<UsageRecord> first = records("a", 500, T0);
    List<UsageRecord> second = records("b", 300, T0.plusSeconds(200)); // overlaps first in time
    List<UsageRecord> replay = new ArrayList<>(first.subList(100, 500));
    replay.addAll(second);
    try (ClickHouseUsageStore house = ClickHouseUsageStore.open(server.location("dedup"), ClickHouseServer.PASSWORD);
        DuckDbUsageStore duck = DuckDbUsageStore.inMemory()) {
      house.append(first);
      house.append(first); // a retry after a lost answer
      house.append(replay); // a journal replay with other batch boundaries
      house.append(second.subList(0, 10));
      duck.append(first);
      duck.append(second);
      assertThat(house.count()).isEqualTo(800);
      assertThat(server.query("SELECT count(), uniqExact(request_id, attempt) FROM dedup.usage_attempts").strip())
          .isEqualTo((167 + 100) * 2 + "\t" + (167 + 100) * 2);
      Instant from = T0.minus(Duration.ofDays(40));
      Instant to = T0.plus(Duration.ofDays(40));
      AnalysisComparison.assertSame("cohorts", duck.aggregates().cohorts(from, to, Filter.none()),
          house.aggregates().cohorts(from, to, Filter.none()));
      AnalysisComparison.assertSame("overview", duck.overview(from, to), house.overview(from, to));
    }
  }

  @Test
  void recordsWrittenWhileClickHouseIsDownArriveWhenItIsBack() throws Exception {
    TelemetryConfig config = TelemetryConfig.defaults().withClickHouse(server.location("outage"));
    try (UsageStore store = UsageStores.openUsage(config);
        AsyncUsageWriter writer = AsyncUsageWriter.start(store, 100_000, 512, Duration.ofMillis(20))) {
      List<UsageRecord> before = records("before", 1_000, T0);
      before.forEach(writer::accept);
      assertThat(writer.flush(Duration.ofSeconds(30))).isTrue();
      server.stop();
      List<UsageRecord> during = records("during", 5_000, T0.plusSeconds(5_000));
      during.forEach(writer::accept);
      Thread.sleep(3_000); // the writer retries with backoff meanwhile
      assertThat(writer.stats().written()).isEqualTo(1_000);
      server.restart();
      assertThat(writer.flush(Duration.ofSeconds(60))).isTrue();
      assertThat(writer.stats().failed()).isZero();
      assertThat(writer.stats().dropped()).isZero();
      assertThat(server.query("SELECT count(), uniqExact(id) FROM outage.usage_records").strip()).isEqualTo("6000\t6000");
    }
  }

  @Test
  void aWrongPasswordFailsAtOnceWithClickHousesMessage() {
    assertThatThrownBy(() -> ClickHouseUsageStore.open(server.location("x"), "wrong"))
        .isInstanceOf(ClickHouseHttp.ClickHouseException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("Wrong password");
  }
}
