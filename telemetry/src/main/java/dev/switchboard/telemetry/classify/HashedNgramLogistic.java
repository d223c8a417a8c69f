package dev.switchboard.telemetry.classify;

import dev.switchboard.telemetry.Category;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Scores a text against every category with a multinomial logistic regression over the same
 * hashed words, word pairs and stems as {@link HashedNgramBayes}, trained when the classifier is
 * built on the project's own examples ({@link CategoryExamples}). Naive Bayes counts every feature
 * as independent evidence, so a template's fixed words and their pairs vote several times over;
 * a discriminative model shares the credit among correlated features and learns what separates
 * the categories. Trained by averaged stochastic gradient descent (the average of the weights
 * over every step: steadier on unseen text than the last step's) with a fixed seed, so every
 * build gives the same model. A text's features each count 1/sqrt(n), as the scorer weighs them.
 */
final class HashedNgramLogistic implements ExampleModel {
  private static final int CATEGORIES = Category.values().length;
  private static final int BUCKETS = HashedNgramBayes.BUCKETS;

  /** Training settings: passes over the examples, the first step size, and its decay per pass. */
  record Training(int epochs, double rate, double decay) {
    /** The settings ClassifierTwoFold chose (see there). */
    static final Training DEFAULT = new Training(8, 0.5, 0.5);
  }

  // one weight per bucket and category, bucket-major so one feature reads one cache line
  private final float[] weights;
  // one per scoring thread: reused text after text
  private final ThreadLocal<TermRepeats> seen = ThreadLocal.withInitial(() -> new TermRepeats(BUCKETS));

  private HashedNgramLogistic(float[] weights) {
    this.weights = weights;
  }

  /** Returns the model trained on the bundled examples. */
  static HashedNgramLogistic loadDefault() {
    return train(CategoryExamples.loadDefault(), Training.DEFAULT);
  }

  /** Trains on {@code examples} with the given settings. */
  static HashedNgramLogistic train(List<CategoryExamples.Example> examples, Training training) {
    int n = examples.size();
    int[][] features = new int[n][];
    int[] labels = new int[n];
    double[] sampleWeights = new double[n];
    TermRepeats repeats = new TermRepeats(BUCKETS);
    for (int i = 0; i < n; i++) {
      CategoryExamples.Example example = examples.get(i);
      features[i] = HashedNgramBayes.distinctFeatures(example.text(), repeats);
      labels[i] = example.category().ordinal();
      sampleWeights[i] = example.weight();
    }
    float[] w = new float[BUCKETS * CATEGORIES];
    // the running sum of step * update: the average of the weights over all steps is w - u / steps
    float[] u = new float[BUCKETS * CATEGORIES];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(18);
    double[] p = new double[CATEGORIES];
    long step = 1;
    for (int epoch = 0; epoch < training.epochs(); epoch++) {
      shuffle(order, random);
      double rate = training.rate() / (1 + training.decay() * epoch);
      for (int i : order) {
        int[] f = features[i];
        if (f.length == 0) {
          continue;
        }
        double x = 1 / Math.sqrt(f.length);
        Arrays.fill(p, 0);
        for (int bucket : f) {
          int base = bucket * CATEGORIES;
          for (int c = 0; c < CATEGORIES; c++) {
            p[c] += w[base + c];
          }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CATEGORIES; c++) {
          p[c] *= x;
          max = Math.max(max, p[c]);
        }
        double sum = 0;
        for (int c = 0; c < CATEGORIES; c++) {
          p[c] = Math.exp(p[c] - max);
          sum += p[c];
        }
        for (int c = 0; c < CATEGORIES; c++) {
          // the gradient of the cross-entropy times the step, per unit of feature value
          p[c] = rate * sampleWeights[i] * x * (p[c] / sum - (c == labels[i] ? 1 : 0));
        }
        for (int bucket : f) {
          int base = bucket * CATEGORIES;
          for (int c = 0; c < CATEGORIES; c++) {
            w[base + c] -= (float) p[c];
            u[base + c] -= (float) (step * p[c]);
          }
        }
        step++;
      }
    }
    for (int k = 0; k < w.length; k++) {
      w[k] -= u[k] / step;
    }
    return new HashedNgramLogistic(w);
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /**
   * Adds the summed weights of the distinct features among the first {@code maxChars} of {@code
   * text} into {@code scores}; returns how many distinct features the text has, known or not.
   */
  @Override
  public int score(String text, int maxChars, double[] scores) {
    TermRepeats repeats = seen.get();
    repeats.nextText();
    int[] counted = {0};
    HashedNgramBayes.features(text, maxChars, bucket -> {
      if (repeats.see(bucket) == 0) {
        counted[0]++;
        int base = bucket * CATEGORIES;
        for (int c = 0; c < CATEGORIES; c++) {
          scores[c] += weights[base + c];
        }
      }
    });
    return counted[0];
  }
}
