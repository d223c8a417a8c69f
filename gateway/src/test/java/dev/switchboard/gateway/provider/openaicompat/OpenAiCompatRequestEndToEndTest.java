package dev.switchboard.gateway.provider.openaicompat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sends requests through the real server to one WireMock provider per flavor and checks what each
 * upstream received: URL layout, key header, reasoning knob, routing fields, stream options,
 * output-limit field; and that unsupported structured output is refused before any call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiCompatRequestEndToEndTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

  private GatewayHarness harness;

  @BeforeAll
  void start(@TempDir Path storeDir) {
    harness = new GatewayHarness(storeDir, FlavorUpstreams::extra);
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @BeforeEach
  void answerEveryFlavorWithARecordedCompletion() {
    harness.upstream().resetAll();
    harness
        .upstream()
        .stubFor(
            post(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(GatewayHarness.fixture("openai-chat-nonstream-reasoning.json"))));
  }

  private HttpResponse<String> chat(String route, String extraJson) {
    return harness.post(CHAT, "{\"model\":\"" + route + "\"," + HI + extraJson + "}");
  }

  @Test
  void azureUsesTheDeploymentPathTheApiKeyHeaderAndAnApiVersion() {
    HttpResponse<String> response = chat("azure/my-gpt-4o", "");

    assertThat(response.statusCode()).isEqualTo(200);
    harness
        .upstream()
        .verify(
            postRequestedFor(urlPathEqualTo("/azure/openai/deployments/my-gpt-4o/chat/completions"))
                .withQueryParam("api-version", equalTo(UpstreamEndpoint.AZURE_DEFAULT_API_VERSION))
                .withHeader("api-key", equalTo(FlavorUpstreams.KEY))
                .withHeader("Authorization", absent()));
  }

  @Test
  void othersSendTheKeyAsBearerToBaseUrlChatCompletions() {
    assertThat(chat("deepseek/deepseek-chat", "").statusCode()).isEqualTo(200);

    harness
        .upstream()
        .verify(
            postRequestedFor(urlPathEqualTo("/deepseek/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + FlavorUpstreams.KEY))
                .withHeader("api-key", absent()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "openai/o3-mini | $.reasoning_effort | high",
        "azure/my-gpt-4o | $.reasoning_effort | high",
        "groq/openai/gpt-oss-120b | $.reasoning_effort | high",
        "together/openai/gpt-oss-20b | $.reasoning_effort | high",
        "fireworks/accounts/fireworks/models/gpt-oss-20b | $.reasoning_effort | high",
        "ollama/qwen3:0.6b | $.reasoning_effort | high",
        "vllm/Qwen/Qwen3-8B | $.reasoning_effort | high",
        "llamacpp/gpt-oss-20b | $.reasoning_effort | high",
        "generic/any-model | $.reasoning_effort | high",
        "xai/grok-3-mini | $.reasoning_effort | high",
        "qwen/qwen3-max | $.enable_thinking | true",
        "zai/glm-4.7 | $.thinking.type | enabled",
        "openrouter/openai/gpt-5-mini | $.reasoning.effort | high",
      })
  void openRouterStyleReasoningReachesEachFlavorAsItsOwnKnob(
      String route, String path, String value) {
    HttpResponse<String> response = chat(route, ",\"reasoning\":{\"effort\":\"high\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    harness
        .upstream()
        .verify(
            postRequestedFor(urlPathEqualTo(FlavorUpstreams.chatPath(route)))
                .withRequestBody(matchingJsonPath(path, equalTo(value))));
    if (!route.startsWith("openrouter/")) {
      harness
          .upstream()
          .verify(
              postRequestedFor(urlPathEqualTo(FlavorUpstreams.chatPath(route)))
                  .withRequestBody(not(matchingJsonPath("$.reasoning"))));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "deepseek/deepseek-reasoner",
    "mistral/magistral-medium-latest",
    "moonshot/kimi-k2-thinking",
    "minimax/MiniMax-M2",
    "xai/grok-4"
  })
  void flavorsWhoseModelDecidesReceiveNoReasoningKnob(String route) {
    assertThat(
            chat(route, ",\"reasoning_effort\":\"high\",\"reasoning\":{\"effort\":\"high\"}")
                .statusCode())
        .isEqualTo(200);

    harness
        .upstream()
        .verify(
            postRequestedFor(urlPathEqualTo(FlavorUpstreams.chatPath(route)))
                .withRequestBody(not(matchingJsonPath("$.reasoning_effort")))
                .withRequestBody(not(matchingJsonPath("$.reasoning"))));
  }

  @Test
  void routingFieldsReachNoUpstreamAndOpenRouterIsAskedForCost() {
    // the gateway routes on these itself: they name its models and providers, not the upstream's
    String routing = ",\"route\":\"fallback\",\"transforms\":[]";

    chat("openrouter/openai/gpt-5-mini", routing);
    chat("groq/openai/gpt-oss-120b", routing);

    harness
        .upstream()
        .verify(
            postRequestedFor(urlPathEqualTo("/openrouter/v1/chat/completions"))
                .withRequestBody(not(matchingJsonPath("$.route")))
                .withRequestBody(not(matchingJsonPath("$.transforms")))
                .withRequestBody(matchingJsonPath("$.usage.include", equalTo("true"))));
    harness
        .upstream()
        .verify(
            postRequestedFor(urlPathEqualTo("/groq/v1/chat/completions"))
                .withRequestBody(not(matchingJsonPath("$.models")))
                .withRequestBody(not(matchingJsonPath("$.provider")))
                .withRequestBody(not(matchingJsonPath("$.route")))
                .withRequestBody(not(matchingJsonPath("$.transforms")))
                .withRequestBody(not(matchingJsonPath("$.usage"))));
  }


  @Test
  void jsonSchemaIsRefusedWith400BeforeCallingAProviderWithoutStructuredOutputs() {
    String schema =
        ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"city\","
            + "\"schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}";

    HttpResponse<String> refused = chat("deepseek/deepseek-chat", schema);
    HttpResponse<String> streamRefused = chat("zai/glm-4.7", ",\"stream\":true" + schema);

    for (HttpResponse<String> response : java.util.List.of(refused, streamRefused)) {
      assertThat(response.statusCode()).isEqualTo(400);
      JsonNode error = ClientView.read(response.body()).get("error");
      assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.get("code").asText()).isEqualTo("unsupported_parameter");
      assertThat(error.get("message").asText()).contains("response_format", "json_schema");
    }
    assertThat(harness.upstream().getAllServeEvents()).isEmpty();
    UsageRecord record =
        harness.awaitRecord(refused.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
    assertThat(record.httpStatus()).isEqualTo(400);

    assertThat(
            chat("deepseek/deepseek-chat", ",\"response_format\":{\"type\":\"json_object\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(chat("vllm/Qwen/Qwen3-8B", schema).statusCode()).isEqualTo(200);
    harness
        .upstream()
        .verify(
            postRequestedFor(urlPathEqualTo("/vllm/v1/chat/completions"))
                .withRequestBody(
                    matchingJsonPath("$.response_format.json_schema.name", equalTo("city"))));
  }

  @Test
  void streamUsageIsAskedOfEveryFlavorThatAcceptsItButNeverOfMistral() {
    harness.upstream().resetAll();
    harness
        .upstream()
        .stubFor(
            post(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(GatewayHarness.fixture("openai-chat-stream-text-usage.sse"))));

    assertThat(chat("ollama/qwen3:0.6b", ",\"stream\":true").statusCode()).isEqualTo(200);
    assertThat(
            chat(
                    "mistral/mistral-small-latest",
                    ",\"stream\":true,\"stream_options\":{\"include_usage\":true}")
                .statusCode())
        .isEqualTo(200);

    harness
        .upstream()
        .verify(
            postRequestedFor(urlPathEqualTo("/ollama/v1/chat/completions"))
                .withRequestBody(
                    matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
    harness
        .upstream()
        .verify(
            postRequestedFor(urlPathEqualTo("/mistral/v1/chat/completions"))
                .withRequestBody(not(matchingJsonPath("$.stream_options"))));
  }

  @Test
  void outputLimitFieldIsTheOneEachProviderReads() {
    chat("openai/o3-mini", ",\"max_tokens\":300");
    chat("openai/gpt-4o", ",\"max_tokens\":300");
    chat("mistral/mistral-small-latest", ",\"max_completion_tokens\":300");

    harness
        .upstream()
        .verify(
            postRequestedFor(urlPathEqualTo("/openai/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("o3-mini")))
                .withRequestBody(matchingJsonPath("$.max_completion_tokens", equalTo("300")))
                .withRequestBody(not(matchingJsonPath("$.max_tokens"))));
    harness
        .upstream()
        .verify(
            postRequestedFor(urlPathEqualTo("/openai/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("300"))));
    harness
        .upstream()
        .verify(
            postRequestedFor(urlPathEqualTo("/mistral/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("300")))
                .withRequestBody(not(matchingJsonPath("$.max_completion_tokens"))));
  }
}
