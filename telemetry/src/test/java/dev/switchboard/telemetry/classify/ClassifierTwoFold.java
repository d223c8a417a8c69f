package dev.switchboard.telemetry.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.telemetry.Category;
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
 * (stratified by category, rows ordered by a hash of their id), picks the scorer's settings (the
 * example model's smoothing and weight, the Other prior) on one half and measures on the other,
 * then swaps. It does so twice: for the project-written parts alone (the examples and
 * vocabulary.lexicon, which never saw the sample: the closest figure to held-out traffic) and for
 * the shipped classifier (categories.lexicon too, which was written while looking at the sample).
 * Run its main method; the sample stays in {@code shared/data}. With {@code <data> --repeats N} it
 * runs the project-written procedure over N different splits and prints the mean and every half.
 */
public final class ClassifierTwoFold {
  static final double[] SMOOTHINGS = {0.2, 0.5, 1};
  static final double[] WEIGHTS = {0.75, 1, 1.5, 2, 3, 4, 6};
  static final double[] OTHER_PRIORS = {0, 0.6, 1.2, 2, 3};
  // choosing the short-question bonus too ({1, 1.5, 2, 2.5}) measured 0.001 lower over 8 splits: fixed
  static final double[] SHORT_QUESTIONS = {CategoryScorer.SHORT_QUESTION};

  /** One choice of the scorer's settings. */
  record Settings(double smoothing, double modelWeight, double otherPrior, double shortQuestion) {}

  private ClassifierTwoFold() {}

  public static void main(String[] args) throws IOException {
    Path data = args.length > 0 ? Path.of(args[0]) : ClassifierEvaluation.findSharedData().orElseThrow();
    boolean misses = args.length > 1 && args[1].equals("--misses");
    List<Map.Entry<ClassifierInput, JsonNode>> rows =
        ClassifierEvaluation.readRequests(data.resolve(ClassifierEvaluation.CATEGORIES_FILE));
    List<List<Map.Entry<ClassifierInput, JsonNode>>> halves = halves(rows);
    LanguageIdentifier languages = LanguageIdentifier.defaults();
    PrintStream out = System.out;
    List<CategoryExamples.Example> examples = CategoryExamples.loadDefault();
    int repeats = args.length > 2 && args[1].equals("--repeats") ? Integer.parseInt(args[2]) : 0;
    if (repeats > 0) {
      repeated(rows, repeats, examples, languages, out);
      return;
    }
    for (boolean projectWritten : new boolean[] {true, false}) {
      Lexicon lexicon = projectWritten ? projectWrittenLexicon() : Lexicon.loadDefault();
      String name = projectWritten ? "project-written (examples + vocabulary.lexicon)" : "shipped (+ categories.lexicon)";
      for (int fold = 0; fold < 2; fold++) {
        List<Map.Entry<ClassifierInput, JsonNode>> measure = halves.get(1 - fold);
        Map.Entry<Settings, Double> best = choose(examples, languages, lexicon, halves.get(fold));
        out.printf(Locale.ROOT, "%n== %s, fold %d: settings chosen on half %d (macro-F1 %.3f there): %s; measured on half %d (%d rows)%n",
            name, fold + 1, fold + 1, best.getValue(), best.getKey(), 2 - fold, measure.size());
        HashedNgramBayes model = HashedNgramBayes.train(examples, best.getKey().smoothing());
        ClassifierEvaluation.print(
            ClassifierEvaluation.evaluateCategories(classifier(languages, lexicon, model, best.getKey()), measure), out, misses);
      }
    }
  }

  /** Returns the settings with the best macro-F1 on {@code build}, and that figure. */
  static Map.Entry<Settings, Double> choose(List<CategoryExamples.Example> examples, LanguageIdentifier languages,
      Lexicon lexicon, List<Map.Entry<ClassifierInput, JsonNode>> build) {
    Settings best = null;
    double bestF1 = -1;
    for (double smoothing : SMOOTHINGS) {
      HashedNgramBayes model = HashedNgramBayes.train(examples, smoothing);
      for (double weight : WEIGHTS) {
        for (double prior : OTHER_PRIORS) {
          for (double shortQuestion : SHORT_QUESTIONS) {
            Settings s = new Settings(smoothing, weight, prior, shortQuestion);
            double f1 = ClassifierEvaluation.evaluateCategories(classifier(languages, lexicon, model, s), build).macroF1();
            if (f1 > bestF1 + 1e-9) {
              bestF1 = f1;
              best = s;
            }
          }
        }
      }
    }
    return Map.entry(best, bestF1);
  }

  /**
   * The 2-fold procedure for the project-written parts over {@code repeats} different splits (the
   * first is the usual one): one split's two halves move by a row or two per change, the mean over
   * several splits does not, and the per-half figures let two versions be compared pair by pair.
   */
  private static void repeated(List<Map.Entry<ClassifierInput, JsonNode>> rows, int repeats,
      List<CategoryExamples.Example> examples, LanguageIdentifier languages, PrintStream out) {
    Lexicon lexicon = projectWrittenLexicon();
    List<Double> measured = new ArrayList<>();
    double[] categoryF1 = new double[Category.values().length];
    List<Settings> chosen = new ArrayList<>();
    for (int split = 0; split < repeats; split++) {
      List<List<Map.Entry<ClassifierInput, JsonNode>>> halves = halves(rows, split == 0 ? "" : "split" + split);
      for (int fold = 0; fold < 2; fold++) {
        Settings best = choose(examples, languages, lexicon, halves.get(fold)).getKey();
        chosen.add(best);
        HashedNgramBayes model = HashedNgramBayes.train(examples, best.smoothing());
        ClassifierEvaluation.CategoryReport report =
            ClassifierEvaluation.evaluateCategories(classifier(languages, lexicon, model, best), halves.get(1 - fold));
        measured.add(report.macroF1());
        for (Category c : Category.values()) {
          categoryF1[c.ordinal()] += report.f1(c) / (2.0 * repeats);
        }
      }
    }
    double mean = measured.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double variance = measured.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / Math.max(1, measured.size() - 1);
    out.printf(Locale.ROOT, "project-written, %d splits: measured-half macro-F1 mean %.4f (sd %.4f, se %.4f)%nhalves:",
        repeats, mean, Math.sqrt(variance), Math.sqrt(variance / measured.size()));
    measured.forEach(m -> out.printf(Locale.ROOT, " %.4f", m));
    out.println();
    // per category too: a change can trade one category's F1 for another's at the same mean
    out.print("mean F1 per category:");
    for (Category c : Category.values()) {
      out.printf(Locale.ROOT, " %s %.3f", c.label(), categoryF1[c.ordinal()]);
    }
    out.println();
    out.printf(Locale.ROOT, "chosen on the build halves: smoothing %s, model weight %s, Other prior %s%n",
        median(chosen, Settings::smoothing), median(chosen, Settings::modelWeight), median(chosen, Settings::otherPrior));
    chosen.forEach(c -> out.println("  " + c));
  }

  private static String median(List<Settings> chosen, java.util.function.ToDoubleFunction<Settings> value) {
    double[] v = chosen.stream().mapToDouble(value).sorted().toArray();
    return String.format(Locale.ROOT, "median %.2f (%.2f-%.2f)", (v[(v.length - 1) / 2] + v[v.length / 2]) / 2, v[0], v[v.length - 1]);
  }

  /** Returns the lexicon written without looking at the sample: vocabulary.lexicon alone. */
  static Lexicon projectWrittenLexicon() {
    return Lexicon.parse(Lexicon.resourceLines(Lexicon.VOCABULARY));
  }

  /** Returns the classifier of the project-written parts alone, at the shipped settings. */
  static RequestClassifier projectWritten(LanguageIdentifier languages) {
    return RequestClassifier.create(languages, TextCaps.defaults(), projectWrittenLexicon(), RequestClassifier.MODEL_WEIGHT);
  }

  private static RequestClassifier classifier(LanguageIdentifier languages, Lexicon lexicon, HashedNgramBayes model, Settings s) {
    return RequestClassifier.create(languages, TextCaps.defaults(),
        new CategoryScorer(lexicon, model, s.modelWeight(), s.otherPrior(), s.shortQuestion()));
  }

  /** Splits rows into two halves, alternating within each category in the order of a hash of the row id. */
  static List<List<Map.Entry<ClassifierInput, JsonNode>>> halves(List<Map.Entry<ClassifierInput, JsonNode>> rows) {
    return halves(rows, "");
  }

  /** Splits rows as {@link #halves(List)} does, ordering each category by a hash of the row id and {@code salt}. */
  static List<List<Map.Entry<ClassifierInput, JsonNode>>> halves(List<Map.Entry<ClassifierInput, JsonNode>> rows, String salt) {
    List<Map.Entry<ClassifierInput, JsonNode>> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing((Map.Entry<ClassifierInput, JsonNode> r) -> r.getValue().path("category").asText())
        .thenComparingLong(r -> crc(salt + r.getValue().path("id").asText())));
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
