package dev.switchboard.gateway.auth;

import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static dev.switchboard.gateway.KeyedGateway.responseId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.KeyedGateway;
import dev.switchboard.telemetry.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Drives the admin API and keyed chat calls through the real server in auth mode {@code keys}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyLifecycleEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";

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

  private static String error(int status, String type, String code, String param, String message) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":"
        + (param == null ? "null" : "\"" + param + "\"") + ",\"code\":\"" + code + "\"}}";
  }

  private static void assertError(HttpResponse<String> response, int status, String body) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(read(response.body())).isEqualTo(read(body));
  }

  @Test
  void keyLifecycleShowsTheSecretOnceAndRevocationIsFinal() {
    JsonNode created = gateway.createKey(
        "{\"name\":\"app-1\",\"owner\":\"alice\",\"country\":\"us\",\"models\":[\"openai/*\"],"
            + "\"rpm\":100,\"tpm\":100000,\"budget_usd_day\":5,\"budget_usd_month\":50,"
            + "\"expires_at\":\"2030-01-01T00:00:00Z\",\"store_bodies\":false}");
    String secret = created.get("key").asText();
    String id = created.get("id").asText();

    assertThat(secret).matches("sk-sb-[A-Za-z0-9_-]{43}");
    assertThat(id).matches("key_[A-Za-z0-9]{20}");
    assertThat(created.get("object").asText()).isEqualTo("api_key");
    assertThat(created.get("name").asText()).isEqualTo("app-1");
    assertThat(created.get("owner").asText()).isEqualTo("alice");
    assertThat(created.get("country").asText()).isEqualTo("US");
    assertThat(created.get("continent").asText()).isEqualTo("North America");
    assertThat(created.get("models").toString()).isEqualTo("[\"openai/*\"]");
    assertThat(created.get("rpm").asInt()).isEqualTo(100);
    assertThat(created.get("tpm").asLong()).isEqualTo(100_000);
    assertThat(created.get("budget_usd_day").asDouble()).isEqualTo(5.0);
    assertThat(created.get("budget_usd_month").asDouble()).isEqualTo(50.0);
    assertThat(created.get("expires_at").asText()).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(created.get("enabled").asBoolean()).isTrue();
    assertThat(created.get("store_bodies").asBoolean()).isFalse();
    assertThat(created.get("created_at").asText()).isEqualTo("2026-03-10T12:00:00Z");
    assertThat(created.get("revoked_at").isNull()).isTrue();
    assertThat(created.get("key_hint").asText()).isEqualTo("sk-sb-..." + secret.substring(secret.length() - 4));

    HttpResponse<String> list = gateway.admin("GET", "/v1/admin/keys", null);
    HttpResponse<String> one = gateway.admin("GET", "/v1/admin/keys/" + id, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).doesNotContain(secret).contains(id);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).doesNotContain(secret);
    JsonNode listed = read(one.body());
    assertThat(listed.has("key")).isFalse();
    assertThat(listed.get("name").asText()).isEqualTo("app-1");

    assertThat(gateway.chat(secret, chatBody(MINI, false)).statusCode()).isEqualTo(200);

    HttpResponse<String> patched =
        gateway.admin("PATCH", "/v1/admin/keys/" + id, "{\"name\":\"app-1b\",\"rpm\":null,\"enabled\":false}");
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(read(patched.body()).get("name").asText()).isEqualTo("app-1b");
    assertThat(read(patched.body()).get("rpm").isNull()).isTrue();
    assertThat(read(patched.body()).get("tpm").asLong()).isEqualTo(100_000);
    assertError(gateway.chat(secret, chatBody(MINI, false)), 401,
        error(401, "invalid_request_error", "invalid_api_key", null, "This API key is disabled."));

    gateway.admin("PATCH", "/v1/admin/keys/" + id, "{\"enabled\":true}");
    assertThat(gateway.chat(secret, chatBody(MINI, false)).statusCode()).isEqualTo(200);

    HttpResponse<String> revoked = gateway.admin("DELETE", "/v1/admin/keys/" + id, null);
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(read(revoked.body()).get("revoked_at").asText()).isEqualTo("2026-03-10T12:00:00Z");
    assertError(gateway.chat(secret, chatBody(MINI, false)), 401,
        error(401, "invalid_request_error", "invalid_api_key", null, "This API key has been revoked."));
    gateway.admin("PATCH", "/v1/admin/keys/" + id, "{\"enabled\":true}");
    assertThat(gateway.chat(secret, chatBody(MINI, false)).statusCode()).isEqualTo(401);
  }

  @Test
  void missingUnknownAndExpiredKeysAre401() {
    assertError(gateway.chat(null, chatBody(MINI, false)), 401,
        error(401, "invalid_request_error", "invalid_api_key", null,
            "You didn't provide an API key. Send your gateway key in the Authorization header"
                + " (Authorization: Bearer sk-sb-...)."));
    assertError(gateway.chat("sk-sb-not-a-real-key", chatBody(MINI, false)), 401,
        error(401, "invalid_request_error", "invalid_api_key", null, "Incorrect API key provided."));
    assertError(gateway.harness().post(KeyedGateway.CHAT, chatBody(MINI, false), "Authorization", "Basic abc"),
        401, error(401, "invalid_request_error", "invalid_api_key", null,
            "You didn't provide an API key. Send your gateway key in the Authorization header"
                + " (Authorization: Bearer sk-sb-...)."));

    String secret =
        gateway.createKey("{\"name\":\"short-lived\",\"expires_at\":\"2026-03-10T12:30:00Z\"}").get("key").asText();
    assertThat(gateway.chat(secret, chatBody(MINI, false)).statusCode()).isEqualTo(200);
    gateway.clock().advance(Duration.ofMinutes(30));
    try {
      assertError(gateway.chat(secret, chatBody(MINI, false)), 401,
          error(401, "invalid_request_error", "invalid_api_key", null,
              "This API key expired at 2026-03-10T12:30:00Z."));
    } finally {
      gateway.clock().advance(Duration.ofMinutes(-30));
    }
  }

  @Test
  void modelsOutsideTheKeysPatternsAre403() {
    String secret = gateway.createKey("{\"name\":\"openai-only\",\"models\":[\"openai/*\"]}").get("key").asText();

    assertError(gateway.chat(secret, chatBody("deepseek/deepseek-r1", false)), 403,
        error(403, "permission_error", "model_not_allowed", "model",
            "This API key is not allowed to use the model `deepseek/deepseek-r1`."));
    assertThat(gateway.chat(secret, chatBody("openai/o3-mini", false)).statusCode()).isEqualTo(200);
    // the static key from config has the same pattern
    assertThat(gateway.chat(KeyedGateway.STATIC_KEY, chatBody("local/unlisted", false)).statusCode()).isEqualTo(403);
    assertThat(gateway.chat(KeyedGateway.STATIC_KEY, chatBody(MINI, false)).statusCode()).isEqualTo(200);
  }

  @Test
  void onlyTheAdminKeyManagesKeysAndItCannotCallModels() {
    String secret = gateway.createKey("{\"name\":\"plain\"}").get("key").asText();

    assertThat(gateway.harness().request("GET", "/v1/admin/keys", null).statusCode()).isEqualTo(401);
    assertError(gateway.harness().request("GET", "/v1/admin/keys", null, "Authorization", "Bearer " + secret),
        403, error(403, "permission_error", "admin_key_required", null,
            "The admin API requires the admin key, not a gateway key."));
    assertError(gateway.chat(KeyedGateway.ADMIN_KEY, chatBody(MINI, false)), 403,
        error(403, "permission_error", "admin_key_not_allowed", null,
            "The admin key manages keys and reads stats; call models with a gateway key."));
  }

  @Test
  void badAdminRequestsAreRefusedWithTheFieldNamed() {
    assertError(gateway.admin("POST", "/v1/admin/keys", "{\"owner\":\"x\"}"), 400,
        error(400, "invalid_request_error", "invalid_value", "name", "'name' is required."));
    assertError(gateway.admin("POST", "/v1/admin/keys", "{\"name\":\"x\",\"country\":\"XX\"}"), 400,
        error(400, "invalid_request_error", "invalid_value", "country",
            "'country' must be an ISO 3166-1 alpha-2 code such as \\\"US\\\" or \\\"DE\\\"."));
    assertError(gateway.admin("POST", "/v1/admin/keys", "{\"name\":\"x\",\"rpm\":0}"), 400,
        error(400, "invalid_request_error", "invalid_value", "rpm",
            "'rpm' must be an integer from 1 to 100000000, or null for no limit."));
    assertError(gateway.admin("POST", "/v1/admin/keys", "{\"name\":\"x\",\"colour\":\"red\"}"), 400,
        error(400, "invalid_request_error", "unknown_parameter", "colour",
            "Unrecognized request argument supplied: colour"));
    assertError(gateway.admin("POST", "/v1/admin/keys", "not json"), 400,
        error(400, "invalid_request_error", "invalid_json", null, "The request body is not valid JSON."));
    assertError(gateway.admin("PATCH", "/v1/admin/keys/key_nope", "{\"rpm\":5}"), 404,
        error(404, "invalid_request_error", "key_not_found", "id", "No API key with id 'key_nope'."));
    assertError(gateway.admin("DELETE", "/v1/admin/keys/cfg_ci", null), 409,
        error(409, "invalid_request_error", "key_read_only", "id",
            "Key cfg_ci is declared in config (auth.keys) and cannot be changed here."));
    JsonNode ci = read(gateway.admin("GET", "/v1/admin/keys/cfg_ci", null).body());
    assertThat(ci.get("source").asText()).isEqualTo("config");
    assertThat(ci.get("continent").asText()).isEqualTo("Europe");
  }

  @Test
  void recordsCarryTheKeyItsLocationAndTheApp() {
    JsonNode created = gateway.createKey("{\"name\":\"jp-app\",\"country\":\"JP\"}");
    HttpResponse<String> response =
        gateway.chat(created.get("key").asText(), chatBody(MINI, false), "X-OpenRouter-Title", "Tokyo Notes");

    UsageRecord record = gateway.harness().awaitRecord(responseId(response));
    assertThat(record.apiKeyId()).isEqualTo(created.get("id").asText());
    assertThat(record.country()).isEqualTo("JP");
    assertThat(record.continent()).isEqualTo("Asia");
    assertThat(record.app()).isEqualTo("Tokyo Notes");
    assertThat(record.endUser()).isEqualTo("user-7");
  }

  @Test
  void eachKeySeesOnlyItsOwnRecordsInStatsAndTheAdminSeesAll() {
    String a = gateway.createKey("{\"name\":\"iso-a\"}").get("key").asText();
    JsonNode bKey = gateway.createKey("{\"name\":\"iso-b\"}");
    String b = bKey.get("key").asText();
    String last = null;
    for (int i = 0; i < 3; i++) {
      last = responseId(gateway.chat(a, chatBody(MINI, false)));
    }
    gateway.harness().awaitRecord(last);
    gateway.harness().awaitRecord(responseId(gateway.chat(b, chatBody(MINI, false))));

    JsonNode ownA = read(gateway.harness().request("GET", "/v1/stats/overview", null, "Authorization", "Bearer " + a).body());
    JsonNode ownB = read(gateway.harness()
        .request("GET", "/v1/stats/overview?key=cfg_ci", null, "Authorization", "Bearer " + b).body());
    JsonNode byAdminForB = read(gateway.admin("GET", "/v1/stats/overview?key=" + bKey.get("id").asText(), null).body());
    JsonNode all = read(gateway.admin("GET", "/v1/stats/overview", null).body());

    assertThat(ownA.get("requests").asLong()).isEqualTo(3);
    assertThat(ownA.get("tokens").get("total").asLong()).isEqualTo(3 * 2897);
    assertThat(ownB.get("requests").asLong()).isEqualTo(1); // asking for another key changes nothing
    assertThat(byAdminForB.get("requests").asLong()).isEqualTo(1);
    assertThat(all.get("requests").asLong()).isGreaterThanOrEqualTo(4);
    assertThat(gateway.harness().get("/v1/stats/overview").statusCode()).isEqualTo(401);
  }

  @Test
  void aKeySeesOnlyItsOwnGenerationsAndTheAdminSeesAll() {
    String a = gateway.createKey("{\"name\":\"gen-a\"}").get("key").asText();
    String b = gateway.createKey("{\"name\":\"gen-b\"}").get("key").asText();
    String id = responseId(gateway.chat(a, chatBody(MINI, false)));
    gateway.harness().awaitRecord(id);
    String path = "/v1/generation?id=" + id;

    HttpResponse<String> own = gateway.harness().request("GET", path, null, "Authorization", "Bearer " + a);
    HttpResponse<String> other = gateway.harness().request("GET", path, null, "Authorization", "Bearer " + b);
    HttpResponse<String> admin = gateway.admin("GET", path, null);

    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(read(own.body()).at("/data/id").asText()).isEqualTo(id);
    assertThat(other.statusCode()).isEqualTo(404); // another key's request does not exist for b
    assertThat(read(other.body()).at("/error/code").asText()).isEqualTo("generation_not_found");
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(gateway.harness().get(path).statusCode()).isEqualTo(401);
  }

  @Test
  void restartKeepsKeysRevocationsAndSpend() {
    JsonNode kept = gateway.createKey("{\"name\":\"survivor\",\"budget_usd_day\":1}");
    String secret = kept.get("key").asText();
    String id = kept.get("id").asText();
    JsonNode gone = gateway.createKey("{\"name\":\"gone\"}");
    String revoked = gone.get("key").asText();
    gateway.admin("DELETE", "/v1/admin/keys/" + gone.get("id").asText(), null);
    UsageRecord record = gateway.harness().awaitRecord(responseId(gateway.chat(secret, chatBody(MINI, false))));
    double cost = record.costUsd();

    gateway.harness().restartGateway();

    JsonNode after = read(gateway.admin("GET", "/v1/admin/keys/" + id, null).body());
    assertThat(after.get("name").asText()).isEqualTo("survivor");
    assertThat(after.get("spend").get("day_usd").asDouble()).isCloseTo(cost, within(1e-12));
    assertThat(after.get("spend").get("month_usd").asDouble()).isCloseTo(cost, within(1e-12));
    assertThat(gateway.chat(secret, chatBody(MINI, false)).statusCode()).isEqualTo(200);
    assertThat(gateway.chat(revoked, chatBody(MINI, false)).statusCode()).isEqualTo(401);
    assertThat(gateway.chat(KeyedGateway.STATIC_KEY, chatBody(MINI, false)).statusCode()).isEqualTo(200);
  }
}
