package dev.switchboard.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.UsageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real gateway with providers but no {@code models} section: catalog models reach their
 * native provider (WireMock, recorded payloads) under the id that provider's API expects.
 */
class CatalogRoutesEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "/v1/chat/completions";

  @TempDir Path storeDir;

  private static SwitchboardConfig onlyProvider(
      String id, ProviderKind kind, int upstreamPort, Path store) {
    ServerConfig server =
        new ServerConfig(
            "127.0.0.1", 0, GatewayHarness.MAX_BODY_BYTES, Duration.ofSeconds(2),
            Duration.ofSeconds(2));
    ProviderConfig provider =
        new ProviderConfig(
            id, kind, URI.create("http://127.0.0.1:" + upstreamPort + "/v1"),
            SecretRef.parse(GatewayHarness.UPSTREAM_KEY), Map.of());
    TelemetryConfig telemetry = new TelemetryConfig(store, 10_000, 512, Duration.ofMillis(20));
    return new SwitchboardConfig(server, List.of(provider), List.of(), telemetry);
  }

  @Test
  void anAnthropicProviderAloneServesTheCatalogsClaudeModelsUnderAnthropicsIds() throws Exception {
    try (GatewayHarness harness =
        new GatewayHarness(
            storeDir,
            (port, store) -> onlyProvider("claude", ProviderKind.ANTHROPIC, port, store))) {
      harness
          .upstream()
          .stubFor(
              post(urlEqualTo("/v1/messages"))
                  .willReturn(
                      aResponse()
                          .withHeader("Content-Type", "application/json")
                          .withBody(
                              read("/fixtures/anthropic/anthropic-messages-nonstream-cache-write-read.json"))));

      HttpResponse<String> response =
          harness.post(
              CHAT,
              """
              {"model":"anthropic/claude-sonnet-4.5","max_tokens":64,
               "messages":[{"role":"user","content":"What is Python?"}]}""");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.get("model").asText()).isEqualTo("anthropic/claude-sonnet-4.5");
      assertThat(body.at("/choices/0/message/content").asText())
          .startsWith("Python is a beginner-friendly");
      harness
          .upstream()
          .verify(
              postRequestedFor(urlEqualTo("/v1/messages"))
                  .withHeader("x-api-key", equalTo(GatewayHarness.UPSTREAM_KEY))
                  .withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5"))));
      UsageRecord record = harness.awaitRecord(body.get("id").asText());
      assertThat(record.provider()).isEqualTo("claude");
      assertThat(record.costUsd()).isPositive();

      JsonNode models = JSON.readTree(harness.get("/v1/models").body()).get("data");
      JsonNode sonnet = find(models, "anthropic/claude-sonnet-4.5");
      assertThat(sonnet.get("route").asText()).isEqualTo("catalog");
      assertThat(sonnet.get("providers").get(0).asText()).isEqualTo("claude");
      assertThat(sonnet.get("author").asText()).isEqualTo("anthropic");
      // only models whose native provider is configured: no OpenAI, Gemini or open-weight models
      assertThat(models)
          .extracting(m -> m.get("id").asText())
          .allMatch(id -> id.startsWith("anthropic/"))
          .contains("anthropic/claude-opus-4.1", "anthropic/claude-haiku-4.5")
          // retired, so the catalog names no native id
          .doesNotContain("anthropic/claude-3.5-sonnet");
    }
  }

  @Test
  void anOpenAiProviderAloneServesTheCatalogsOpenAiModelsUnderTheirOwnIds() throws Exception {
    try (GatewayHarness harness =
        new GatewayHarness(
            storeDir, (port, store) -> onlyProvider("oai", ProviderKind.OPENAI, port, store))) {
      harness
          .upstream()
          .stubFor(
              post(urlEqualTo(CHAT))
                  .willReturn(
                      aResponse()
                          .withHeader("Content-Type", "application/json")
                          .withBody(GatewayHarness.fixture("openai-chat-nonstream-reasoning.json"))));

      HttpResponse<String> response =
          harness.post(
              CHAT,
              """
              {"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.get("model").asText()).isEqualTo("openai/gpt-4o-mini");
      harness
          .upstream()
          .verify(
              postRequestedFor(urlEqualTo(CHAT))
                  .withHeader("Authorization", equalTo("Bearer " + GatewayHarness.UPSTREAM_KEY))
                  .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini"))));
      UsageRecord record = harness.awaitRecord(body.get("id").asText());
      assertThat(record.provider()).isEqualTo("oai");

      JsonNode models = JSON.readTree(harness.get("/v1/models").body()).get("data");
      assertThat(find(models, "openai/gpt-4o-mini").get("route").asText()).isEqualTo("catalog");
      assertThat(models)
          .extracting(m -> m.get("id").asText())
          .allMatch(id -> id.startsWith("openai/"))
          .doesNotContain("openai/gpt-oss-120b");
      // a model no provider can serve is unknown, as before
      HttpResponse<String> llama =
          harness.post(
              CHAT,
              """
              {"model":"meta-llama/llama-3.3-70b-instruct","messages":[{"role":"user","content":"hi"}]}""");
      assertThat(llama.statusCode()).isEqualTo(404);
    }
  }

  private static JsonNode find(JsonNode models, String id) {
    return StreamSupport.stream(models.spliterator(), false)
        .filter(m -> m.get("id").asText().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not listed in " + models));
  }

  private static byte[] read(String resource) throws IOException {
    try (InputStream in = CatalogRoutesEndToEndTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return in.readAllBytes();
    }
  }
}
