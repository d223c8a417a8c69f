package dev.switchboard.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the recorded Gemini payloads and their expected measurements from the test classpath. */
public final class GeminiFixtures {
  public static final String DIR = "/fixtures/gemini/";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GeminiFixtures() {}

  /** Returns the bytes of fixture {@code name}. */
  public static byte[] bytes(String name) {
    try (InputStream in = GeminiFixtures.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code expected.json}: per fixture, the numbers a correct reader measures. */
  public static JsonNode expected() {
    try {
      return MAPPER.readTree(bytes("expected.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses fixture {@code name} as one Gemini response. */
  static GeminiResponse response(String name) {
    try {
      return GeminiJson.MAPPER.readValue(bytes(name), GeminiResponse.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
