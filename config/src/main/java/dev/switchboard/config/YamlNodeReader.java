package dev.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads typed values out of one YAML mapping, reporting each problem under its path (e.g. {@code
 * providers[2].base_url}) and carrying on. An absent key and an explicit {@code null} both mean
 * "not set".
 */
final class YamlNodeReader {
  private final ObjectNode node;
  private final String path;
  private final ProblemCollector problems;

  private YamlNodeReader(ObjectNode node, String path, ProblemCollector problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** Wraps the top-level mapping of a document. */
  static YamlNodeReader root(ObjectNode node, ProblemCollector problems) {
    return new YamlNodeReader(node, "", problems);
  }

  /** Returns the path of {@code key} inside this mapping. */
  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Records a problem with the value at {@code key}. */
  void problem(String key, String message) {
    problems.add(pathOf(key), message);
  }

  /** Reports every key that is not one of {@code allowed}; catches typos like {@code prot}. */
  void rejectUnknownKeys(String... allowed) {
    Set<String> known = Set.of(allowed);
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!known.contains(key)) {
                problem(key, "unknown key");
              }
            });
  }

  /** Returns whether {@code key} has a non-null value. */
  boolean has(String key) {
    return value(key) != null;
  }

  /** Returns whether {@code key} is unset or an empty list. */
  boolean isEmptyList(String key) {
    JsonNode v = value(key);
    return v == null || (v.isArray() && v.isEmpty());
  }

  /** Reads a scalar as text; integers and booleans are taken as written, floats must be quoted. */
  Optional<String> string(String key) {
    JsonNode v = value(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v.isTextual() || v.isBoolean() || v.isIntegralNumber()) {
      return Optional.of(v.asText());
    }
    // A float loses its spelling on the way in (1.10 becomes 1.1), so ask for quotes instead.
    problem(key, v.isNumber() ? "expected a string (quote the value)" : "expected a string");
    return Optional.empty();
  }

  /** Reads a string that must be present and not blank. */
  Optional<String> requiredString(String key) {
    if (!has(key)) {
      problem(key, "required");
      return Optional.empty();
    }
    return nonBlankString(key);
  }

  /** Reads an optional string that, when set, must not be blank. */
  Optional<String> nonBlankString(String key) {
    Optional<String> text = string(key);
    if (text.isPresent() && text.get().isBlank()) {
      problem(key, "must not be blank");
      return Optional.empty();
    }
    return text;
  }

  /** Reads an integer in {@code min..max}, or returns {@code fallback} when unset or invalid. */
  long integer(String key, long min, long max, long fallback) {
    OptionalLong n = integer(key);
    if (n.isEmpty()) {
      return fallback;
    }
    if (n.getAsLong() < min || n.getAsLong() > max) {
      problem(key, "must be " + min + ".." + max);
      return fallback;
    }
    return n.getAsLong();
  }

  /** Reads a boolean, or returns {@code fallback} when unset or not a boolean. */
  boolean bool(String key, boolean fallback) {
    JsonNode v = value(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      problem(key, "expected true or false");
      return fallback;
    }
    return v.booleanValue();
  }

  /** Reads an integer in {@code 1..max}, or returns {@code fallback} when unset or invalid. */
  long positive(String key, long max, long fallback) {
    OptionalLong n = integer(key);
    if (n.isEmpty()) {
      return fallback;
    }
    if (n.getAsLong() < 1) {
      problem(key, "must be > 0");
      return fallback;
    }
    if (n.getAsLong() > max) {
      problem(key, "must be <= " + max);
      return fallback;
    }
    return n.getAsLong();
  }

  /** Reads a number (integer or decimal) that is not negative; empty when unset or invalid. */
  Optional<Double> nonNegativeNumber(String key) {
    JsonNode v = value(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isNumber()) {
      problem(key, "expected a number");
      return Optional.empty();
    }
    double number = v.doubleValue();
    if (!Double.isFinite(number) || number < 0) {
      problem(key, "must be a number >= 0");
      return Optional.empty();
    }
    return Optional.of(number);
  }

  private OptionalLong integer(String key) {
    JsonNode v = value(key);
    if (v == null) {
      return OptionalLong.empty();
    }
    if (!v.isIntegralNumber()) {
      problem(key, "expected an integer");
      return OptionalLong.empty();
    }
    // Beyond 64 bits: clamp so that the caller's range check reports it.
    return OptionalLong.of(
        v.canConvertToLong() ? v.longValue() : v.bigIntegerValue().signum() * Long.MAX_VALUE);
  }

  /** Reads a non-negative number (integer or decimal), such as a budget in USD. */
  Optional<Double> nonNegativeDecimal(String key) {
    JsonNode v = value(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isNumber()) {
      problem(key, "expected a number");
      return Optional.empty();
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d) || d < 0) {
      problem(key, "must be >= 0");
      return Optional.empty();
    }
    return Optional.of(d);
  }

  /** Reads a list of non-blank strings; other elements are reported and skipped. */
  List<String> stringList(String key) {
    JsonNode v = value(key);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      problem(key, "expected a list of strings");
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode element = v.get(i);
      if (element.isTextual() && !element.asText().isBlank()) {
        values.add(element.asText().trim());
      } else {
        problems.add(pathOf(key) + "[" + i + "]", "expected a non-blank string");
      }
    }
    return values;
  }

  /** Reads a nested mapping; empty when unset or not a mapping (reported). */
  Optional<YamlNodeReader> mapping(String key) {
    JsonNode v = value(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof ObjectNode object) {
      return Optional.of(new YamlNodeReader(object, pathOf(key), problems));
    }
    problem(key, "expected a mapping");
    return Optional.empty();
  }

  /** Reads a list of mappings; elements that are not mappings are reported and skipped. */
  List<YamlNodeReader> mappings(String key) {
    JsonNode v = value(key);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      problem(key, "expected a list");
      return List.of();
    }
    List<YamlNodeReader> elements = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      String elementPath = pathOf(key) + "[" + i + "]";
      if (v.get(i) instanceof ObjectNode object) {
        elements.add(new YamlNodeReader(object, elementPath, problems));
      } else {
        problems.add(elementPath, "expected a mapping");
      }
    }
    return elements;
  }

  /** Reads a list of strings, or returns {@code fallback} when unset; non-strings are reported. */
  List<String> strings(String key, List<String> fallback) {
    JsonNode v = value(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isArray()) {
      problem(key, "expected a list");
      return fallback;
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (v.get(i).isTextual()) {
        values.add(v.get(i).asText());
      } else {
        problems.add(pathOf(key) + "[" + i + "]", "expected a string");
      }
    }
    return values;
  }

  /** Reads a mapping of strings to strings, such as extra headers. */
  Map<String, String> strings(String key) {
    Optional<YamlNodeReader> mapping = mapping(key);
    if (mapping.isEmpty()) {
      return Map.of();
    }
    YamlNodeReader entries = mapping.get();
    Map<String, String> values = new LinkedHashMap<>();
    entries.node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!entries.has(name)) {
                entries.problem(name, "expected a string");
              } else {
                entries.string(name).ifPresent(text -> values.put(name, text));
              }
            });
    return values;
  }

  private JsonNode value(String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }
}
