package dev.switchboard.gateway.simulate.traffic;

import java.util.Map;
import java.util.SplittableRandom;

/** Draws from the distributions the planner needs, from a caller's seeded generator. */
public final class Randoms {
  private Randoms() {}

  /** Returns a seed derived from {@code seed} and {@code salt}, well mixed (SplitMix64). */
  public static long mix(long seed, long salt) {
    long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Draws a Poisson count with mean {@code lambda}. */
  public static int poisson(SplittableRandom random, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 30) {
      return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
    }
    double limit = Math.exp(-lambda);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  /** Draws a log-normal value with median {@code median} and log spread {@code sigma}. */
  public static double logNormal(SplittableRandom random, double median, double sigma) {
    return median * Math.exp(sigma * random.nextGaussian());
  }

  /** Draws an index with probability proportional to its weight; -1 when all weights are 0. */
  public static int weightedIndex(SplittableRandom random, double[] weights, int count) {
    double total = 0;
    for (int i = 0; i < count; i++) {
      total += Math.max(0, weights[i]);
    }
    if (total <= 0) {
      return -1;
    }
    double roll = random.nextDouble() * total;
    int last = -1;
    for (int i = 0; i < count; i++) {
      if (weights[i] <= 0) {
        continue;
      }
      last = i;
      roll -= weights[i];
      if (roll < 0) {
        return i;
      }
    }
    return last;
  }

  /** Draws a key with probability proportional to its weight; null when all weights are 0. */
  public static <K> K weighted(SplittableRandom random, Map<K, Double> weights) {
    double total = 0;
    for (double w : weights.values()) {
      total += Math.max(0, w);
    }
    if (total <= 0) {
      return null;
    }
    double roll = random.nextDouble() * total;
    K last = null;
    for (Map.Entry<K, Double> e : weights.entrySet()) {
      double w = Math.max(0, e.getValue());
      if (w <= 0) {
        continue;
      }
      last = e.getKey();
      roll -= w;
      if (roll < 0) {
        return last;
      }
    }
    return last;
  }
}
