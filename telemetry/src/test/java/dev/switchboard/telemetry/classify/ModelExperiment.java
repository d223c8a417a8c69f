package dev.switchboard.telemetry.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Scratch: compares example models by the 2-fold procedure on the project-written parts. */
public final class ModelExperiment {
  static int[] intList(String s) {
    return java.util.Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  static double[] doubleList(String s) {
    return java.util.Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    var rows = ClassifierEvaluation.readRequests(data.resolve(ClassifierEvaluation.CATEGORIES_FILE));
    int splits = Integer.getInteger("splits", 1);
    List<Double> measured = new ArrayList<>();
    for (int split = 0; split < splits; split++) {
    var halves = ClassifierTwoFold.halves(rows, split == 0 ? "" : "split" + split);
    LanguageIdentifier languages = LanguageIdentifier.defaults();
    Lexicon lexicon = ClassifierTwoFold.projectWrittenLexicon();
    List<CategoryExamples.Example> examples = CategoryExamples.loadDefault();
    String kind = args.length > 1 ? args[1] : "logistic";
    double[] weights = doubleList(System.getProperty("weights", "0.25,0.5,0.75,1,1.5,2,3,4,6"));
    double[] priors = doubleList(System.getProperty("priors", "0,0.6,1.2,2,3"));
    List<String> names = new ArrayList<>();
    List<ExampleModel> models = new ArrayList<>();
    if (kind.equals("bayes")) {
      for (double s : new double[] {0.2, 0.5, 1}) {
        names.add("bayes s=" + s);
        models.add(HashedNgramBayes.train(examples, s));
      }
    } else {
      for (int epochs : intList(System.getProperty("epochs", "4,8,16"))) {
        for (double rate : doubleList(System.getProperty("rates", "0.2,0.5,1.0"))) {
          long t0 = System.nanoTime();
          models.add(HashedNgramLogistic.train(examples, new HashedNgramLogistic.Training(epochs, rate, 0.5)));
          names.add(String.format(Locale.ROOT, "lr e=%d r=%.2f (%d ms)", epochs, rate, (System.nanoTime() - t0) / 1_000_000));
        }
      }
    }
    for (int fold = 0; fold < 2; fold++) {
      var build = halves.get(fold);
      var measure = halves.get(1 - fold);
      double[][][] grid = new double[models.size()][weights.length][priors.length];
      for (int m = 0; m < models.size(); m++) {
        for (int wi = 0; wi < weights.length; wi++) {
          for (int pi = 0; pi < priors.length; pi++) {
            RequestClassifier c = RequestClassifier.create(languages, TextCaps.defaults(),
                new CategoryScorer(lexicon, models.get(m), weights[wi], priors[pi]));
            grid[m][wi][pi] = ClassifierEvaluation.evaluateCategories(c, build).macroF1();
          }
        }
      }
      boolean smooth = Boolean.getBoolean("smooth");
      double best = -1;
      String bestName = null;
      RequestClassifier bestClassifier = null;
      for (int m = 0; m < models.size(); m++) {
        for (int wi = 0; wi < weights.length; wi++) {
          for (int pi = 0; pi < priors.length; pi++) {
            double f1 = grid[m][wi][pi];
            if (smooth) {
              // the mean over the setting and its neighbours on the weight and prior axes
              double sum = 0;
              int k = 0;
              for (int dw = -1; dw <= 1; dw++) {
                for (int dp = -1; dp <= 1; dp++) {
                  int a = wi + dw, b = pi + dp;
                  if (a >= 0 && a < weights.length && b >= 0 && b < priors.length) {
                    sum += grid[m][a][b];
                    k++;
                  }
                }
              }
              f1 = sum / k;
            }
            if (f1 > best + 1e-9) {
              best = f1;
              bestName = names.get(m) + " w=" + weights[wi] + " prior=" + priors[pi];
              bestClassifier = RequestClassifier.create(languages, TextCaps.defaults(),
                  new CategoryScorer(lexicon, models.get(m), weights[wi], priors[pi]));
            }
          }
        }
      }
      var report = ClassifierEvaluation.evaluateCategories(bestClassifier, measure);
      measured.add(report.macroF1());
      System.out.printf(Locale.ROOT, "fold %d: chose %s (%.3f on build) -> measured %.3f%n", fold + 1, bestName, best, report.macroF1());
      if (args.length > 2) {
        ClassifierEvaluation.print(report, System.out, false);
      }
    }
    }
    double mean = measured.stream().mapToDouble(d -> d).average().orElse(0);
    double sd = Math.sqrt(measured.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / Math.max(1, measured.size() - 1));
    System.out.println("HALVES " + measured.stream().map(d -> String.format(Locale.ROOT, "%.4f", d)).collect(java.util.stream.Collectors.joining(" ")));
    System.out.printf(Locale.ROOT, "MEAN over %d measured halves: %.4f (sd %.4f, se %.4f)%n", measured.size(), mean, sd, sd / Math.sqrt(measured.size()));
  }
}
