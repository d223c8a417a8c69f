package dev.switchboard.gateway;

import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.responseId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.cli.SimulateCommand;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.TokenMode;
import dev.switchboard.telemetry.stats.analysis.StatsQuery;
import dev.switchboard.telemetry.store.AnalysisComparison;
import dev.switchboard.telemetry.store.ClickHouseServer;
import dev.switchboard.telemetry.store.ClickHouseUsageStore;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the gateway with its usage records in a real ClickHouse. */
class ClickHouseGatewayTest {
  @TempDir Path dir;

  @Test
  void aGatewayOnClickHouseKeepsRecordsThereAndKeysInItsStateFile() {
    Path state = dir.resolve("state.duckdb");
    try (ClickHouseServer clickhouse = ClickHouseServer.start(dir.resolve("clickhouse"));
        KeyedGateway gateway = new KeyedGateway(dir, c -> c.withTelemetry(
            c.telemetry().withClickHouse(clickhouse.location("gateway")).withStateFile(state)))) {
      gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
      String secret = gateway.createKey("{\"name\":\"app\",\"country\":\"FR\"}").get("key").asText();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> answer = gateway.chat(secret, chatBody("openai/gpt-4o-mini", false));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        ids.add(responseId(answer));
      }
      UsageRecord first = gateway.harness().awaitRecord(ids.get(0));
      assertThat(first.country()).isEqualTo("FR");
      gateway.harness().awaitRecordCount(5);
      assertThat(clickhouse.query("SELECT count() FROM gateway.usage_records").strip()).isEqualTo("5");
      HttpResponse<String> generation = gateway.admin("GET", "/v1/generation?id=" + ids.get(1), null);
      assertThat(generation.statusCode()).isEqualTo(200);
      assertThat(generation.body()).contains(ids.get(1));
      HttpResponse<String> overview = gateway.admin("GET", "/v1/stats/overview", null);
      assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
      assertThat(KeyedGateway.read(overview.body()).get("requests").asLong()).isEqualTo(5);
      assertThat(state).exists();
      assertThat(dir.resolve("usage.duckdb")).doesNotExist();

      gateway.harness().restartGateway(); // the key survives in the state file
      assertThat(gateway.chat(secret, chatBody("openai/gpt-4o-mini", false)).statusCode()).isEqualTo(200);
      gateway.harness().awaitRecordCount(6);
    }
  }

  @Test
  void aGatewayStartsAndServesWhileClickHouseIsDownAndStoresTheRecordsOnceItIsBack() throws Exception {
    try (ClickHouseServer clickhouse = ClickHouseServer.start(dir.resolve("clickhouse"))) {
      clickhouse.stop();
      try (KeyedGateway gateway = new KeyedGateway(dir, c -> c.withTelemetry(
          c.telemetry().withClickHouse(clickhouse.location("late")).withStateFile(dir.resolve("state.duckdb"))))) {
        gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
        String secret = gateway.createKey("{\"name\":\"app\"}").get("key").asText();
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> answer = gateway.chat(secret, chatBody("openai/gpt-4o-mini", false));
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        assertThat(gateway.harness().gateway().store().reachable()).isFalse();

        clickhouse.restart();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!storedRecords(clickhouse, "late").equals("3") && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(storedRecords(clickhouse, "late")).isEqualTo("3");
        assertThat(gateway.harness().gateway().store().reachable()).isTrue();
      }
    }
  }

  private static String storedRecords(ClickHouseServer clickhouse, String database) {
    try {
      return clickhouse.query("SELECT count() FROM " + database + ".usage_records").strip();
    } catch (RuntimeException e) {
      return e.toString(); // no table yet: the gateway creates it on its first call that gets through
    }
  }

  @Test
  void simulatedTrafficGivesTheSameAnalysesFromClickHouseAsFromDuckDb() throws Exception {
    Path store = dir.resolve("sim.duckdb");
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
    int code = new SimulateCommand(quiet, quiet).run(List.of("--users", "60", "--weeks", "6", "--rps", "0",
        "--latency-scale", "0", "--seed", "11", "--store", store.toString(), "--truth", dir.resolve("truth.json").toString()));
    assertThat(code).isZero();
    try (ClickHouseServer clickhouse = ClickHouseServer.start(dir.resolve("clickhouse"));
        DuckDbUsageStore duck = DuckDbUsageStore.open(store);
        ClickHouseUsageStore house = ClickHouseUsageStore.open(clickhouse.location("sim"), ClickHouseServer.PASSWORD)) {
      List<UsageRecord> records = new ArrayList<>();
      try (Connection c = duck.reader();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT id FROM usage_records ORDER BY ts, id")) {
        while (rs.next()) {
          records.add(duck.findById(rs.getString(1)).orElseThrow());
        }
      }
      assertThat(records).hasSizeGreaterThan(500);
      for (int i = 0; i < records.size(); i += 1_000) {
        house.append(records.subList(i, Math.min(records.size(), i + 1_000)));
      }
      assertThat(house.count()).isEqualTo(duck.count());
      Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
      List<StatsQuery> queries = List.of(StatsQuery.defaults(),
          StatsQuery.defaults().withBucket(Bucket.DAY).withTokens(TokenMode.NORMALIZED));
      assertThat(AnalysisComparison.assertSameAnalyses(duck.aggregates(), house.aggregates(), queries, clock))
          .isPositive();
      assertThat(Files.size(store)).isPositive();
    }
  }
}
