package dev.switchboard.telemetry.classify;

import dev.switchboard.telemetry.Category;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the project's own example requests ({@code category-examples.txt} and the files beside it):
 * lines under a {@code [Category]} header, where a {@code {slot}} expands into several variants with
 * values from the {@code @slot name: a | b} lists and {@code @weight w} scales the lines after it.
 * Variants pick slot values by a fixed rotation, so the expansion is the same on every run and
 * every value of a list is used somewhere.
 */
final class CategoryExamples {
  // the first file holds the slot lists the others may use too; the others add everyday requests
  // per group of categories, so each can grow without the rest
  private static final List<String> RESOURCES = List.of(
      "category-examples.txt", "examples-everyday-knowledge.txt", "examples-everyday-work.txt", "examples-everyday-code-play.txt",
      "examples-exam-items.txt", "examples-play-scenes.txt", "examples-sciences.txt", "examples-facts.txt",
      "examples-chinese.txt", "examples-act-prompts.txt", "examples-science-breadth.txt",
      "examples-writing-reasoning.txt", "examples-in-character.txt",
      "examples-applied-subjects.txt", "examples-roleplay-breadth.txt", "examples-general-chat.txt");
  private static final Pattern SLOT = Pattern.compile("\\{([a-z]+)}");
  // variants per line with slots: enough for a list's values to spread over a section's lines
  private static final int VARIANTS = 8;
  // the variants of one line share one example's weight: a template expanded eight times would
  // otherwise teach its fixed words eight times over the lines written once
  private static final double VARIANT_WEIGHT = 1.0 / VARIANTS;

  /** One example and its category. */
  record Example(Category category, String text, double weight) {
    Example(Category category, String text) {
      this(category, text, 1);
    }
  }

  private CategoryExamples() {}

  /** Loads the examples bundled with this package. */
  static List<Example> loadDefault() {
    List<String> lines = new ArrayList<>();
    for (String resource : RESOURCES) {
      lines.add("@weight 1"); // a file's weight ends with it
      lines.addAll(Lexicon.resourceLines(resource));
    }
    return parse(lines);
  }

  /** Parses example lines, expanding slots. */
  static List<Example> parse(List<String> lines) {
    Map<String, String[]> slots = new HashMap<>();
    List<Example> examples = new ArrayList<>();
    Category category = null;
    double weight = 1;
    int lineNo = 0;
    for (String raw : lines) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@slot ")) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException("examples line " + lineNo + ": expected '@slot name: a | b'");
        }
        String[] values = line.substring(colon + 1).split("\\|");
        for (int i = 0; i < values.length; i++) {
          values[i] = values[i].strip();
        }
        slots.put(line.substring(6, colon).strip(), values);
        continue;
      }
      if (line.startsWith("@weight ")) {
        weight = weight(line.substring(8).strip(), lineNo);
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip();
        int at = lineNo;
        category = Category.fromLabel(name)
            .orElseThrow(() -> new IllegalArgumentException("examples line " + at + ": unknown category " + name));
        continue;
      }
      if (category == null) {
        throw new IllegalArgumentException("examples line " + lineNo + ": example before any [Category]");
      }
      expand(category, line, weight, slots, examples);
    }
    return examples;
  }

  private static double weight(String value, int lineNo) {
    try {
      double weight = Double.parseDouble(value);
      if (weight > 0 && weight <= 1) {
        return weight;
      }
    } catch (NumberFormatException e) {
      // reported below with the line
    }
    throw new IllegalArgumentException("examples line " + lineNo + ": expected '@weight w' with 0 < w <= 1, got " + value);
  }

  private static void expand(
      Category category, String line, double weight, Map<String, String[]> slots, List<Example> out) {
    Matcher m = SLOT.matcher(line);
    if (!m.find() || !slots.containsKey(m.group(1))) {
      out.add(new Example(category, line, weight));
      return;
    }
    for (int v = 0; v < VARIANTS; v++) {
      m.reset();
      StringBuilder text = new StringBuilder();
      int position = 0;
      while (m.find()) {
        String[] values = slots.get(m.group(1));
        // picked by the line's own text, so that a comment or a line added elsewhere leaves this
        // line's variants as they were (by line number, every edit above reshuffled them)
        String value = values == null ? m.group() : values[Math.floorMod(line.hashCode() * 31 + v * 7 + position * 13, values.length)];
        m.appendReplacement(text, Matcher.quoteReplacement(value));
        position++;
      }
      m.appendTail(text);
      out.add(new Example(category, text.toString(), VARIANT_WEIGHT * weight));
    }
  }
}
