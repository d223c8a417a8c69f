package dev.switchboard.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.config.AlertsConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.StateConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs three gateways sharing one real PostgreSQL (keys, teams, alert log) and one real Redis
 * (limits, budgets) with a WireMock webhook: a team made on one gateway binds on the others, a
 * team budget crossed by requests spread over the fleet refuses at the fleet's total, and a
 * threshold every gateway crosses is posted once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamFleetEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";
  // openai-chat-nonstream-reasoning.json: 577 prompt + 2,320 completion tokens at $0.15/$0.60 per 1M
  private static final double COST = (577 * 0.15 + 2320 * 0.6) / 1e6;
  private static final String HOOK = "/hooks/fleet";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @TempDir Path dir;
  private PostgresServer postgres;
  private RedisServer redis;
  private WireMockServer webhook;
  private String database;
  private final List<KeyedGateway> fleet = new ArrayList<>();

  @BeforeAll
  void startServers() throws Exception {
    postgres = PostgresServer.start();
    redis = RedisServer.start(Files.createTempDirectory("team-fleet-redis"));
    webhook = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    webhook.start();
  }

  @AfterAll
  void stopServers() {
    webhook.stop();
    redis.close();
    postgres.close();
  }

  @BeforeEach
  void startFleet() throws Exception {
    database = "sb_team_fleet_" + DATABASES.incrementAndGet();
    postgres.sql("CREATE DATABASE " + database);
    String url = postgres.url().substring(0, postgres.url().lastIndexOf('/') + 1) + database;
    redis.command("FLUSHALL");
    webhook.resetAll();
    webhook.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(204)));
    AlertsConfig alerts = new AlertsConfig(List.of(
        new AlertsConfig.Webhook("http://127.0.0.1:" + webhook.port() + HOOK, SecretRef.parse("whsec-fleet-0123456789"))));
    for (int i = 0; i < 3; i++) {
      KeyedGateway gateway = new KeyedGateway(
          Files.createDirectories(dir.resolve(database + "-" + i)),
          config -> config.withState(new StateConfig(
                  SecretRef.parse(redis.url()), SecretRef.parse(url), StateConfig.DEFAULT_CACHE_GRACE))
              .withAlerts(alerts));
      gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
      fleet.add(gateway);
    }
  }

  @AfterEach
  void stopFleet() {
    fleet.forEach(KeyedGateway::close);
    fleet.clear();
  }

  @Test
  void aTeamCreatedOnOneGatewayIsEnforcedByTheOthers() throws Exception {
    HttpResponse<String> created = fleet.get(0).admin("POST", "/v1/admin/teams",
        "{\"id\":\"ml\",\"models\":[\"openai/gpt-4o\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long start = System.nanoTime();
    for (KeyedGateway other : fleet.subList(1, 3)) {
      awaitTrue(() -> other.admin("GET", "/v1/admin/teams/ml", null).statusCode() == 200, "team seen");
    }
    long seenMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    // the second gateway links a key to the team the first one made
    JsonNode key = fleet.get(1).createKey("{\"name\":\"ml-key\",\"team\":\"ml\"}");
    String secret = key.get("key").asText();

    awaitTrue(() -> fleet.get(2).chat(secret, chatBody(MINI, false)).statusCode() == 403, "team's models enforced");
    HttpResponse<String> refused = fleet.get(2).chat(secret, chatBody(MINI, false));
    assertThat(read(refused.body()).at("/error/message").asText())
        .isEqualTo("The team 'ml' of this API key is not allowed to use the model `" + MINI + "`.");

    assertThat(fleet.get(0).admin("PATCH", "/v1/admin/teams/ml", "{\"models\":[\"openai/*\"]}").statusCode())
        .isEqualTo(200);
    awaitTrue(() -> fleet.get(2).chat(secret, chatBody(MINI, false)).statusCode() == 200, "team change seen");
    assertThat(fleet.get(1).chat(secret, chatBody(MINI, false)).statusCode()).isEqualTo(200);
    assertThat(seenMs).as("a new team reaches the other gateways (NOTIFY)").isLessThan(2_000);
  }

  @Test
  void aTeamBudgetCrossedByRequestsSpreadOverTheFleetRefusesAtTheFleetTotal() throws Exception {
    // 6.5 requests: the 7th still starts below it
    assertThat(fleet.get(0).admin("POST", "/v1/admin/teams", "{\"id\":\"fleet\",\"budget_usd_day\":" + 6.5 * COST + "}")
        .statusCode()).isEqualTo(201);
    awaitTrue(() -> fleet.get(1).admin("GET", "/v1/admin/teams/fleet", null).statusCode() == 200, "team seen");
    String secret = keyLinkedEverywhere(fleet.get(1), "fleet");

    // two gateways answer at the same time, round after round; the third serves none of them
    int answered = 0;
    HttpResponse<String> firstRefusal = null;
    for (int round = 0; round < 10 && firstRefusal == null; round++) {
      List<Callable<HttpResponse<String>>> calls = List.of(
          () -> fleet.get(0).chat(secret, chatBody(MINI, false)),
          () -> fleet.get(1).chat(secret, chatBody(MINI, false)));
      for (HttpResponse<String> answer : KeyedGateway.inParallel(calls)) {
        if (answer.statusCode() == 402) {
          firstRefusal = answer;
        } else {
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
          answered++;
        }
      }
      int charged = answered;
      awaitTrue(() -> Math.abs(sharedDayTotal("team:fleet") - charged * COST) < 1e-12,
          "charges in Redis: " + charged + " answered, " + sharedDayTotal("team:fleet") / COST + " charged");
    }

    assertThat(firstRefusal).as("refused once the fleet's spend reached the budget").isNotNull();
    assertThat(answered).as("7 start below the budget; the 8th only when it started beside the 7th").isBetween(7, 8);
    assertThat(read(firstRefusal.body()).at("/error/message").asText()).startsWith("Team 'fleet' daily budget of $");
    // the third gateway never charged this team: it refuses from the fleet's total
    HttpResponse<String> third = fleet.get(2).chat(secret, chatBody(MINI, false));
    assertThat(third.statusCode()).as(third.body()).isEqualTo(402);
    assertThat(read(third.body()).at("/error/message").asText()).startsWith("Team 'fleet' daily budget of $");
    for (KeyedGateway gateway : fleet) {
      gateway.harness().gateway().access().flushSpend().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    double saved = Double.parseDouble(postgres.sql(database,
        "SELECT spend_usd FROM key_spend WHERE key_id = 'team:fleet' AND period = 'day'"));
    assertThat(saved).as("the team's spend in PostgreSQL: each request once").isCloseTo(answered * COST, within(1e-12));
  }

  @Test
  void aThresholdEveryGatewayCrossesIsPostedOnce() throws Exception {
    // warn only: every gateway keeps admitting, so each sees 50%, 80% and 100% of the budget pass
    assertThat(fleet.get(0).admin("POST", "/v1/admin/teams",
        "{\"id\":\"alerting\",\"budget_usd_day\":" + 4 * COST + ",\"warn_only\":true}").statusCode()).isEqualTo(201);
    String secret = keyLinkedEverywhere(fleet.get(0), "alerting");

    for (int round = 0; round < 4; round++) {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      fleet.forEach(gateway -> calls.add(() -> gateway.chat(secret, chatBody(MINI, false))));
      for (HttpResponse<String> answer : KeyedGateway.inParallel(calls)) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      }
      int charged = 3 * (round + 1);
      awaitTrue(() -> Math.abs(sharedDayTotal("team:alerting") - charged * COST) < 1e-12, "charges in Redis");
    }

    awaitTrue(() -> teamPosts().size() >= 3, "three alerts posted");
    Thread.sleep(1_500); // every gateway has had its turn to claim: nothing more arrives
    List<Integer> thresholds = new ArrayList<>();
    for (LoggedRequest post : teamPosts()) {
      thresholds.add(read(post.getBodyAsString()).get("threshold_percent").asInt());
    }
    assertThat(thresholds).containsExactlyInAnyOrder(50, 80, 100);
    assertThat(postgres.sql(database, "SELECT string_agg(threshold || '=' || status || '/' || attempts, ','"
        + " ORDER BY threshold) FROM alert_deliveries WHERE budget = 'team:alerting'"))
        .isEqualTo("50=delivered/1,80=delivered/1,100=delivered/1");
  }

  /** Creates a key of {@code team} on {@code creator}, waits until every gateway knows the link; gives its secret. */
  private String keyLinkedEverywhere(KeyedGateway creator, String team) throws InterruptedException {
    JsonNode key = creator.createKey("{\"name\":\"" + team + "-key\",\"team\":\"" + team + "\"}");
    String id = key.get("id").asText();
    for (KeyedGateway gateway : fleet) {
      awaitTrue(() -> team.equals(read(gateway.admin("GET", "/v1/admin/keys/" + id, null).body()).path("team").asText()),
          "key link seen");
    }
    return key.get("key").asText();
  }

  private List<LoggedRequest> teamPosts() {
    return webhook.findAll(postRequestedFor(urlEqualTo(HOOK))).stream()
        .filter(p -> p.getBodyAsString().contains("\"budget\":\"team:alerting\"")).toList();
  }

  private double sharedDayTotal(String ledgerId) {
    String value = redis.command("GET", "switchboard:spend:{" + ledgerId + "}:day:2026-03-10");
    return value == null ? 0 : Double.parseDouble(value);
  }

  /** Polls {@code condition} for up to 5 s; fails naming {@code what} when it never held. */
  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        assertThat(condition.getAsBoolean()).as("waiting for: " + what).isTrue();
      }
      Thread.sleep(20);
    }
  }
}
