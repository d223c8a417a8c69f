package dev.switchboard.gateway.provider.openaicompat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays provider-specific answer shapes through the real server, each from its own flavor's
 * WireMock upstream, and checks what the client sees and what is recorded: Azure's prompt-filter
 * chunk, vLLM continuous usage, Moonshot choice usage, MiniMax {@code base_resp} errors, DeepSeek
 * keep-alives and resource errors, OpenRouter cost, BYOK and mid-stream errors, Mistral thinking
 * parts and {@code reasoning.exclude}; plain OpenAI answers, which a chat completions client gets
 * as the upstream's bytes with the gateway's edits. Payloads are the recorded fixtures, edited
 * where a test says so, or the constructed ones in {@code fixtures/openai-compatible-constructed/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiCompatAnswerEndToEndTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String RELAYED = "openai/gpt-4o-mini";
  private static final String PLAIN_ANSWER =
      "{\"id\":\"chatcmpl-upstream\",\"object\":\"chat.completion\",\"created\":1782955818,"
          + "\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Paris \\u00e9t\\u00e9.\",\"refusal\":null,"
          + "\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,"
          + "\"completion_tokens\":5,\"total_tokens\":25,\"prompt_tokens_details\":{\"cached_tokens\":16},"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":0}},\"system_fingerprint\":\"fp_d0469e1700\"}";


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
  void reset() {
    harness.upstream().resetAll();
  }

  @Test
  void azurePromptFilterChunkIsNotUsageAndGetsARealTimestamp() {
    serve(
        "azure/my-gpt-4o",
        200,
        "text/event-stream",
        constructed("azure-stream-prompt-filter-first.sse"));

    HttpResponse<String> response =
        chat("azure/my-gpt-4o", true, ",\"stream_options\":{\"include_usage\":true}");

    ClientView client = ClientView.ofStream(response.body());
    assertThat(client.content()).isEqualTo("Paris is the capital of France.");
    assertThat(client.chunks())
        .allSatisfy(chunk -> assertThat(chunk.get("created").asLong()).isPositive());
    JsonNode last = client.chunks().get(client.chunks().size() - 1);
    assertThat(last.at("/usage/prompt_tokens").asInt()).isEqualTo(24);
    UsageRecord record = record(response);
    assertThat(record.usage()).isEqualTo(new TokenUsage(24L, 8L, 0L, 0L, 0L));
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void vllmContinuousUsageIsLastWinsAndReasoningContentIsOfferedAsReasoning() {
    serve(
        "vllm/Qwen/Qwen3-8B",
        200,
        "text/event-stream",
        constructed("vllm-stream-continuous-usage.sse"));

    HttpResponse<String> response =
        chat("vllm/Qwen/Qwen3-8B", true, ",\"stream_options\":{\"include_usage\":true}");

    ClientView client = ClientView.ofStream(response.body());
    assertThat(client.reasoning()).isEqualTo("The user wants a greeting.");
    assertThat(client.content()).isEqualTo("Hello there!");
    JsonNode last = client.chunks().get(client.chunks().size() - 1);
    assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(10);
    assertThat(record(response).usage()).isEqualTo(new TokenUsage(17L, 10L, null, 0L, 0L));
  }

  @Test
  void moonshotUsageInsideTheChoiceIsRecordedAndOfferedAsTheUsageChunk() {
    byte[] stream = constructed("moonshot-stream-choice-usage.sse");
    serve("moonshot/kimi-k2-thinking", 200, "text/event-stream", stream);

    HttpResponse<String> asked =
        chat("moonshot/kimi-k2-thinking", true, ",\"stream_options\":{\"include_usage\":true}");
    HttpResponse<String> notAsked = chat("moonshot/kimi-k2-thinking", true, "");

    List<JsonNode> chunks = ClientView.ofStream(asked.body()).chunks();
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.get("choices")).isEmpty();
    assertThat(last.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
    assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(9);
    assertThat(notAsked.body()).doesNotContain("\"usage\"");
    assertThat(ClientView.ofStream(notAsked.body()).reasoning()).isEqualTo("Two plus two is four.");
    assertThat(record(asked).usage()).isEqualTo(new TokenUsage(12L, 9L, null, 8L, 0L));
  }

  @Test
  void miniMaxBaseRespFailureWithHttp200IsAnUpstreamErrorWithItsStatus() {
    byte[] failure = constructed("minimax-nonstream-base-resp-error.json");
    serve("minimax/MiniMax-M2", 200, "application/json", failure);

    HttpResponse<String> whole = chat("minimax/MiniMax-M2", false, "");
    HttpResponse<String> streamed = chat("minimax/MiniMax-M2", true, "");

    for (HttpResponse<String> response : List.of(whole, streamed)) {
      assertThat(response.statusCode()).isEqualTo(401);
      JsonNode error = ClientView.read(response.body()).get("error");
      assertThat(error.get("code").asText()).isEqualTo("1004");
      assertThat(error.get("message").asText()).startsWith("login fail");
      UsageRecord record = record(response);
      assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
      assertThat(record.httpStatus()).isEqualTo(401);
      assertThat(record.finishReason()).isEqualTo(FinishReason.ERROR);
    }
  }

  @Test
  void miniMaxBaseRespFailureMidStreamEndsWithAnErrorEvent() {
    String stream =
        "data:"
            + " {\"id\":\"m1\",\"object\":\"chat.completion.chunk\",\"created\":1762999100,\"model\":\"MiniMax-M2\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}],\"base_resp\":{\"status_code\":0,\"status_msg\":\"\"}}\n\n"
            + "data:"
            + " {\"id\":\"m1\",\"object\":\"chat.completion.chunk\",\"created\":1762999100,\"model\":\"MiniMax-M2\",\"choices\":[],\"base_resp\":{\"status_code\":1027,\"status_msg\":\"output"
            + " new_sensitive\"}}\n\n";
    serve("minimax/MiniMax-M2", 200, "text/event-stream", stream.getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> response = chat("minimax/MiniMax-M2", true, "");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain("[DONE]");
    List<JsonNode> chunks = ClientView.ofStream(response.body()).chunks();
    assertThat(chunks.get(chunks.size() - 1).at("/error/message").asText())
        .isEqualTo("output new_sensitive");
    UsageRecord record = record(response);
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.finishReason()).isEqualTo(FinishReason.ERROR);
  }

  @Test
  void deepSeekKeepAlivesAndLeadingBlankLinesAreTolerated() {
    // DeepSeek sends ": keep-alive" and blank lines while busy (api-docs.deepseek.com rate limit
    // page)
    String stream =
        "\n\n: keep-alive\n\n: keep-alive\n\n"
            + text(fixture("deepseek-reasoner-stream-usage.sse"));
    serve(
        "deepseek/deepseek-reasoner",
        200,
        "text/event-stream",
        stream.getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> streamed = chat("deepseek/deepseek-reasoner", true, "");

    assertThat(streamed.body()).endsWith("data: [DONE]\n\n");
    assertThat(ClientView.codePoints(ClientView.ofStream(streamed.body()).reasoning()))
        .isEqualTo(882);
    assertThat(record(streamed).usage()).isEqualTo(new TokenUsage(6L, 212L, 198L, 0L, 0L));

    reset();
    String whole = "\n\n\n" + text(fixture("qwen-dashscope-nonstream-tool-call.json"));
    serve(
        "deepseek/deepseek-chat", 200, "application/json", whole.getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> completed = chat("deepseek/deepseek-chat", false, "");
    assertThat(completed.statusCode()).isEqualTo(200);
    assertThat(record(completed).usage().promptTokens()).isEqualTo(295L);
  }

  @Test
  void deepSeekInsufficientSystemResourceIsAnError() {
    // the recorded stream, its finish reason replaced by the documented resource-exhaustion value
    String stream =
        text(fixture("deepseek-reasoner-stream-usage.sse"))
            .replace(
                "\"finish_reason\":\"stop\"", "\"finish_reason\":\"insufficient_system_resource\"");
    serve(
        "deepseek/deepseek-reasoner",
        200,
        "text/event-stream",
        stream.getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> response = chat("deepseek/deepseek-reasoner", true, "");

    assertThat(response.body()).doesNotContain("[DONE]");
    JsonNode last =
        ClientView.ofStream(response.body()).chunks().stream()
            .filter(c -> c.has("error"))
            .findFirst()
            .orElseThrow();
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("error");
    assertThat(last.at("/choices/0/native_finish_reason").asText())
        .isEqualTo("insufficient_system_resource");
    assertThat(last.at("/error/code").asText()).isEqualTo("insufficient_system_resource");
    UsageRecord record = record(response);
    assertThat(record.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(record.nativeFinishReason()).isEqualTo("insufficient_system_resource");
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.usage().completionTokens()).isEqualTo(212L);
  }

  @Test
  void openRouterReportedCostIsRecordedAsTheCost() {
    serve(
        "openrouter/acme/unlisted-model",
        200,
        "text/event-stream",
        fixture("openrouter-stream-processing-comments-usage-cost.sse"));

    UsageRecord record = record(chat("openrouter/acme/unlisted-model", true, ""));

    // this route has no catalog entry: the cost can only come from the provider
    assertThat(record.model().catalogId()).isNull();
    assertThat(record.costUsd()).isCloseTo(0.000837, offset(1e-12));
    assertThat(record.byok()).isFalse();
  }

  @Test
  void openRouterByokCostAddsTheUpstreamBillAndIsFlagged() {
    // the recorded stream turned into a BYOK one: OpenRouter's 5% fee as cost, the provider's bill
    // (0.000837, as recorded) in cost_details.upstream_inference_cost
    String stream =
        text(fixture("openrouter-stream-processing-comments-usage-cost.sse"))
            .replace("\"cost\":0.000837,\"is_byok\":false", "\"cost\":0.00004185,\"is_byok\":true");
    assertThat(stream).contains("\"is_byok\":true");
    serve(
        "openrouter/anthropic/claude-sonnet-4.5",
        200,
        "text/event-stream",
        stream.getBytes(StandardCharsets.UTF_8));

    UsageRecord record = record(chat("openrouter/anthropic/claude-sonnet-4.5", true, ""));

    assertThat(record.costUsd()).isCloseTo(0.00087885, offset(1e-12));
    assertThat(record.byok()).isTrue();
  }

  @Test
  void openRouterMidStreamErrorChunkEndsTheStreamAsAnError() {
    String stream =
        ": OPENROUTER PROCESSING\n\n"
            + "data:"
            + " {\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"provider\":\"X\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"
            + "data:"
            + " {\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"provider\":\"X\",\"error\":{\"code\":502,\"message\":\"Provider"
            + " returned"
            + " error\",\"metadata\":{\"provider_name\":\"X\"}},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\",\"native_finish_reason\":\"error\"}]}\n\n";
    serve(
        "openrouter/openai/gpt-5-mini",
        200,
        "text/event-stream",
        stream.getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> response = chat("openrouter/openai/gpt-5-mini", true, "");

    assertThat(response.body()).contains("Provider returned error").doesNotContain("[DONE]");
    UsageRecord record = record(response);
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.finishReason()).isEqualTo(FinishReason.ERROR);
  }

  @Test
  void mistralThinkingPartsAreOfferedAsMessageReasoning() {
    serve(
        "mistral/magistral-medium-latest",
        200,
        "application/json",
        constructed("mistral-magistral-nonstream-thinking.json"));

    HttpResponse<String> response = chat("mistral/magistral-medium-latest", false, "");

    ClientView client = ClientView.ofCompletion(response.body());
    assertThat(client.reasoning()).isEqualTo("The user asks 2+2. That is 4.");
    assertThat(client.content()).isEqualTo("2 + 2 = **4**.");
  }

  @Test
  void excludedReasoningNeverReachesTheClientButIsStillMetered() {
    serve(
        "deepseek/deepseek-reasoner",
        200,
        "text/event-stream",
        fixture("deepseek-reasoner-stream-usage.sse"));
    serve("zai/glm-4.7", 200, "application/json", fixture("ollama-v1-local-nonstream.json"));

    HttpResponse<String> streamed =
        chat("deepseek/deepseek-reasoner", true, ",\"reasoning\":{\"exclude\":true}");
    HttpResponse<String> whole =
        chat("zai/glm-4.7", false, ",\"reasoning\":{\"effort\":\"low\",\"exclude\":true}");

    ClientView stream = ClientView.ofStream(streamed.body());
    assertThat(stream.hasAnyReasoningField()).isFalse();
    assertThat(ClientView.codePoints(stream.content())).isEqualTo(40);
    assertThat(ClientView.ofCompletion(whole.body()).hasAnyReasoningField()).isFalse();
    assertThat(record(streamed).usage().reasoningTokens()).isEqualTo(198L);
  }

  /** A plain answer for a chat completions client goes out as the upstream's bytes, edited. */
  @Test
  void aPlainAnswerKeepsTheUpstreamsMembersAndGetsOurs() {
    serve(RELAYED, 200, "application/json", PLAIN_ANSWER.getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> response = chat(RELAYED, false, "");

    JsonNode body = ClientView.read(response.body());
    String id = response.headers().firstValue("x-request-id").orElseThrow();
    assertThat(body.get("id").asText()).isEqualTo(id);
    assertThat(body.get("model").asText()).isEqualTo(RELAYED);
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("service_tier").asText()).isEqualTo("default");
    assertThat(body.get("system_fingerprint").asText()).isEqualTo("fp_d0469e1700");
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Paris \u00e9t\u00e9.");
    assertThat(body.at("/choices/0/message/annotations").isArray()).isTrue();
    assertThat(body.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(16);
    UsageRecord record = harness.awaitRecord(id);
    assertThat(body.at("/usage/cost").doubleValue()).isEqualTo(record.costUsd());
    assertThat(record.usage()).isEqualTo(new TokenUsage(20L, 5L, 0L, 16L, 0L));
    assertThat(record.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.servedModel()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(record.normalizedCompletionTokens()).isPositive();
  }

  @Test
  void aRecordedStreamIsRelayedChunkByChunkWithUsageOnlyWhenAsked() {
    serve(RELAYED, 200, "text/event-stream", GatewayHarness.fixture("openai-chat-stream-text-usage.sse"));

    HttpResponse<String> asked = chat(RELAYED, true, ",\"stream_options\":{\"include_usage\":true}");
    HttpResponse<String> notAsked = chat(RELAYED, true, "");

    List<JsonNode> chunks = ClientView.ofStream(asked.body()).chunks();
    String id = asked.headers().firstValue("x-request-id").orElseThrow();
    assertThat(chunks).allSatisfy(chunk -> {
      assertThat(chunk.get("id").asText()).isEqualTo(id);
      assertThat(chunk.get("model").asText()).isEqualTo(RELAYED);
      assertThat(chunk.has("obfuscation")).isTrue(); // an upstream member, relayed as sent
    });
    JsonNode last = chunks.get(chunks.size() - 1);
    UsageRecord record = harness.awaitRecord(id);
    assertThat(last.at("/usage/cost").doubleValue()).isEqualTo(record.costUsd());
    assertThat(last.at("/usage/prompt_tokens").asLong()).isEqualTo(record.usage().promptTokens());
    assertThat(asked.body()).endsWith("data: [DONE]\n\n");
    assertThat(notAsked.body()).doesNotContain("\"usage\"");
    assertThat(ClientView.ofStream(notAsked.body()).content())
        .isEqualTo(ClientView.ofStream(asked.body()).content())
        .isNotEmpty();
    assertThat(record.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.servedModel()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(record.normalizedCompletionTokens()).isPositive();
  }

  private void serve(String route, int status, String contentType, byte[] body) {
    harness
        .upstream()
        .stubFor(
            post(urlPathEqualTo(FlavorUpstreams.chatPath(route)))
                .willReturn(
                    aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", contentType)
                        .withBody(body)));
  }

  private HttpResponse<String> chat(String route, boolean stream, String extraJson) {
    return harness.post(
        CHAT,
        "{\"model\":\""
            + route
            + "\",\"stream\":"
            + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]"
            + extraJson
            + "}");
  }

  private UsageRecord record(HttpResponse<String> response) {
    return harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
  }

  private static byte[] fixture(String name) {
    return GatewayHarness.fixture(name);
  }

  private static byte[] constructed(String name) {
    try (InputStream in =
        OpenAiCompatAnswerEndToEndTest.class.getResourceAsStream(
            "/fixtures/openai-compatible-constructed/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no constructed payload " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
