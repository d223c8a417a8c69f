package dev.switchboard.telemetry.classify;

import dev.switchboard.telemetry.Category;
import java.util.List;

/**
 * Scores a text against every category with a naive Bayes over hashed words and word pairs,
 * trained when the classifier is built on the project's own examples ({@link CategoryExamples}).
 * Words are runs of letters and digits ({@code c++} and {@code c#} keep their signs); a Chinese or
 * Japanese character is a word of its own, so neighbouring characters make the pairs; a word
 * longer than six letters also counts by its first five. A feature counts once per text; features
 * no example holds are skipped.
 */
final class HashedNgramBayes {
  private static final int CATEGORIES = Category.values().length;
  private static final int BITS = 17;
  private static final int BUCKETS = 1 << BITS;
  private static final int BOUNDARY = 0x9E3779B9;
  // the additive smoothing of feature counts: the median of the values ClassifierTwoFold chose for
  // the project-written parts on the 16 build halves of 8 splits (`--repeats 8`: 0.2 on 10, 0.5 on
  // 3, 1 on 3), as are the model weight (2, on 15) and the Other prior (1.2, on 14)
  static final double SMOOTHING = 0.2;
  // a word longer than this also counts by its first STEM letters, so "optimizing" meets "optimize"
  private static final int STEM = 5;

  // one weight per bucket and category, bucket-major so one feature reads one cache line
  private final float[] weights;
  private final boolean[] known;
  // one per scoring thread: reused text after text
  private final ThreadLocal<TermRepeats> seen = ThreadLocal.withInitial(() -> new TermRepeats(BUCKETS));

  private HashedNgramBayes(float[] weights, boolean[] known) {
    this.weights = weights;
    this.known = known;
  }

  /** Returns the model trained on the bundled examples. */
  static HashedNgramBayes loadDefault() {
    return train(CategoryExamples.loadDefault());
  }

  /**
   * Trains a complement naive Bayes (Rennie et al., 2003): a feature's weight for a category is
   * the negative log of its smoothed frequency in all the other categories' examples, centred over
   * the categories. Learning from the complement keeps a category with few examples from winning
   * every word it happens to hold.
   */
  static HashedNgramBayes train(List<CategoryExamples.Example> examples) {
    return train(examples, SMOOTHING);
  }

  /** Trains with the given additive smoothing of the feature counts. */
  static HashedNgramBayes train(List<CategoryExamples.Example> examples, double smoothing) {
    double[] counts = new double[BUCKETS * CATEGORIES];
    double[] totals = new double[CATEGORIES];
    boolean[] known = new boolean[BUCKETS];
    TermRepeats repeats = new TermRepeats(BUCKETS);
    for (CategoryExamples.Example example : examples) {
      int c = example.category().ordinal();
      for (int bucket : distinctFeatures(example.text(), repeats)) {
        counts[bucket * CATEGORIES + c] += example.weight();
        totals[c] += example.weight();
        known[bucket] = true;
      }
    }
    int vocabulary = 0;
    for (boolean k : known) {
      vocabulary += k ? 1 : 0;
    }
    double all = 0;
    for (double t : totals) {
      all += t;
    }
    float[] weights = new float[BUCKETS * CATEGORIES];
    for (int b = 0; b < BUCKETS; b++) {
      if (!known[b]) {
        continue;
      }
      double rowSum = 0;
      for (int c = 0; c < CATEGORIES; c++) {
        rowSum += counts[b * CATEGORIES + c];
      }
      double mean = 0;
      for (int c = 0; c < CATEGORIES; c++) {
        double v = -Math.log((rowSum - counts[b * CATEGORIES + c] + smoothing) / (all - totals[c] + smoothing * vocabulary));
        weights[b * CATEGORIES + c] = (float) v;
        mean += v / CATEGORIES;
      }
      for (int c = 0; c < CATEGORIES; c++) {
        weights[b * CATEGORIES + c] -= (float) mean;
      }
    }
    return new HashedNgramBayes(weights, known);
  }

  private static int[] distinctFeatures(String text, TermRepeats repeats) {
    repeats.nextText();
    int[] buffer = new int[64];
    int[] size = {0};
    int[][] holder = {buffer};
    features(text, Integer.MAX_VALUE, bucket -> {
      if (repeats.see(bucket) == 0) {
        if (size[0] == holder[0].length) {
          holder[0] = java.util.Arrays.copyOf(holder[0], size[0] * 2);
        }
        holder[0][size[0]++] = bucket;
      }
    });
    return java.util.Arrays.copyOf(holder[0], size[0]);
  }

  /**
   * Adds the summed weights of the distinct known features among the first {@code maxChars} of
   * {@code text} into {@code scores} (one slot per category, in {@link Category} order); returns
   * how many distinct features the text has, known or not, so a caller can weigh the sum by how
   * much of the text the examples cover.
   */
  int score(String text, int maxChars, double[] scores) {
    TermRepeats repeats = seen.get();
    repeats.nextText();
    int[] counted = {0};
    features(text, maxChars, bucket -> {
      if (repeats.see(bucket) == 0) {
        counted[0]++;
        if (known[bucket]) {
          int base = bucket * CATEGORIES;
          for (int c = 0; c < CATEGORIES; c++) {
            scores[c] += weights[base + c];
          }
        }
      }
    });
    return counted[0];
  }

  /** Receives the bucket of each feature of a text. */
  @FunctionalInterface
  interface FeatureSink {
    void accept(int bucket);
  }

  /** Emits the hashed words and word pairs of the first {@code maxChars} of {@code text}. */
  static void features(String text, int maxChars, FeatureSink sink) {
    int end = Math.min(text.length(), maxChars);
    int previous = BOUNDARY;
    int hash = 0;
    int wordLength = 0;
    char single = 0;
    boolean inWord = false;
    int stem = 0;
    for (int i = 0; i <= end; i++) {
      char c = i < end ? Character.toLowerCase(text.charAt(i)) : ' ';
      boolean cjk = isCjk(c);
      boolean wordChar = !cjk && (Character.isLetterOrDigit(c) || (inWord && (c == '+' || c == '#')));
      if (wordChar) {
        hash = ((inWord ? hash : 0x811C9DC5) ^ c) * 0x01000193;
        wordLength = inWord ? wordLength + 1 : 1;
        if (wordLength == STEM) {
          stem = hash;
        }
        single = c;
        inWord = true;
        continue;
      }
      if (inWord) {
        // a lone ASCII letter (an option label, an article) says nothing about the subject
        if (wordLength > 1 || single >= 0x80) {
          previous = emit(hash, previous, sink);
          if (wordLength > STEM + 1) {
            sink.accept(bucket(stem * 31 + 0x5bd1e995));
          }
        }
        inWord = false;
      }
      if (cjk) {
        previous = emit((0x811C9DC5 ^ c) * 0x01000193, previous, sink);
      } else if (c == '.' || c == '?' || c == '!' || c == '\n' || c == '。' || c == '？') {
        previous = BOUNDARY; // pairs do not cross sentences
      }
    }
  }

  private static int emit(int word, int previous, FeatureSink sink) {
    sink.accept(bucket(word));
    sink.accept(bucket(previous * 0x2545F491 + word));
    return word;
  }

  private static int bucket(int hash) {
    hash ^= hash >>> 16;
    hash *= 0x85EBCA6B;
    hash ^= hash >>> 13;
    return hash & (BUCKETS - 1);
  }

  /** Chinese and Japanese script; Korean separates its words with spaces, so Hangul makes words. */
  private static boolean isCjk(char c) {
    return (c >= 0x3040 && c <= 0x30FF) // hiragana, katakana
        || (c >= 0x3400 && c <= 0x9FFF) // CJK ideographs
        || (c >= 0xF900 && c <= 0xFAFF);
  }
}
