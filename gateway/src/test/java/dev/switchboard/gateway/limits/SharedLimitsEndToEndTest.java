package dev.switchboard.gateway.limits;

import static dev.switchboard.gateway.KeyedGateway.ADMIN_KEY;
import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.AuthConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.StateConfig;
import dev.switchboard.config.StaticKeyConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.gateway.KeyedGateway;
import dev.switchboard.gateway.RedisServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that rate limits hold across gateways sharing a real Redis: a key limited to 10 requests
 * a minute gets 10 of 30 spread over two gateways, refused in the shape of the API it called, and
 * that a gateway whose Redis is gone keeps serving and limiting in its own process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedLimitsEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";
  private static final String CHAT_KEY = "sb-shared-chat-key-0123456789abcdef0123456789";
  private static final String MESSAGES_KEY = "sb-shared-messages-key-0123456789abcdef01234";
  private static final int RPM = 10;

  @TempDir static Path dir;
  private RedisServer redis;
  private KeyedGateway one;
  private KeyedGateway two;

  @BeforeAll
  void start() throws Exception {
    redis = RedisServer.start(Files.createDirectories(dir.resolve("redis")));
    one = gateway("one", redis.url());
    two = gateway("two", redis.url());
  }

  @AfterAll
  void stop() {
    one.close();
    two.close();
    redis.close();
  }

  private static KeyedGateway gateway(String name, String redisUrl) throws Exception {
    KeyedGateway gateway =
        new KeyedGateway(
            Files.createDirectories(dir.resolve(name)),
            config -> sharedLimits(config, redisUrl));
    gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
    return gateway;
  }

  private static SwitchboardConfig sharedLimits(SwitchboardConfig config, String redisUrl) {
    List<StaticKeyConfig> keys =
        List.of(key("shared-chat", CHAT_KEY), key("shared-messages", MESSAGES_KEY));
    AuthConfig auth =
        new AuthConfig(
            AuthConfig.AuthMode.KEYS, SecretRef.parse(ADMIN_KEY), keys, List.of(), Duration.ofDays(7));
    return config.withAuth(auth).withState(new StateConfig(SecretRef.parse(redisUrl)));
  }

  private static StaticKeyConfig key(String name, String secret) {
    return new StaticKeyConfig(
        name, SecretRef.parse(secret), "platform", null, List.of(), RPM, null, null, null, false);
  }

  @Test
  void aKeyLimitedToTenPerMinuteGetsTenAcrossTwoGatewaysInOpenAiShape() {
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      KeyedGateway gateway = i % 2 == 0 ? one : two;
      responses.add(gateway.chat(CHAT_KEY, chatBody(MINI, false)));
    }

    List<HttpResponse<String>> ok = withStatus(responses, 200);
    List<HttpResponse<String>> limited = withStatus(responses, 429);
    assertThat(ok).hasSize(RPM);
    assertThat(limited).hasSize(30 - RPM);
    // both gateways admitted some and refused some: the count is shared, not split
    assertThat(ok).anyMatch(r -> r.uri().getPort() == port(one)).anyMatch(r -> r.uri().getPort() == port(two));
    assertThat(ok.stream().map(r -> header(r, "x-ratelimit-remaining-requests")).toList())
        .containsExactly("9", "8", "7", "6", "5", "4", "3", "2", "1", "0");
    for (HttpResponse<String> refused : limited) {
      JsonNode error = read(refused.body()).get("error");
      assertThat(error.get("type").asText()).isEqualTo("requests");
      assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
      assertThat(header(refused, "x-ratelimit-limit-requests")).isEqualTo("10");
      assertThat(header(refused, "x-ratelimit-remaining-requests")).isEqualTo("0");
      assertThat(Long.parseLong(header(refused, "retry-after"))).isBetween(1L, 6L);
    }
    assertThat(fallbacks(one) + fallbacks(two)).isZero();
  }

  @Test
  void theSameLimitRefusesMessagesInAnthropicShape() {
    String body =
        "{\"model\":\"" + MINI + "\",\"max_tokens\":100,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      KeyedGateway gateway = i % 2 == 0 ? one : two;
      responses.add(
          gateway.harness().post(
              "/v1/messages", body, "x-api-key", MESSAGES_KEY, "anthropic-version", "2023-06-01"));
    }

    assertThat(withStatus(responses, 200)).hasSize(RPM);
    List<HttpResponse<String>> limited = withStatus(responses, 429);
    assertThat(limited).hasSize(30 - RPM);
    for (HttpResponse<String> refused : limited) {
      JsonNode answer = read(refused.body());
      assertThat(answer.get("type").asText()).isEqualTo("error");
      assertThat(answer.get("error").get("type").asText()).isEqualTo("rate_limit_error");
      assertThat(header(refused, "retry-after")).isNotNull();
    }
  }

  @Test
  void aGatewayWhoseRedisIsGoneServesAndLimitsInItsOwnProcessAndCountsIt() throws Exception {
    RedisServer gone = RedisServer.start(Files.createDirectories(dir.resolve("gone")));
    String url = gone.url();
    gone.close();
    KeyedGateway alone = gateway("alone", url);
    try {
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        responses.add(alone.chat(CHAT_KEY, chatBody(MINI, false)));
      }
      // fail open: served, and still limited by this process's buckets
      assertThat(withStatus(responses, 200)).hasSize(RPM);
      assertThat(withStatus(responses, 429)).hasSize(2);
      assertThat(fallbacks(alone)).isGreaterThanOrEqualTo(12);
    } finally {
      alone.close();
    }
  }

  private static double fallbacks(KeyedGateway gateway) {
    return gateway.harness().gateway().metrics()
        .get("gateway.limits.store.fallbacks").functionCounter().count();
  }

  private static int port(KeyedGateway gateway) {
    return java.net.URI.create(gateway.harness().baseUrl()).getPort();
  }

  private static List<HttpResponse<String>> withStatus(List<HttpResponse<String>> responses, int status) {
    return responses.stream().filter(r -> r.statusCode() == status).toList();
  }

  private static String header(HttpResponse<String> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }
}
