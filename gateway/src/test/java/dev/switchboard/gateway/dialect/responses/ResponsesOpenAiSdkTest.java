package dev.switchboard.gateway.dialect.responses;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import dev.switchboard.gateway.GatewayHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Points the official OpenAI Java SDK's Responses client at the gateway: answers and every stream
 * event must pass the SDK's own validation, and a function tool must round-trip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponsesOpenAiSdkTest {
  private static final String UPSTREAM = "/v1/chat/completions";

  @TempDir static Path storeDir;
  private GatewayHarness harness;
  private OpenAIClient client;

  @BeforeAll
  void start() {
    harness = new GatewayHarness(storeDir, ResponsesWire::families);
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
  void createReturnsAValidResponseWithTextAndUsage() {
    stub("openai-compatible", "openai-chat-nonstream-reasoning.json", "application/json");

    Response response =
        client.responses().create(ResponseCreateParams.builder()
            .model("openai/o3-mini")
            .instructions("You are careful.")
            .input("How do I cross a river?")
            .store(false)
            .build());

    response.validate();
    assertThat(response.id()).startsWith("resp_");
    assertThat(response.model().asString()).isEqualTo("openai/o3-mini");
    String text = response.output().stream()
        .flatMap(item -> item.message().stream())
        .flatMap(message -> message.content().stream())
        .map(content -> content.asOutputText().text())
        .collect(Collectors.joining());
    assertThat(text).startsWith("When it comes to crossing a river");
    assertThat(response.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isEqualTo(1792);
    assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(2897);
  }

  @Test
  void createStreamingDeliversValidEventsThroughResponseCompleted() {
    stub("openai-compatible", "openai-chat-stream-text-usage.sse", "text/event-stream");

    List<ResponseStreamEvent> events;
    try (StreamResponse<ResponseStreamEvent> stream =
        client.responses().createStreaming(ResponseCreateParams.builder()
            .model("openai/gpt-4o-mini")
            .input("What is the capital of France?")
            .build())) {
      events = stream.stream().collect(Collectors.toList());
    }

    events.forEach(ResponseStreamEvent::validate);
    assertThat(events.get(0).isCreated()).isTrue();
    ResponseStreamEvent last = events.get(events.size() - 1);
    assertThat(last.isCompleted()).isTrue();
    String deltas = events.stream()
        .flatMap(event -> event.outputTextDelta().stream())
        .map(delta -> delta.delta())
        .collect(Collectors.joining());
    Response completed = last.asCompleted().response();
    assertThat(completed.output().get(0).asMessage().content().get(0).asOutputText().text())
        .isEqualTo(deltas)
        .isNotBlank();
    assertThat(completed.usage().orElseThrow().inputTokens()).isEqualTo(78);
  }

  @Test
  void functionToolRoundTripsThroughTheStreamAndTheNextTurn() {
    stub("openai-compatible", "openai-chat-stream-tool-call-usage.sse", "text/event-stream");
    FunctionTool tool = FunctionTool.builder()
        .name("get_capital")
        .description("Capital of a country")
        .parameters(FunctionTool.Parameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("country", Map.of("type", "string"))))
            .build())
        .strict(false)
        .build();
    EasyInputMessage question = EasyInputMessage.builder()
        .role(EasyInputMessage.Role.USER)
        .content("What is the capital of France?")
        .build();

    Response first;
    try (StreamResponse<ResponseStreamEvent> stream =
        client.responses().createStreaming(ResponseCreateParams.builder()
            .model("openai/gpt-4o-mini")
            .inputOfResponse(List.of(ResponseInputItem.ofEasyInputMessage(question)))
            .addTool(tool)
            .build())) {
      List<ResponseStreamEvent> events = stream.stream().collect(Collectors.toList());
      events.forEach(ResponseStreamEvent::validate);
      assertThat(events.stream().filter(ResponseStreamEvent::isFunctionCallArgumentsDone)).hasSize(1);
      first = events.get(events.size() - 1).asCompleted().response();
    }
    ResponseFunctionToolCall call =
        first.output().stream().flatMap(item -> item.functionCall().stream()).findFirst().orElseThrow();
    assertThat(call.name()).isEqualTo("get_capital");
    assertThat(call.callId()).isEqualTo("call_ZR5UUuTt3pf61kjwAJIYdVMj");

    harness.upstream().resetRequests();
    stub("openai-compatible", "openai-chat-nonstream-reasoning.json", "application/json");
    Response second = client.responses().create(ResponseCreateParams.builder()
        .model("openai/gpt-4o-mini")
        .inputOfResponse(List.of(
            ResponseInputItem.ofEasyInputMessage(question),
            ResponseInputItem.ofFunctionCall(call),
            ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId())
                .output("Paris")
                .build())))
        .addTool(tool)
        .build());

    second.validate();
    assertThat(second.output()).anyMatch(ResponseOutputItem::isMessage);
    JsonNode sent = ResponsesWire.read(
        harness.upstream().findAll(postRequestedFor(urlEqualTo(UPSTREAM))).get(0).getBodyAsString());
    assertThat(sent.at("/messages/1/tool_calls/0/id").asText()).isEqualTo(call.callId());
    assertThat(sent.at("/messages/2/role").asText()).isEqualTo("tool");
    assertThat(sent.at("/messages/2/content").asText()).isEqualTo("Paris");
  }

  @Test
  void anthropicThinkingStreamValidatesInTheSdk() {
    stub("anthropic", "anthropic-messages-stream-thinking.sse", "text/event-stream", ResponsesWire.ANTHROPIC_UPSTREAM);

    List<ResponseStreamEvent> events;
    try (StreamResponse<ResponseStreamEvent> stream =
        client.responses().createStreaming(ResponseCreateParams.builder()
            .model(ResponsesWire.CLAUDE)
            .input("How do I cross the street?")
            .build())) {
      events = stream.stream().collect(Collectors.toList());
    }

    events.forEach(ResponseStreamEvent::validate);
    Response completed = events.get(events.size() - 1).asCompleted().response();
    assertThat(completed.output().get(0).reasoning().orElseThrow().encryptedContent()).isPresent();
    assertThat(completed.output().get(1).isMessage()).isTrue();
  }

  @Test
  void errorsRaiseTheSdksTypedExceptions() {
    assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder()
            .model("nobody/nothing").input("Hi").build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nobody/nothing");
    assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder()
            .model("openai/gpt-4o-mini").input("Hi").previousResponseId("resp_1").build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("previous_response_id");
  }

  private void stub(String family, String fixture, String contentType) {
    stub(family, fixture, contentType, UPSTREAM);
  }

  private void stub(String family, String fixture, String contentType, String path) {
    harness.upstream().stubFor(post(urlEqualTo(path)).willReturn(aResponse()
        .withHeader("Content-Type", contentType)
        .withBody(ResponsesWire.fixture(family, fixture))));
  }
}
