package dev.switchboard.telemetry.classify;

import dev.switchboard.telemetry.Category;
import java.util.List;

/**
 * Scores a text against every category with a naive Bayes over hashed words and word pairs,
 * trained when the classifier is built on the project's own examples ({@link CategoryExamples}).
 * Words are runs of letters and digits ({@code c++} and {@code c#} keep their signs); a Chinese or
 * Japanese character is a word of its own, so neighbouring characters make the pairs; a word
 * longer than six letters also counts by its first five. A feature counts once per text; features
 * no example holds are skipped, exactly: the model keeps each feature's full 32-bit hash
 * ({@link FeatureIndex}), because in a table of hashed buckets an unseen word pair often lands in a
 * bucket a seen feature filled and votes with that feature's weights.
 */
final class HashedNgramBayes {
  private static final int CATEGORIES = Category.values().length;
  // the per-text table that counts each feature once: a feature whose low bits meet an earlier
  // one's in the same text is skipped, a few per thousand in a long prompt
  private static final int SEEN_BITS = 17;
  private static final int SEEN_MASK = (1 << SEEN_BITS) - 1;
  private static final int BOUNDARY = 0x9E3779B9;
  // the additive smoothing of feature counts: the value ClassifierTwoFold chose for the
  // project-written parts on 15 of the 16 build halves of 8 splits (`--repeats 8`, exact features,
  // 10,031 examples; 1 on the other)
  static final double SMOOTHING = 0.2;
  // a word longer than this also counts by its first STEM letters, so "optimizing" meets "optimize"
  private static final int STEM = 5;

  private final FeatureIndex index;
  // one weight per feature slot and category, slot-major so one feature reads one cache line
  private final float[] weights;
  // one per scoring thread: reused text after text
  private final ThreadLocal<TermRepeats> seen = ThreadLocal.withInitial(() -> new TermRepeats(SEEN_MASK + 1));

  private HashedNgramBayes(FeatureIndex index, float[] weights) {
    this.index = index;
    this.weights = weights;
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
    FeatureIndex index = new FeatureIndex();
    TermRepeats repeats = new TermRepeats(SEEN_MASK + 1);
    int[][] slots = new int[examples.size()][];
    for (int e = 0; e < slots.length; e++) {
      int[] keys = distinctFeatures(examples.get(e).text(), repeats);
      for (int k = 0; k < keys.length; k++) {
        keys[k] = index.add(keys[k]);
      }
      slots[e] = keys;
    }
    int vocabulary = index.size();
    double[] counts = new double[vocabulary * CATEGORIES];
    double[] totals = new double[CATEGORIES];
    for (int e = 0; e < slots.length; e++) {
      CategoryExamples.Example example = examples.get(e);
      int c = example.category().ordinal();
      for (int slot : slots[e]) {
        counts[slot * CATEGORIES + c] += example.weight();
        totals[c] += example.weight();
      }
    }
    double all = 0;
    for (double t : totals) {
      all += t;
    }
    float[] weights = new float[vocabulary * CATEGORIES];
    for (int f = 0; f < vocabulary; f++) {
      double rowSum = 0;
      for (int c = 0; c < CATEGORIES; c++) {
        rowSum += counts[f * CATEGORIES + c];
      }
      double mean = 0;
      for (int c = 0; c < CATEGORIES; c++) {
        double v = -Math.log((rowSum - counts[f * CATEGORIES + c] + smoothing) / (all - totals[c] + smoothing * vocabulary));
        weights[f * CATEGORIES + c] = (float) v;
        mean += v / CATEGORIES;
      }
      for (int c = 0; c < CATEGORIES; c++) {
        weights[f * CATEGORIES + c] -= (float) mean;
      }
    }
    return new HashedNgramBayes(index, weights);
  }

  private static int[] distinctFeatures(String text, TermRepeats repeats) {
    repeats.nextText();
    int[] buffer = new int[64];
    int[] size = {0};
    int[][] holder = {buffer};
    features(text, Integer.MAX_VALUE, key -> {
      if (repeats.see(key & SEEN_MASK) == 0) {
        if (size[0] == holder[0].length) {
          holder[0] = java.util.Arrays.copyOf(holder[0], size[0] * 2);
        }
        holder[0][size[0]++] = key;
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
    features(text, maxChars, key -> {
      if (repeats.see(key & SEEN_MASK) == 0) {
        counted[0]++;
        int slot = index.slot(key);
        if (slot >= 0) {
          int base = slot * CATEGORIES;
          for (int c = 0; c < CATEGORIES; c++) {
            scores[c] += weights[base + c];
          }
        }
      }
    });
    return counted[0];
  }

  /** Receives the 32-bit key of each feature of a text. */
  @FunctionalInterface
  interface FeatureSink {
    void accept(int key);
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
            sink.accept(key(stem * 31 + 0x5bd1e995));
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
    sink.accept(key(word));
    sink.accept(key(previous * 0x2545F491 + word));
    return word;
  }

  // murmur3's finalizer: every bit of the word and pair hashes reaches the low bits the tables index by
  private static int key(int hash) {
    hash ^= hash >>> 16;
    hash *= 0x85EBCA6B;
    hash ^= hash >>> 13;
    hash *= 0xC2B2AE35;
    return hash ^ (hash >>> 16);
  }

  /** Chinese and Japanese script; Korean separates its words with spaces, so Hangul makes words. */
  private static boolean isCjk(char c) {
    return (c >= 0x3040 && c <= 0x30FF) // hiragana, katakana
        || (c >= 0x3400 && c <= 0x9FFF) // CJK ideographs
        || (c >= 0xF900 && c <= 0xFAFF);
  }
}
