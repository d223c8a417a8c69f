package dev.switchboard.gateway.judge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchboard.config.JudgeConfig;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the judge end to end through the real server: a WireMock OpenAI-compatible upstream serves
 * both the clients' model and the judge model, and answers the judge's labelling calls with a
 * label chosen by the judged text.
 */
class JudgeEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JUDGE_MODEL = "openai/gpt-4o-mini";
  private static final String CODE = "Write a Python function that parses a CSV file into a list of dictionaries,"
      + " with type hints, a docstring and a unit test using pytest. Case ";
  private static final String FRENCH = "Translate into French: The weather is lovely today and we are going to the"
      + " beach with the children. Case ";

  @Test
  void sampledRequestsGetTheJudgesCategoryAndTheStatsCalibrateWithIt(@TempDir Path dir) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(dir, judged(JudgeConfig.of(JUDGE_MODEL, 1.0)), Clock.systemUTC())) {
      stubClientAnswers(harness.upstream());
      // the judge agrees on translation, and splits the local classifier's programming 3:1 with technology
      stubJudge(harness.upstream(), "Case c4", "Technology");
      stubJudge(harness.upstream(), "Case c", "Programming");
      stubJudge(harness.upstream(), "Case f", "**Translation.**");
      Instant from = Instant.now().minusSeconds(5);
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        ids.add(askOk(harness, CODE + "c" + i));
        ids.add(askOk(harness, FRENCH + "f" + i));
      }
      Map<String, String> judgedAs = Map.of("c1", "Programming", "c2", "Programming", "c3", "Programming",
          "c4", "Technology", "f1", "Translation", "f2", "Translation", "f3", "Translation", "f4", "Translation");
      for (int i = 0; i < ids.size(); i++) {
        UsageRecord record = awaitRecord(harness, ids.get(i));
        String item = (i % 2 == 0 ? "c" : "f") + (i / 2 + 1);
        assertThat(record.judgeCategory()).as(item).isEqualTo(judgedAs.get(item));
        // the local label and its confidence stay on every record
        assertThat(record.classification().category().label()).as(item).isEqualTo(i % 2 == 0 ? "Programming" : "Translation");
        assertThat(record.classification().confidence()).isPositive();
      }
      // one judge call per client request: the judge's own calls are never judged
      harness.upstream().verify(8, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("Request to label")));
      awaitJudgeRecords(harness, from, 8);

      String window = "weight=requests&from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to="
          + LocalDate.now(ZoneOffset.UTC).plusDays(2);
      JsonNode local = stats(harness, "categories?method=local&" + window);
      // the judge's own records are unclassified: the local shares are those of the 8 client requests
      assertThat(share(local, "window_share_by_category", "Programming")).isCloseTo(0.5, within(1e-9));
      assertThat(share(local, "window_share_by_category", "Translation")).isCloseTo(0.5, within(1e-9));

      JsonNode judge = stats(harness, "categories?method=judge&" + window);
      assertThat(judge.get("judged_requests").asLong()).isEqualTo(8);
      assertThat(share(judge, "window_share_by_category", "Programming")).isCloseTo(3 / 8.0, within(1e-9));
      assertThat(share(judge, "window_share_by_category", "Technology")).isCloseTo(1 / 8.0, within(1e-9));
      assertThat(share(judge, "window_share_by_category", "Translation")).isCloseTo(4 / 8.0, within(1e-9));

      JsonNode calibrated = stats(harness, "categories?method=calibrated&" + window);
      assertThat(calibrated.get("judged_requests").asLong()).isEqualTo(8);
      JsonNode programming = row(calibrated, "calibrated_share_by_category", "Programming");
      assertThat(programming.get("local_share").asDouble()).isCloseTo(0.5, within(1e-9));
      assertThat(programming.get("share").asDouble()).isCloseTo(0.375, within(1e-9));
      // var = sum over local rows of local^2 * q(1-q)/n, q smoothed by half a request: the programming
      // row (3 of 4 judged Programming: q = 3.5/5) and the translation row (0 of 4: q = 0.5/5)
      double half = 1.959964 * Math.sqrt(0.25 * 0.7 * 0.3 / 4 + 0.25 * 0.1 * 0.9 / 4);
      assertThat(programming.get("ci_low").asDouble()).isCloseTo(0.375 - half, within(1e-6));
      assertThat(programming.get("ci_high").asDouble()).isCloseTo(0.375 + half, within(1e-6));
      assertThat(row(calibrated, "calibrated_share_by_category", "Technology").get("share").asDouble())
          .isCloseTo(0.125, within(1e-9));
      assertThat(row(calibrated, "calibrated_share_by_category", "Translation").get("share").asDouble())
          .isCloseTo(0.5, within(1e-9));

      String metrics = harness.get("/metrics").body();
      assertThat(metrics).contains("gateway_judge_calls_total{outcome=\"labelled\"} 8.0");
    }
  }

  @Test
  void aStreamedRequestIsJudgedAfterItsStreamEnded(@TempDir Path dir) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(dir, judged(JudgeConfig.of(JUDGE_MODEL, 1.0)), Clock.systemUTC())) {
      harness.upstream().stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(10).willReturn(aResponse()
          .withHeader("Content-Type", "text/event-stream")
          .withBody(GatewayHarness.fixture("openai-chat-stream-text-usage.sse"))));
      stubJudge(harness.upstream(), "Case s1", "Programming");
      String body = chat(CODE + "s1").replaceFirst("\\{", "{\"stream\":true,\"stream_options\":{\"include_usage\":true},");
      HttpResponse<String> answer = harness.post("/v1/chat/completions", body);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("data: [DONE]");
      UsageRecord record = awaitRecord(harness, answer.headers().firstValue("x-request-id").orElseThrow());
      assertThat(record.streamed()).isTrue();
      assertThat(record.judgeCategory()).isEqualTo("Programming");
    }
  }

  @Test
  void theJudgesOwnKeyReplacesTheProvidersKeyOnItsCallsOnly(@TempDir Path dir) throws Exception {
    JudgeConfig config = new JudgeConfig(JUDGE_MODEL, 1.0, dev.switchboard.config.SecretRef.parse("sk-judge-own-0123"),
        1.0, Duration.ofSeconds(5), 2000, 1, 4);
    try (GatewayHarness harness = new GatewayHarness(dir, judged(config), Clock.systemUTC())) {
      stubClientAnswers(harness.upstream());
      stubJudge(harness.upstream(), "Case k1", "Programming");
      assertThat(awaitRecord(harness, askOk(harness, CODE + "k1")).judgeCategory()).isEqualTo("Programming");
      harness.upstream().verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
          .withRequestBody(containing("Request to label")).withHeader("Authorization", equalTo("Bearer sk-judge-own-0123")));
      harness.upstream().verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
          .withRequestBody(notContaining("Request to label"))
          .withHeader("Authorization", equalTo("Bearer " + GatewayHarness.UPSTREAM_KEY)));
    }
  }

  @Test
  void judgeFailuresTimeoutsAndNonLabelsLeaveNullAndNeverTouchTheClient(@TempDir Path dir) throws Exception {
    // the slow judge answers after 8 s, past the judge's 3 s timeout and within the upstream's 10 s
    JudgeConfig config = JudgeConfig.of(JUDGE_MODEL, 1.0).withTimeout(Duration.ofSeconds(3));
    try (GatewayHarness harness = new GatewayHarness(dir, judged(config), Clock.systemUTC())) {
      stubClientAnswers(harness.upstream());
      WireMockServer upstream = harness.upstream();
      upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
          .withRequestBody(containing("Request to label")).withRequestBody(containing("Case broken"))
          .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
              .withBody("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}")));
      upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
          .withRequestBody(containing("Request to label")).withRequestBody(containing("Case slow"))
          .willReturn(judgeAnswer("Programming").withFixedDelay(8000)));
      stubJudge(upstream, "Case vague", "I am not sure what this is about.");
      for (String item : List.of("broken", "slow", "vague")) {
        HttpResponse<String> answer = harness.post("/v1/chat/completions", chat(CODE + item));
        assertThat(answer.statusCode()).as(item).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).at("/choices/0/message/content").asText()).isEqualTo("Hello from upstream");
        UsageRecord record = awaitRecord(harness, answer.headers().firstValue("x-request-id").orElseThrow());
        assertThat(record.judgeCategory()).as(item).isNull();
        assertThat(record.classification().category()).as(item).isNotNull();
      }
      String metrics = harness.get("/metrics").body();
      assertThat(metrics)
          .contains("gateway_judge_calls_total{outcome=\"failed\"} 1.0")
          .contains("gateway_judge_calls_total{outcome=\"timeout\"} 1.0")
          .contains("gateway_judge_calls_total{outcome=\"unknown\"} 1.0")
          .contains("gateway_judge_calls_total{outcome=\"labelled\"} 0.0");
    }
  }

  @Test
  void aFullQueueDropsTheSampleAndStoresTheRecordUnjudged(@TempDir Path dir) throws Exception {
    // one call at a time, one waiting: while the first slow call runs, the third sample finds the queue full
    JudgeConfig config = new JudgeConfig(JUDGE_MODEL, 1.0, null, 1.0, Duration.ofSeconds(20), 2000, 1, 1);
    try (GatewayHarness harness = new GatewayHarness(dir, judged(config), Clock.systemUTC())) {
      stubClientAnswers(harness.upstream());
      harness.upstream().stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
          .withRequestBody(containing("Request to label")).willReturn(judgeAnswer("Programming").withFixedDelay(4000)));
      List<String> ids = List.of(askOk(harness, CODE + "q1"), askOk(harness, CODE + "q2"), askOk(harness, CODE + "q3"));
      long judged = ids.stream().map(id -> awaitRecord(harness, id)).filter(r -> r.judgeCategory() != null).count();
      assertThat(judged).isEqualTo(2);
      assertThat(harness.get("/metrics").body())
          .contains("gateway_judge_calls_total{outcome=\"dropped\"} 1.0")
          .contains("gateway_judge_calls_total{outcome=\"labelled\"} 2.0");
    }
  }

  @Test
  void judgingStopsOnceTheDaysBudgetIsSpent(@TempDir Path dir) throws Exception {
    // one labelling call of ~420 prompt tokens at gpt-4o-mini's $0.15/M costs about $0.00006
    JudgeConfig config = JudgeConfig.of(JUDGE_MODEL, 1.0).withBudgetUsdDay(0.00001);
    try (GatewayHarness harness = new GatewayHarness(dir, judged(config), Clock.systemUTC())) {
      stubClientAnswers(harness.upstream());
      stubJudge(harness.upstream(), "Case c", "Programming");
      Instant from = Instant.now().minusSeconds(5);
      UsageRecord first = awaitRecord(harness, askOk(harness, CODE + "c1"));
      UsageRecord second = awaitRecord(harness, askOk(harness, CODE + "c2"));
      assertThat(first.judgeCategory()).isEqualTo("Programming");
      assertThat(second.judgeCategory()).isNull();
      harness.upstream().verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("Request to label")));
      String metrics = harness.get("/metrics").body();
      assertThat(metrics).contains("gateway_judge_calls_total{outcome=\"budget\"} 1.0").contains("gateway_judge_queue 0.0");
      double spent = metrics.lines().filter(l -> l.startsWith("gateway_judge_spend_usd "))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
      assertThat(spent).isGreaterThanOrEqualTo(0.00001);
      // the judge's call is recorded under its own key, with its cost
      awaitJudgeRecords(harness, from, 1);
      assertThat(harness.gateway().store().overview(from, Instant.now().plusSeconds(5), Judge.KEY_ID).costUsd()).isPositive();
    }
  }

  @Test
  void aJudgeModelTheGatewayDoesNotRouteFailsTheStart(@TempDir Path dir) {
    SwitchboardConfig base = new SwitchboardConfig(
        new ServerConfig("127.0.0.1", 0, 65536, Duration.ofSeconds(2), Duration.ofSeconds(2)),
        List.of(), List.of(), new dev.switchboard.config.TelemetryConfig(dir.resolve("u.duckdb"), 100, 10, Duration.ofMillis(20)));
    SwitchboardConfig config = base.withClassifier(base.classifier().withJudge(JudgeConfig.of("nobody/none", 0.01)));
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      Throwable failure = dev.switchboard.gateway.Gateway.start(vertx, config, Clock.systemUTC())
          .toCompletionStage().toCompletableFuture().handle((g, t) -> t).join();
      assertThat(failure).isNotNull();
      assertThat(failure.getMessage()).contains("classifier.judge.model").contains("nobody/none");
    } finally {
      vertx.close();
    }
  }

  private static UnaryOperator<SwitchboardConfig> judged(JudgeConfig judge) {
    // upstream waits of 10 s instead of the harness's 2: a loaded test machine must not fail the client's call
    return config -> {
      ServerConfig s = config.server();
      ServerConfig patient = new ServerConfig(s.host(), s.port(), s.maxBodyBytes(), Duration.ofSeconds(10),
          Duration.ofSeconds(10), s.maxUpstreamBodyBytes(), s.maxUpstreamEventBytes());
      return config.withServer(patient).withClassifier(config.classifier().withJudge(judge));
    };
  }

  private static void stubClientAnswers(WireMockServer upstream) {
    upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(10).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("""
            {"id":"chatcmpl-client","object":"chat.completion","created":1735689600,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from upstream"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":40,"completion_tokens":4,"total_tokens":44}}""")));
  }

  /** Answers labelling calls whose judged text contains {@code marker} with {@code label}. */
  private static void stubJudge(WireMockServer upstream, String marker, String label) {
    // more specific markers are stubbed first: WireMock prefers the latest stub of equal priority, so rank by order
    int priority = 2 + (int) upstream.getStubMappings().stream().filter(s -> s.getPriority() != null && s.getPriority() < 10).count();
    upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(priority)
        .withRequestBody(containing("Request to label")).withRequestBody(containing(marker))
        .willReturn(judgeAnswer(label)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder judgeAnswer(String label) {
    String body;
    try {
      body = """
          {"id":"chatcmpl-judge","object":"chat.completion","created":1735689600,"model":"gpt-4o-mini",
           "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
           "usage":{"prompt_tokens":420,"completion_tokens":2,"total_tokens":422}}""".formatted(JSON.writeValueAsString(label));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String askOk(GatewayHarness harness, String prompt) throws Exception {
    HttpResponse<String> answer = harness.post("/v1/chat/completions", chat(prompt));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer.headers().firstValue("x-request-id").orElseThrow();
  }

  private static String chat(String prompt) throws Exception {
    return "{\"model\":\"" + JUDGE_MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":"
        + JSON.writeValueAsString(prompt) + "}]}";
  }

  /**
   * Waits for record {@code id}: up to a minute, as the first record of a JVM builds the classifier and the
   * judge's first call warms its client, which on a loaded shared machine can take longer than the harness's 10 s.
   */
  private static UsageRecord awaitRecord(GatewayHarness harness, String id) {
    return harness.awaitRecord(id, Duration.ofSeconds(60));
  }

  private static void awaitJudgeRecords(GatewayHarness harness, Instant from, long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long seen = 0;
    while (System.nanoTime() < deadline) {
      seen = harness.gateway().store().overview(from, Instant.now().plusSeconds(5), Judge.KEY_ID).requests();
      if (seen >= count) {
        break;
      }
      Thread.sleep(20);
    }
    assertThat(seen).as("records of the judge's own calls").isEqualTo(count);
  }

  private static JsonNode stats(GatewayHarness harness, String query) throws Exception {
    HttpResponse<String> response = harness.get("/v1/stats/" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode row(JsonNode result, String series, String category) {
    for (JsonNode s : result.get("series")) {
      if (s.get("name").asText().equals(series)) {
        for (JsonNode r : s.get("rows")) {
          if (r.path("category").asText().equals(category)) {
            return r;
          }
        }
      }
    }
    throw new AssertionError("no row " + category + " in " + series + ": " + result);
  }

  private static double share(JsonNode result, String series, String category) {
    return row(result, series, category).get("share").asDouble();
  }
}
