package dev.switchboard.gateway.limits;

import static dev.switchboard.gateway.KeyedGateway.ADMIN_KEY;
import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.AuthConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.StateConfig;
import dev.switchboard.config.StateConfig.RedisFailure;
import dev.switchboard.config.StaticKeyConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.gateway.KeyedGateway;
import dev.switchboard.gateway.RedisServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks budgets shared through a real Redis: two gateways charge one total and both refuse once it
 * reaches the budget; a Redis restarted without its data is seeded from the saved totals; a Redis
 * that is away lets requests through on the local ledger (open) or refuses them with 503 in the
 * caller's dialect (closed).
 */
class SharedBudgetsEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";
  private static final String BUDGET_KEY = "sb-shared-budget-key-0123456789abcdef01234567";
  private static final String FREE_KEY = "sb-shared-free-key-0123456789abcdef0123456789";
  private static final String LIMITED_KEY = "sb-shared-limited-key-0123456789abcdef01234567";
  private static final String BUDGET_KEY_ID = "cfg_budgeted";
  // what openai-chat-nonstream-reasoning.json costs on gpt-4o-mini: 577 prompt, 2320 completion tokens
  private static final double COST = (577 * 0.15 + 2320 * 0.6) / 1e6;
  private static final double DAY_BUDGET = 3.5 * COST;
  private static final String DAY_KEY = "switchboard:spend:{" + BUDGET_KEY_ID + "}:day:2026-03-10";
  private static final String MONTH_KEY = "switchboard:spend:{" + BUDGET_KEY_ID + "}:month:2026-03-01";

  @TempDir Path dir;

  @Test
  void twoGatewaysChargeOneTotalAndBothRefuseOnceItReachesTheBudget() throws Exception {
    try (RedisServer redis = RedisServer.start(Files.createDirectories(dir.resolve("redis")));
        KeyedGateway one = gateway("one", redis.url(), RedisFailure.OPEN);
        KeyedGateway two = gateway("two", redis.url(), RedisFailure.OPEN)) {
      List<HttpResponse<String>> answered = new ArrayList<>();
      double charged = 0;
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> response = (i % 2 == 0 ? one : two).chat(BUDGET_KEY, chatBody(MINI, false));
        if (response.statusCode() != 200) {
          assertThat(response.statusCode()).as(response.body()).isEqualTo(402);
          break;
        }
        answered.add(response);
        charged += read(response.body()).get("usage").get("cost").asDouble();
        double expected = charged;
        awaitClose(() -> shared(redis, DAY_KEY), expected);
      }

      // 4 x COST is the first total at or over 3.5 x COST: one total, not one per gateway
      assertThat(answered).hasSize(4);
      assertThat(answered).anyMatch(r -> port(r) == port(one)).anyMatch(r -> port(r) == port(two));
      assertThat(charged).isCloseTo(4 * COST, within(1e-12));
      assertThat(shared(redis, DAY_KEY)).isCloseTo(charged, within(1e-12));
      assertThat(shared(redis, MONTH_KEY)).isCloseTo(charged, within(1e-12));
      for (KeyedGateway gateway : List.of(one, two)) {
        HttpResponse<String> refused = gateway.chat(BUDGET_KEY, chatBody(MINI, false));
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(read(refused.body()).get("error").get("message").asText())
            .startsWith("Key 'budgeted' has used its daily budget: spent $0.005914");
      }
      // each gateway saves its own increments: together they are the one total
      double saved = saved(one) + saved(two);
      assertThat(saved(one)).isGreaterThan(0);
      assertThat(saved(two)).isGreaterThan(0);
      assertThat(saved).isCloseTo(charged, within(1e-12));
      assertThat(fallbacks(one) + fallbacks(two)).isZero();
      // a key without a budget is never checked against Redis
      assertThat(one.chat(FREE_KEY, chatBody(MINI, false)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aRedisRestartedWithoutItsDataIsSeededFromTheSavedTotals() throws Exception {
    RedisServer first = RedisServer.start(Files.createDirectories(dir.resolve("redis")));
    RedisServer redis = first;
    try (KeyedGateway gateway = gateway("solo", first.url(), RedisFailure.OPEN)) {
      double charged = spendUntilRefused(gateway, () -> shared(first, DAY_KEY));
      assertThat(saved(gateway)).isCloseTo(charged, within(1e-12));

      RedisServer restarted = first.restart();
      redis = restarted;
      assertThat(restarted.command("GET", DAY_KEY)).isNull();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (restarted.command("GET", DAY_KEY) == null && System.nanoTime() < deadline) {
        // still refused: first from the seeded Redis total (or, while the client reconnects, locally)
        assertThat(gateway.chat(BUDGET_KEY, chatBody(MINI, false)).statusCode()).isEqualTo(402);
        Thread.sleep(200);
      }
      assertThat(shared(restarted, DAY_KEY)).isCloseTo(charged, within(1e-12));
      assertThat(shared(restarted, MONTH_KEY)).isCloseTo(charged, within(1e-12));
      long ttl = Long.parseLong(restarted.command("TTL", DAY_KEY));
      // expires a day after the gateway's day (2026-03-10T12:00Z) ends: 36 hours from its clock
      assertThat(ttl).isBetween(Duration.ofHours(35).toSeconds(), Duration.ofHours(36).toSeconds());
      assertThat(gateway.chat(BUDGET_KEY, chatBody(MINI, false)).statusCode()).isEqualTo(402);
    } finally {
      redis.close();
    }
  }

  @Test
  void aGatewayWhoseRedisIsGoneFailsOpenOnItsOwnLedgerAndCountsIt() throws Exception {
    try (KeyedGateway alone = gateway("open", goneRedis(), RedisFailure.OPEN)) {
      double charged = spendUntilRefused(
          alone, () -> alone.harness().gateway().access().budgetLedger().spent(BUDGET_KEY_ID).dayUsd());

      assertThat(charged).isCloseTo(4 * COST, within(1e-12));
      assertThat(fallbacks(alone)).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void aGatewayWhoseRedisIsGoneFailsClosedWith503InTheCallersDialect() throws Exception {
    try (KeyedGateway closed = gateway("closed", goneRedis(), RedisFailure.CLOSED)) {
      HttpResponse<String> chat = closed.chat(BUDGET_KEY, chatBody(MINI, false));
      HttpResponse<String> messages = closed.harness().post(
          "/v1/messages",
          "{\"model\":\"" + MINI + "\",\"max_tokens\":100,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}",
          "x-api-key", BUDGET_KEY, "anthropic-version", "2023-06-01");

      assertThat(chat.statusCode()).isEqualTo(503);
      JsonNode error = read(chat.body()).get("error");
      assertThat(error.get("type").asText()).isEqualTo("server_error");
      assertThat(error.get("code").asText()).isEqualTo("limits_unavailable");
      assertThat(chat.headers().firstValue("retry-after")).contains("1");
      assertThat(messages.statusCode()).isEqualTo(503);
      JsonNode anthropic = read(messages.body());
      assertThat(anthropic.get("type").asText()).isEqualTo("error");
      assertThat(anthropic.get("error").get("type").asText()).isEqualTo("api_error");
      assertThat(anthropic.get("error").get("message").asText()).contains("cannot be checked");
      // a key with a rate limit but no budget: the shared limiter fails closed the same way
      HttpResponse<String> limited = closed.chat(LIMITED_KEY, chatBody(MINI, false));
      assertThat(limited.statusCode()).isEqualTo(503);
      assertThat(read(limited.body()).get("error").get("code").asText()).isEqualTo("limits_unavailable");
      // nothing to check for a key without budget or limits: served
      assertThat(closed.chat(FREE_KEY, chatBody(MINI, false)).statusCode()).isEqualTo(200);
      assertThat(fallbacks(closed)).isGreaterThanOrEqualTo(2);
      assertThat(closed.harness().gateway().metrics().get("gateway.limits.store.fallbacks").functionCounter().count())
          .isGreaterThanOrEqualTo(1);
    }
  }

  /**
   * Sends requests until one is refused with 402, waiting after each answer until {@code total}
   * shows its cost; checks that 4 were answered and returns what they cost.
   */
  private static double spendUntilRefused(KeyedGateway gateway, DoubleSupplier total) throws Exception {
    double charged = 0;
    int answered = 0;
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> response = gateway.chat(BUDGET_KEY, chatBody(MINI, false));
      if (response.statusCode() == 402) {
        break;
      }
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      answered++;
      charged += read(response.body()).get("usage").get("cost").asDouble();
      awaitClose(total, charged);
    }
    assertThat(answered).isEqualTo(4);
    gateway.harness().gateway().access().flushSpend().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return charged;
  }

  private static void awaitClose(DoubleSupplier actual, double expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (Math.abs(actual.getAsDouble() - expected) > 1e-12 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(actual.getAsDouble()).isCloseTo(expected, within(1e-12));
  }

  private static double shared(RedisServer redis, String key) {
    String value = redis.command("GET", key);
    return value == null ? -1 : Double.parseDouble(value);
  }

  /** Returns the day total a gateway saved in its own key store. */
  private static double saved(KeyedGateway gateway) throws Exception {
    gateway.harness().gateway().access().flushSpend().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (Connection c = gateway.harness().gateway().state().reader();
        PreparedStatement ps = c.prepareStatement(
            "SELECT coalesce(sum(spend_usd), 0) FROM key_spend WHERE key_id = ? AND period = 'day'")) {
      ps.setString(1, BUDGET_KEY_ID);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getDouble(1);
      }
    }
  }

  private String goneRedis() throws Exception {
    RedisServer gone = RedisServer.start(Files.createDirectories(dir.resolve("gone")));
    String url = gone.url();
    gone.close();
    return url;
  }

  private KeyedGateway gateway(String name, String redisUrl, RedisFailure failure) throws Exception {
    KeyedGateway gateway =
        new KeyedGateway(Files.createDirectories(dir.resolve(name)), config -> shared(config, redisUrl, failure));
    gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
    return gateway;
  }

  private static SwitchboardConfig shared(SwitchboardConfig config, String redisUrl, RedisFailure failure) {
    List<StaticKeyConfig> keys = List.of(
        new StaticKeyConfig(
            "budgeted", SecretRef.parse(BUDGET_KEY), "platform", null, List.of(), null, null, DAY_BUDGET, 1.0, false),
        new StaticKeyConfig(
            "free", SecretRef.parse(FREE_KEY), "platform", null, List.of(), null, null, null, null, false),
        new StaticKeyConfig(
            "limited", SecretRef.parse(LIMITED_KEY), "platform", null, List.of(), 100, null, null, null, false));
    AuthConfig auth =
        new AuthConfig(AuthConfig.AuthMode.KEYS, SecretRef.parse(ADMIN_KEY), keys, List.of(), Duration.ofDays(7));
    return config.withAuth(auth).withState(new StateConfig(SecretRef.parse(redisUrl), failure));
  }

  private static double fallbacks(KeyedGateway gateway) {
    return gateway.harness().gateway().metrics().get("gateway.budget.store.fallbacks").functionCounter().count();
  }

  private static int port(HttpResponse<String> response) {
    return response.uri().getPort();
  }

  private static int port(KeyedGateway gateway) {
    return java.net.URI.create(gateway.harness().baseUrl()).getPort();
  }
}
