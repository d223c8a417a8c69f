package dev.switchboard.telemetry.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Holds the weighted terms of each category and sub-tag section (see {@code categories.lexicon})
 * and adds up the weights of the terms found in a text. A term repeated in one text counts less
 * each time, so one word said ten times is not ten pieces of evidence.
 */
final class Lexicon {
  static final String RESOURCE = "categories.lexicon";
  static final String VOCABULARY = "vocabulary.lexicon";
  private static final double[] REPEAT_FACTOR = {1.0, 0.5, 0.25};

  private final List<String> sections;
  private final TermMatcher matcher;
  private final int[][] termSections;
  private final float[][] termWeights;

  private Lexicon(List<String> sections, TermMatcher matcher, int[][] termSections, float[][] termWeights) {
    this.sections = List.copyOf(sections);
    this.matcher = matcher;
    this.termSections = termSections;
    this.termWeights = termWeights;
  }

  /** Loads the lexicon bundled with this package: the phrasing lexicon, then the broad vocabulary. */
  static Lexicon loadDefault() {
    List<String> lines = new ArrayList<>(resourceLines(RESOURCE));
    lines.addAll(resourceLines(VOCABULARY));
    return parse(lines);
  }

  /** Reads the lines of a text resource of this package; a missing one is a packaging error. */
  static List<String> resourceLines(String name) {
    try (InputStream in = Lexicon.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("classifier resource missing: " + name);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses lexicon lines: {@code [Section]} headers and {@code <weight> <term>} entries. */
  static Lexicon parse(List<String> lines) {
    List<String> sections = new ArrayList<>();
    Map<TermMatcher.Term, Map<Integer, Float>> entries = new LinkedHashMap<>();
    int section = -1;
    int lineNo = 0;
    for (String raw : lines) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip();
        section = sections.indexOf(name);
        if (section < 0) {
          sections.add(name);
          section = sections.size() - 1;
        }
        continue;
      }
      int space = line.indexOf(' ');
      if (section < 0 || space < 0) {
        throw new IllegalArgumentException("lexicon line " + lineNo + ": expected '<weight> <term>' after a [Section]");
      }
      float weight = Float.parseFloat(line.substring(0, space));
      String term = line.substring(space + 1).strip().toLowerCase(Locale.ROOT);
      boolean prefix = term.length() > 1 && term.endsWith("*");
      if (prefix) {
        term = term.substring(0, term.length() - 1);
      }
      // the same term listed twice in one section keeps its larger weight
      entries
          .computeIfAbsent(new TermMatcher.Term(term, prefix), t -> new LinkedHashMap<>())
          .merge(section, weight, Math::max);
    }
    List<TermMatcher.Term> terms = new ArrayList<>(entries.keySet());
    int[][] termSections = new int[terms.size()][];
    float[][] termWeights = new float[terms.size()][];
    for (int i = 0; i < terms.size(); i++) {
      Map<Integer, Float> bySection = entries.get(terms.get(i));
      termSections[i] = new int[bySection.size()];
      termWeights[i] = new float[bySection.size()];
      int k = 0;
      for (Map.Entry<Integer, Float> e : bySection.entrySet()) {
        termSections[i][k] = e.getKey();
        termWeights[i][k] = e.getValue();
        k++;
      }
    }
    return new Lexicon(sections, TermMatcher.build(terms), termSections, termWeights);
  }

  /** Returns the section names in file order ({@code Programming}, {@code Programming/debugging}, ...). */
  List<String> sections() {
    return sections;
  }

  /** Returns the number of distinct terms. */
  int termCount() {
    return matcher.size();
  }

  /**
   * Adds the weighted hits of {@code lower} (lowercased text) into {@code scores}, indexed like
   * {@link #sections()}; {@code seen} counts repeats within this text (call {@link
   * TermRepeats#nextText()} before each text).
   */
  void score(String lower, double[] scores, TermRepeats seen) {
    matcher.scan(lower, term -> {
      int repeat = seen.see(term);
      if (repeat >= REPEAT_FACTOR.length) {
        return;
      }
      double factor = REPEAT_FACTOR[repeat];
      int[] s = termSections[term];
      float[] w = termWeights[term];
      for (int k = 0; k < s.length; k++) {
        scores[s[k]] += w[k] * factor;
      }
    });
  }
}
