package dev.switchboard.telemetry.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks the example model's features and its learning on a handful of examples written here. */
class HashedNgramBayesTest {
  private static final HashedNgramBayes TINY = HashedNgramBayes.train(List.of(
      new CategoryExamples.Example(Category.PROGRAMMING, "write a kotlin function that parses dates"),
      new CategoryExamples.Example(Category.PROGRAMMING, "kotlin coroutine cancels too early"),
      new CategoryExamples.Example(Category.HEALTH, "my knee hurts after running, should I see a doctor"),
      new CategoryExamples.Example(Category.HEALTH, "doctor says my blood pressure is high"),
      new CategoryExamples.Example(Category.OTHER, "write a poem about the sea"),
      new CategoryExamples.Example(Category.ROLEPLAY, "你扮演一位剑客")));

  private static Category best(HashedNgramBayes model, String text) {
    double[] scores = new double[Category.values().length];
    model.score(text, 10_000, scores);
    int best = 0;
    for (int c = 1; c < scores.length; c++) {
      if (scores[c] > scores[best]) {
        best = c;
      }
    }
    return Category.values()[best];
  }

  @Test
  void learnsTheWordsOfEachCategory() {
    assertThat(best(TINY, "kotlin question")).isEqualTo(Category.PROGRAMMING);
    assertThat(best(TINY, "should I call a doctor")).isEqualTo(Category.HEALTH);
    assertThat(best(TINY, "请扮演剑客")).isEqualTo(Category.ROLEPLAY);
  }

  @Test
  void wordsNoExampleHoldsWeighNothingButAreCounted() {
    double[] scores = new double[Category.values().length];
    // zyzzyva, its stem zyzzy, quux, and a pair each
    assertThat(TINY.score("zyzzyva quux", 10_000, scores)).isEqualTo(5);
    assertThat(scores).containsOnly(0.0);
  }

  @Test
  void wordsAndPairsNoExampleHoldsWeighNothingInTheBundledModelToo() {
    // tens of thousands of made-up features: in a table of hashed buckets a third of them landed
    // where some example's feature did and voted with its weights, so nearly every text scored; with
    // 32-bit keys a stranger meets a known key about once in 50,000 (one text in a few thousand)
    HashedNgramBayes model = HashedNgramBayes.loadDefault();
    Random random = new Random(7);
    String consonants = "bcdfghjklmnpqrstvwxz";
    int features = 0;
    List<String> scored = new ArrayList<>();
    for (int t = 0; t < 2_000; t++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 6; w++) {
        for (int i = 0; i < 9; i++) {
          text.append(consonants.charAt(random.nextInt(consonants.length())));
        }
        text.append(' ');
      }
      double[] scores = new double[Category.values().length];
      features += model.score(text.toString(), 10_000, scores);
      if (java.util.Arrays.stream(scores).anyMatch(s -> s != 0)) {
        scored.add(text.toString());
      }
    }
    assertThat(features).isGreaterThan(30_000);
    assertThat(scored).hasSizeLessThanOrEqualTo(5);
  }

  @Test
  void featuresAreWordsAndPairsWithoutLoneLettersAndCjkCharactersAreWords() {
    List<Integer> words = new ArrayList<>();
    HashedNgramBayes.features("A. c++ rocks", Integer.MAX_VALUE, words::add);
    assertThat(words).hasSize(4); // c++, rocks, and a pair each; the option letter is dropped
    List<Integer> cjk = new ArrayList<>();
    HashedNgramBayes.features("剑客", Integer.MAX_VALUE, cjk::add);
    assertThat(cjk).hasSize(4);
  }

  @Test
  void longWordsAlsoCountByTheirStemSoInflectionsMeet() {
    List<Integer> optimizing = new ArrayList<>();
    HashedNgramBayes.features("optimizing", Integer.MAX_VALUE, optimizing::add);
    List<Integer> optimizer = new ArrayList<>();
    HashedNgramBayes.features("optimizer", Integer.MAX_VALUE, optimizer::add);
    assertThat(optimizing).hasSize(3).containsAnyElementsOf(optimizer);
    List<Integer> short_ = new ArrayList<>();
    HashedNgramBayes.features("parse", Integer.MAX_VALUE, short_::add);
    assertThat(short_).hasSize(2); // a word of stem length or one more has no stem of its own
    HashedNgramBayes stems = HashedNgramBayes.train(List.of(
        new CategoryExamples.Example(Category.PROGRAMMING, "optimize the compiler"),
        new CategoryExamples.Example(Category.HEALTH, "medication schedule")));
    assertThat(best(stems, "optimizing")).isEqualTo(Category.PROGRAMMING);
    assertThat(best(stems, "medications")).isEqualTo(Category.HEALTH);
  }

  @Test
  void readsOnlyTheGivenPrefixAndEachFeatureOnce() {
    double[] scores = new double[Category.values().length];
    assertThat(TINY.score("kotlin kotlin kotlin doctor", 6, scores)).isEqualTo(2); // "kotlin" and its pair
  }

  @Test
  void theBundledModelSeparatesTheCategoriesOfItsOwnVocabulary() {
    HashedNgramBayes model = HashedNgramBayes.loadDefault();
    assertThat(best(model, "pytorch training loop")).isEqualTo(Category.PROGRAMMING);
    assertThat(best(model, "plaintiff defendant negligence")).isEqualTo(Category.LEGAL);
    assertThat(best(model, "keyword backlinks ranking")).isEqualTo(Category.SEO);
  }
}
