package dev.switchboard.gateway.provider.openaicompat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import dev.switchboard.gateway.GatewayHarness;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads flavor-specific answers with the official OpenAI Java SDK: its stream accumulator must
 * assemble Mistral's index-less tool call, and reasoning must be readable from {@code reasoning}
 * whichever field the provider used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiSdkFlavorTest {
  private GatewayHarness harness;
  private OpenAIClient client;

  @BeforeAll
  void start(@TempDir Path storeDir) {
    harness = new GatewayHarness(storeDir, FlavorUpstreams::extra);
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(harness.baseUrl() + "/v1")
            .apiKey("sk-client")
            .maxRetries(0)
            .build();
  }

  @AfterAll
  void stop() {
    client.close();
    harness.close();
  }

  @Test
  void sdkAccumulatorAssemblesMistralsWholeToolCall() {
    String jsonl = new String(GatewayHarness.fixture("mistral-stream-tool-call.chunks.jsonl"));
    String sse =
        jsonl
            .lines()
            .filter(l -> !l.isBlank())
            .map(l -> "data: " + l + "\n\n")
            .collect(Collectors.joining());
    serve("mistral/mistral-small-latest", sse);

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params("mistral/mistral-small-latest"))) {
      stream.stream().forEach(accumulator::accumulate);
    }

    ChatCompletion completion = accumulator.chatCompletion();
    ChatCompletionMessageFunctionToolCall call =
        completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.id()).isEqualTo("gSIMJiOkT");
    assertThat(call.function().name()).isEqualTo("weather");
    assertThat(call.function().arguments()).isEqualTo("{\"location\": \"San Francisco\"}");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
  }

  @Test
  void sdkReadsDeepSeekReasoningFromTheReasoningField() {
    serve(
        "deepseek/deepseek-reasoner",
        new String(GatewayHarness.fixture("deepseek-reasoner-stream-usage.sse")));

    List<ChatCompletionChunk> chunks;
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params("deepseek/deepseek-reasoner"))) {
      chunks = stream.stream().toList();
    }

    String reasoning =
        chunks.stream()
            .flatMap(c -> c.choices().stream())
            .map(choice -> choice.delta()._additionalProperties().get("reasoning"))
            .filter(value -> value != null)
            .map(value -> value.convert(String.class))
            .collect(Collectors.joining());
    assertThat(reasoning.codePointCount(0, reasoning.length())).isEqualTo(882);
  }

  @Test
  void sdkReadsMagistralAnswerTextAndReasoning() throws Exception {
    byte[] body;
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "/fixtures/openai-compatible-constructed/mistral-magistral-nonstream-thinking.json")) {
      body = in.readAllBytes();
    }
    harness
        .upstream()
        .stubFor(
            post(urlPathEqualTo(FlavorUpstreams.chatPath("mistral/magistral-medium-latest")))
                .willReturn(
                    aResponse().withHeader("Content-Type", "application/json").withBody(body)));

    ChatCompletion completion =
        client.chat().completions().create(params("mistral/magistral-medium-latest"));

    ChatCompletionMessage message = completion.choices().get(0).message();
    assertThat(message.content()).hasValue("2 + 2 = **4**.");
    assertThat(message._additionalProperties().get("reasoning").convert(String.class))
        .isEqualTo("The user asks 2+2. That is 4.");
  }

  private void serve(String route, String sse) {
    harness
        .upstream()
        .stubFor(
            post(urlPathEqualTo(FlavorUpstreams.chatPath(route)))
                .willReturn(
                    aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse)));
  }

  private static ChatCompletionCreateParams params(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Hi").build();
  }
}
