package dev.switchboard.telemetry.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Measures the classifier on the labeled development data in {@code shared/data} (never copied
 * into the project): category accuracy, per-class precision/recall/F1, macro-F1, the confusion
 * matrix, language accuracy by text length, and a rough single-thread throughput. Run its main
 * method, or {@link ClassifierEvaluationTest} which asserts the targets.
 */
public final class ClassifierEvaluation {
  static final String CATEGORIES_FILE = "categories-dev.jsonl";
  static final String LANGUAGES_FILE = "languages-dev.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One labeled request and what the classifier said. */
  record Outcome(String id, Category expected, Category predicted, String lastUserHead) {}

  /** Category results. */
  record CategoryReport(List<Outcome> outcomes, Map<Category, double[]> prf, double accuracy, double macroF1, int[][] confusion) {
    double f1(Category c) {
      return prf.get(c)[2];
    }
  }

  /** Language results: correct/total per length band (texts of 30+ characters, shorter). */
  record LanguageReport(int longCorrect, int longTotal, int shortCorrect, int shortTotal, List<String> misses) {
    double longAccuracy() {
      return longTotal == 0 ? 0 : (double) longCorrect / longTotal;
    }

    double shortAccuracy() {
      return shortTotal == 0 ? 0 : (double) shortCorrect / shortTotal;
    }
  }

  private ClassifierEvaluation() {}

  public static void main(String[] args) throws IOException {
    Path data = args.length > 0 ? Path.of(args[0]) : findSharedData().orElseThrow(
        () -> new IllegalStateException("no shared/data directory above " + Path.of("").toAbsolutePath()));
    PrintStream out = System.out;
    printLanguageModelMemory(out);
    RequestClassifier classifier = RequestClassifier.withDefaults();
    CategoryReport categories = evaluateCategories(classifier, data.resolve(CATEGORIES_FILE));
    out.println("== shipped classifier (categories.lexicon was written looking at this sample)");
    print(categories, out, args.length > 1 && args[1].equals("--misses"));
    out.println("== project-written parts alone (examples + vocabulary.lexicon, which never saw it)");
    print(evaluateCategories(ClassifierTwoFold.projectWritten(LanguageIdentifier.defaults()), data.resolve(CATEGORIES_FILE)),
        out, false);
    LanguageReport languages = evaluateLanguages(LanguageIdentifier.defaults(), data.resolve(LANGUAGES_FILE));
    print(languages, out, args.length > 1 && args[1].equals("--misses"));
    printThroughput(classifier, data.resolve(CATEGORIES_FILE), out);
  }

  /** Finds a {@code shared/data} directory beside the working directory or one of its parents. */
  static Optional<Path> findSharedData() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isRegularFile(candidate.resolve(CATEGORIES_FILE))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Reads the chat-shaped rows of the categories file as classifier inputs with their labels. */
  static List<Map.Entry<ClassifierInput, JsonNode>> readRequests(Path file) throws IOException {
    List<Map.Entry<ClassifierInput, JsonNode>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row = JSON.readTree(line);
      StringBuilder system = new StringBuilder();
      List<String> users = new ArrayList<>();
      List<String> assistants = new ArrayList<>();
      List<String> tools = new ArrayList<>();
      for (JsonNode m : row.path("messages")) {
        String content = m.path("content").asText("");
        switch (m.path("role").asText()) {
          case "system", "developer" -> system.append(content).append('\n');
          case "assistant" -> assistants.add(content);
          case "tool" -> tools.add(content);
          default -> users.add(content);
        }
      }
      rows.add(Map.entry(
          new ClassifierInput(system.length() == 0 ? null : system.toString(), users, assistants, List.of(), tools),
          row));
    }
    return rows;
  }

  static CategoryReport evaluateCategories(RequestClassifier classifier, Path file) throws IOException {
    return evaluateCategories(classifier, readRequests(file));
  }

  /** Measures the classifier on labeled rows (as {@link #readRequests} returns them). */
  static CategoryReport evaluateCategories(RequestClassifier classifier, List<Map.Entry<ClassifierInput, JsonNode>> rows) {
    Category[] all = Category.values();
    int[][] confusion = new int[all.length][all.length];
    List<Outcome> outcomes = new ArrayList<>();
    for (Map.Entry<ClassifierInput, JsonNode> row : rows) {
      Category expected = Category.fromLabel(row.getValue().path("category").asText()).orElseThrow();
      Classification result = classifier.classify(row.getKey());
      Category predicted = result.category() == null ? Category.OTHER : result.category();
      confusion[expected.ordinal()][predicted.ordinal()]++;
      String head = row.getKey().lastUserTurn().replace('\n', ' ');
      outcomes.add(new Outcome(row.getValue().path("id").asText(), expected, predicted,
          head.substring(0, Math.min(110, head.length()))));
    }
    Map<Category, double[]> prf = new EnumMap<>(Category.class);
    double f1Sum = 0;
    int correct = 0;
    int classes = 0;
    for (Category c : all) {
      int tp = confusion[c.ordinal()][c.ordinal()];
      int predicted = 0;
      int actual = 0;
      for (int k = 0; k < all.length; k++) {
        predicted += confusion[k][c.ordinal()];
        actual += confusion[c.ordinal()][k];
      }
      correct += tp;
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = actual == 0 ? 0 : (double) tp / actual;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      prf.put(c, new double[] {precision, recall, f1, actual});
      if (actual > 0) {
        f1Sum += f1;
        classes++;
      }
    }
    return new CategoryReport(outcomes, prf, (double) correct / outcomes.size(), f1Sum / classes, confusion);
  }

  static LanguageReport evaluateLanguages(LanguageIdentifier identifier, Path file) throws IOException {
    int longCorrect = 0;
    int longTotal = 0;
    int shortCorrect = 0;
    int shortTotal = 0;
    List<String> misses = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row = JSON.readTree(line);
      String text = row.path("text").asText();
      String expected = row.path("lang").asText();
      String got = identifier.detect(text);
      boolean ok = got.equals(expected)
          || (row.path("script_ambiguous").asBoolean(false) && got.startsWith("zh-") && expected.startsWith("zh-"));
      if (text.length() >= 30) {
        longTotal++;
        longCorrect += ok ? 1 : 0;
      } else {
        shortTotal++;
        shortCorrect += ok ? 1 : 0;
      }
      if (!ok) {
        String head = text.replace('\n', ' ');
        misses.add(expected + " -> " + got + " | " + head.substring(0, Math.min(90, head.length())));
      }
    }
    return new LanguageReport(longCorrect, longTotal, shortCorrect, shortTotal, misses);
  }

  static void print(CategoryReport report, PrintStream out, boolean misses) {
    Category[] all = Category.values();
    out.printf(Locale.ROOT, "categories: %d requests, accuracy %.3f, macro-F1 %.3f%n",
        report.outcomes().size(), report.accuracy(), report.macroF1());
    out.printf(Locale.ROOT, "%-12s %9s %9s %9s %7s%n", "class", "precision", "recall", "F1", "n");
    for (Category c : all) {
      double[] v = report.prf().get(c);
      out.printf(Locale.ROOT, "%-12s %9.3f %9.3f %9.3f %7d%n", c.label(), v[0], v[1], v[2], (int) v[3]);
    }
    out.println("confusion (rows = expected, columns = predicted):");
    StringBuilder header = new StringBuilder(String.format("%-12s", ""));
    for (Category c : all) {
      header.append(String.format("%5.5s", c.label()));
    }
    out.println(header);
    for (Category c : all) {
      StringBuilder row = new StringBuilder(String.format("%-12s", c.label()));
      for (Category p : all) {
        row.append(String.format("%5d", report.confusion()[c.ordinal()][p.ordinal()]));
      }
      out.println(row);
    }
    if (misses) {
      Map<String, List<String>> byPair = new TreeMap<>();
      for (Outcome o : report.outcomes()) {
        if (o.expected() != o.predicted()) {
          byPair.computeIfAbsent(o.expected().label() + " -> " + o.predicted().label(), k -> new ArrayList<>())
              .add(o.lastUserHead());
        }
      }
      byPair.forEach((pair, heads) -> heads.forEach(h -> out.println("MISS " + pair + " | " + h)));
    }
  }

  static void print(LanguageReport report, PrintStream out, boolean misses) {
    out.printf(Locale.ROOT, "languages: 30+ chars %d/%d = %.3f, under 30 chars %d/%d = %.3f%n",
        report.longCorrect(), report.longTotal(), report.longAccuracy(),
        report.shortCorrect(), report.shortTotal(), report.shortAccuracy());
    if (misses) {
      report.misses().forEach(m -> out.println("LANG MISS " + m));
    }
  }

  /** Prints the heap the language models take once built (run first, in a fresh JVM). */
  static void printLanguageModelMemory(PrintStream out) {
    long before = usedHeapAfterGc();
    LanguageIdentifier identifier = LanguageIdentifier.defaults();
    identifier.detect("Zusammenarbeit Gesundheitswesen Wirtschaftsförderung"); // no function words: lingua runs
    long after = usedHeapAfterGc();
    out.printf(Locale.ROOT, "language models: %.1f MB of heap for %d languages%n",
        (after - before) / 1048576.0, LanguageIdentifier.DEFAULT_LANGUAGES.size());
    identifier.detect("keep reachable");
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** Prints a rough requests/s over the dev requests on this thread (the JMH benchmark is the real measure). */
  static void printThroughput(RequestClassifier classifier, Path file, PrintStream out) throws IOException {
    List<ClassifierInput> inputs = readRequests(file).stream().map(Map.Entry::getKey).toList();
    for (int warm = 0; warm < 20; warm++) {
      inputs.forEach(classifier::classify);
    }
    int rounds = 20;
    long start = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      inputs.forEach(classifier::classify);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "throughput: %.0f requests/s on one thread (dev requests, category + language)%n",
        rounds * inputs.size() / seconds);
  }
}
