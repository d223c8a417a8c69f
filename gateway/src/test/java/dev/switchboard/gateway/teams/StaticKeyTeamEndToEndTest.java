package dev.switchboard.gateway.teams;

import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static dev.switchboard.gateway.KeyedGateway.responseId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.AuthConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.StaticKeyConfig;
import dev.switchboard.gateway.KeyedGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks a key declared in config with {@code team:} through the real server: it works before the
 * team exists, the team's daily budget refuses it once spent (naming the team), its spend counts
 * in the team's, the key shows its team, stats by team include it, and the team cannot be deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticKeyTeamEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";
  // openai-chat-nonstream-reasoning.json: 577 prompt + 2,320 completion tokens at $0.15/$0.60 per 1M
  private static final double COST = (577 * 0.15 + 2320 * 0.6) / 1e6;
  private static final String OPS_KEY = "sb-static-ops-key-0123456789abcdef01234567";

  @TempDir static Path storeDir;
  private KeyedGateway gateway;

  @BeforeAll
  void start() {
    StaticKeyConfig ops = new StaticKeyConfig(
        "ops", SecretRef.parse(OPS_KEY), "platform", null, List.of(), null, null, null, null, false, "platform");
    gateway = new KeyedGateway(storeDir, config -> config.withAuth(new AuthConfig(
        AuthConfig.AuthMode.KEYS, SecretRef.parse(KeyedGateway.ADMIN_KEY), List.of(ops), List.of(), Duration.ofDays(7))));
    gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
    // a cold first call can miss the harness's 2 s first-byte timeout on a loaded machine; answered
    // or not, it is recorded
    gateway.chat(OPS_KEY, chatBody(MINI, false));
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void aConfigKeyInATeamIsBoundByTheTeamBudget() {
    // the team does not exist yet: nothing above the key's own (unlimited) policy
    settled(gateway.chat(OPS_KEY, chatBody(MINI, false)));

    HttpResponse<String> created = gateway.admin("POST", "/v1/admin/teams",
        "{\"id\":\"platform\",\"budget_usd_day\":" + 2 * COST + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    settled(gateway.chat(OPS_KEY, chatBody(MINI, false)));
    settled(gateway.chat(OPS_KEY, chatBody(MINI, false)));

    HttpResponse<String> refused = gateway.chat(OPS_KEY, chatBody(MINI, false));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
    assertThat(read(refused.body()).at("/error/message").asText()).startsWith(
        "Team 'platform' daily budget of $" + GovernanceErrors.usd(2 * COST) + " reached");
    // spend charged to the team since it exists: the two requests after its creation
    JsonNode team = read(gateway.admin("GET", "/v1/admin/teams/platform", null).body());
    assertThat(team.at("/spend/day_usd").asDouble()).isCloseTo(2 * COST, within(1e-9));
    JsonNode key = read(gateway.admin("GET", "/v1/admin/keys/cfg_ops", null).body());
    assertThat(key.get("team").asText()).isEqualTo("platform");
    // every request of the key counts in the team's stats: the warm-up, three answered, the refusal
    gateway.harness().awaitRecordCount(5);
    HttpResponse<String> stats = gateway.admin("GET", "/v1/stats/tags?from=2026-03-10&to=2026-03-11&team=platform", null);
    assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);
    assertThat(read(stats.body()).at("/series/0/rows/0/requests").asInt()).isEqualTo(5);
    HttpResponse<String> delete = gateway.admin("DELETE", "/v1/admin/teams/platform", null);
    assertThat(delete.statusCode()).as(delete.body()).isEqualTo(409);
  }

  @Test
  void theStatsCatalogOffersTeamIdsToTheAdminOnly() {
    gateway.admin("POST", "/v1/admin/teams", "{\"id\":\"catalog-team\"}");
    JsonNode admin = teamParameter(gateway.admin("GET", "/v1/stats", null));
    List<String> ids = new java.util.ArrayList<>();
    admin.get("values").forEach(v -> ids.add(v.asText()));
    assertThat(ids).contains("catalog-team");
    JsonNode key = teamParameter(gateway.harness().request("GET", "/v1/stats", null, "Authorization", "Bearer " + OPS_KEY));
    assertThat(key.has("values")).as("a gateway key sees only its own records: no teams offered").isFalse();
  }

  private static JsonNode teamParameter(HttpResponse<String> catalog) {
    assertThat(catalog.statusCode()).as(catalog.body()).isEqualTo(200);
    for (JsonNode p : read(catalog.body()).at("/data/0/parameters")) {
      if (p.get("name").asText().equals("team")) {
        return p;
      }
    }
    throw new AssertionError("no team parameter in " + catalog.body());
  }

  private void settled(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    gateway.harness().awaitRecord(responseId(response));
  }
}
