package dev.switchboard.gateway.limits;

import static dev.switchboard.gateway.KeyedGateway.CHAT_BODY_ESTIMATE;
import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static dev.switchboard.gateway.KeyedGateway.responseId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.KeyedGateway;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks rate limits, budgets and usage cost through the real server. The gateway's clock stands
 * still unless a test moves it, so buckets refill only when told and counts are exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";
  // openai-chat-nonstream-reasoning.json: 577 prompt + 2,320 completion tokens at $0.15/$0.60 per 1M
  private static final double NONSTREAM_COST = (577 * 0.15 + 2320 * 0.6) / 1e6;
  // openai-chat-stream-text-usage.sse: 78 + 9 tokens
  private static final double STREAM_COST = (78 * 0.15 + 9 * 0.6) / 1e6;

  @TempDir static Path storeDir;
  private KeyedGateway gateway;

  @BeforeAll
  void start() {
    gateway = new KeyedGateway(storeDir);
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @BeforeEach
  void answerWithReasoningFixture() {
    gateway.harness().upstream().resetAll();
    gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
  }

  private List<HttpResponse<String>> parallel(int count, String secret, String body) throws Exception {
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      calls.add(() -> gateway.chat(secret, body));
    }
    return KeyedGateway.inParallel(calls);
  }

  private static List<HttpResponse<String>> withStatus(List<HttpResponse<String>> all, int status) {
    return all.stream().filter(r -> r.statusCode() == status).toList();
  }

  private static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void twentyParallelRequestsAgainstRpm5LetExactlyFiveThrough() throws Exception {
    String secret = gateway.createKey("{\"name\":\"rpm5\",\"rpm\":5}").get("key").asText();

    List<HttpResponse<String>> responses = parallel(20, secret, chatBody(MINI, false));

    List<HttpResponse<String>> ok = withStatus(responses, 200);
    List<HttpResponse<String>> limited = withStatus(responses, 429);
    assertThat(ok).hasSize(5);
    assertThat(limited).hasSize(15);
    assertThat(ok.stream().map(r -> header(r, "x-ratelimit-remaining-requests")).collect(Collectors.toSet()))
        .isEqualTo(Set.of("0", "1", "2", "3", "4"));
    for (HttpResponse<String> r : ok) {
      assertThat(header(r, "x-ratelimit-limit-requests")).isEqualTo("5");
      assertThat(header(r, "x-ratelimit-limit-tokens")).isNull(); // no tpm on this key
    }
    HttpResponse<String> refused = limited.get(0);
    assertThat(header(refused, "retry-after")).isEqualTo("12"); // one request back every 60 s / 5
    assertThat(header(refused, "retry-after-ms")).isEqualTo("12000");
    assertThat(header(refused, "x-ratelimit-limit-requests")).isEqualTo("5");
    assertThat(header(refused, "x-ratelimit-remaining-requests")).isEqualTo("0");
    assertThat(header(refused, "x-ratelimit-reset-requests")).isEqualTo("1m0s");
    assertThat(read(refused.body())).isEqualTo(read(
        "{\"error\":{\"message\":\"Rate limit reached for key 'rpm5' on requests per min (RPM): Limit 5,"
            + " Remaining 0, Requested 1. Please try again in 12s.\",\"type\":\"requests\","
            + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}"));
    assertThat(gateway.harness().upstream().getAllServeEvents()).hasSize(5);

    gateway.clock().advance(Duration.ofSeconds(12));
    try {
      HttpResponse<String> later = gateway.chat(secret, chatBody(MINI, false));
      assertThat(later.statusCode()).isEqualTo(200);
      assertThat(header(later, "x-ratelimit-remaining-requests")).isEqualTo("0");
    } finally {
      gateway.clock().advance(Duration.ofSeconds(-12));
    }
  }

  @Test
  void tokensAreEstimatedUpFrontAndChargedFromRealUsage() throws Exception {
    long tpm = 3 * CHAT_BODY_ESTIMATE;
    String secret = gateway.createKey("{\"name\":\"tpm3x\",\"tpm\":" + tpm + "}").get("key").asText();
    // answers arrive after every request was admitted: an answer settled early would charge its
    // real usage before the third request is weighed, and only two would get through
    gateway.stubUpstream("openai-chat-nonstream-reasoning.json", Duration.ofSeconds(1));

    List<HttpResponse<String>> responses = parallel(20, secret, chatBody(MINI, false));

    List<HttpResponse<String>> ok = withStatus(responses, 200);
    assertThat(ok).hasSize(3);
    assertThat(withStatus(responses, 429)).hasSize(17);
    assertThat(ok.stream().map(r -> header(r, "x-ratelimit-remaining-tokens")).collect(Collectors.toSet()))
        .isEqualTo(Set.of("0", String.valueOf(CHAT_BODY_ESTIMATE), String.valueOf(2 * CHAT_BODY_ESTIMATE)));
    HttpResponse<String> refused = withStatus(responses, 429).get(0);
    assertThat(read(refused.body()).get("error").get("type").asText()).isEqualTo("tokens");
    assertThat(header(refused, "x-ratelimit-limit-tokens")).isEqualTo(String.valueOf(tpm));
    for (HttpResponse<String> r : withStatus(responses, 429)) {
      // 19 tokens at 57/min is 20 s; more once an answer's real usage was charged meanwhile
      assertThat(Long.parseLong(header(r, "retry-after"))).isGreaterThanOrEqualTo(20);
    }
    for (HttpResponse<String> r : ok) {
      gateway.harness().awaitRecord(responseId(r));
    }

    // Each answer really used 2,897 tokens, so 3 x (2,897 - 19) = 8,634 tokens are owed on top:
    // the next 19 fit once 8,653 tokens have refilled at 57 per minute, after 9,108.4 s.
    HttpResponse<String> stillOwed = gateway.chat(secret, chatBody(MINI, false));
    assertThat(stillOwed.statusCode()).isEqualTo(429);
    assertThat(header(stillOwed, "x-ratelimit-remaining-tokens")).isEqualTo("0");
    assertThat(header(stillOwed, "retry-after")).isEqualTo("9109");
  }

  @Test
  void theUpstreamTargetsGlobalLimitAppliesAcrossKeys() {
    String a = gateway.createKey("{\"name\":\"up-a\",\"rpm\":100}").get("key").asText();
    String b = gateway.createKey("{\"name\":\"up-b\"}").get("key").asText();

    assertThat(gateway.chat(a, chatBody("openai/o3-mini", false)).statusCode()).isEqualTo(200);
    assertThat(gateway.chat(b, chatBody("openai/o3-mini", false)).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = gateway.chat(a, chatBody("openai/o3-mini", false));

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(read(refused.body()).get("error").get("message").asText())
        .startsWith("Rate limit reached for upstream mock/o3-mini (all callers) on requests per min (RPM): Limit 2,");
    assertThat(header(refused, "retry-after")).isEqualTo("30");
    assertThat(header(refused, "x-ratelimit-remaining-requests")).isEqualTo("98");
    // the refused request was given back to key a: 98 left after the next one, not 97
    HttpResponse<String> next = gateway.chat(a, chatBody(MINI, false));
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(header(next, "x-ratelimit-remaining-requests")).isEqualTo("98");
  }

  @Test
  void aStreamCrossingTheBudgetFinishesAndTheNextRequestIs402UntilTheDayRollsOver() {
    gateway.harness().upstream().resetAll();
    gateway.stubUpstream("openai-chat-stream-text-usage.sse");
    JsonNode key = gateway.createKey("{\"name\":\"tiny\",\"budget_usd_day\":0.00001,\"budget_usd_month\":1}");
    String secret = key.get("key").asText();

    HttpResponse<String> stream = gateway.chat(secret, chatBody(MINI, true));

    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body()).endsWith("data: [DONE]\n\n");
    JsonNode usageChunk = null;
    for (String event : stream.body().split("\n\n")) {
      if (event.startsWith("data: {") && read(event.substring(6)).path("usage").isObject()) {
        usageChunk = read(event.substring(6));
      }
    }
    assertThat(usageChunk).isNotNull();
    assertThat(usageChunk.get("usage").get("cost").asDouble()).isCloseTo(STREAM_COST, within(1e-12));
    UsageRecord record = gateway.harness().awaitRecord(responseId(stream));
    assertThat(record.costUsd()).isCloseTo(STREAM_COST, within(1e-12));

    HttpResponse<String> refused = gateway.chat(secret, chatBody(MINI, false));
    assertThat(refused.statusCode()).isEqualTo(402);
    assertThat(read(refused.body())).isEqualTo(read(
        "{\"error\":{\"message\":\"Key 'tiny' has used its daily budget: spent $0.000017 of $0.00001."
            + " Requests are refused until the budget resets at 2026-03-11T00:00:00Z.\","
            + "\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}"));
    UsageRecord refusal = gateway.harness().awaitRecord(header(refused, "x-request-id"));
    assertThat(refusal.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
    assertThat(refusal.httpStatus()).isEqualTo(402);
    JsonNode spend = read(gateway.admin("GET", "/v1/admin/keys/" + key.get("id").asText(), null).body()).get("spend");
    assertThat(spend.get("day_usd").asDouble()).isCloseTo(STREAM_COST, within(1e-12));

    gateway.clock().advance(Duration.ofHours(12)); // 2026-03-11T00:00Z: a new UTC day
    try {
      assertThat(gateway.chat(secret, chatBody(MINI, true)).statusCode()).isEqualTo(200);
    } finally {
      gateway.clock().advance(Duration.ofHours(-12));
    }
  }

  @Test
  void aRestartCatchesTheSavedSpendUpWithTheStoredRecordsAfterACrashLostTheLastSave() throws Exception {
    JsonNode key = gateway.createKey("{\"name\":\"crashy\",\"budget_usd_day\":1,\"budget_usd_month\":10}");
    String id = key.get("id").asText();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> answer = gateway.chat(key.get("key").asText(), chatBody(MINI, false));
      assertThat(answer.statusCode()).isEqualTo(200);
      gateway.harness().awaitRecord(responseId(answer));
    }
    gateway.harness().gateway().access().flushSpend().toCompletionStage().toCompletableFuture().get();
    // a kill -9 right after the first answer's save: the other two were never saved
    try (java.sql.Connection c = gateway.harness().gateway().state().reader();
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE key_spend SET spend_usd = " + NONSTREAM_COST + " WHERE key_id = '" + id + "'");
    }

    gateway.harness().restartGateway();

    JsonNode spend = read(gateway.admin("GET", "/v1/admin/keys/" + id, null).body()).get("spend");
    assertThat(spend.get("day_usd").asDouble()).isCloseTo(3 * NONSTREAM_COST, within(1e-12));
    assertThat(spend.get("month_usd").asDouble()).isCloseTo(3 * NONSTREAM_COST, within(1e-12));
    gateway.harness().gateway().access().flushSpend().toCompletionStage().toCompletableFuture().get();
    try (java.sql.Connection c = gateway.harness().gateway().state().reader();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(
            "SELECT period, spend_usd FROM key_spend WHERE key_id = '" + id + "' ORDER BY period")) {
      for (String period : List.of("day", "month")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(period);
        // the difference was saved: the stored totals caught up too
        assertThat(rs.getDouble(2)).isCloseTo(3 * NONSTREAM_COST, within(1e-12));
      }
    }
  }

  @Test
  void nonStreamedUsageCarriesTheCatalogCostOrTheProvidersOwn() {
    String secret = gateway.createKey("{\"name\":\"coster\"}").get("key").asText();

    HttpResponse<String> catalog = gateway.chat(secret, chatBody(MINI, false));
    assertThat(read(catalog.body()).get("usage").get("cost").asDouble()).isCloseTo(NONSTREAM_COST, within(1e-12));
    assertThat(gateway.harness().awaitRecord(responseId(catalog)).costUsd()).isCloseTo(NONSTREAM_COST, within(1e-12));

    gateway.harness().upstream().resetAll();
    gateway.stubUpstream("openrouter-nonstream-usage-cost.json");
    HttpResponse<String> reported = gateway.chat(secret, chatBody(MINI, false));
    assertThat(read(reported.body()).get("usage").get("cost").asDouble()).isEqualTo(0.00435825);
    assertThat(gateway.harness().awaitRecord(responseId(reported)).costUsd()).isEqualTo(0.00435825);
  }
}
