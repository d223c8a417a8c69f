package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an answer the way an OpenAI client does: the {@code data:} chunks of a stream, or a whole
 * completion, then the answer text, the text in {@code reasoning}, the assembled tool calls and the
 * last finish reason of choice 0.
 */
final class ClientView {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One assembled tool call. */
  record ToolCall(String id, String name, String arguments) {}

  private final List<JsonNode> chunks;
  private final List<JsonNode> parts = new ArrayList<>();
  private String finishReason;

  private ClientView(List<JsonNode> chunks, String part) {
    this.chunks = chunks;
    for (JsonNode chunk : chunks) {
      for (JsonNode choice : chunk.path("choices")) {
        if (choice.path("index").asInt(0) != 0) {
          continue;
        }
        if (choice.path(part).isObject()) {
          parts.add(choice.get(part));
        }
        if (choice.path("finish_reason").isTextual()) {
          finishReason = choice.get("finish_reason").asText();
        }
      }
    }
  }

  /** Reads an SSE body; comment lines and {@code [DONE]} are skipped. */
  static ClientView ofStream(String sse) {
    return new ClientView(dataChunks(sse), "delta");
  }

  /** Reads a whole {@code chat.completion}. */
  static ClientView ofCompletion(String json) {
    return new ClientView(List.of(read(json)), "message");
  }

  /** Returns the JSON of every {@code data:} event but {@code [DONE]}. */
  static List<JsonNode> dataChunks(String sse) {
    List<JsonNode> chunks = new ArrayList<>();
    for (String event : sse.replace("\r\n", "\n").split("\n\n")) {
      for (String line : event.split("\n")) {
        if (line.startsWith("data:") && !line.substring(5).trim().equals("[DONE]")) {
          chunks.add(read(line.substring(5).trim()));
        }
      }
    }
    return chunks;
  }

  List<JsonNode> chunks() {
    return chunks;
  }

  /** Returns the answer text: {@code content} strings and text parts. */
  String content() {
    StringBuilder text = new StringBuilder();
    for (JsonNode part : parts) {
      JsonNode content = part.path("content");
      if (content.isTextual()) {
        text.append(content.asText());
      } else if (content.isArray()) {
        for (JsonNode p : content) {
          if (p.path("type").asText().equals("text")) {
            text.append(p.path("text").asText());
          }
        }
      }
    }
    return text.toString();
  }

  /** Returns the concatenated {@code reasoning} field, the one place clients read reasoning. */
  String reasoning() {
    StringBuilder text = new StringBuilder();
    for (JsonNode part : parts) {
      if (part.path("reasoning").isTextual()) {
        text.append(part.get("reasoning").asText());
      }
    }
    return text.toString();
  }

  /** Returns whether any delta or message still carries a provider reasoning field. */
  boolean hasAnyReasoningField() {
    return parts.stream()
        .anyMatch(
            p -> p.has("reasoning") || p.has("reasoning_content") || p.has("reasoning_details"));
  }

  /** Assembles tool calls keyed by index, else id; the first non-empty id and name win. */
  List<ToolCall> toolCalls() {
    Map<String, String[]> calls = new LinkedHashMap<>();
    for (JsonNode part : parts) {
      int position = 0;
      for (JsonNode call : part.path("tool_calls")) {
        String key =
            call.has("index")
                ? "i" + call.get("index").asInt()
                : call.path("id").asText("").isEmpty()
                    ? "p" + position
                    : "id" + call.get("id").asText();
        String[] c = calls.computeIfAbsent(key, k -> new String[] {"", "", ""});
        if (c[0].isEmpty()) {
          c[0] = call.path("id").asText("");
        }
        if (c[1].isEmpty()) {
          c[1] = call.path("function").path("name").asText("");
        }
        c[2] += call.path("function").path("arguments").asText("");
        position++;
      }
    }
    return calls.values().stream().map(c -> new ToolCall(c[0], c[1], c[2])).toList();
  }

  /** Returns the last finish reason of choice 0, or null. */
  String finishReason() {
    return finishReason;
  }

  /** Returns the number of Unicode code points in {@code s}. */
  static long codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
