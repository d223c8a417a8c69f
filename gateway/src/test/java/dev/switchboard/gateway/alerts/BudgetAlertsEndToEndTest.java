package dev.switchboard.gateway.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static dev.switchboard.gateway.KeyedGateway.responseId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.config.AlertsConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.KeyedGateway;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks budget alerts through the real server and a WireMock webhook: 20 parallel requests cross
 * 50%, 80% and 100% of a team's daily budget, each threshold is posted once, signed, and the
 * first post, answered 500, is retried; the delivery log says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BudgetAlertsEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";
  // openai-chat-nonstream-reasoning.json: 577 prompt + 2,320 completion tokens at $0.15/$0.60 per 1M
  private static final double COST = (577 * 0.15 + 2320 * 0.6) / 1e6;
  private static final String SECRET = "whsec-test-0123456789abcdef";
  private static final String HOOK = "/hooks/budget";

  @TempDir static Path storeDir;
  private WireMockServer webhook;
  private KeyedGateway gateway;

  @BeforeAll
  void start() {
    webhook = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    webhook.start();
    // the first delivery fails with a 500, every later one succeeds
    webhook.stubFor(post(urlEqualTo(HOOK)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
    webhook.stubFor(post(urlEqualTo(HOOK)).inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(204)));
    AlertsConfig alerts = new AlertsConfig(List.of(
        new AlertsConfig.Webhook("http://127.0.0.1:" + webhook.port() + HOOK, SecretRef.parse(SECRET))));
    gateway = new KeyedGateway(storeDir, config -> config.withAlerts(alerts));
    gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
  }

  @AfterAll
  void stop() {
    gateway.close();
    webhook.stop();
  }

  @Test
  @Order(1) // the webhook's first answer is a 500: this test sees it
  void eachThresholdIsPostedOnceSignedAndRetriedAfterA500() throws Exception {
    assertThat(gateway.admin("POST", "/v1/admin/teams", "{\"id\":\"alerted\",\"budget_usd_day\":" + 10 * COST + "}")
        .statusCode()).isEqualTo(201);
    String secret = gateway.createKey("{\"name\":\"ka\",\"team\":\"alerted\"}").get("key").asText();

    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(() -> gateway.chat(secret, chatBody(MINI, false)));
    }
    List<HttpResponse<String>> responses = KeyedGateway.inParallel(calls);
    for (HttpResponse<String> response : responses) {
      assertThat(response.statusCode()).isIn(200, 402);
      if (response.statusCode() == 200) {
        gateway.harness().awaitRecord(responseId(response));
      }
    }
    assertThat(gateway.chat(secret, chatBody(MINI, false)).statusCode()).isEqualTo(402);

    List<LoggedRequest> posts = awaitPosts(4); // three alerts, at least one of them twice
    Thread.sleep(1_000); // nothing more arrives: each threshold fired once
    posts = webhook.findAll(postRequestedFor(urlEqualTo(HOOK)));
    List<Integer> thresholds = new ArrayList<>();
    for (LoggedRequest post : posts) {
      String expected = "sha256=" + WebhookSender.hmac(SECRET.getBytes(StandardCharsets.UTF_8), post.getBody());
      assertThat(post.getHeader(WebhookSender.SIGNATURE_HEADER)).isEqualTo(expected);
      JsonNode body = read(post.getBodyAsString());
      assertThat(body.get("type").asText()).isEqualTo("budget.threshold");
      assertThat(body.get("budget").asText()).isEqualTo("team:alerted");
      assertThat(body.get("subject").asText()).isEqualTo("team 'alerted'");
      assertThat(body.get("period").asText()).isEqualTo("day");
      assertThat(body.get("period_start").asText()).isEqualTo("2026-03-10");
      assertThat(body.get("spent_usd").asDouble())
          .isGreaterThanOrEqualTo(body.get("threshold_percent").asInt() / 100.0 * 10 * COST - 1e-12);
      thresholds.add(body.get("threshold_percent").asInt());
    }
    // the first post got the 500 and the same body came again: the retry (alerts posted at the
    // same moment may both meet the 500, so each body arrives once or twice)
    Map<String, Long> timesSent = posts.stream()
        .collect(Collectors.groupingBy(LoggedRequest::getBodyAsString, Collectors.counting()));
    assertThat(timesSent).hasSize(3);
    assertThat(timesSent.get(posts.get(0).getBodyAsString())).isEqualTo(2);
    assertThat(timesSent.values()).allMatch(n -> n == 1 || n == 2);
    assertThat(thresholds.stream().distinct().sorted().toList()).containsExactly(50, 80, 100);
    List<String> log = AlertLog.open(gateway.harness().gateway().state()).entries();
    assertThat(log).hasSize(3).allMatch(e -> e.startsWith("team:alerted|day|2026-03-10|"));
    assertThat(log.stream().map(e -> e.substring(e.indexOf('=') + 1)).toList()).containsExactlyInAnyOrderElementsOf(
        timesSent.values().stream().map(n -> "delivered/" + n).toList());
  }

  @Test
  @Order(2)
  void aWarnOnlyTagBudgetNeverRefusesButAlertsOncePerThreshold() throws Exception {
    JsonNode set = read(gateway.admin("PUT", "/v1/admin/tags/soft",
        "{\"budget_usd_day\":" + 2 * COST + ",\"warn_only\":true}").body());
    assertThat(set.get("warn_only").asBoolean()).isTrue();
    String secret = gateway.createKey("{\"name\":\"soft-key\"}").get("key").asText();

    for (int i = 0; i < 4; i++) { // up to twice the budget: never refused
      HttpResponse<String> response = gateway.chat(secret, chatBody(MINI, false), "x-switchboard-tags", "soft");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      gateway.harness().awaitRecord(responseId(response));
    }

    long deadline = System.nanoTime() + 15_000_000_000L;
    while (softPosts() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(1_000); // nothing more arrives: each threshold fired once
    List<LoggedRequest> posts = webhook.findAll(postRequestedFor(urlEqualTo(HOOK)));
    List<Integer> thresholds = new ArrayList<>();
    for (LoggedRequest post : posts) {
      JsonNode body = read(post.getBodyAsString());
      if (body.get("budget").asText().equals("tag:soft")) {
        assertThat(body.get("warn_only").asBoolean()).isTrue();
        assertThat(body.get("subject").asText()).isEqualTo("tag 'soft'");
        thresholds.add(body.get("threshold_percent").asInt());
      }
    }
    assertThat(thresholds).containsExactlyInAnyOrder(50, 80, 100);
  }

  private long softPosts() {
    return webhook.findAll(postRequestedFor(urlEqualTo(HOOK))).stream()
        .filter(p -> p.getBodyAsString().contains("\"budget\":\"tag:soft\"")).count();
  }

  private List<LoggedRequest> awaitPosts(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    List<LoggedRequest> posts = webhook.findAll(postRequestedFor(urlEqualTo(HOOK)));
    while (posts.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
      posts = webhook.findAll(postRequestedFor(urlEqualTo(HOOK)));
    }
    return posts;
  }
}
