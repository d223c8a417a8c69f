package dev.switchboard.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.stats.SyntheticUsage;
import dev.switchboard.telemetry.stats.analysis.Analyses;
import dev.switchboard.telemetry.stats.analysis.Analysis;
import dev.switchboard.telemetry.stats.analysis.AnalysisResult;
import dev.switchboard.telemetry.stats.analysis.StatsQuery;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import dev.switchboard.telemetry.store.UsageOverview;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Queries every stats endpoint through the real server over a store seeded before it starts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SyntheticUsage.Spec SPEC =
      new SyntheticUsage.Spec(5_000, Instant.parse("2025-06-02T00:00:00Z"), Duration.ofDays(90), 12, 600, 5);
  private static final String WINDOW = "from=2025-06-02&to=2025-09-01";

  private GatewayHarness harness;

  @BeforeAll
  void start(@TempDir Path dir) {
    try (DuckDbUsageStore store = DuckDbUsageStore.open(dir.resolve("usage.duckdb"))) {
      SyntheticUsage.write(SPEC, 1000, store::append, n -> {});
    }
    harness = new GatewayHarness(dir);
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @Test
  void listsEveryAnalysisWithItsParameters() throws Exception {
    JsonNode list = json(harness.get("/v1/stats"), 200);
    assertThat(list.get("data")).hasSize(Analyses.all().size());
    assertThat(Analyses.all()).hasSizeGreaterThanOrEqualTo(23);
    JsonNode first = list.at("/data/0");
    assertThat(first.get("name").asText()).isEqualTo("source-share");
    assertThat(first.get("description").asText()).isNotBlank();
    assertThat(first.get("parameters").findValuesAsText("name")).contains("from", "to", "bucket", "weight", "key", "team", "format");
    // the team ids offered to a caller who sees every key's records (none created here)
    JsonNode team = first.get("parameters").findParents("name").stream()
        .filter(p -> p.get("name").asText().equals("team")).findFirst().orElseThrow();
    assertThat(team.get("values").isArray()).isTrue();
  }

  @Test
  void sourceShareJsonMatchesTheAnalysisAndCarriesDenominators() throws Exception {
    JsonNode body = json(harness.get("/v1/stats/source-share?" + WINDOW + "&bucket=month"), 200);
    assertThat(body.get("analysis").asText()).isEqualTo("source-share");
    assertThat(body.at("/window/from").asText()).isEqualTo("2025-06-02T00:00:00Z");
    assertThat(body.at("/window/bucket").asText()).isEqualTo("month");
    assertThat(body.get("notes").size()).isPositive();
    JsonNode series = body.at("/series/0");
    assertThat(series.get("name").asText()).isEqualTo("share_by_source");
    JsonNode row = series.at("/rows/0");
    assertThat(row.get("bucket").asText()).isEqualTo("2025-06-01");
    // June starts on the 1st but the window on the 2nd: a partial month.
    assertThat(row.get("partial").asBoolean()).isTrue();
    assertThat(row.get("share").isNumber()).isTrue();
    assertThat(row.get("denominator").isNumber()).isTrue();
    // The same numbers as the analysis computed directly on the gateway's store.
    AnalysisResult direct = Analyses.run(Analyses.find("source-share").orElseThrow(), harness.gateway().store().aggregates(),
        StatsQuery.defaults().withBucket(dev.switchboard.telemetry.stats.Bucket.MONTH)
            .withWindow(Instant.parse("2025-06-02T00:00:00Z"), Instant.parse("2025-09-01T00:00:00Z")),
        Clock.systemUTC());
    double share = direct.series("share_by_source").number("share", "bucket", "2025-07-01", "source", "chinese_oss");
    JsonNode july = find(series.get("rows"), "2025-07-01", "chinese_oss");
    assertThat(july.get("share").asDouble()).isCloseTo(share, within(1e-12));
    assertThat(july.get("share").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void overviewKeepsItsOriginalFields() throws Exception {
    JsonNode body = json(harness.get("/v1/stats/overview?" + WINDOW), 200);
    UsageOverview legacy = harness.gateway().store().overview(Instant.parse("2025-06-02T00:00:00Z"), Instant.parse("2025-09-01T00:00:00Z"));
    assertThat(body.get("requests").asLong()).isEqualTo(legacy.requests()).isEqualTo(SPEC.records());
    assertThat(body.get("errors").asLong()).isEqualTo(legacy.errors());
    assertThat(body.get("cancelled").asLong()).isEqualTo(legacy.cancelled());
    assertThat(body.at("/tokens/prompt").asLong()).isEqualTo(legacy.tokens().prompt());
    assertThat(body.at("/tokens/completion").asLong()).isEqualTo(legacy.tokens().completion());
    assertThat(body.at("/tokens/normalized_prompt").asLong()).isEqualTo(legacy.tokens().normalizedPrompt());
    assertThat(body.get("cost_usd").asDouble()).isCloseTo(legacy.costUsd(), within(1e-6));
    assertThat(body.get("error_rate").asDouble()).isCloseTo((double) legacy.errors() / legacy.requests(), within(1e-12));
    assertThat(body.get("models").isArray()).isTrue();
    assertThat(body.at("/models/0/tokens/prompt").isNumber()).isTrue();
    assertThat(body.get("users").asLong()).isPositive();
  }

  @Test
  void csvHasOneHeaderAndASeriesColumn() throws Exception {
    HttpResponse<String> r = harness.get("/v1/stats/languages?" + WINDOW + "&format=csv");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
    String[] lines = r.body().split("\r\n");
    assertThat(lines[0]).isEqualTo("series,language,value,share,denominator,bucket,partial");
    assertThat(lines).anyMatch(l -> l.startsWith("share_by_language,en,"));
    assertThat(lines).anyMatch(l -> l.startsWith("share_by_language_over_time,"));
  }

  @Test
  void everyAnalysisAnswers() throws Exception {
    for (Analysis a : Analyses.all()) {
      JsonNode body = json(harness.get("/v1/stats/" + a.name() + "?" + WINDOW), 200);
      assertThat(body.get("analysis").asText()).isEqualTo(a.name());
      assertThat(body.get("series").size()).as(a.name()).isPositive();
    }
  }

  @Test
  void anEmptyWindowGivesEmptySeries() throws Exception {
    JsonNode body = json(harness.get("/v1/stats/categories?from=2020-01-01&to=2020-02-01"), 200);
    for (JsonNode s : body.get("series")) {
      assertThat(s.get("rows")).isEmpty();
    }
    assertThat(body.at("/headlines/0/value").isNull()).isTrue();
  }

  @Test
  void aKeyFilterSeesOnlyThatKey() throws Exception {
    JsonNode all = json(harness.get("/v1/stats/overview?" + WINDOW), 200);
    JsonNode one = json(harness.get("/v1/stats/overview?" + WINDOW + "&key=key-3"), 200);
    assertThat(one.get("requests").asLong()).isPositive().isLessThan(all.get("requests").asLong());
    assertThat(one.at("/parameters/key").asText()).isEqualTo("key-3");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "source-share?bucket=year|bucket|day | week | month",
    "source-share?tokens=raw|tokens|native | normalized",
    "source-share?weight=users|weight|tokens | requests | cost",
    "open-weight-models?top=0|top|integer from 1 to 1000",
    "categories?include_other=yes|include_other|true | false",
    "categories?method=best|method|local | judge | calibrated",
    "languages?method=judge|method|not accepted by analysis 'languages'",
    "retention?weight=tokens|weight|not accepted by analysis 'retention'",
    "overview?colour=blue|colour|not accepted",
    "source-share?from=yesterday|from|ISO date",
    "source-share?from=2025-02-01&to=2025-01-01|from|must be before",
    "source-share?source=closed|source|proprietary | chinese_oss",
    "category-authors?category=Cooking|category|Programming",
    "source-share?format=xml|format|json | csv",
    "source-share?top=3|top|not accepted",
    "source-share?bucket=week&bucket=day|bucket|only once",
  })
  void badParametersAreRefusedNamingTheParameter(String query, String param, String allowed) throws Exception {
    JsonNode body = json(harness.get("/v1/stats/" + query), 400);
    assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(body.at("/error/param").asText()).isEqualTo(param);
    assertThat(body.at("/error/message").asText()).contains(allowed);
  }

  @Test
  void anUnknownAnalysisIs404() throws Exception {
    JsonNode body = json(harness.get("/v1/stats/horoscope"), 404);
    assertThat(body.at("/error/code").asText()).isEqualTo("unknown_analysis");
  }

  private static JsonNode find(JsonNode rows, String bucket, String source) {
    for (JsonNode row : rows) {
      if (row.get("bucket").asText().equals(bucket) && row.get("source").asText().equals(source)) {
        return row;
      }
    }
    throw new AssertionError("no row " + bucket + " " + source);
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

}
