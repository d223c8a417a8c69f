package dev.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the {@code classify} command on JSON lines and reads what it writes. */
class ClassifyCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> run(String input, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new ClassifyCommand(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out).run(List.of(args));
    assertThat(code).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void writesOneResultPerInputLineAndAnErrorForBadLines() throws Exception {
    String input = String.join("\n",
        "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"Write a Rust function that parses a CSV line.\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"edit_file\"}}]}",
        "{\"id\":7,\"text\":\"Traduce al inglés: El tren sale a las ocho de la mañana.\"}",
        "",
        "{\"id\":\"broken\",\"text\":",
        "{\"id\":\"c\",\"prompt\":\"neither messages nor text\"}",
        "{\"id\":\"d\",\"text\":\"\"}");
    List<JsonNode> out = run(input);

    assertThat(out).hasSize(5);
    assertThat(out.get(0).get("id").asText()).isEqualTo("a");
    assertThat(out.get(0).get("category").asText()).isEqualTo("Programming");
    assertThat(out.get(0).get("confidence").asDouble()).isBetween(0.0, 1.0);
    assertThat(out.get(0).get("tags").isArray()).isTrue();
    assertThat(out.get(0).get("language").asText()).isEqualTo("en");
    assertThat(out.get(1).get("id").asInt()).isEqualTo(7);
    assertThat(out.get(1).get("category").asText()).isEqualTo("Translation");
    assertThat(out.get(1).get("language").asText()).isEqualTo("es");
    assertThat(out.get(2).get("error").asText()).contains("line 4");
    assertThat(out.get(3).get("id").asText()).isEqualTo("c");
    assertThat(out.get(3).has("error")).isTrue();
    assertThat(out.get(4).get("category").isNull()).isTrue();
    assertThat(out.get(4).get("language").asText()).isEqualTo("und");
  }

  @Test
  void languagesOptionRestrictsDetection() throws Exception {
    List<JsonNode> out = run("{\"id\":1,\"text\":\"Wie spät ist es in Tokio, wenn es in Berlin Mittag ist?\"}", "--languages", "en,de");
    assertThat(out.get(0).get("language").asText()).isEqualTo("de");
    assertThatThrownBy(() -> run("{}", "--bogus")).isInstanceOf(IllegalArgumentException.class);
  }
}
