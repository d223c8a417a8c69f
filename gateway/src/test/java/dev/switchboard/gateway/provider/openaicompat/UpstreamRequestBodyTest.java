package dev.switchboard.gateway.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.ChatRequestParser;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.routing.ResolvedTarget;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpstreamRequestBodyTest {

  private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

  private static UpstreamCall call(String flavor, String model, String extraJson) {
    ChatRequest request =
        ChatRequestParser.parse(
            Buffer.buffer("{\"model\":\"public\"," + MESSAGES + extraJson + "}"));
    ProviderConfig provider =
        new ProviderConfig(
            "p-" + flavor,
            ProviderKind.OPENAI_COMPATIBLE,
            URI.create("http://127.0.0.1:9/v1"),
            SecretRef.none(),
            Map.of(),
            flavor);
    return new UpstreamCall(
        request, new ResolvedTarget("public", provider, model, Optional.empty()), "id");
  }

  private static ObjectNode body(String flavor, String model, String extraJson, boolean stream) {
    UpstreamCall call = call(flavor, model, extraJson);
    return UpstreamRequestBody.of(call, stream, OpenAiFlavors.of(call.target().provider()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // flavor | model | field that must carry the knob | its value
        "openai | o3-mini | /reasoning_effort | high",
        "azure | my-o3 | /reasoning_effort | high",
        "groq | openai/gpt-oss-120b | /reasoning_effort | high",
        "vllm | Qwen/Qwen3-8B | /reasoning_effort | high",
        "ollama | gpt-oss:20b | /reasoning_effort | high",
        "generic | any | /reasoning_effort | high",
        "xai | grok-3-mini | /reasoning_effort | high",
        "qwen | qwen3-max | /enable_thinking | true",
        "zai | glm-4.7 | /thinking/type | enabled",
        "openrouter | openai/gpt-5-mini | /reasoning/effort | high",
      })
  void translatesOpenRouterReasoningIntoEachFlavorsKnob(
      String flavor, String model, String pointer, String value) {
    ObjectNode body = body(flavor, model, ",\"reasoning\":{\"effort\":\"high\"}", false);

    assertThat(body.at(pointer).asText()).isEqualTo(value);
    if (!flavor.equals("openrouter")) {
      assertThat(body.has("reasoning")).as("reasoning removed").isFalse();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "deepseek, deepseek-reasoner",
    "mistral, magistral-medium-latest",
    "moonshot, kimi-k2-thinking",
    "minimax, MiniMax-M2",
    "xai, grok-4"
  })
  void flavorsWhereTheModelDecidesGetNoReasoningFields(String flavor, String model) {
    ObjectNode body =
        body(
            flavor,
            model,
            ",\"reasoning_effort\":\"low\",\"reasoning\":{\"effort\":\"high\"}",
            false);

    assertThat(body.has("reasoning_effort")).isFalse();
    assertThat(body.has("reasoning")).isFalse();
  }

  @Test
  void grok3MiniGetsXaisTwoEffortLevels() {
    assertThat(
            body("xai", "grok-3-mini-fast", ",\"reasoning_effort\":\"minimal\"", false)
                .get("reasoning_effort")
                .asText())
        .isEqualTo("low");
    assertThat(
            body("xai", "grok-3-mini", ",\"reasoning_effort\":\"medium\"", false)
                .get("reasoning_effort")
                .asText())
        .isEqualTo("high");
  }

  @Test
  void qwenBudgetAndSwitchOffAreTranslated() {
    ObjectNode budget = body("qwen", "qwen3-max", ",\"reasoning\":{\"max_tokens\":2048}", false);
    assertThat(budget.get("enable_thinking").asBoolean()).isTrue();
    assertThat(budget.get("thinking_budget").asInt()).isEqualTo(2048);

    ObjectNode off = body("qwen", "qwen3-max", ",\"reasoning_effort\":\"none\"", false);
    assertThat(off.get("enable_thinking").asBoolean()).isFalse();
    assertThat(off.has("reasoning_effort")).isFalse();
    assertThat(off.has("thinking_budget")).isFalse();
  }

  @Test
  void nativeKnobTheClientSetIsKept() {
    ObjectNode body =
        body(
            "zai",
            "glm-4.7",
            ",\"thinking\":{\"type\":\"disabled\"},\"reasoning\":{\"enabled\":true}",
            false);

    assertThat(body.at("/thinking/type").asText()).isEqualTo("disabled");
  }

  @Test
  void routingFieldsGoToNoUpstreamAndOpenRouterIsAskedForCost() {
    String routing =
        ",\"models\":[\"a\",\"b\"],\"provider\":{\"order\":[\"x\"]},\"route\":\"fallback\","
            + "\"transforms\":[\"middle-out\"],\"usage\":{\"include\":false}";

    // the gateway routes on these itself: they name its models and providers, not OpenRouter's
    ObjectNode openRouter = body("openrouter", "openai/gpt-5-mini", routing, false);
    assertThat(
            openRouter.has("models")
                || openRouter.has("provider")
                || openRouter.has("route")
                || openRouter.has("transforms"))
        .isFalse();
    assertThat(openRouter.at("/usage/include").asBoolean()).isTrue();

    ObjectNode deepSeek = body("deepseek", "deepseek-chat", routing, false);
    assertThat(
            deepSeek.has("models")
                || deepSeek.has("provider")
                || deepSeek.has("route")
                || deepSeek.has("transforms")
                || deepSeek.has("usage"))
        .isFalse();
  }

  @Test
  void jsonSchemaIsRefusedBeforeCallingProvidersWithoutIt() {
    String schema =
        ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{}}}";

    for (String flavor : new String[] {"deepseek", "moonshot", "zai"}) {
      UpstreamCall call = call(flavor, "m", schema);
      UpstreamFailure failure =
          catchThrowableOfType(
              UpstreamFailure.class,
              () ->
                  UpstreamRequestBody.of(call, false, OpenAiFlavors.of(call.target().provider())));
      assertThat(failure).as(flavor).isNotNull();
      assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.REJECTED);
      assertThat(failure.error().httpStatus()).isEqualTo(400);
      assertThat(failure.error().code()).isEqualTo("unsupported_parameter");
      assertThat(failure.error().message())
          .contains("response_format", "json_schema", "p-" + flavor);
    }
    assertThat(
            body("deepseek", "m", ",\"response_format\":{\"type\":\"json_object\"}", false)
                .at("/response_format/type")
                .asText())
        .isEqualTo("json_object");
    assertThat(body("openai", "gpt-4o", schema, false).at("/response_format/type").asText())
        .isEqualTo("json_schema");
  }

  @Test
  void streamOptionsAreAddedWhereAcceptedAndDroppedElsewhere() {
    String clientOptions =
        ",\"stream\":true,\"stream_options\":{\"include_usage\":false,\"continuous_usage_stats\":true}";

    ObjectNode vllm = body("vllm", "m", clientOptions, true);
    assertThat(vllm.at("/stream_options/include_usage").asBoolean()).isTrue();
    assertThat(vllm.at("/stream_options/continuous_usage_stats").asBoolean()).isTrue();
    assertThat(body("mistral", "m", clientOptions, true).has("stream_options")).isFalse();
    assertThat(
            body("openai", "m", ",\"stream_options\":{\"include_usage\":true}", false)
                .has("stream_options"))
        .as("OpenAI refuses stream_options without stream")
        .isFalse();
  }

  @Test
  void maxTokensBecomesMaxCompletionTokensForOpenAiReasoningModelsOnly() {
    ObjectNode o3 = body("openai", "o3-mini", ",\"max_tokens\":100", false);
    assertThat(o3.has("max_tokens")).isFalse();
    assertThat(o3.get("max_completion_tokens").asInt()).isEqualTo(100);

    ObjectNode gpt4o = body("openai", "gpt-4o", ",\"max_tokens\":100", false);
    assertThat(gpt4o.get("max_tokens").asInt()).isEqualTo(100);
    assertThat(gpt4o.has("max_completion_tokens")).isFalse();
  }

  @Test
  void maxCompletionTokensBecomesMaxTokensWhereOnlyThatIsRead() {
    for (String flavor :
        new String[] {"mistral", "deepseek", "zai", "qwen", "moonshot", "ollama", "llamacpp"}) {
      ObjectNode body = body(flavor, "m", ",\"max_completion_tokens\":64", false);
      assertThat(body.has("max_completion_tokens")).as(flavor).isFalse();
      assertThat(body.get("max_tokens").asInt()).as(flavor).isEqualTo(64);
    }
  }

  @Test
  void echoedReasoningIsDroppedForProvidersThatNeverDefinedItWithoutTouchingTheClientsBody() {
    String history =
        ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"4\",\"reasoning\":\"2+2\",\"reasoning_content\":\"2+2\"},{\"role\":\"user\",\"content\":\"and"
            + " 3+3?\"}]";
    UpstreamCall call = call("deepseek", "deepseek-reasoner", "");
    ChatRequest request =
        ChatRequestParser.parse(Buffer.buffer("{\"model\":\"public\"" + history + "}"));
    UpstreamCall withHistory = new UpstreamCall(request, call.target(), "id");

    ObjectNode deepSeek =
        UpstreamRequestBody.of(withHistory, false, OpenAiFlavors.named("deepseek"));
    ObjectNode ollama = UpstreamRequestBody.of(withHistory, false, OpenAiFlavors.named("ollama"));

    JsonNode sent = deepSeek.at("/messages/1");
    assertThat(sent.has("reasoning")).isFalse();
    assertThat(sent.get("reasoning_content").asText()).isEqualTo("2+2");
    assertThat(ollama.at("/messages/1/reasoning").asText()).isEqualTo("2+2");
    assertThat(request.body().at("/messages/1/reasoning").asText())
        .as("client body untouched")
        .isEqualTo("2+2");
  }

  @Test
  void reasoningDetailsGoOnlyToOpenRouter() {
    String history =
        ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"4\",\"reasoning_details\":[{\"type\":\"reasoning.encrypted\","
            + "\"data\":\"x\",\"format\":\"openai-responses-v1\"}]},{\"role\":\"user\",\"content\":\"and?\"}]";
    UpstreamCall call = call("openai", "gpt-5", "");
    ChatRequest request =
        ChatRequestParser.parse(Buffer.buffer("{\"model\":\"public\"" + history + "}"));
    UpstreamCall withHistory = new UpstreamCall(request, call.target(), "id");

    for (String flavor : new String[] {"openai", "deepseek", "ollama", "generic"}) {
      assertThat(UpstreamRequestBody.of(withHistory, false, OpenAiFlavors.named(flavor)).at("/messages/1").has("reasoning_details"))
          .as(flavor)
          .isFalse();
    }
    assertThat(UpstreamRequestBody.of(withHistory, false, OpenAiFlavors.named("openrouter")).at("/messages/1/reasoning_details"))
        .hasSize(1);
    assertThat(request.body().at("/messages/1/reasoning_details")).as("client body untouched").hasSize(1);
  }

  @Test
  void clientBodyIsNeverModified() {
    UpstreamCall call =
        call(
            "deepseek",
            "deepseek-chat",
            ",\"stream\":true,\"reasoning\":{\"effort\":\"high\"},\"models\":[\"x\"]");
    String before = call.request().body().toString();

    UpstreamRequestBody.of(call, true, OpenAiFlavors.named("deepseek"));

    assertThat(call.request().body().toString()).isEqualTo(before);
  }
}
