package dev.switchboard.gateway.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every recorded OpenAI-compatible fixture through the real decoding path and checks the
 * numbers in {@code expected.json}. Streams are fed whole, byte by byte, and in seeded random
 * splits; all must measure the same.
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
      assertSummary(ResponseSummary.failed(error), expected);
    } else if (file.endsWith(".sse") || file.endsWith(".chunks.jsonl")) {
      byte[] stream = file.endsWith(".chunks.jsonl") ? frame(body) : body;
      ResponseSummary whole = stream(stream, () -> stream.length);
      assertSummary(whole, expected);
      assertThat(stream(stream, () -> 1)).as("byte by byte").isEqualTo(whole);
      for (long seed : SEEDS) {
        Random random = new Random(seed);
        assertThat(stream(stream, () -> 1 + random.nextInt(97)))
            .as("seed %d", seed)
            .isEqualTo(whole);
      }
    } else {
      try {
        assertSummary(
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

  private static void assertSummary(ResponseSummary summary, JsonNode expected) {
    SoftAssertions softly = new SoftAssertions();
    softly
        .assertThat(summary.usage().promptTokens())
        .as("prompt")
        .isEqualTo(count(expected, "prompt_tokens"));
    softly
        .assertThat(summary.usage().completionTokens())
        .as("completion")
        .isEqualTo(count(expected, "completion_tokens"));
    softly
        .assertThat(summary.usage().reasoningTokens())
        .as("reasoning")
        .isEqualTo(count(expected, "reasoning_tokens"));
    if (summary.usage().isReported()) {
      softly
          .assertThat(summary.usage().cachedReadTokens())
          .as("cached_read")
          .isEqualTo(count(expected, "cached_read_tokens"));
      softly
          .assertThat(summary.usage().cacheWriteTokens())
          .as("cache_write")
          .isEqualTo(count(expected, "cache_write_tokens"));
    } else {
      // No usage at all (an error body): every count is "not reported", where expected.json
      // writes 0 for the cache columns.
      softly.assertThat(summary.usage().cachedReadTokens()).as("cached_read").isNull();
      softly.assertThat(summary.usage().cacheWriteTokens()).as("cache_write").isNull();
    }
    softly
        .assertThat(summary.toolCalls())
        .as("tool_calls")
        .isEqualTo(expected.get("tool_calls").asInt());
    softly
        .assertThat(summary.finishReason().wireName())
        .as("finish")
        .isEqualTo(expected.get("finish_reason").asText());
    softly
        .assertThat(summary.nativeFinishReason())
        .as("native finish")
        .isEqualTo(text(expected, "native_finish_reason"));
    softly
        .assertThat(summary.textChars())
        .as("text_chars")
        .isEqualTo(expected.get("text_chars").asLong());
    softly
        .assertThat(summary.reasoningChars())
        .as("reasoning_chars")
        .isEqualTo(expected.get("reasoning_chars").asLong());
    softly.assertAll();
  }

  private static void assertError(UpstreamError error, JsonNode expected) {
    JsonNode expectedError = expected.get("error");
    assertThat(error.httpStatus()).isEqualTo(expected.get("http_status").asInt());
    assertThat(error.type()).isEqualTo(text(expectedError, "type"));
    assertThat(error.code()).isEqualTo(text(expectedError, "code"));
    assertThat(error.message()).isEqualTo(text(expectedError, "message"));
    assertThat(error.retryAfterSeconds()).isNull();
  }

  private static Long count(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asLong();
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
}
