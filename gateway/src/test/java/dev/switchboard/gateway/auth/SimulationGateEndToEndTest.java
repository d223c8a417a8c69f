package dev.switchboard.gateway.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.AuthConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.SimulationConfig;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.MutableClock;
import dev.switchboard.telemetry.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulated time and key: honoured for the admin in simulation mode only, ignored elsewhere. */
class SimulationGateEndToEndTest {
  private static final String ADMIN = "sb-admin-sim-0123456789abcdef0123456789abcdef";
  private static final String CHAT = "/v1/chat/completions";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final String SIMULATED = "2025-05-23T08:15:00Z";
  private static final String BODY = "{\"model\":\"openai/gpt-4o-mini\",\"user\":\"user-9\","
      + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";

  @TempDir Path dir;
  private GatewayHarness harness;

  private void start(boolean simulation, AuthConfig.AuthMode mode) {
    harness = new GatewayHarness(dir,
        c -> c.withAuth(new AuthConfig(mode, SecretRef.parse(ADMIN))).withSimulation(new SimulationConfig(simulation)),
        new MutableClock(NOW));
    harness.upstream().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(GatewayHarness.fixture("openai-chat-nonstream-reasoning.json"))));
  }

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void adminActingForAKeyRecordsTheSimulatedTimeTheKeyAndItsCountry() throws Exception {
    start(true, AuthConfig.AuthMode.KEYS);
    JsonNode key = createKey("{\"name\":\"sim-jp\",\"country\":\"JP\"}");

    HttpResponse<String> answer = harness.post(CHAT, BODY, "Authorization", "Bearer " + ADMIN,
        SimulationGate.TIME_HEADER, SIMULATED, SimulationGate.KEY_HEADER, key.get("id").asText());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    UsageRecord record = harness.awaitRecord(JSON.readTree(answer.body()).get("id").asText());
    assertThat(record.timestamp()).isEqualTo(Instant.parse(SIMULATED));
    assertThat(record.apiKeyId()).isEqualTo(key.get("id").asText());
    assertThat(record.country()).isEqualTo("JP");
    assertThat(record.continent()).isEqualTo("Asia");
    assertThat(record.endUser()).isEqualTo("user-9");
  }

  @Test
  void aGatewayKeySendingTheTimeHeaderIsRecordedNow() throws Exception {
    start(true, AuthConfig.AuthMode.KEYS);
    JsonNode key = createKey("{\"name\":\"plain\",\"country\":\"DE\"}");

    HttpResponse<String> answer = harness.post(CHAT, BODY, "Authorization", "Bearer " + key.get("key").asText(),
        SimulationGate.TIME_HEADER, SIMULATED);

    assertThat(answer.statusCode()).isEqualTo(200);
    UsageRecord record = harness.awaitRecord(JSON.readTree(answer.body()).get("id").asText());
    assertThat(record.timestamp()).isEqualTo(NOW);
    assertThat(record.apiKeyId()).isEqualTo(key.get("id").asText());
  }

  @Test
  void outsideSimulationModeTheHeadersAreIgnoredAndTheAdminStillCannotCallModels() throws Exception {
    start(false, AuthConfig.AuthMode.KEYS);
    JsonNode key = createKey("{\"name\":\"sim-jp\",\"country\":\"JP\"}");

    HttpResponse<String> answer = harness.post(CHAT, BODY, "Authorization", "Bearer " + ADMIN,
        SimulationGate.TIME_HEADER, SIMULATED, SimulationGate.KEY_HEADER, key.get("id").asText());

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(answer.body()).at("/error/code").asText()).isEqualTo("admin_key_not_allowed");
  }

  @Test
  void anonymousCallersInModeNoneCannotSetTheTime() throws Exception {
    start(true, AuthConfig.AuthMode.NONE);

    HttpResponse<String> answer = harness.post(CHAT, BODY, SimulationGate.TIME_HEADER, SIMULATED);

    assertThat(answer.statusCode()).isEqualTo(200);
    UsageRecord record = harness.awaitRecord(JSON.readTree(answer.body()).get("id").asText());
    assertThat(record.timestamp()).isEqualTo(NOW);
    assertThat(record.apiKeyId()).isEqualTo(Caller.ANONYMOUS_ID);
  }

  @Test
  void refusesAnUnreadableTimeAndAnUnknownKey() throws Exception {
    start(true, AuthConfig.AuthMode.KEYS);

    HttpResponse<String> badTime = harness.post(CHAT, BODY, "Authorization", "Bearer " + ADMIN,
        SimulationGate.TIME_HEADER, "last tuesday", SimulationGate.KEY_HEADER, "key_x");
    HttpResponse<String> unknownKey = harness.post(CHAT, BODY, "Authorization", "Bearer " + ADMIN,
        SimulationGate.TIME_HEADER, SIMULATED, SimulationGate.KEY_HEADER, "key_doesnotexist");

    assertThat(badTime.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badTime.body()).at("/error/code").asText()).isEqualTo("invalid_simulated_time");
    assertThat(unknownKey.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(unknownKey.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
  }

  private JsonNode createKey(String json) throws Exception {
    HttpResponse<String> created = harness.request("POST", "/v1/admin/keys", json, "Authorization", "Bearer " + ADMIN);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body());
  }
}
