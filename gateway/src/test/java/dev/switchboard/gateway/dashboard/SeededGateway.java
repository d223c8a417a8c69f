package dev.switchboard.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.config.catalog.SizeClass;
import dev.switchboard.gateway.Gateway;
import dev.switchboard.gateway.teams.KeyGovernance;
import dev.switchboard.gateway.teams.Team;
import dev.switchboard.gateway.teams.TeamDirectory;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.stats.SyntheticUsage;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real gateway (no upstreams) on a DuckDB store seeded before it starts: synthetic traffic
 * over 26 weeks, plus one model whose first cohort of users stays while later ones leave, so the
 * retention figure has a foundational cohort to highlight.
 */
final class SeededGateway implements AutoCloseable {
  /** The seeded weeks: Monday 2025-06-02 to Monday 2025-12-01 (exclusive). */
  static final String FROM = "2025-06-02";
  static final String TO = "2025-12-01";
  static final String COHORT_MODEL = "test/cohort-model";
  static final String FOUNDATIONAL_COHORT = "2025-06";
  /** The key of the seeded team traffic (see {@link #teamRecords()}). */
  static final String TEAM_KEY = "key-team-research";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Gateway gateway;

  private SeededGateway(Path store) {
    SwitchboardConfig config = new SwitchboardConfig(
        new ServerConfig("127.0.0.1", 0, 1 << 20, Duration.ofSeconds(2), Duration.ofSeconds(10)),
        List.of(), List.of(), new TelemetryConfig(store, 10_000, 512, Duration.ofMillis(20)));
    try {
      gateway = Gateway.start(vertx, config, Clock.systemUTC()).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("gateway did not start", e);
    }
  }

  /** Seeds a store in {@code dir} with synthetic traffic and the cohort model, then starts a gateway on it. */
  static SeededGateway seeded(Path dir) {
    Path store = dir.resolve("usage.duckdb");
    try (DuckDbUsageStore s = DuckDbUsageStore.open(store)) {
      SyntheticUsage.Spec spec = new SyntheticUsage.Spec(
          6000, Instant.parse(FROM + "T00:00:00Z"), Duration.ofDays(182), 40, 1500, 11);
      SyntheticUsage.write(spec, 2000, s::append, n -> {});
      s.append(cohortRecords());
      s.append(teamRecords());
    }
    return new SeededGateway(store);
  }

  /** Starts a gateway on an empty store. */
  static SeededGateway empty(Path dir) {
    return new SeededGateway(dir.resolve("usage.duckdb"));
  }

  /**
   * Returns 30 users who start in June and come back every month to November, and 30 each in July
   * and August who never return: the June cohort is foundational by the study's definition.
   */
  static List<UsageRecord> cohortRecords() {
    ModelFacts facts = new ModelFacts(COHORT_MODEL, "cohort-lab", false, "DE", SizeClass.UNKNOWN, false);
    List<UsageRecord> records = new ArrayList<>();
    YearMonth june = YearMonth.parse(FOUNDATIONAL_COHORT);
    for (int u = 0; u < 30; u++) {
      for (int m = 0; m < 6; m++) {
        records.add(cohortRecord(facts, "stay-" + u, june.plusMonths(m), u));
      }
      records.add(cohortRecord(facts, "july-" + u, june.plusMonths(1), u));
      records.add(cohortRecord(facts, "august-" + u, june.plusMonths(2), u));
    }
    records.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
    return records;
  }

  private static UsageRecord cohortRecord(ModelFacts facts, String user, YearMonth month, int day) {
    Instant ts = month.atDay(2 + day % 20).atTime(12, 0).toInstant(ZoneOffset.UTC);
    return UsageRecord.builder("cohort-" + user + "-" + month, ts)
        .caller("key-cohort", user, "cohort-app")
        .location("DE", "Europe")
        .models(COHORT_MODEL, COHORT_MODEL, "provider-cohort", facts)
        .streamed(false)
        .usage(new TokenUsage(1200L, 300L, null, 0L, null))
        .normalizedTokens(1100L, 280L)
        .tools(false, 0)
        .finish(FinishReason.STOP, "stop")
        .result(200, Outcome.SUCCESS, null)
        .timing(2000, null)
        .cost(0.002, false)
        .classification(new Classification(Category.TECHNOLOGY, 0.8, List.of(), "en", null))
        .attempts(1)
        .build();
  }

  /**
   * Returns the traffic of two keys with request tags: {@link #TEAM_KEY} sends 40 requests in
   * September, 25 of them tagged {@code batch}; {@code key-team-other} sends 10 tagged {@code chat}.
   */
  static List<UsageRecord> teamRecords() {
    ModelFacts facts = new ModelFacts("test/team-model", "team-lab", false, "DE", SizeClass.UNKNOWN, false);
    List<UsageRecord> records = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String key = i < 40 ? TEAM_KEY : "key-team-other";
      String tags = i < 25 ? "batch" : i < 40 ? null : "chat";
      Instant ts = Instant.parse("2025-09-01T08:00:00Z").plus(Duration.ofHours(7L * i));
      records.add(UsageRecord.builder("team-" + i, ts)
          .caller(key, "team-user-" + i % 4, "team-app")
          .location("DE", "Europe")
          .models("test/team-model", "test/team-model", "provider-team", facts)
          .streamed(false)
          .usage(new TokenUsage(900L, 200L, null, 0L, null))
          .normalizedTokens(850L, 190L)
          .tools(false, 0)
          .finish(FinishReason.STOP, "stop")
          .result(200, Outcome.SUCCESS, null)
          .timing(1500, null)
          .cost(0.001, false)
          .classification(new Classification(Category.TECHNOLOGY, 0.8, List.of(), "en", null))
          .attempts(1)
          .tags(tags)
          .build());
    }
    return records;
  }

  /** Creates team {@code team} in the running gateway and puts {@code keyId} in it, as the admin API would. */
  void putInTeam(String keyId, String team) {
    TeamDirectory teams = gateway.access().teams();
    try {
      teams.saveTeam(team, true, t -> new Team(team, null, null, List.of(), null, null, null, null, null, null, null,
          Instant.parse("2025-06-01T00:00:00Z"), false)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      teams.saveKeyGovernance(keyId, g -> new KeyGovernance(keyId, team, null, null))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Appends records to the running gateway's store, as traffic would. */
  void append(List<UsageRecord> records) {
    gateway.store().append(records);
  }

  /** Returns one successful request by a new user at {@code ts}. */
  static UsageRecord oneMoreRequest(String id, Instant ts) {
    ModelFacts facts = new ModelFacts(COHORT_MODEL, "cohort-lab", false, "DE", SizeClass.UNKNOWN, false);
    return cohortRecord(facts, id, YearMonth.from(ts.atZone(ZoneOffset.UTC)), 3);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + gateway.port();
  }

  /** Gets {@code pathAndQuery} from the gateway. */
  HttpResponse<String> get(String pathAndQuery) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Returns the JSON result of {@code GET /v1/stats/{analysis}?query}, failing on anything but 200. */
  JsonNode stats(String analysis, String query) {
    HttpResponse<String> response = get("/v1/stats/" + analysis + (query.isEmpty() ? "" : "?" + query));
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /v1/stats/" + analysis + "?" + query + " -> " + response.statusCode() + " " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      vertx.close();
    }
  }
}
