package dev.switchboard.gateway.provider.vertex;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.config.GcpAccount;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real gateway with WireMock playing Vertex AI and Google's OAuth2 token endpoint:
 * Gemini (whole, SSE and JSON-array streams) and Claude ({@code rawPredict}, {@code
 * streamRawPredict}) through the chat and Messages dialects, with service-account tokens fetched,
 * cached and refreshed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VertexEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODELS = "/v1/projects/acme-ai/locations/us-east5/publishers/";
  private static final String PRO = MODELS + "google/models/gemini-2.5-pro";
  private static final String CLAUDE = MODELS + "anthropic/models/claude-sonnet-4-5@20250929";
  private static final String SHORT_PRO =
      "/short/v1/projects/acme-ai/locations/us-east5/publishers/google/models/gemini-2.5-pro";

  @TempDir static Path dir;
  private GatewayHarness harness;
  private ServiceAccountKey key;
  private ServiceAccountKey shortKey;
  private ServiceAccountKey jwtKey;

  @BeforeAll
  void start() {
    harness =
        new GatewayHarness(
            dir,
            root -> {
              key = ServiceAccountKey.write(dir.resolve("sa.json"), "https://oauth2.googleapis.com/token");
              shortKey = ServiceAccountKey.write(dir.resolve("sa-short.json"), root + "/short-token");
              jwtKey = ServiceAccountKey.write(dir.resolve("sa-jwt.json"), root + "/jwt-token");
              return new GatewayHarness.Extra(
                  List.of(
                      vertex("gcp", root + "/v1", new GcpAccount("acme-ai", "us-east5", key.file(),
                          URI.create(root + "/token"), SecretRef.none())),
                      vertex("gcp-short", root + "/short/v1", new GcpAccount("acme-ai", "us-east5",
                          shortKey.file(), null, SecretRef.none())),
                      vertex("gcp-jwt", root + "/jwt/v1", new GcpAccount("acme-ai", "us-east5",
                          jwtKey.file(), null, SecretRef.none())),
                      vertex("gcp-static", root + "/v1", new GcpAccount("acme-ai", "us-east5", null, null,
                          SecretRef.parse("ya29.static-token")))),
                  List.of(
                      new ModelRoute("google/gemini-2.5-pro", List.of(new RouteTarget("gcp", "gemini-2.5-pro", null))),
                      new ModelRoute("anthropic/claude-sonnet-4.5",
                          List.of(new RouteTarget("gcp", "claude-sonnet-4-5@20250929", null))),
                      new ModelRoute("jwt/gemini", List.of(new RouteTarget("gcp-jwt", "gemini-2.5-pro", null))),
                      new ModelRoute("short/gemini", List.of(new RouteTarget("gcp-short", "google/gemini-2.5-pro", null))),
                      new ModelRoute("static/claude",
                          List.of(new RouteTarget("gcp-static", "anthropic/claude-sonnet-4-5@20250929", null)))));
            });
  }

  private static ProviderConfig vertex(String id, String base, GcpAccount account) {
    return new ProviderConfig(id, ProviderKind.VERTEX, URI.create(base), SecretRef.none(), Map.of(), null, null, account);
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @BeforeEach
  void resetUpstream() {
    harness.upstream().resetRequests();
    harness.upstream().resetMappings();
    harness.upstream().stubFor(
        post(urlEqualTo("/token"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(fixture("vertex/oauth-token.json"))));
  }

  @Test
  void geminiOnVertexGetsAServiceAccountTokenAndIsRecorded() throws Exception {
    String jwtPro = "/jwt" + PRO;
    harness.upstream().stubFor(
        post(urlEqualTo("/jwt-token"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(fixture("vertex/oauth-token.json"))));
    stub(jwtPro + ":generateContent", "gemini/gemini-nonstream-function-call.json", "application/json");

    HttpResponse<String> response =
        harness.post(
            "/v1/chat/completions",
            """
            {"model":"jwt/gemini","messages":[{"role":"user","content":"Which country am I in?"}],
             "tools":[{"type":"function","function":{"name":"get_user_country","parameters":{"type":"object"}}}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("get_user_country");
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(jwtPro + ":generateContent"))
            .withHeader("Authorization", equalTo("Bearer ya29.c.b0AXv0zTOfirst"))
            .withHeader("x-goog-api-key", absent())
            .withRequestBody(matchingJsonPath("$.contents[0].role", equalTo("user"))));
    List<LoggedRequest> tokenRequests = harness.upstream().findAll(postRequestedFor(urlEqualTo("/jwt-token")));
    assertThat(tokenRequests).hasSize(1);
    Map<String, String> form = form(tokenRequests.get(0).getBodyAsString());
    assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    JsonNode claims = jwtKey.verifiedClaims(form.get("assertion"));
    assertThat(claims.get("iss").asText()).isEqualTo(ServiceAccountKey.CLIENT_EMAIL);
    // Google's library always names Google's token endpoint as the audience, wherever it posts
    assertThat(claims.get("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token");
    assertThat(claims.get("scope").asText()).isEqualTo("https://www.googleapis.com/auth/cloud-platform");
    assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
    UsageRecord record = harness.awaitRecord(body.get("id").asText());
    assertThat(record.provider()).isEqualTo("gcp-jwt");
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.usage().promptTokens()).isEqualTo(33);
  }

  @Test
  void responsesClientReachesClaudeAndGeminiOnVertexWithTheirUsage() throws Exception {
    stub(PRO + ":generateContent", "gemini/gemini-nonstream-function-call.json", "application/json");
    stub(CLAUDE + ":rawPredict", "anthropic/anthropic-messages-nonstream-cache-write-read.json", "application/json");

    HttpResponse<String> gemini = harness.post("/v1/responses",
        "{\"model\":\"google/gemini-2.5-pro\",\"store\":false,\"input\":\"Which country am I in?\","
            + "\"tools\":[{\"type\":\"function\",\"name\":\"get_user_country\",\"parameters\":{\"type\":\"object\"}}]}");
    HttpResponse<String> claude = harness.post("/v1/responses",
        "{\"model\":\"anthropic/claude-sonnet-4.5\",\"store\":false,\"input\":\"What is Python?\"}");

    assertThat(gemini.statusCode()).isEqualTo(200);
    JsonNode g = JSON.readTree(gemini.body());
    assertThat(g.get("object").asText()).isEqualTo("response");
    assertThat(g.get("output").toString()).contains("\"type\":\"function_call\"").contains("get_user_country");
    assertThat(claude.statusCode()).isEqualTo(200);
    JsonNode c = JSON.readTree(claude.body());
    // Anthropic's 3 uncached + 1,111 cache reads + 418 cache writes are all input in the Responses API
    assertThat(c.at("/usage/input_tokens").asInt()).isEqualTo(3 + 1111 + 418);
    assertThat(c.at("/usage/input_tokens_details/cached_tokens").asInt()).isEqualTo(1111);
    assertThat(c.at("/usage/output_tokens").asInt()).isEqualTo(33);
    UsageRecord record = harness.awaitRecord(claude.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.api()).isEqualTo("responses");
    assertThat(record.usage().cacheWriteTokens()).isEqualTo(418);
  }

  @Test
  void theConfiguredTokenUrlOverridesTheKeyFiles() throws Exception {
    stub(PRO + ":generateContent", "gemini/gemini-nonstream-function-call.json", "application/json");

    assertThat(harness.post("/v1/chat/completions",
        "{\"model\":\"google/gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}").statusCode())
        .isEqualTo(200);

    harness.upstream().verify(
        postRequestedFor(urlEqualTo(PRO + ":generateContent"))
            .withHeader("Authorization", equalTo("Bearer ya29.c.b0AXv0zTOfirst")));
  }

  @Test
  void aTokenIsCachedAcrossRequestsAndFamilies() throws Exception {
    stub(PRO + ":generateContent", "gemini/gemini-nonstream-function-call.json", "application/json");
    stub(CLAUDE + ":rawPredict", "anthropic/anthropic-messages-nonstream-cache-write-read.json", "application/json");

    harness.post("/v1/chat/completions", "{\"model\":\"google/gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}");
    harness.post("/v1/chat/completions", "{\"model\":\"anthropic/claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}");
    harness.post("/v1/chat/completions", "{\"model\":\"google/gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"c\"}]}");

    // the first test of the class may already have fetched it: never more than one fetch in all
    assertThat(harness.upstream().findAll(postRequestedFor(urlEqualTo("/token")))).hasSizeLessThanOrEqualTo(1);
    assertThat(harness.upstream().findAll(postRequestedFor(urlEqualTo(PRO + ":generateContent")))).hasSize(2);
  }

  @Test
  void aTokenCloseToExpiryIsRefreshedBeforeTheNextRequest() throws Exception {
    harness.upstream().stubFor(
        post(urlEqualTo("/short-token")).inScenario("refresh").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"ya29.short-1\",\"expires_in\":120,\"token_type\":\"Bearer\"}"))
            .willSetStateTo("second"));
    harness.upstream().stubFor(
        post(urlEqualTo("/short-token")).inScenario("refresh").whenScenarioStateIs("second")
            .willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"ya29.short-2\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    stub(SHORT_PRO + ":generateContent", "gemini/gemini-nonstream-function-call.json", "application/json");

    for (int i = 0; i < 3; i++) {
      assertThat(harness.post("/v1/chat/completions",
          "{\"model\":\"short/gemini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode())
          .isEqualTo(200);
    }

    List<LoggedRequest> calls = harness.upstream().findAll(postRequestedFor(urlEqualTo(SHORT_PRO + ":generateContent")));
    assertThat(calls).extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer ya29.short-1", "Bearer ya29.short-2", "Bearer ya29.short-2");
    assertThat(harness.upstream().findAll(postRequestedFor(urlEqualTo("/short-token")))).hasSize(2);
  }

  @Test
  void geminiSseStreamIsRelayedWithFinalUsage() throws Exception {
    stub(PRO + ":streamGenerateContent?alt=sse", "gemini/gemini-stream-thought-parts.sse", "text/event-stream");

    HttpResponse<String> response = harness.post("/v1/chat/completions", streamRequest("google/gemini-2.5-pro"));

    assertStreamOfThoughtParts(response);
  }

  @Test
  void geminiJsonArrayStreamIsReadLikeTheSseOne() throws Exception {
    stub(PRO + ":streamGenerateContent?alt=sse", "vertex/gemini-stream-thought-parts.json-array", "application/json; charset=UTF-8");

    HttpResponse<String> response = harness.post("/v1/chat/completions", streamRequest("google/gemini-2.5-pro"));

    assertStreamOfThoughtParts(response);
  }

  @Test
  void claudeOnVertexUsesRawPredictWithTheVertexVersionAndNoModelInTheBody() throws Exception {
    stub(CLAUDE + ":rawPredict", "anthropic/anthropic-messages-nonstream-cache-write-read.json", "application/json");

    HttpResponse<String> response =
        harness.post(
            "/v1/chat/completions",
            "{\"model\":\"anthropic/claude-sonnet-4.5\",\"max_tokens\":300,\"messages\":[{\"role\":\"user\",\"content\":\"What is Python?\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.at("/choices/0/message/content").asText()).startsWith("Python is a beginner-friendly");
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(CLAUDE + ":rawPredict"))
            .withHeader("Authorization", equalTo("Bearer ya29.c.b0AXv0zTOfirst"))
            .withHeader("x-api-key", absent())
            .withRequestBody(matchingJsonPath("$.anthropic_version", equalTo("vertex-2023-10-16")))
            .withRequestBody(matchingJsonPath("$.model", absent()))
            .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("300"))));
    UsageRecord record = harness.awaitRecord(body.get("id").asText());
    assertThat(record.usage().promptTokens()).isEqualTo(3 + 1111 + 418);
    assertThat(record.usage().cachedReadTokens()).isEqualTo(1111);
    assertThat(record.usage().cacheWriteTokens()).isEqualTo(418);
  }

  @Test
  void messagesClientStreamsClaudeOnVertexVerbatimWithAConfiguredToken() throws Exception {
    String path = "/v1/projects/acme-ai/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict";
    stub(path, "anthropic/anthropic-messages-stream-tool-use-sdk-fixture.sse", "text/event-stream");

    HttpResponse<String> response =
        harness.post(
            "/v1/messages",
            """
            {"model":"static/claude","max_tokens":1024,"stream":true,
             "tools":[{"name":"get_weather","input_schema":{"type":"object"}}],
             "messages":[{"role":"user","content":"Weather in SF?"}]}""",
            "x-api-key", "sk-any",
            "anthropic-version", "2023-06-01");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("event: message_start").contains("event: message_stop");
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(path))
            .withHeader("Authorization", equalTo("Bearer ya29.static-token"))
            .withRequestBody(matchingJsonPath("$.anthropic_version", equalTo("vertex-2023-10-16")))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .withRequestBody(matchingJsonPath("$.model", absent())));
    assertThat(harness.upstream().findAll(postRequestedFor(urlEqualTo("/token")))).isEmpty();
    UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.api()).isEqualTo("messages");
    assertThat(record.provider()).isEqualTo("gcp-static");
    assertThat(record.toolCalls()).isEqualTo(1);
  }

  @Test
  void resourceExhaustedIsA429() throws Exception {
    harness.upstream().stubFor(
        post(urlEqualTo(PRO + ":generateContent"))
            .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody(fixture("gemini/gemini-error-429-resource-exhausted.json"))));

    HttpResponse<String> response =
        harness.post("/v1/chat/completions", "{\"model\":\"google/gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}");

    assertThat(response.statusCode()).isEqualTo(429);
  }

  private void assertStreamOfThoughtParts(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonNode> chunks = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
        chunks.add(JSON.readTree(line.substring(6)));
      }
    }
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
    assertThat(text.toString()).endsWith("Always assume a driver might not see you.");
    JsonNode usage = chunks.get(chunks.size() - 1).get("usage");
    assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(34);
    assertThat(usage.get("completion_tokens").asInt()).isEqualTo(1256);
    UsageRecord record = harness.awaitRecord(chunks.get(0).get("id").asText());
    assertThat(record.usage().reasoningTokens()).isEqualTo(787);
    assertThat(record.streamed()).isTrue();
  }

  private static String streamRequest(String model) {
    return "{\"model\":\"" + model + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"How do I cross the street?\"}]}";
  }

  private void stub(String path, String fixture, String contentType) {
    harness.upstream().stubFor(
        post(urlEqualTo(path))
            .willReturn(aResponse().withHeader("Content-Type", contentType).withBody(fixture(fixture))));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new java.util.HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static byte[] fixture(String name) {
    try (InputStream in = VertexEndToEndTest.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
