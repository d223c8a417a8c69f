package dev.switchboard.gateway.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.ExpectedSummary;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every recorded Anthropic fixture through the real decoding path and checks the numbers in
 * {@code expected.json}. Streams are fed whole, byte by byte, and in seeded random splits: all must
 * measure the same and produce the same chunks.
 */
class AnthropicContractTest {

  static final String DIR = "/fixtures/anthropic/";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode EXPECTED = readJson(DIR + "expected.json");
  private static final long[] SEEDS = {1L, 42L, 20260301L, 7L, 99991L};

  static Stream<String> fixtures() {
    List<String> names = new ArrayList<>();
    EXPECTED.fieldNames().forEachRemaining(names::add);
    return names.stream();
  }

  @Test
  void everyFixtureFileHasExpectedValues() throws IOException, URISyntaxException {
    Path dir = Path.of(AnthropicContractTest.class.getResource(DIR).toURI());
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
  void measuresFixtureAsExpected(String file) throws IOException {
    JsonNode expected = EXPECTED.get(file);
    byte[] body = read(DIR + file);
    if (file.contains("-error-")) {
      UpstreamError error =
          AnthropicErrorParser.parse(
              expected.get("http_status").asInt(),
              Buffer.buffer(body),
              MultiMap.caseInsensitiveMultiMap());
      JsonNode want = expected.get("error");
      assertThat(error.httpStatus()).isEqualTo(expected.get("http_status").asInt());
      assertThat(error.type()).isEqualTo(want.get("type").asText());
      assertThat(error.code()).isNull();
      assertThat(error.message()).isEqualTo(want.get("message").asText());
      ExpectedSummary.assertMatches(ResponseSummary.failed(error), expected);
    } else if (file.endsWith(".sse")) {
      Translation whole = translate(body, () -> body.length);
      ExpectedSummary.assertMatches(whole.summary(), expected);
      assertThat(translate(body, () -> 1)).as("byte by byte").isEqualTo(whole);
      for (long seed : SEEDS) {
        Random random = new Random(seed);
        assertThat(translate(body, () -> 1 + random.nextInt(97)))
            .as("seed %d", seed)
            .isEqualTo(whole);
      }
    } else {
      ChatCompletion completion = AnthropicResponseMapper.map(MAPPER.readTree(body), false, 0);
      ExpectedSummary.assertMatches(completion.summary(), expected);
      assertThat(completion.completionText().length())
          .isGreaterThanOrEqualTo((int) completion.summary().textChars());
    }
  }

  /** What one pass over a stream produced: its chunks as JSON text, summary and completion text. */
  record Translation(List<String> chunks, ResponseSummary summary, String completionText) {}

  static Translation translate(byte[] bytes, IntSupplier splitSize) {
    List<String> chunks = new ArrayList<>();
    AnthropicStreamTranslator translator =
        new AnthropicStreamTranslator((ObjectNode chunk) -> chunks.add(chunk.toString()), false);
    SseDecoder decoder = new SseDecoder(translator::accept);
    for (int offset = 0; offset < bytes.length; ) {
      int end = Math.min(bytes.length, offset + splitSize.getAsInt());
      decoder.feed(Buffer.buffer(Arrays.copyOfRange(bytes, offset, end)));
      offset = end;
    }
    decoder.end();
    assertThat(translator.complete()).as("reached message_stop or error").isTrue();
    return new Translation(chunks, translator.summary(), translator.completionText());
  }


  static byte[] read(String resource) {
    try (InputStream in = AnthropicContractTest.class.getResourceAsStream(resource)) {
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
