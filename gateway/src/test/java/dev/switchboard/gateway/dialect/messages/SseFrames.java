package dev.switchboard.gateway.dialect.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Splits a server-sent event stream into named events with parsed JSON data, for assertions. */
record SseFrames(List<Frame> frames) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event: its name (null when unnamed) and its data parsed as JSON. */
  record Frame(String event, JsonNode data) {}

  static SseFrames parse(String body) {
    List<Frame> frames = new ArrayList<>();
    for (String block : body.replace("\r\n", "\n").split("\n\n")) {
      String event = null;
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).trim());
        }
      }
      if (data.length() == 0 || data.toString().equals("[DONE]")) {
        continue;
      }
      try {
        frames.add(new Frame(event, JSON.readTree(data.toString())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new SseFrames(frames);
  }

  List<String> names() {
    return frames.stream().map(Frame::event).toList();
  }

  List<Frame> named(String name) {
    return frames.stream().filter(f -> name.equals(f.event())).toList();
  }

  /** Concatenates {@code delta.<field>} of every content_block_delta of {@code type}. */
  String deltas(String type, String field) {
    StringBuilder out = new StringBuilder();
    for (Frame f : named("content_block_delta")) {
      if (type.equals(f.data().path("delta").path("type").asText())) {
        out.append(f.data().path("delta").path(field).asText());
      }
    }
    return out.toString();
  }
}
