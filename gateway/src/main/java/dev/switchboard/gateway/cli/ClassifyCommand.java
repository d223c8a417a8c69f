package dev.switchboard.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ClassifierConfig;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.usage.ClassifierInputMapper;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.classify.ClassifierInput;
import dev.switchboard.telemetry.classify.LanguageIdentifier;
import dev.switchboard.telemetry.classify.RequestClassifier;
import dev.switchboard.telemetry.classify.TextCaps;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Classifies requests from the command line: reads JSON lines from stdin, each
 * {@code {"id", "messages": [...], "tools": [...]}} or {@code {"id", "text": "..."}}, and writes
 * one line per input, {@code {"id", "category", "confidence", "tags", "language"}}. A line that
 * cannot be read gets a line with an {@code error} field instead; the command carries on.
 */
public final class ClassifyCommand implements Subcommand {
  private final InputStream in;
  private final OutputStream out;

  /** Returns the command reading stdin and writing stdout. */
  public ClassifyCommand() {
    this(System.in, System.out);
  }

  /** Returns the command reading {@code in} and writing {@code out} (for tests). */
  public ClassifyCommand(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public String name() {
    return "classify";
  }

  @Override
  public List<String> usage() {
    return List.of(
        "classify [--languages en,de,...] < requests.jsonl > results.jsonl",
        "  reads {\"id\",\"messages\":[...],\"tools\":[...]} or {\"id\",\"text\":\"...\"} per line and writes",
        "  {\"id\",\"category\",\"confidence\",\"tags\":[{\"name\",\"confidence\"}],\"language\"} per line",
        "  --languages  ISO 639-1 codes to detect among (default: the 30 most common web languages)");
  }

  @Override
  public int run(List<String> args) throws IOException {
    List<String> languages = ClassifierConfig.DEFAULT_LANGUAGES;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--languages") && i + 1 < args.size()) {
        languages = Arrays.stream(args.get(++i).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
      } else if (arg.startsWith("--languages=")) {
        languages = Arrays.stream(arg.substring("--languages=".length()).split(","))
            .map(String::strip).filter(s -> !s.isEmpty()).toList();
      } else {
        throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    RequestClassifier classifier = RequestClassifier.create(LanguageIdentifier.of(languages), TextCaps.defaults());
    ObjectMapper json = JsonCodec.mapper();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    int lineNo = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      writer.write(json.writeValueAsString(classifyLine(classifier, json, line, lineNo)));
      writer.write('\n');
    }
    writer.flush();
    return 0;
  }

  private static ObjectNode classifyLine(RequestClassifier classifier, ObjectMapper json, String line, int lineNo) {
    ObjectNode result = json.createObjectNode();
    JsonNode row;
    try {
      row = json.readTree(line);
    } catch (IOException e) {
      result.putNull("id");
      result.put("error", "line " + lineNo + ": not valid JSON");
      return result;
    }
    result.set("id", row.isObject() && row.has("id") ? row.get("id") : json.nullNode());
    try {
      ClassifierInput input = input(row);
      if (input == null) {
        result.put("error", "line " + lineNo + ": expected an object with \"messages\" (array) or \"text\" (string)");
        return result;
      }
      Classification c = classifier.classify(input);
      result.put("category", c.category() == null ? null : c.category().label());
      result.put("confidence", c.confidence());
      ArrayNode tags = result.putArray("tags");
      for (Classification.Tag tag : c.tags()) {
        tags.addObject().put("name", tag.name()).put("confidence", tag.confidence());
      }
      result.put("language", c.language() == null ? LanguageIdentifier.UNDETERMINED : c.language());
      if (!c.isClassified()) {
        result.put("unclassified_reason", c.unclassifiedReason());
      }
    } catch (RuntimeException e) {
      result.put("error", "line " + lineNo + ": could not classify: " + e.getClass().getSimpleName());
    }
    return result;
  }

  private static ClassifierInput input(JsonNode row) {
    if (!row.isObject()) {
      return null;
    }
    if (row.path("messages").isArray()) {
      return ClassifierInputMapper.map(row);
    }
    if (row.path("text").isTextual()) {
      return ClassifierInput.ofText(row.path("text").asText());
    }
    return null;
  }
}
