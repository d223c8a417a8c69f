package dev.switchboard.gateway.reports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static dev.switchboard.gateway.KeyedGateway.responseId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.config.AlertsConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.KeyedGateway;
import dev.switchboard.gateway.alerts.AlertLog;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks daily team spend reports through the real server and a WireMock webhook: nothing before
 * the day closes, then one signed report per team and organization with the figures of the known
 * traffic, none again after a restart, and the next day's reports when that day closes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpendReportsEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";
  // openai-chat-nonstream-reasoning.json: 577 prompt + 2,320 completion tokens at $0.15/$0.60 per 1M
  private static final double COST = (577 * 0.15 + 2320 * 0.6) / 1e6;
  private static final long TOKENS = 577 + 2320;
  private static final String SECRET = "whsec-reports-0123456789abcdef";
  private static final String HOOK = "/hooks/spend";
  private static final String WEEKLY = "/hooks/weekly";

  @TempDir static Path storeDir;
  private WireMockServer webhook;
  private KeyedGateway gateway;

  @BeforeAll
  void start() {
    webhook = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    webhook.start();
    webhook.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(204)));
    webhook.stubFor(post(urlEqualTo(WEEKLY)).willReturn(aResponse().withStatus(204)));
    AlertsConfig alerts = new AlertsConfig(
        List.of(new AlertsConfig.Webhook("http://127.0.0.1:" + webhook.port() + HOOK, SecretRef.parse(SECRET))),
        new AlertsConfig.Reports(AlertsConfig.ReportPeriod.DAY, 5));
    gateway = new KeyedGateway(storeDir, config -> config.withAlerts(alerts));
    gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
    // a cold first call can miss the harness's 2 s first-byte timeout on a loaded machine: the
    // config key, in no team, takes it
    gateway.chat(KeyedGateway.STATIC_KEY, chatBody(MINI, false));
  }

  @AfterAll
  void stop() {
    gateway.close();
    webhook.stop();
  }

  @Test
  void eachTeamGetsOneSignedReportPerClosedDayWithItsFiguresAndNoneTwiceAfterARestart() throws Exception {
    created("{\"id\":\"rep-org\",\"budget_usd_month\":100}");
    created("{\"id\":\"rep-a\",\"parent\":\"rep-org\",\"budget_usd_day\":" + 10 * COST + "}");
    created("{\"id\":\"rep-b\"}");
    JsonNode keyA = gateway.createKey("{\"name\":\"ka\",\"team\":\"rep-a\"}");
    String a = keyA.get("key").asText();
    String b = gateway.createKey("{\"name\":\"kb\",\"team\":\"rep-b\"}").get("key").asText();
    String loner = gateway.createKey("{\"name\":\"kc\"}").get("key").asText();
    settled(gateway.chat(a, chatBody(MINI, false), "x-switchboard-tags", "batch"));
    settled(gateway.chat(a, chatBody(MINI, false), "x-switchboard-tags", "batch"));
    settled(gateway.chat(a, chatBody(MINI, false)));
    settled(gateway.chat(b, chatBody(MINI, false)));
    settled(gateway.chat(loner, chatBody(MINI, false)));

    Thread.sleep(1_500); // the timer checks every second: the day has not closed
    assertThat(reports()).isEmpty();
    gateway.clock().advance(Duration.ofHours(12).plusSeconds(30)); // closed, but records may still be on their way
    Thread.sleep(1_500);
    assertThat(reports()).isEmpty();

    gateway.clock().advance(Duration.ofSeconds(31)); // 2026-03-11T00:01:01Z: a minute after the close
    Map<String, JsonNode> day = byTeam(awaitReports(3));
    Thread.sleep(1_500);
    assertThat(reports()).hasSize(3); // one per team and organization, not one per check

    JsonNode ra = day.get("rep-a");
    assertThat(ra.get("subject").asText()).isEqualTo("team 'rep-a'");
    assertThat(ra.get("period").asText()).isEqualTo("day");
    assertThat(ra.get("period_start").asText()).isEqualTo("2026-03-10T00:00:00Z");
    assertThat(ra.get("period_end").asText()).isEqualTo("2026-03-11T00:00:00Z");
    assertThat(ra.get("spend_usd").asDouble()).isCloseTo(3 * COST, within(1e-12));
    assertThat(ra.get("requests").asLong()).isEqualTo(3);
    assertThat(ra.get("tokens").asLong()).isEqualTo(3 * TOKENS);
    assertThat(ra.get("budget_usd_day").asDouble()).isEqualTo(10 * COST);
    assertThat(ra.get("day_share_used").asDouble()).isCloseTo(0.3, within(1e-9));
    assertThat(ra.get("month_to_date_usd").asDouble()).isCloseTo(3 * COST, within(1e-12));
    assertThat(ra.get("month_share_used").isNull()).isTrue();
    assertThat(ra.at("/top_models/0/model").asText()).isEqualTo(MINI);
    assertThat(ra.at("/top_models/0/requests").asLong()).isEqualTo(3);
    assertThat(ra.get("top_keys")).hasSize(1);
    assertThat(ra.at("/top_keys/0/key").asText()).isEqualTo(keyA.get("id").asText());
    assertThat(ra.at("/top_keys/0/spend_usd").asDouble()).isCloseTo(3 * COST, within(1e-12));
    assertThat(ra.at("/top_tags/0/tag").asText()).isEqualTo("batch");
    assertThat(ra.at("/top_tags/0/requests").asLong()).isEqualTo(2);
    assertThat(ra.at("/top_tags/1/tag").asText()).isEqualTo("untagged");

    JsonNode rb = day.get("rep-b");
    assertThat(rb.get("spend_usd").asDouble()).isCloseTo(COST, within(1e-12));
    assertThat(rb.get("requests").asLong()).isEqualTo(1);
    assertThat(rb.get("day_share_used").isNull()).isTrue();
    JsonNode org = day.get("rep-org");
    assertThat(org.get("subject").asText()).isEqualTo("organization 'rep-org'");
    assertThat(org.get("spend_usd").asDouble()).isCloseTo(3 * COST, within(1e-12)); // its team's keys only
    assertThat(org.get("month_share_used").asDouble()).isCloseTo(3 * COST / 100, within(1e-12));

    gateway.harness().restartGateway();
    Thread.sleep(2_500); // the new process checks the closed day at once: already claimed, not sent again
    assertThat(reports()).hasSize(3);

    settled(gateway.chat(b, chatBody(MINI, false)));
    settled(gateway.chat(b, chatBody(MINI, false)));
    gateway.clock().advance(Duration.ofDays(1)); // 2026-03-12T00:01:01Z
    List<LoggedRequest> all = awaitReports(6);
    Thread.sleep(1_500);
    assertThat(reports()).hasSize(6);
    Map<String, JsonNode> nextDay = byTeam(all.subList(3, 6));
    assertThat(nextDay.get("rep-b").get("period_start").asText()).isEqualTo("2026-03-11T00:00:00Z");
    assertThat(nextDay.get("rep-b").get("requests").asLong()).isEqualTo(2);
    assertThat(nextDay.get("rep-a").get("spend_usd").asDouble()).isZero();
    assertThat(nextDay.get("rep-a").get("month_to_date_usd").asDouble()).isCloseTo(3 * COST, within(1e-12));
    assertThat(AlertLog.open(gateway.harness().gateway().state()).entries())
        .contains("report:team:rep-a|day|2026-03-10|0=delivered/1", "report:team:rep-a|day|2026-03-11|0=delivered/1");
  }

  @Test
  void aWeeklyReportCoversMondayToMondayAndIsSentWhenTheWeekCloses() throws Exception {
    AlertsConfig weekly = new AlertsConfig(
        List.of(new AlertsConfig.Webhook("http://127.0.0.1:" + webhook.port() + WEEKLY, SecretRef.parse(SECRET))),
        new AlertsConfig.Reports(AlertsConfig.ReportPeriod.WEEK, 5));
    try (KeyedGateway week = new KeyedGateway(Files.createDirectories(storeDir.resolve("weekly")), config -> config.withAlerts(weekly))) {
      week.stubUpstream("openai-chat-nonstream-reasoning.json");
      week.chat(KeyedGateway.STATIC_KEY, chatBody(MINI, false)); // warm-up, in no team
      assertThat(week.admin("POST", "/v1/admin/teams", "{\"id\":\"weekly-team\",\"budget_usd_month\":50}").statusCode())
          .isEqualTo(201);
      String secret = week.createKey("{\"name\":\"kw\",\"team\":\"weekly-team\"}").get("key").asText();
      for (int i = 0; i < 2; i++) { // Tuesday 2026-03-10, then Sunday 2026-03-15
        HttpResponse<String> response = week.chat(secret, chatBody(MINI, false));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        week.harness().awaitRecord(responseId(response));
        week.clock().advance(Duration.ofDays(5));
      }
      // now Friday 2026-03-20: the week of Monday 2026-03-09 has closed
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (webhook.findAll(postRequestedFor(urlEqualTo(WEEKLY))).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(1_500);
      List<LoggedRequest> posts = webhook.findAll(postRequestedFor(urlEqualTo(WEEKLY)));
      JsonNode report = byTeam(posts).get("weekly-team");
      assertThat(posts).hasSize(1);
      assertThat(report.get("period").asText()).isEqualTo("week");
      assertThat(report.get("period_start").asText()).isEqualTo("2026-03-09T00:00:00Z");
      assertThat(report.get("period_end").asText()).isEqualTo("2026-03-16T00:00:00Z");
      assertThat(report.get("requests").asLong()).isEqualTo(2);
      assertThat(report.get("spend_usd").asDouble()).isCloseTo(2 * COST, within(1e-12));
      assertThat(report.get("day_share_used").isNull()).isTrue();
      assertThat(report.get("month_share_used").asDouble()).isCloseTo(2 * COST / 50, within(1e-12));
    }
  }

  private List<LoggedRequest> reports() {
    return webhook.findAll(postRequestedFor(urlEqualTo(HOOK))).stream()
        .filter(p -> read(p.getBodyAsString()).get("type").asText().equals("spend.report"))
        .toList();
  }

  private List<LoggedRequest> awaitReports(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (reports().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    List<LoggedRequest> found = reports();
    assertThat(found).hasSizeGreaterThanOrEqualTo(count);
    return found;
  }

  /** Returns the reports by team, each checked for its signature. */
  private static Map<String, JsonNode> byTeam(List<LoggedRequest> posts) throws Exception {
    Map<String, JsonNode> byTeam = new HashMap<>();
    for (LoggedRequest post : posts) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      assertThat(post.getHeader("X-Switchboard-Signature"))
          .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(post.getBody())));
      JsonNode body = read(post.getBodyAsString());
      assertThat(byTeam.put(body.get("team").asText(), body)).as("one report per team").isNull();
    }
    return byTeam;
  }

  private void created(String json) {
    HttpResponse<String> response = gateway.admin("POST", "/v1/admin/teams", json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private void settled(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    gateway.harness().awaitRecord(responseId(response));
  }
}
