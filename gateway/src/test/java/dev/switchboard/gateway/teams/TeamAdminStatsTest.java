package dev.switchboard.gateway.teams;

import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static dev.switchboard.gateway.KeyedGateway.responseId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.KeyedGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks team-admin keys through the real server (embedded store): a key made its team's admin
 * reads {@code /v1/stats/*} for its team only (an organization's admin for each of its teams),
 * another team is refused 403, a plain key still sees only its own records and may not name a
 * team, the admin key sees everything; the role survives a restart and ends with the team link.
 */
class TeamAdminStatsTest {
  private static final String MINI = "openai/gpt-4o-mini";
  private static final String STATS = "/v1/stats/tags?from=2026-03-10&to=2026-03-11";

  @TempDir Path dir;
  private KeyedGateway gateway;
  private JsonNode mlAdmin;
  private String mlMember;
  private String orgAdmin;

  @BeforeEach
  void start() {
    gateway = new KeyedGateway(dir);
    gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
    for (String team : new String[] {"{\"id\":\"acme\"}", "{\"id\":\"ml\",\"parent\":\"acme\"}",
        "{\"id\":\"ops\",\"parent\":\"acme\"}"}) {
      assertThat(gateway.admin("POST", "/v1/admin/teams", team).statusCode()).isEqualTo(201);
    }
    mlAdmin = gateway.createKey("{\"name\":\"ml-lead\",\"team\":\"ml\",\"team_role\":\"admin\"}");
    mlMember = gateway.createKey("{\"name\":\"ml-dev\",\"team\":\"ml\"}").get("key").asText();
    String ops = gateway.createKey("{\"name\":\"ops-dev\",\"team\":\"ops\"}").get("key").asText();
    orgAdmin = gateway.createKey("{\"name\":\"cfo\",\"team\":\"acme\",\"team_role\":\"admin\"}").get("key").asText();
    String loner = gateway.createKey("{\"name\":\"loner\"}").get("key").asText();
    settled(gateway.chat(mlAdmin.get("key").asText(), chatBody(MINI, false)));
    settled(gateway.chat(mlMember, chatBody(MINI, false)));
    settled(gateway.chat(mlMember, chatBody(MINI, false)));
    settled(gateway.chat(ops, chatBody(MINI, false)));
    settled(gateway.chat(loner, chatBody(MINI, false)));
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void aTeamAdminKeyReadsItsTeamsStatsOnly() {
    String lead = mlAdmin.get("key").asText();
    assertThat(requests(lead, "")).as("forced to its team").isEqualTo(3);
    assertThat(requests(lead, "&team=ml")).isEqualTo(3);
    expectError(stats(lead, "&team=ops"), 403, "team_not_allowed");
    expectError(stats(lead, "&team=acme"), 403, "team_not_allowed");
    expectError(stats(lead, "&team=ghost"), 400, "invalid_value");

    // an organization's admin: the whole organization, or one of its teams
    assertThat(requests(orgAdmin, "")).isEqualTo(4);
    assertThat(requests(orgAdmin, "&team=ops")).isEqualTo(1);

    // a plain key: its own records, and no team filter
    assertThat(requests(mlMember, "")).isEqualTo(2);
    expectError(stats(mlMember, "&team=ml"), 403, "team_not_allowed");

    // the admin key: everything, narrowed by team= when asked
    assertThat(requests(KeyedGateway.ADMIN_KEY, "")).isEqualTo(5);
    assertThat(requests(KeyedGateway.ADMIN_KEY, "&team=ml")).isEqualTo(3);
  }

  @Test
  void theRoleIsShownValidatedKeptOverARestartAndEndsWithTheTeamLink() {
    String id = mlAdmin.get("id").asText();
    String lead = mlAdmin.get("key").asText();
    assertThat(mlAdmin.get("team_role").asText()).isEqualTo("admin");
    expectError(gateway.admin("PATCH", "/v1/admin/keys/" + id, "{\"team_role\":\"boss\"}"), 400, "invalid_value");
    // an admin of no team is refused before the key is made
    expectError(gateway.admin("POST", "/v1/admin/keys", "{\"name\":\"nobody\",\"team_role\":\"admin\"}"),
        400, "invalid_value");
    assertThat(gateway.admin("GET", "/v1/admin/keys", null).body()).doesNotContain("\"nobody\"");

    gateway.harness().restartGateway();

    assertThat(read(gateway.admin("GET", "/v1/admin/keys/" + id, null).body()).get("team_role").asText())
        .isEqualTo("admin");
    assertThat(requests(lead, "")).isEqualTo(3);
    // demoted: back to its own records
    HttpResponse<String> demoted = gateway.admin("PATCH", "/v1/admin/keys/" + id, "{\"team_role\":\"member\"}");
    assertThat(read(demoted.body()).get("team_role").asText()).isEqualTo("member");
    assertThat(requests(lead, "")).isEqualTo(1);
    // promoted again, then taken out of the team: no team, no role
    gateway.admin("PATCH", "/v1/admin/keys/" + id, "{\"team_role\":\"admin\"}");
    HttpResponse<String> left = gateway.admin("PATCH", "/v1/admin/keys/" + id, "{\"team\":null}");
    assertThat(read(left.body()).get("team_role").isNull()).as(left.body()).isTrue();
    assertThat(requests(lead, "")).isEqualTo(1);
  }

  private int requests(String secret, String query) {
    HttpResponse<String> response = stats(secret, query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    int requests = 0;
    for (JsonNode row : read(response.body()).get("series").get(0).get("rows")) {
      requests += row.get("requests").asInt();
    }
    return requests;
  }

  private HttpResponse<String> stats(String secret, String query) {
    return gateway.harness().request("GET", STATS + query, null, "Authorization", "Bearer " + secret);
  }

  private void settled(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    gateway.harness().awaitRecord(responseId(response));
  }

  private static void expectError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(read(response.body()).at("/error/code").asText()).isEqualTo(code);
  }
}
