package dev.switchboard.gateway.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/** Reads the Bedrock fixtures and frames ConverseStream event lists as the service sends them. */
final class BedrockFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BedrockFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = BedrockFixtures.class.getResourceAsStream("/fixtures/bedrock/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Frames every line of an {@code .events.jsonl} fixture as one eventstream message. */
  static byte[] eventStream(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : new String(bytes(name), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode entry = JSON.readTree(line);
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        if (entry.has("exception")) {
          headers.put(":message-type", HeaderValue.fromString("exception"));
          headers.put(":exception-type", HeaderValue.fromString(entry.get("exception").asText()));
        } else {
          headers.put(":message-type", HeaderValue.fromString("event"));
          headers.put(":event-type", HeaderValue.fromString(entry.get("event").asText()));
        }
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        new Message(headers, JSON.writeValueAsBytes(entry.get("payload"))).encode(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.toByteArray();
  }
}
