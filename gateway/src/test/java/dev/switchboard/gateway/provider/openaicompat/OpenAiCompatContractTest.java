package dev.switchboard.gateway.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.provider.ExpectedSummary;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every recorded OpenAI-compatible fixture through the real decoding path and checks the
 * numbers in {@code expected.json}. Streams are fed whole, byte by byte, and in seeded random
 * splits; all must measure the same. {@link ReplayedThroughTheServer} then replays every fixture
 * end to end, through the real server in front of WireMock, as its own provider's flavor.
 */
class OpenAiCompatContractTest {

  private static final String DIR = "/fixtures/openai-compatible/";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode EXPECTED = readJson(DIR + "expected.json");
  private static final long[] SEEDS = {1L, 42L, 20260301L};

  static Stream<String> fixtures() {
    List<String> names = new ArrayList<>();
    EXPECTED.fieldNames().forEachRemaining(names::add);
    return names.stream();
  }

  @Test
  void everyFixtureFileHasExpectedValues() throws IOException, URISyntaxException {
    Path dir = Path.of(OpenAiCompatContractTest.class.getResource(DIR).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> !n.equals("expected.json"))
              .toList();
      assertThat(names).hasSize(EXPECTED.size()).allMatch(EXPECTED::has);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void measuresFixtureAsExpected(String file) {
    JsonNode expected = EXPECTED.get(file);
    byte[] body = read(DIR + file);
    if (file.contains("-error-")) {
      UpstreamError error =
          OpenAiErrorParser.parse(
              expected.get("http_status").asInt(),
              Buffer.buffer(body),
              MultiMap.caseInsensitiveMultiMap());
      assertError(error, expected);
      ExpectedSummary.assertMatches(ResponseSummary.failed(error), expected);
    } else if (file.endsWith(".sse") || file.endsWith(".chunks.jsonl")) {
      byte[] stream = file.endsWith(".chunks.jsonl") ? frame(body) : body;
      ResponseSummary whole = stream(stream, () -> stream.length);
      ExpectedSummary.assertMatches(whole, expected);
      assertThat(stream(stream, () -> 1)).as("byte by byte").isEqualTo(whole);
      for (long seed : SEEDS) {
        Random random = new Random(seed);
        assertThat(stream(stream, () -> 1 + random.nextInt(97)))
            .as("seed %d", seed)
            .isEqualTo(whole);
      }
    } else {
      try {
        ExpectedSummary.assertMatches(
            ChatResponseSummarizer.summarize(ChatResponseSummarizer.parseBody(Buffer.buffer(body))),
            expected);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static ResponseSummary stream(byte[] bytes, IntSupplier splitSize) {
    ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
    SseDecoder decoder =
        new SseDecoder(
            event -> {
              if (!event.isDone()) {
                try {
                  accumulator.accept(MAPPER.readTree(event.data()));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
            });
    for (int offset = 0; offset < bytes.length; ) {
      int end = Math.min(bytes.length, offset + splitSize.getAsInt());
      decoder.feed(Buffer.buffer(Arrays.copyOfRange(bytes, offset, end)));
      offset = end;
    }
    decoder.end();
    ResponseSummary summary = accumulator.summary();
    assertThat(accumulator.completionText().length())
        .isGreaterThanOrEqualTo((int) (summary.textChars() + summary.reasoningChars()));
    return summary;
  }

  /** Restores the SSE framing the fixture author stripped from a {@code .chunks.jsonl} file. */
  private static byte[] frame(byte[] jsonl) {
    return new String(jsonl, StandardCharsets.UTF_8)
        .lines()
        .filter(line -> !line.isBlank())
        .map(line -> "data: " + line + "\n\n")
        .collect(Collectors.joining())
        .getBytes(StandardCharsets.UTF_8);
  }


  private static void assertError(UpstreamError error, JsonNode expected) {
    JsonNode expectedError = expected.get("error");
    assertThat(error.httpStatus()).isEqualTo(expected.get("http_status").asInt());
    assertThat(error.type()).isEqualTo(text(expectedError, "type"));
    assertThat(error.code()).isEqualTo(text(expectedError, "code"));
    assertThat(error.message()).isEqualTo(text(expectedError, "message"));
    assertThat(error.retryAfterSeconds()).isNull();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static byte[] read(String resource) {
    try (InputStream in = OpenAiCompatContractTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readJson(String resource) {
    try {
      return MAPPER.readTree(read(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replays each fixture through the real gateway, from a WireMock upstream configured as the
   * fixture's provider flavor, and checks what an OpenAI client sees and what is recorded.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class ReplayedThroughTheServer {
    /** The route each fixture's provider (expected.json "provider") is served under. */
    private final Map<String, String> routeOf =
        Map.of(
            "deepseek", "deepseek/deepseek-reasoner",
            "groq", "groq/deepseek-r1-distill-llama-70b",
            "mistral", "mistral/mistral-small-latest",
            "ollama", "ollama/qwen3:0.6b",
            "openai", "openai/gpt-4o-mini",
            "openrouter", "openrouter/openai/gpt-5-mini",
            "qwen-dashscope", "qwen/qwen3-max",
            "xai", "xai/grok-3-mini",
            "zai", "zai/glm-4.7");

    private GatewayHarness harness;

    @BeforeAll
    void start(@TempDir Path storeDir) {
      harness = new GatewayHarness(storeDir, FlavorUpstreams::extra);
    }

    @AfterAll
    void stop() {
      harness.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.switchboard.gateway.provider.openaicompat.OpenAiCompatContractTest#fixtures")
    void clientSeesTheAnswerAsOpenAiShapedAndTheRecordMatches(String file) {
      JsonNode expected = EXPECTED.get(file);
      String route = routeOf.get(expected.get("provider").asText());
      assertThat(route).as("route for " + expected.get("provider")).isNotNull();
      boolean stream = file.endsWith(".sse") || file.endsWith(".chunks.jsonl");
      byte[] raw = read(DIR + file);
      byte[] upstreamBody = file.endsWith(".chunks.jsonl") ? frame(raw) : raw;
      harness.upstream().resetAll();
      harness.upstream().stubFor(
          WireMock.post(WireMock.urlPathEqualTo(FlavorUpstreams.chatPath(route)))
              .willReturn(
                  WireMock.aResponse()
                      .withStatus(expected.get("http_status").asInt())
                      .withHeader("Content-Type", stream ? "text/event-stream" : "application/json")
                      .withBody(upstreamBody)));

      HttpResponse<String> response =
          harness.post(
              "/v1/chat/completions",
              "{\"model\":\"" + route + "\",\"stream\":" + stream
                  + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

      assertThat(response.statusCode()).isEqualTo(expected.get("http_status").asInt());
      UsageRecord record =
          harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
      assertThat(record.provider()).isEqualTo(route.substring(0, route.indexOf('/')));
      if (expected.get("error").isObject()) {
        JsonNode error = ClientView.read(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(text(expected.get("error"), "code"));
        assertThat(error.get("message").asText()).isEqualTo(text(expected.get("error"), "message"));
        assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
        return;
      }
      ClientView client =
          stream ? ClientView.ofStream(response.body()) : ClientView.ofCompletion(response.body());
      SoftAssertions softly = new SoftAssertions();
      softly.assertThat(ClientView.codePoints(client.reasoning()))
          .as("reasoning chars in message.reasoning / delta.reasoning")
          .isEqualTo(expected.get("reasoning_chars").asLong());
      softly.assertThat(ClientView.codePoints(client.content()))
          .as("text chars")
          .isEqualTo(expected.get("text_chars").asLong());
      softly.assertThat(client.finishReason()).as("finish").isEqualTo(expected.get("finish_reason").asText());
      List<ClientView.ToolCall> calls = client.toolCalls();
      softly.assertThat(calls).as("tool calls").hasSize(expected.get("tool_calls").asInt());
      String rawText = new String(upstreamBody, StandardCharsets.UTF_8);
      ClientView upstream = stream ? ClientView.ofStream(rawText) : ClientView.ofCompletion(rawText);
      softly.assertThat(calls).as("tool calls as the provider sent them").isEqualTo(upstream.toolCalls());
      for (ClientView.ToolCall call : calls) {
        softly.assertThat(call.id()).as("tool call id").isNotBlank();
        softly.assertThat(call.name()).as("tool call name").isNotBlank();
        softly.assertThat(ClientView.read(call.arguments()).isObject()).as("arguments are a JSON object").isTrue();
      }
      if (stream) {
        softly.assertThat(response.body()).endsWith("data: [DONE]\n\n");
        for (JsonNode chunk : client.chunks()) {
          for (JsonNode call : chunk.at("/choices/0/delta/tool_calls")) {
            softly.assertThat(call.path("index").isInt()).as("streamed tool call has an index").isTrue();
          }
        }
      }
      softly.assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
      softly.assertThat(record.usage().promptTokens()).isEqualTo(ExpectedSummary.count(expected, "prompt_tokens"));
      softly.assertThat(record.usage().completionTokens()).isEqualTo(ExpectedSummary.count(expected, "completion_tokens"));
      softly.assertThat(record.usage().reasoningTokens()).isEqualTo(ExpectedSummary.count(expected, "reasoning_tokens"));
      softly.assertThat(record.toolCalls()).isEqualTo(expected.get("tool_calls").asInt());
      softly.assertAll();
    }
  }
}
