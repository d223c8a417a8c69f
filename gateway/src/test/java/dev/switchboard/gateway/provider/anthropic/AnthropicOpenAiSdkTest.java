package dev.switchboard.gateway.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.switchboard.gateway.GatewayHarness;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uses the official OpenAI Java SDK against an Anthropic route, the way an agent would: its stream
 * accumulator must rebuild the tool call, and a mid-stream error must surface as an exception.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnthropicOpenAiSdkTest {
  private static final String MODEL = "anthropic/claude-sonnet-4.5";

  @TempDir static Path storeDir;
  private GatewayHarness harness;
  private OpenAIClient client;

  @BeforeAll
  void start() {
    harness = new GatewayHarness(storeDir, AnthropicEndToEndTest::config);
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(harness.baseUrl() + "/v1")
            .apiKey("sk-client-not-checked-yet")
            .maxRetries(0)
            .build();
  }

  @AfterAll
  void stop() {
    client.close();
    harness.close();
  }

  @BeforeEach
  void resetUpstream() {
    harness.upstream().resetAll();
  }

  @Test
  void streamedToolCallAccumulatesIntoACompleteCall() {
    stub(
        AnthropicContractTest.read(
            AnthropicContractTest.DIR + "anthropic-messages-stream-tool-use-sdk-fixture.sse"));
    ChatCompletionCreateParams request =
        ChatCompletionCreateParams.builder()
            .model(MODEL)
            .addUserMessage("What's the weather in Paris?")
            .addTool(
                ChatCompletionFunctionTool.builder()
                    .function(
                        FunctionDefinition.builder()
                            .name("get_weather")
                            .parameters(
                                FunctionParameters.builder()
                                    .putAdditionalProperty("type", JsonValue.from("object"))
                                    .putAdditionalProperty(
                                        "properties",
                                        JsonValue.from(
                                            Map.of("location", Map.of("type", "string"))))
                                    .build())
                            .build())
                    .build())
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(request)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    ChatCompletion completion = accumulator.chatCompletion();

    ChatCompletion.Choice choice = completion.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(choice.message().content())
        .hasValue("I'll check the current weather in Paris for you.");
    ChatCompletionMessageToolCall call = choice.message().toolCalls().orElseThrow().get(0);
    assertThat(call.asFunction().id()).isEqualTo("toolu_01NRLabsLyVHZPKxbKvkfSMn");
    assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
    assertThat(call.asFunction().function().arguments()).isEqualTo("{\"location\": \"Paris\"}");
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(377);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(65);
  }

  @Test
  void midStreamErrorRaisesInTheClient() {
    String tool =
        new String(
            AnthropicContractTest.read(
                AnthropicContractTest.DIR + "anthropic-messages-stream-tool-use-sdk-fixture.sse"));
    String body =
        tool.substring(0, tool.indexOf("event: content_block_stop"))
            + "event: error\n"
            + "data:"
            + " {\"type\":\"error\",\"error\":{\"details\":null,\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}\n\n";
    stub(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ChatCompletionCreateParams request =
        ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("Weather?").build();

    assertThatThrownBy(
            () -> {
              try (StreamResponse<ChatCompletionChunk> stream =
                  client.chat().completions().createStreaming(request)) {
                stream.stream().forEach(chunk -> {});
              }
            })
        .hasMessageContaining("Overloaded");
  }

  private void stub(byte[] body) {
    harness
        .upstream()
        .stubFor(
            post(urlEqualTo("/v1/messages"))
                .willReturn(
                    aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
  }
}
