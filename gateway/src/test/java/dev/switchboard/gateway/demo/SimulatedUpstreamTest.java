package dev.switchboard.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.telemetry.tokens.TokenCounter;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives the simulated upstream over real HTTP, as a gateway adapter would. */
class SimulatedUpstreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final DemoModelProfile PACED =
      new DemoModelProfile("paced-model", Duration.ofMillis(150), 200, 40, false, 0);

  private static Vertx vertx;
  private static SimulatedUpstream upstream;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    List<DemoModelProfile> profiles =
        Stream.concat(
                DemoModelProfile.defaults().stream().map(DemoModelProfile::instant),
                Stream.of(PACED))
            .toList();
    upstream = new SimulatedUpstream(profiles);
    port =
        upstream
            .start(vertx, 0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    upstream.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void answersWithFullCompletionWhoseUsageAddsUp() throws Exception {
    HttpResponse<String> response = post(request("gpt-4o-mini", "Explain how volcanoes erupt"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("id").asText()).startsWith("chatcmpl-demo-");
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.path("system_fingerprint").asText()).isEqualTo("fp_demo");
    assertThat(body.path("created").asLong()).isPositive();
    JsonNode choice = body.path("choices").get(0);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.has("logprobs")).isTrue();
    assertThat(choice.path("logprobs").isNull()).isTrue();
    JsonNode message = choice.path("message");
    assertThat(message.path("role").asText()).isEqualTo("assistant");
    assertThat(message.path("refusal").isNull()).isTrue();
    assertThat(message.has("tool_calls")).isFalse();
    String content = message.path("content").asText();
    assertThat(content).containsAnyOf("volcanoes", "erupt");

    JsonNode usage = body.path("usage");
    int prompt = usage.path("prompt_tokens").asInt();
    int completion = usage.path("completion_tokens").asInt();
    assertThat(usage.path("total_tokens").asInt()).isEqualTo(prompt + completion);
    assertThat(completion).isEqualTo(TokenCounter.o200k().count(content));
    assertThat(prompt).isGreaterThan(TokenCounter.o200k().count("Explain how volcanoes erupt"));
    assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isZero();
  }

  @Test
  void countsMorePromptTokensForLongerPrompts() throws Exception {
    int shortPrompt =
        usage(post(request("gpt-4o-mini", "Tell me about rivers"))).path("prompt_tokens").asInt();
    String longText =
        "Tell me about rivers. " + "They flow through valleys and plains. ".repeat(20);
    int longPrompt = usage(post(request("gpt-4o-mini", longText))).path("prompt_tokens").asInt();

    assertThat(longPrompt).isGreaterThan(shortPrompt + 100);
  }

  @Test
  void reportsReasoningTokensInsideCompletionForReasoningModels() throws Exception {
    JsonNode body = JSON.readTree(post(request("gemini-2.5-flash", "Plan a garden layout")).body());

    JsonNode usage = body.path("usage");
    int reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").asInt();
    String content = body.path("choices").get(0).path("message").path("content").asText();
    assertThat(reasoning).isPositive();
    assertThat(usage.path("completion_tokens").asInt())
        .isEqualTo(TokenCounter.o200k().count(content) + reasoning);
  }

  @Test
  void streamsSeparateChunksEndingWithDoneAndMatchingTheNonStreamedAnswer() throws Exception {
    ObjectNode request = request("qwen3-coder", "How do I profile a slow Java service?");
    String expected =
        JSON.readTree(post(request).body())
            .path("choices")
            .get(0)
            .path("message")
            .path("content")
            .asText();

    HttpResponse<String> response = post(request.put("stream", true));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    List<String> data = sseData(response.body());
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    List<JsonNode> chunks = chunks(data);
    assertThat(chunks.size()).isGreaterThan(4);
    JsonNode first = chunks.get(0).path("choices").get(0).path("delta");
    assertThat(first.path("role").asText()).isEqualTo("assistant");
    assertThat(first.path("content").asText()).isEmpty();
    StringBuilder streamed = new StringBuilder();
    for (JsonNode chunk : chunks) {
      assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.has("usage")).as("usage key only with include_usage").isFalse();
      streamed.append(chunk.path("choices").get(0).path("delta").path("content").asText(""));
    }
    assertThat(streamed.toString()).isEqualTo(expected);
    JsonNode last = chunks.get(chunks.size() - 1).path("choices").get(0);
    assertThat(last.path("delta").isEmpty()).isTrue();
    assertThat(last.path("finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void appendsUsageChunkWithEmptyChoicesOnlyWhenIncludeUsageIsSet() throws Exception {
    ObjectNode request = request("llama-3.3-70b-instruct", "Summarise the history of chess");
    request.put("stream", true).putObject("stream_options").put("include_usage", true);

    List<JsonNode> chunks = chunks(sseData(post(request).body()));

    JsonNode usageChunk = chunks.get(chunks.size() - 1);
    assertThat(usageChunk.path("choices").isEmpty()).isTrue();
    JsonNode usage = usageChunk.path("usage");
    assertThat(usage.path("total_tokens").asInt())
        .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
    for (JsonNode chunk : chunks.subList(0, chunks.size() - 1)) {
      assertThat(chunk.has("usage")).isTrue();
      assertThat(chunk.path("usage").isNull()).isTrue();
      assertThat(chunk.path("choices")).hasSize(1);
    }
  }

  @Test
  void callsTheToolTheUserNamesWithParseableArguments() throws Exception {
    ObjectNode request =
        withWeatherTool(request("llama-3.3-70b-instruct", "Use get_weather for Lisbon please"));

    JsonNode choice = JSON.readTree(post(request).body()).path("choices").get(0);

    assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(choice.path("message").path("content").isNull()).isTrue();
    JsonNode call = choice.path("message").path("tool_calls").get(0);
    assertThat(call.path("id").asText()).startsWith("call_");
    assertThat(call.path("type").asText()).isEqualTo("function");
    assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
    JsonNode arguments = JSON.readTree(call.path("function").path("arguments").asText());
    assertThat(arguments.path("city").asText()).isEqualTo("Lisbon");
    assertThat(arguments.path("unit").asText()).isIn("celsius", "fahrenheit");
    assertThat(arguments.path("days").isInt()).isTrue();
  }

  @Test
  void streamsToolCallAsIndexedDeltasThatConcatenateToValidJson() throws Exception {
    ObjectNode request = withWeatherTool(request("gpt-4o-mini", "call get_weather for Oslo"));
    request.put("stream", true);

    List<JsonNode> chunks = chunks(sseData(post(request).body()));

    List<JsonNode> toolDeltas = new ArrayList<>();
    for (JsonNode chunk : chunks) {
      chunk.path("choices").get(0).path("delta").path("tool_calls").forEach(toolDeltas::add);
    }
    assertThat(toolDeltas.size()).isGreaterThan(1);
    JsonNode head = toolDeltas.get(0);
    assertThat(head.path("index").asInt()).isZero();
    assertThat(head.path("id").asText()).startsWith("call_");
    assertThat(head.path("function").path("name").asText()).isEqualTo("get_weather");
    assertThat(head.path("function").path("arguments").asText()).isEmpty();
    StringBuilder arguments = new StringBuilder();
    for (JsonNode delta : toolDeltas.subList(1, toolDeltas.size())) {
      assertThat(delta.has("id")).isFalse();
      assertThat(delta.path("index").asInt()).isZero();
      arguments.append(delta.path("function").path("arguments").asText());
    }
    assertThat(JSON.readTree(arguments.toString()).path("city").isTextual()).isTrue();
    JsonNode finish = chunks.get(chunks.size() - 1).path("choices").get(0);
    assertThat(finish.path("finish_reason").asText()).isEqualTo("tool_calls");
  }

  @Test
  void stopsWithLengthWhenMaxTokensIsTiny() throws Exception {
    ObjectNode request = request("deepseek-chat-v3.1", "Describe the water cycle in detail");
    request.put("max_tokens", 5);

    JsonNode body = JSON.readTree(post(request).body());

    assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
    assertThat(body.path("usage").path("completion_tokens").asInt()).isBetween(1, 5);
  }

  @Test
  void refusesMalformedJsonWith400() throws Exception {
    HttpResponse<String> response = post("{\"model\": \"gpt-4o-mini\", \"messages\": [");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.has("param")).isTrue();
    assertThat(error.has("code")).isTrue();
  }

  @Test
  void refusesMissingMessagesWith400() throws Exception {
    HttpResponse<String> response = post("{\"model\": \"gpt-4o-mini\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("param").asText()).isEqualTo("messages");
    assertThat(error.path("code").asText()).isEqualTo("missing_required_parameter");
  }

  @Test
  void answersUnknownModelWith404ModelNotFound() throws Exception {
    HttpResponse<String> response = post(request("gpt-9-ultra", "hello"));

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("model_not_found");
    assertThat(error.path("message").asText()).contains("gpt-9-ultra");
  }

  @Test
  void listsSimulatedModels() throws Exception {
    HttpRequest get = HttpRequest.newBuilder(uri("/v1/models")).GET().build();

    JsonNode body = JSON.readTree(HTTP.send(get, HttpResponse.BodyHandlers.ofString()).body());

    assertThat(body.path("object").asText()).isEqualTo("list");
    List<String> ids = new ArrayList<>();
    body.path("data").forEach(m -> ids.add(m.path("id").asText()));
    assertThat(ids).contains("gpt-4o-mini", "claude-sonnet-4.5", "paced-model");
  }

  @Test
  void waitsTimeToFirstTokenAndPacesTheStream() throws Exception {
    ObjectNode request = request(PACED.model(), "Write about mountains and glaciers");
    request.put("stream", true);
    long started = System.nanoTime();

    HttpResponse<Stream<String>> response =
        HTTP.send(
            HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    List<Long> arrivals = new ArrayList<>();
    response
        .body()
        .filter(l -> l.startsWith("data: "))
        .forEach(l -> arrivals.add(System.nanoTime()));

    long firstMillis = (arrivals.get(0) - started) / 1_000_000;
    long totalMillis = (arrivals.get(arrivals.size() - 1) - started) / 1_000_000;
    assertThat(firstMillis).isGreaterThanOrEqualTo(140);
    // at least 20 tokens at 200 tokens/s come after the first byte
    assertThat(totalMillis - firstMillis).isGreaterThanOrEqualTo(90);
  }

  private static ObjectNode request(String model, String userText) {
    ObjectNode request = JSON.createObjectNode().put("model", model);
    ArrayNode messages = request.putArray("messages");
    messages.addObject().put("role", "system").put("content", "You are a helpful assistant.");
    messages.addObject().put("role", "user").put("content", userText);
    return request;
  }

  private static ObjectNode withWeatherTool(ObjectNode request) {
    ObjectNode function =
        request.putArray("tools").addObject().put("type", "function").putObject("function");
    function.put("name", "get_weather").put("description", "Gets the forecast for a city");
    ObjectNode properties =
        function.putObject("parameters").put("type", "object").putObject("properties");
    properties.putObject("city").put("type", "string");
    properties
        .putObject("unit")
        .put("type", "string")
        .putArray("enum")
        .add("celsius")
        .add("fahrenheit");
    properties.putObject("days").put("type", "integer");
    return request;
  }

  private static HttpResponse<String> post(ObjectNode body) throws Exception {
    return post(body.toString());
  }

  private static HttpResponse<String> post(String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/v1/chat/completions"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static JsonNode usage(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).path("usage");
  }

  private static List<String> sseData(String body) {
    assertThat(body).endsWith("\n\n");
    return Arrays.stream(body.split("\n\n"))
        .peek(event -> assertThat(event).startsWith("data: "))
        .map(event -> event.substring("data: ".length()))
        .toList();
  }

  private static List<JsonNode> chunks(List<String> data) throws Exception {
    List<JsonNode> chunks = new ArrayList<>();
    for (String d : data.subList(0, data.size() - 1)) {
      chunks.add(JSON.readTree(d));
    }
    return chunks;
  }
}
