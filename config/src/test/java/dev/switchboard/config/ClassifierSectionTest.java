package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the {@code classifier} section: defaults, the languages list and its validation. */
class ClassifierSectionTest {

  @Test
  void unsetSectionTakesTheDefaultLanguages() {
    ClassifierConfig classifier = ConfigLoader.parse("server: { port: 8080 }\n").classifier();
    assertThat(classifier.enabled()).isTrue();
    assertThat(classifier.languages()).hasSize(30).startsWith("en").contains("zh", "ru", "es");
  }

  @Test
  void readsWorkersQueueAndLanguages() {
    ClassifierConfig classifier = ConfigLoader.parse(
        "classifier: { workers: 2, queue_capacity: 100, languages: [en, zh-Hant, ru] }\n").classifier();
    assertThat(classifier.workers()).isEqualTo(2);
    assertThat(classifier.queueCapacity()).isEqualTo(100);
    assertThat(classifier.languages()).containsExactly("en", "zh-Hant", "ru");
  }

  @Test
  void reportsBadLanguageCodesWithTheirPath() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> ConfigLoader.parse("classifier: { languages: [en, English, 3] }\n"));
    assertThat(e.problems()).extracting(Object::toString)
        .anySatisfy(p -> assertThat(p).contains("classifier.languages[1]"))
        .anySatisfy(p -> assertThat(p).contains("classifier.languages[2]"));
    assertThat(catchThrowableOfType(InvalidConfigException.class,
        () -> ConfigLoader.parse("classifier: { languages: [] }\n")).problems())
        .extracting(Object::toString).anySatisfy(p -> assertThat(p).contains("classifier.languages"));
  }

  @Test
  void threeArgumentConstructorKeepsDefaultLanguages() {
    assertThat(new ClassifierConfig(true, 1, 1).languages()).isEqualTo(ClassifierConfig.DEFAULT_LANGUAGES);
    assertThat(new ClassifierConfig(true, 1, 1, List.of("de")).languages()).containsExactly("de");
  }
}
