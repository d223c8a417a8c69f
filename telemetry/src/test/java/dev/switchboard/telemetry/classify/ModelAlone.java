package dev.switchboard.telemetry.classify;

import dev.switchboard.telemetry.Category;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Scratch: each example model alone (argmax over the last user turn) on the sample and on its own examples. */
public final class ModelAlone {
  public static void main(String[] args) throws Exception {
    var rows = ClassifierEvaluation.readRequests(Path.of(args[0]).resolve(ClassifierEvaluation.CATEGORIES_FILE));
    List<CategoryExamples.Example> examples = CategoryExamples.loadDefault();
    report("bayes 0.35", HashedNgramBayes.train(examples, 0.35), rows, examples);
    for (String s : args[1].split(";")) {
      String[] p = s.split(",");
      long t0 = System.nanoTime();
      var m = HashedNgramLogistic.train(examples, new HashedNgramLogistic.Training(Integer.parseInt(p[0]), Double.parseDouble(p[1]), 0.5));
      report("lr " + s + " " + (System.nanoTime() - t0) / 1_000_000 + "ms", m, rows, examples);
      var nb = HashedNgramBayes.train(examples, 0.35);
      for (double a : new double[] {0.25, 0.5, 1, 2, 4}) {
        ExampleModel both = (text, max, sc) -> {
          double[] x = new double[13];
          int n = nb.score(text, max, sc);
          m.score(text, max, x);
          for (int c = 0; c < 13; c++) sc[c] += a * x[c];
          return n;
        };
        report("  nb + " + a + " lr", both, rows, examples);
      }
    }
  }

  static void report(String name, ExampleModel m, List<java.util.Map.Entry<ClassifierInput, com.fasterxml.jackson.databind.JsonNode>> rows, List<CategoryExamples.Example> examples) {
    int ok = 0;
    int[] tp = new int[13], pred = new int[13], act = new int[13];
    for (var r : rows) {
      Category e = Category.fromLabel(r.getValue().path("category").asText()).orElseThrow();
      double[] s = new double[13];
      m.score(r.getKey().lastUserTurn(), 2000, s);
      int b = 0;
      for (int c = 1; c < 13; c++) if (s[c] > s[b]) b = c;
      act[e.ordinal()]++; pred[b]++;
      if (b == e.ordinal()) { ok++; tp[b]++; }
    }
    double f = 0;
    for (int c = 0; c < 13; c++) { double p = pred[c] == 0 ? 0 : tp[c] / (double) pred[c], rc = tp[c] / (double) act[c]; f += p + rc == 0 ? 0 : 2 * p * rc / (p + rc); }
    int tok = 0;
    for (var ex : examples) {
      double[] s = new double[13];
      m.score(ex.text(), 2000, s);
      int b = 0;
      for (int c = 1; c < 13; c++) if (s[c] > s[b]) b = c;
      if (b == ex.category().ordinal()) tok++;
    }
    System.out.printf(Locale.ROOT, "%s: dev acc %.3f macroF1 %.3f; train acc %.3f%n", name, ok / (double) rows.size(), f / 13, tok / (double) examples.size());
  }
}
