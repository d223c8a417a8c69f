package dev.switchboard.gateway.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.ExpectedSummary;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.UpstreamError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every Gemini fixture through the real reading path and checks the numbers in {@code
 * expected.json}. The stream is fed whole, byte by byte, cut inside every CRLF pair of its
 * separators, and in seeded random splits; all must give the same chunks and the same summary.
 */
class GeminiContractTest {

  private static final JsonNode EXPECTED = GeminiFixtures.expected();
  private static final long[] SEEDS = {1L, 42L, 20260301L};

  static Stream<String> fixtures() {
    List<String> names = new ArrayList<>();
    EXPECTED.fieldNames().forEachRemaining(names::add);
    return names.stream();
  }

  @Test
  void everyFixtureFileHasExpectedValues() throws IOException, URISyntaxException {
    Path dir = Path.of(GeminiContractTest.class.getResource(GeminiFixtures.DIR).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names =
          files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("expected.json")).toList();
      assertThat(names).hasSize(EXPECTED.size()).allMatch(EXPECTED::has);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void measuresFixtureAsExpected(String file) {
    JsonNode expected = EXPECTED.get(file);
    byte[] body = GeminiFixtures.bytes(file);
    if (expected.get("http_status").asInt() != 200) {
      UpstreamError error =
          GeminiErrorMapper.parse(
              expected.get("http_status").asInt(), Buffer.buffer(body), MultiMap.caseInsensitiveMultiMap());
      assertThat(error.httpStatus()).isEqualTo(expected.get("error").get("code").asInt());
      assertThat(error.code()).isEqualTo(expected.get("error").get("status").asText());
      assertThat(error.message()).isEqualTo(expected.get("error").get("message").asText());
      ExpectedSummary.assertMatches(ResponseSummary.failed(error), expected);
    } else if (file.endsWith(".sse")) {
      Translation whole = translate(body, List.of());
      ExpectedSummary.assertMatches(whole.summary, expected);
      assertThat(translate(body, everyOffset(body.length))).as("byte by byte").isEqualTo(whole);
      for (int cut = 1; cut <= 3; cut++) {
        assertThat(translate(body, insideSeparators(body, cut)))
            .as("cut %d bytes into every CRLF CRLF", cut)
            .isEqualTo(whole);
      }
      for (long seed : SEEDS) {
        assertThat(translate(body, randomOffsets(body.length, seed))).as("seed %d", seed).isEqualTo(whole);
      }
    } else {
      ExpectedSummary.assertMatches(GeminiResponseMapper.map(GeminiFixtures.response(file)).summary(), expected);
    }
  }

  /** Holds everything a translation produced, compared across ways of splitting the bytes. */
  record Translation(List<String> chunks, ResponseSummary summary, String completionText) {}

  static Translation translate(byte[] bytes, List<Integer> cuts) {
    List<ObjectNode> chunks = new ArrayList<>();
    GeminiStreamTranslator translator = new GeminiStreamTranslator(chunks::add);
    int from = 0;
    for (int cut : cuts) {
      translator.feed(Buffer.buffer(Arrays.copyOfRange(bytes, from, cut)));
      from = cut;
    }
    translator.feed(Buffer.buffer(Arrays.copyOfRange(bytes, from, bytes.length)));
    translator.end();
    return new Translation(
        chunks.stream().map(JsonNode::toString).toList(), translator.summary(), translator.completionText());
  }

  private static List<Integer> everyOffset(int length) {
    List<Integer> cuts = new ArrayList<>();
    for (int i = 1; i < length; i++) {
      cuts.add(i);
    }
    return cuts;
  }

  /** Cuts {@code into} bytes into every {@code \r\n\r\n} separator. */
  private static List<Integer> insideSeparators(byte[] bytes, int into) {
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i + 3 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
        cuts.add(i + into);
      }
    }
    assertThat(cuts).as("the fixture uses CRLF CRLF separators").isNotEmpty();
    return cuts;
  }

  private static List<Integer> randomOffsets(int length, long seed) {
    Random random = new Random(seed);
    TreeSet<Integer> cuts = new TreeSet<>();
    for (int at = 1 + random.nextInt(97); at < length; at += 1 + random.nextInt(97)) {
      cuts.add(at);
    }
    return new ArrayList<>(cuts);
  }

}
