package dev.switchboard.telemetry.stats.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Checks that embedding requests count in traffic, tokens and spend, but not in the analyses of
 * answers: 2 chat requests of 4 end in a tool call, and 6 embedding requests beside them must not
 * turn that half into a fifth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddingRecordsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  private DuckDbUsageStore store;

  @BeforeAll
  void open() {
    List<UsageRecord> records = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      records.add(record("c" + i, "chat", i < 2 ? FinishReason.TOOL_CALLS : FinishReason.STOP, 100, 50, 0.001));
    }
    for (int i = 0; i < 6; i++) {
      records.add(record("e" + i, "embeddings", FinishReason.STOP, 1000, 0, 0.00002));
    }
    store = DuckDbUsageStore.inMemory();
    store.append(records);
  }

  @AfterAll
  void close() {
    store.close();
  }

  private static UsageRecord record(
      String id, String api, FinishReason finish, long prompt, long completion, double cost) {
    String model = api.equals("chat") ? "openai/gpt-4o-mini" : "openai/text-embedding-3-small";
    return UsageRecord.builder(id, Instant.parse("2026-05-20T10:00:00Z"))
        .caller("k1", null, null)
        .models(model, model, "openai", ModelFacts.unknown())
        .usage(new TokenUsage(prompt, completion, null, null, null))
        .normalizedTokens(prompt, completion)
        .finish(finish, finish.wireName())
        .result(200, Outcome.SUCCESS, null)
        .timing(100, null)
        .cost(cost, false)
        .api(api)
        .attempts(1)
        .build();
  }

  private AnalysisResult run(String analysis) {
    StatsQuery query =
        StatsQuery.defaults()
            .withWindow(Instant.parse("2026-05-18T00:00:00Z"), Instant.parse("2026-05-25T00:00:00Z"))
            .withWeight(Weight.REQUESTS);
    return Analyses.run(Analyses.find(analysis).orElseThrow(), store.aggregates(), query, CLOCK);
  }

  @Test
  void toolCallShareCountsChatRequestsOnly() {
    assertThat(run("tool-calls").headline("tool-call share").value()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void embeddingRequestsStillCountPerApiWithTheirTokensAndSpend() {
    Series apis = run("apis").series("apis");
    assertThat(apis.number("requests", "api", "embeddings")).isEqualTo(6);
    assertThat(apis.number("cost_usd", "api", "embeddings")).isCloseTo(6 * 0.00002, within(1e-12));
  }
}
