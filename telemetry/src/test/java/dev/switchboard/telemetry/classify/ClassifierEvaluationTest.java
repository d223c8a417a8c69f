package dev.switchboard.telemetry.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.telemetry.Category;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Holds the classifier to the targets on the shared development data; skipped where the
 * data is not checked out beside the repository.
 */
class ClassifierEvaluationTest {

  @Test
  void meetsTheCategoryAndLanguageTargets() throws Exception {
    Optional<Path> data = ClassifierEvaluation.findSharedData();
    assumeTrue(data.isPresent(), "shared/data not found above the working directory");
    RequestClassifier classifier = RequestClassifier.withDefaults();

    ClassifierEvaluation.CategoryReport categories =
        ClassifierEvaluation.evaluateCategories(classifier, data.get().resolve(ClassifierEvaluation.CATEGORIES_FILE));
    ClassifierEvaluation.LanguageReport languages =
        ClassifierEvaluation.evaluateLanguages(LanguageIdentifier.defaults(), data.get().resolve(ClassifierEvaluation.LANGUAGES_FILE));
    ClassifierEvaluation.print(categories, System.out, false);
    ClassifierEvaluation.print(languages, System.out, false);

    assertThat(categories.macroF1()).isGreaterThanOrEqualTo(0.80);
    assertThat(categories.f1(Category.PROGRAMMING)).isGreaterThanOrEqualTo(0.90);
    assertThat(categories.f1(Category.ROLEPLAY)).isGreaterThanOrEqualTo(0.90);
    assertThat(languages.longAccuracy()).isGreaterThanOrEqualTo(0.97);
    assertThat(languages.shortAccuracy()).isGreaterThanOrEqualTo(0.90);
  }
}
