package dev.switchboard.gateway.teams;

import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static dev.switchboard.gateway.KeyedGateway.responseId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.KeyedGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks organization, team, end-user and session budgets and team rate limits through the real
 * server: each level is crossed by 20 parallel requests, the refusal names the level in OpenAI's
 * and Anthropic's shape, and spend is charged at every level. The gateway's clock stands still, so
 * buckets do not refill and every test uses its own organization.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamBudgetsEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";
  // openai-chat-nonstream-reasoning.json: 577 prompt + 2,320 completion tokens at $0.15/$0.60 per 1M
  private static final double COST = (577 * 0.15 + 2320 * 0.6) / 1e6;
  private static final int PARALLEL = 20;

  @TempDir static Path storeDir;
  private KeyedGateway gateway;

  @BeforeAll
  void start() {
    gateway = new KeyedGateway(storeDir);
    gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void theAdminApiCreatesListsChangesAndDeletesTeamsWithValidation() {
    assertThat(created("{\"id\":\"acme\",\"name\":\"Acme Corp\",\"members\":[\"cfo@acme.test\"],"
        + "\"budget_usd_month\":100}").get("parent").isNull()).isTrue();
    JsonNode ml = created("{\"id\":\"acme-ml\",\"parent\":\"acme\",\"models\":[\"openai/*\"],\"rpm\":50,"
        + "\"budget_usd_day\":5,\"user_budget_usd_day\":0.5}");
    assertThat(ml.get("object").asText()).isEqualTo("team");
    assertThat(ml.get("name").asText()).isEqualTo("acme-ml");
    assertThat(ml.get("rpm").asInt()).isEqualTo(50);
    assertThat(ml.get("spend").get("day_usd").asDouble()).isZero();

    expectError(gateway.admin("POST", "/v1/admin/teams", "{\"name\":\"x\"}"), 400, "invalid_value", "id");
    expectError(gateway.admin("POST", "/v1/admin/teams", "{\"id\":\"Bad Id\"}"), 400, "invalid_value", "id");
    expectError(gateway.admin("POST", "/v1/admin/teams", "{\"id\":\"x1\",\"color\":1}"), 400, "unknown_parameter", "color");
    expectError(gateway.admin("POST", "/v1/admin/teams", "{\"id\":\"x1\",\"rpm\":0}"), 400, "invalid_value", "rpm");
    expectError(gateway.admin("POST", "/v1/admin/teams", "{\"id\":\"x1\",\"budget_usd_day\":-1}"),
        400, "invalid_value", "budget_usd_day");
    expectError(gateway.admin("POST", "/v1/admin/teams", "{\"id\":\"x1\",\"parent\":\"nope\"}"), 400, "invalid_value", "parent");
    expectError(gateway.admin("POST", "/v1/admin/teams", "{\"id\":\"x1\",\"parent\":\"acme-ml\"}"), 400, "invalid_value", "parent");
    expectError(gateway.admin("POST", "/v1/admin/teams", "{\"id\":\"acme\"}"), 409, "team_exists", "id");
    expectError(gateway.admin("PATCH", "/v1/admin/teams/acme", "{\"parent\":\"acme-ml\"}"), 400, "invalid_value", "parent");
    expectError(gateway.admin("GET", "/v1/admin/teams/ghost", null), 404, "team_not_found", "id");

    JsonNode changed = read(gateway.admin("PATCH", "/v1/admin/teams/acme-ml", "{\"rpm\":null,\"tpm\":9000}").body());
    assertThat(changed.get("rpm").isNull()).isTrue();
    assertThat(changed.get("tpm").asLong()).isEqualTo(9000);
    assertThat(changed.get("budget_usd_day").asDouble()).isEqualTo(5.0);
    JsonNode list = read(gateway.admin("GET", "/v1/admin/teams", null).body());
    assertThat(list.get("data").findValuesAsText("id")).contains("acme", "acme-ml");

    String secret = gateway.createKey("{\"name\":\"plain\"}").get("key").asText();
    HttpResponse<String> notAdmin = gateway.harness().request("GET", "/v1/admin/teams", null, "Authorization", "Bearer " + secret);
    assertThat(notAdmin.statusCode()).isEqualTo(403);

    // keys name their team; an unknown team is a 400 and no key is created
    expectError(gateway.admin("POST", "/v1/admin/keys", "{\"name\":\"k\",\"team\":\"ghost\"}"), 400, "invalid_value", "team");
    JsonNode key = gateway.createKey("{\"name\":\"ml-key\",\"team\":\"acme-ml\",\"session_budget_usd\":2}");
    assertThat(key.get("team").asText()).isEqualTo("acme-ml");
    assertThat(key.get("session_budget_usd").asDouble()).isEqualTo(2.0);
    String keyPath = "/v1/admin/keys/" + key.get("id").asText();
    assertThat(read(gateway.admin("GET", keyPath, null).body()).get("team").asText()).isEqualTo("acme-ml");

    // a team in use cannot be deleted; once its keys moved and children are gone it can
    expectError(gateway.admin("DELETE", "/v1/admin/teams/acme-ml", null), 409, "team_in_use", null);
    expectError(gateway.admin("DELETE", "/v1/admin/teams/acme", null), 409, "team_in_use", null);
    JsonNode moved = read(gateway.admin("PATCH", keyPath, "{\"team\":null,\"name\":\"solo\"}").body());
    assertThat(moved.get("team").isNull()).isTrue();
    assertThat(moved.get("name").asText()).isEqualTo("solo");
    assertThat(gateway.admin("DELETE", "/v1/admin/teams/acme-ml", null).statusCode()).isEqualTo(200);
    assertThat(gateway.admin("DELETE", "/v1/admin/teams/acme", null).statusCode()).isEqualTo(200);
    assertThat(gateway.admin("GET", "/v1/admin/teams/acme", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aTeamBudgetCrossedByParallelRequestsRefusesTheNextNamingTheTeam() throws Exception {
    created("{\"id\":\"org-t\"}");
    created("{\"id\":\"team-t\",\"parent\":\"org-t\",\"budget_usd_day\":" + 2 * COST + "}");
    JsonNode key = gateway.createKey("{\"name\":\"kt\",\"team\":\"team-t\"}");
    String secret = key.get("key").asText();

    int admitted = crossInParallel(List.of(secret));

    assertSpend("/v1/admin/teams/team-t", admitted);
    assertSpend("/v1/admin/teams/org-t", admitted);
    assertSpend("/v1/admin/keys/" + key.get("id").asText(), admitted);
    String message = "Team 'team-t' daily budget of $" + GovernanceErrors.usd(2 * COST) + " reached: spent $"
        + GovernanceErrors.usd(admitted * COST) + ". Requests are refused until the budget resets at 2026-03-11T00:00:00Z.";
    expectOpenAiRefusal(gateway.chat(secret, chatBody(MINI, false)), 402, "insufficient_quota", message);
    expectAnthropicRefusal(messages(secret), 402, "billing_error", message);
  }

  @Test
  void anOrganizationBudgetBindsAllItsTeamsTogether() throws Exception {
    created("{\"id\":\"org-o\",\"budget_usd_day\":" + 3 * COST + "}");
    created("{\"id\":\"team-o1\",\"parent\":\"org-o\"}");
    created("{\"id\":\"team-o2\",\"parent\":\"org-o\",\"budget_usd_month\":1000}");
    String one = gateway.createKey("{\"name\":\"ko1\",\"team\":\"team-o1\"}").get("key").asText();
    String two = gateway.createKey("{\"name\":\"ko2\",\"team\":\"team-o2\"}").get("key").asText();

    int admitted = crossInParallel(List.of(one, two));

    assertSpend("/v1/admin/teams/org-o", admitted);
    double team1 = spendOf("/v1/admin/teams/team-o1");
    double team2 = spendOf("/v1/admin/teams/team-o2");
    assertThat(team1 + team2).isCloseTo(admitted * COST, within(1e-9));
    for (String secret : List.of(one, two)) {
      HttpResponse<String> refused = gateway.chat(secret, chatBody(MINI, false));
      expectOpenAiRefusal(refused, 402, "insufficient_quota",
          "Organization 'org-o' daily budget of $" + GovernanceErrors.usd(3 * COST) + " reached: spent $"
              + GovernanceErrors.usd(admitted * COST) + ". Requests are refused until the budget resets at 2026-03-11T00:00:00Z.");
    }
  }

  @Test
  void aWarnOnlyTeamBudgetIsChargedButNeverRefuses() {
    JsonNode team = created("{\"id\":\"team-w\",\"budget_usd_day\":" + COST / 2 + ",\"warn_only\":true}");
    assertThat(team.get("warn_only").asBoolean()).isTrue();
    String secret = gateway.createKey("{\"name\":\"kw\",\"team\":\"team-w\"}").get("key").asText();

    settled(gateway.chat(secret, chatBody(MINI, false)));
    settled(gateway.chat(secret, chatBody(MINI, false)));

    assertSpend("/v1/admin/teams/team-w", 2);
    // turned into a hard budget, the spent team is refused at once
    assertThat(gateway.admin("PATCH", "/v1/admin/teams/team-w", "{\"warn_only\":false}").statusCode()).isEqualTo(200);
    assertThat(gateway.chat(secret, chatBody(MINI, false)).statusCode()).isEqualTo(402);
  }

  @Test
  void statsCanBeLimitedToATeamOrAnOrganization() {
    created("{\"id\":\"org-s\"}");
    created("{\"id\":\"team-s\",\"parent\":\"org-s\"}");
    created("{\"id\":\"team-s2\",\"parent\":\"org-s\"}");
    created("{\"id\":\"team-empty\"}");
    String one = gateway.createKey("{\"name\":\"ks1\",\"team\":\"team-s\"}").get("key").asText();
    String two = gateway.createKey("{\"name\":\"ks2\",\"team\":\"team-s2\"}").get("key").asText();
    settled(gateway.chat(one, chatBody(MINI, false)));
    settled(gateway.chat(one, chatBody(MINI, false)));
    settled(gateway.chat(two, chatBody(MINI, false)));

    assertThat(requestsInStats("team-s")).isEqualTo(2);
    assertThat(requestsInStats("org-s")).isEqualTo(3);
    assertThat(requestsInStats("team-empty")).isZero(); // no keys: no records, not all of them
    expectError(gateway.admin("GET", "/v1/stats/tags?team=ghost", null), 400, "invalid_value", "team");
  }

  private int requestsInStats(String team) {
    HttpResponse<String> response = gateway.admin("GET", "/v1/stats/tags?from=2026-03-10&to=2026-03-11&team=" + team, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    int requests = 0;
    for (JsonNode row : read(response.body()).get("series").get(0).get("rows")) {
      requests += row.get("requests").asInt();
    }
    return requests;
  }

  @Test
  void teamsKeyLinksAndTeamSpendSurviveARestart() {
    created("{\"id\":\"team-p\",\"budget_usd_day\":" + 1.5 * COST + ",\"members\":[\"bob\"]}");
    JsonNode key = gateway.createKey("{\"name\":\"kp\",\"team\":\"team-p\"}");
    String secret = key.get("key").asText();
    settled(gateway.chat(secret, chatBody(MINI, false)));
    settled(gateway.chat(secret, chatBody(MINI, false)));

    gateway.harness().restartGateway();

    JsonNode team = read(gateway.admin("GET", "/v1/admin/teams/team-p", null).body());
    assertThat(team.get("members").get(0).asText()).isEqualTo("bob");
    assertThat(team.get("budget_usd_day").asDouble()).isEqualTo(1.5 * COST);
    assertSpend("/v1/admin/teams/team-p", 2);
    assertThat(read(gateway.admin("GET", "/v1/admin/keys/" + key.get("id").asText(), null).body()).get("team").asText())
        .isEqualTo("team-p");
    assertThat(read(gateway.chat(secret, chatBody(MINI, false)).body()).get("error").get("message").asText())
        .startsWith("Team 'team-p' daily budget");
  }

  @Test
  void aKeyBudgetInsideATeamIsStillTheKeys() throws Exception {
    created("{\"id\":\"org-k\",\"budget_usd_day\":1000}");
    created("{\"id\":\"team-k\",\"parent\":\"org-k\",\"budget_usd_day\":1000}");
    String secret = gateway.createKey("{\"name\":\"kk\",\"team\":\"team-k\",\"budget_usd_day\":" + COST + "}")
        .get("key").asText();

    int admitted = crossInParallel(List.of(secret));

    assertSpend("/v1/admin/teams/team-k", admitted);
    HttpResponse<String> refused = gateway.chat(secret, chatBody(MINI, false));
    assertThat(refused.statusCode()).isEqualTo(402);
    assertThat(read(refused.body()).get("error").get("message").asText()).startsWith("Key 'kk' has used its daily budget");
  }

  @Test
  void teamAndOrganizationRateLimitsAreSharedByTheirKeysAndNamed() throws Exception {
    created("{\"id\":\"org-r\",\"rpm\":7}");
    created("{\"id\":\"team-r\",\"parent\":\"org-r\",\"rpm\":5}");
    created("{\"id\":\"team-r2\",\"parent\":\"org-r\"}");
    String a = gateway.createKey("{\"name\":\"ra\",\"team\":\"team-r\"}").get("key").asText();
    String b = gateway.createKey("{\"name\":\"rb\",\"team\":\"team-r\"}").get("key").asText();
    String c = gateway.createKey("{\"name\":\"rc\",\"team\":\"team-r2\"}").get("key").asText();

    List<HttpResponse<String>> responses = parallel(List.of(a, b), chatBody(MINI, false));

    assertThat(withStatus(responses, 200)).hasSize(5);
    assertThat(withStatus(responses, 429)).hasSize(PARALLEL - 5);
    for (HttpResponse<String> refused : withStatus(responses, 429)) {
      assertThat(read(refused.body()).get("error").get("message").asText())
          .startsWith("Rate limit reached for team 'team-r' on requests per min (RPM): Limit 5, Remaining 0");
      assertThat(refused.headers().firstValue("retry-after")).isPresent();
    }
    // the organization has 2 of its 7 left: a sibling team gets them, then the organization refuses
    assertThat(gateway.chat(c, chatBody(MINI, false)).statusCode()).isEqualTo(200);
    assertThat(gateway.chat(c, chatBody(MINI, false)).statusCode()).isEqualTo(200);
    HttpResponse<String> org = messages(c);
    assertThat(org.statusCode()).isEqualTo(429);
    JsonNode anthropic = read(org.body());
    assertThat(anthropic.get("type").asText()).isEqualTo("error");
    assertThat(anthropic.get("error").get("type").asText()).isEqualTo("rate_limit_error");
    assertThat(anthropic.get("error").get("message").asText())
        .startsWith("Rate limit reached for organization 'org-r' on requests per min (RPM): Limit 7");
  }

  @Test
  void aRequestTheKeyRefusesGivesItsTeamRequestBack() {
    created("{\"id\":\"team-g\",\"rpm\":3}");
    String tight = gateway.createKey("{\"name\":\"tight\",\"team\":\"team-g\",\"rpm\":1}").get("key").asText();
    String other = gateway.createKey("{\"name\":\"other\",\"team\":\"team-g\"}").get("key").asText();

    assertThat(gateway.chat(tight, chatBody(MINI, false)).statusCode()).isEqualTo(200);
    HttpResponse<String> byKey = gateway.chat(tight, chatBody(MINI, false));
    assertThat(byKey.statusCode()).isEqualTo(429);
    assertThat(read(byKey.body()).get("error").get("message").asText()).startsWith("Rate limit reached for key 'tight'");
    // the team still has 2 of its 3: the key's refusal gave the team's request back
    assertThat(gateway.chat(other, chatBody(MINI, false)).statusCode()).isEqualTo(200);
    assertThat(gateway.chat(other, chatBody(MINI, false)).statusCode()).isEqualTo(200);
    assertThat(read(gateway.chat(other, chatBody(MINI, false)).body()).get("error").get("message").asText())
        .startsWith("Rate limit reached for team 'team-g'");
  }

  @Test
  void teamsAndOrganizationsLimitTheModelsTheirKeysMayCall() {
    created("{\"id\":\"org-m\",\"models\":[\"openai/*\"]}");
    created("{\"id\":\"team-m\",\"parent\":\"org-m\",\"models\":[\"openai/gpt-4o\"]}");
    String secret = gateway.createKey("{\"name\":\"km\",\"team\":\"team-m\"}").get("key").asText();

    HttpResponse<String> refused = gateway.chat(secret, chatBody(MINI, false));

    expectOpenAiRefusal(refused, 403, "permission_error",
        "The team 'team-m' of this API key is not allowed to use the model `" + MINI + "`.");
  }

  @Test
  void anEndUserBudgetCapsEachUserOfAKeyAndOfATeamSeparately() throws Exception {
    created("{\"id\":\"team-u\",\"user_budget_usd_day\":" + 2 * COST + "}");
    String keyCapped = gateway.createKey("{\"name\":\"ku\",\"user_budget_usd_day\":" + COST / 2 + "}").get("key").asText();
    String teamCapped = gateway.createKey("{\"name\":\"ktu\",\"team\":\"team-u\"}").get("key").asText();

    settled(gateway.chat(keyCapped, chatBody(MINI, false)));
    expectOpenAiRefusal(gateway.chat(keyCapped, chatBody(MINI, false)), 402, "insufficient_quota",
        "End user 'user-7' of key 'ku' daily budget of $" + GovernanceErrors.usd(COST / 2) + " reached: spent $"
            + GovernanceErrors.usd(COST) + ". Requests are refused until the budget resets at 2026-03-11T00:00:00Z.");
    // another end user of the same key has their own cap
    settled(gateway.chat(keyCapped, chatBody(MINI, false).replace("user-7", "user-8")));

    int admitted = crossInParallel(List.of(teamCapped));
    assertThat(admitted).isGreaterThanOrEqualTo(2);
    HttpResponse<String> refused = gateway.chat(teamCapped, chatBody(MINI, false));
    assertThat(read(refused.body()).get("error").get("message").asText())
        .startsWith("End user 'user-7' of team 'team-u' daily budget of $");
    settled(gateway.chat(teamCapped, chatBody(MINI, false).replace("user-7", "user-9")));
  }

  @Test
  void aSessionBudgetStopsOneAgentLoopButNotTheNextSession() {
    String secret = gateway.createKey("{\"name\":\"loop\",\"session_budget_usd\":" + 1.5 * COST + "}").get("key").asText();

    settled(gateway.chat(secret, chatBody(MINI, false), "x-session-id", "loop-1"));
    settled(gateway.chat(secret, chatBody(MINI, false), "x-session-id", "loop-1"));
    HttpResponse<String> refused = gateway.chat(secret, chatBody(MINI, false), "x-session-id", "loop-1");

    assertThat(refused.statusCode()).isEqualTo(402);
    assertThat(read(refused.body()).get("error").get("message").asText())
        .matches("Session '[0-9a-f]{8}' monthly budget of \\$0\\.002218 reached: spent \\$0\\.002957\\. .*");
    settled(gateway.chat(secret, chatBody(MINI, false), "x-session-id", "loop-2"));
  }

  /** Sends 20 parallel requests over {@code secrets}, expects 200s and 402s only, waits for their records. */
  private int crossInParallel(List<String> secrets) throws Exception {
    List<HttpResponse<String>> responses = parallel(secrets, chatBody(MINI, false));
    List<HttpResponse<String>> ok = withStatus(responses, 200);
    assertThat(ok.size() + withStatus(responses, 402).size()).isEqualTo(PARALLEL);
    assertThat(ok).isNotEmpty();
    ok.forEach(this::settled);
    return ok.size();
  }

  private List<HttpResponse<String>> parallel(List<String> secrets, String body) throws Exception {
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      String secret = secrets.get(i % secrets.size());
      calls.add(() -> gateway.chat(secret, body));
    }
    return KeyedGateway.inParallel(calls);
  }

  /** Expects a 200 and waits until its usage record (and so its spend) is settled. */
  private void settled(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    gateway.harness().awaitRecord(responseId(response));
  }

  private HttpResponse<String> messages(String secret) {
    String body = "{\"model\":\"" + MINI + "\",\"max_tokens\":100,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";
    return gateway.harness().post("/v1/messages", body, "x-api-key", secret, "anthropic-version", "2023-06-01");
  }

  private JsonNode created(String json) {
    HttpResponse<String> response = gateway.admin("POST", "/v1/admin/teams", json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return read(response.body());
  }

  private double spendOf(String path) {
    HttpResponse<String> response = gateway.admin("GET", path, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return read(response.body()).get("spend").get("day_usd").asDouble();
  }

  private void assertSpend(String path, int requests) {
    assertThat(spendOf(path)).as(path).isCloseTo(requests * COST, within(1e-9));
  }

  private static List<HttpResponse<String>> withStatus(List<HttpResponse<String>> responses, int status) {
    return responses.stream().filter(r -> r.statusCode() == status).toList();
  }

  private static void expectError(HttpResponse<String> response, int status, String code, String param) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = read(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("param").isNull() ? null : error.get("param").asText()).isEqualTo(param);
  }

  private static void expectOpenAiRefusal(HttpResponse<String> response, int status, String type, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = read(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo(type);
    assertThat(error.get("message").asText()).isEqualTo(message);
  }

  private static void expectAnthropicRefusal(HttpResponse<String> response, int status, String type, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode answer = read(response.body());
    assertThat(answer.get("type").asText()).isEqualTo("error");
    assertThat(answer.get("error").get("type").asText()).isEqualTo(type);
    assertThat(answer.get("error").get("message").asText()).isEqualTo(message);
  }
}
