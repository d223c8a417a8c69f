package dev.switchboard.gateway;

import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.StateConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs three gateways sharing one real PostgreSQL (keys, spend) and one real Redis (limits,
 * budgets), as a fleet behind a load balancer would: a key's rate limit and budget hold for the
 * fleet as for one gateway, a revocation on one reaches the others, and losing one instance under
 * load leaves the others serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @TempDir Path dir;
  private PostgresServer postgres;
  private RedisServer redis;
  private final List<KeyedGateway> fleet = new ArrayList<>();

  @BeforeAll
  void startServers() throws Exception {
    postgres = PostgresServer.start();
    redis = RedisServer.start(Files.createTempDirectory("fleet-redis"));
  }

  @AfterAll
  void stopServers() {
    redis.close();
    postgres.close();
  }

  @BeforeEach
  void startFleet() throws Exception {
    String name = "sb_fleet_" + DATABASES.incrementAndGet();
    postgres.sql("CREATE DATABASE " + name);
    String database = postgres.url().substring(0, postgres.url().lastIndexOf('/') + 1) + name;
    redis.command("FLUSHALL");
    for (int i = 0; i < 3; i++) {
      KeyedGateway gateway = new KeyedGateway(
          Files.createDirectories(dir.resolve(name + "-" + i)),
          config -> config.withState(new StateConfig(
              SecretRef.parse(redis.url()), SecretRef.parse(database), StateConfig.DEFAULT_CACHE_GRACE)));
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
  void aKeyLimitedTo30PerMinuteGets30Of60SpreadOverThreeGateways() {
    String secret = fleet.get(0).createKey("{\"name\":\"rpm30\",\"rpm\":30}").get("key").asText();

    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      answers.add(fleet.get(i % 3).chat(secret, chatBody(MINI, false)));
    }

    assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(30);
    assertThat(answers.stream().filter(r -> r.statusCode() == 429)).hasSize(30);
    for (KeyedGateway gateway : fleet) {
      int port = gateway.harness().gateway().port();
      // every instance admitted some and refused some: one shared count, not three
      assertThat(answers).anyMatch(r -> r.uri().getPort() == port && r.statusCode() == 200);
      assertThat(answers).anyMatch(r -> r.uri().getPort() == port && r.statusCode() == 429);
    }
  }

  @Test
  void aBudgetIsChargedOnceForTheFleetAndRefusedByEveryInstance() throws Exception {
    JsonNode created = fleet.get(0).createKey("{\"name\":\"budgeted\"}");
    String secret = created.get("key").asText();
    String id = created.get("id").asText();
    HttpResponse<String> first = fleet.get(0).chat(secret, chatBody(MINI, false));
    double cost = read(first.body()).get("usage").get("cost").asDouble();
    assertThat(cost).isPositive();
    // a budget of 6.5 requests: the 7th still starts below it, the 8th finds it used up
    HttpResponse<String> set = fleet.get(1).admin(
        "PATCH", "/v1/admin/keys/" + id, "{\"budget_usd_day\":" + (6.5 * cost) + "}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    awaitBudgetSeenByAll(id, 6.5 * cost);

    int answered = 1;
    for (int i = 1; answered < 20; i++) {
      HttpResponse<String> answer = fleet.get(i % 3).chat(secret, chatBody(MINI, false));
      if (answer.statusCode() == 402) {
        break;
      }
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      answered++;
      awaitSharedDayTotal(id, answered * cost); // the charge lands after the answer
    }

    assertThat(answered).isEqualTo(7);
    for (KeyedGateway gateway : fleet) {
      HttpResponse<String> refused = gateway.chat(secret, chatBody(MINI, false));
      assertThat(refused.statusCode()).isEqualTo(402);
      assertThat(read(refused.body()).at("/error/code").asText()).isEqualTo("insufficient_quota");
      gateway.harness().gateway().access().flushSpend().toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    }
    String db = "sb_fleet_" + DATABASES.get();
    double saved = Double.parseDouble(postgres.sql(db,
        "SELECT spend_usd FROM key_spend WHERE key_id = '" + id + "' AND period = 'day'"));
    assertThat(saved).as("the fleet's spend in PostgreSQL: each request once").isCloseTo(7 * cost, within(1e-12));
  }

  @Test
  void aKeyRevokedOnOneGatewayIsRefusedByTheOthersWithinTwoSeconds() throws Exception {
    JsonNode created = fleet.get(0).createKey("{\"name\":\"revoked\"}");
    String secret = created.get("key").asText();
    for (KeyedGateway gateway : fleet) {
      assertThat(gateway.chat(secret, chatBody(MINI, false)).statusCode()).isEqualTo(200); // cached now
    }

    assertThat(fleet.get(0).admin("DELETE", "/v1/admin/keys/" + created.get("id").asText(), null).statusCode())
        .isEqualTo(200);
    long start = System.nanoTime();
    for (KeyedGateway other : fleet.subList(1, 3)) {
      while (other.chat(secret, chatBody(MINI, false)).statusCode() != 401
          && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2)) {
        Thread.sleep(20);
      }
      assertThat(other.chat(secret, chatBody(MINI, false)).statusCode()).isEqualTo(401);
    }
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
  }

  @Test
  void losingOneInstanceUnderLoadLeavesTheOthersServing() throws Exception {
    String secret = fleet.get(0).createKey("{\"name\":\"load\"}").get("key").asText();
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentHashMap<Integer, List<Integer>> statusesByInstance = new ConcurrentHashMap<>();
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int instance = i % 3;
      KeyedGateway gateway = fleet.get(instance);
      Thread client = new Thread(() -> {
        while (!stop.get()) {
          int status;
          try {
            status = gateway.chat(secret, chatBody(MINI, false)).statusCode();
          } catch (RuntimeException e) {
            status = -1; // connection refused: that instance is gone
          }
          statusesByInstance.computeIfAbsent(instance, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
              .add(status);
        }
      });
      client.start();
      clients.add(client);
    }
    Thread.sleep(1_000);
    fleet.get(2).close(); // the third instance goes away while its clients and the others send
    int[] beforeLoss = {
        statusesByInstance.getOrDefault(0, List.of()).size(), statusesByInstance.getOrDefault(1, List.of()).size()};
    Thread.sleep(1_500);
    stop.set(true);
    for (Thread client : clients) {
      client.join(10_000);
    }
    fleet.remove(2);

    for (int instance = 0; instance < 2; instance++) {
      List<Integer> statuses = statusesByInstance.get(instance);
      assertThat(statuses).as("instance %d kept answering after the loss", instance)
          .hasSizeGreaterThan(beforeLoss[instance] + 5);
      assertThat(statuses).as("instance %d answered every request", instance).containsOnly(200);
    }
  }

  private void awaitBudgetSeenByAll(String id, double budget) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (KeyedGateway gateway : fleet) {
      while (System.nanoTime() < deadline) {
        JsonNode key = read(gateway.admin("GET", "/v1/admin/keys/" + id, null).body());
        if (key.path("budget_usd_day").asDouble() == budget) {
          break;
        }
        Thread.sleep(20);
      }
    }
  }

  private void awaitSharedDayTotal(String id, double expected) throws InterruptedException {
    String day = "switchboard:spend:{" + id + "}:day:2026-03-10";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      String value = redis.command("GET", day);
      if (value != null && Math.abs(Double.parseDouble(value) - expected) < 1e-12) {
        return;
      }
      Thread.sleep(10);
    }
  }
}
