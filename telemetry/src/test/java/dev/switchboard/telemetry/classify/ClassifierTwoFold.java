package dev.switchboard.telemetry.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Measures how the classifier generalizes on the development sample: splits it in two halves
 * (stratified by category, rows ordered by a hash of their id), picks the example model's weight
 * on one half and measures on the other, then swaps. The lexicon alone (weight 0) is measured on
 * the same halves. Run its main method; the sample stays in {@code shared/data}.
 */
public final class ClassifierTwoFold {
  static final double[] WEIGHTS = {0, 0.5, 1, 1.5, 2, 3, 4};

  private ClassifierTwoFold() {}

  public static void main(String[] args) throws IOException {
    Path data = args.length > 0 ? Path.of(args[0]) : ClassifierEvaluation.findSharedData().orElseThrow();
    boolean misses = args.length > 1 && args[1].equals("--misses");
    List<List<Map.Entry<ClassifierInput, JsonNode>>> halves =
        halves(ClassifierEvaluation.readRequests(data.resolve(ClassifierEvaluation.CATEGORIES_FILE)));
    LanguageIdentifier languages = LanguageIdentifier.defaults();
    PrintStream out = System.out;
    for (int fold = 0; fold < 2; fold++) {
      List<Map.Entry<ClassifierInput, JsonNode>> build = halves.get(fold);
      List<Map.Entry<ClassifierInput, JsonNode>> measure = halves.get(1 - fold);
      double bestWeight = 0;
      double bestF1 = -1;
      for (double weight : WEIGHTS) {
        double f1 = ClassifierEvaluation.evaluateCategories(classifier(languages, weight), build).macroF1();
        out.printf(Locale.ROOT, "fold %d build half: weight %.1f macro-F1 %.3f%n", fold + 1, weight, f1);
        if (f1 > bestF1 + 1e-9) {
          bestF1 = f1;
          bestWeight = weight;
        }
      }
      out.printf(Locale.ROOT, "%n== fold %d: measured on half %d (%d rows), lexicon alone%n", fold + 1, 2 - fold, measure.size());
      ClassifierEvaluation.print(ClassifierEvaluation.evaluateCategories(classifier(languages, 0), measure), out, false);
      out.printf(Locale.ROOT, "%n== fold %d: measured on half %d, model weight %.1f chosen on half %d%n",
          fold + 1, 2 - fold, bestWeight, fold + 1);
      ClassifierEvaluation.print(ClassifierEvaluation.evaluateCategories(classifier(languages, bestWeight), measure), out, misses);
    }
  }

  private static RequestClassifier classifier(LanguageIdentifier languages, double weight) {
    return RequestClassifier.create(languages, TextCaps.defaults(), weight);
  }

  /** Splits rows into two halves, alternating within each category in the order of a hash of the row id. */
  static List<List<Map.Entry<ClassifierInput, JsonNode>>> halves(List<Map.Entry<ClassifierInput, JsonNode>> rows) {
    List<Map.Entry<ClassifierInput, JsonNode>> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing((Map.Entry<ClassifierInput, JsonNode> r) -> r.getValue().path("category").asText())
        .thenComparingLong(r -> crc(r.getValue().path("id").asText())));
    List<List<Map.Entry<ClassifierInput, JsonNode>>> halves = List.of(new ArrayList<>(), new ArrayList<>());
    String category = null;
    int index = 0;
    for (Map.Entry<ClassifierInput, JsonNode> row : sorted) {
      String c = row.getValue().path("category").asText();
      index = c.equals(category) ? index + 1 : 0;
      category = c;
      halves.get(index % 2).add(row);
    }
    return halves;
  }

  private static long crc(String id) {
    CRC32 crc = new CRC32();
    crc.update(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
