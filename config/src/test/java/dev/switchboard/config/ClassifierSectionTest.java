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

  @Test
  void judgeIsOffWhenAbsentAndReadWithDefaults() {
    assertThat(ConfigLoader.parse("server: { port: 8080 }\n").classifier().judge()).isEmpty();
    JudgeConfig judge = ConfigLoader.parse(
        "classifier: { judge: { model: openai/gpt-4o-mini } }\n").classifier().judge().orElseThrow();
    assertThat(judge.model()).isEqualTo("openai/gpt-4o-mini");
    assertThat(judge.sampleRate()).isEqualTo(0.01);
    assertThat(judge.key().isPresent()).isFalse();
    assertThat(judge.budgetUsdDay()).isEqualTo(JudgeConfig.DEFAULT_BUDGET_USD_DAY);
    assertThat(judge.timeout()).isEqualTo(JudgeConfig.DEFAULT_TIMEOUT);
  }

  @Test
  void readsEveryJudgeSetting() {
    JudgeConfig judge = ConfigLoader.parse("""
        classifier:
          judge: { model: google/gemini-2.5-flash-lite, sample_rate: 0.0025, key: "${JUDGE_KEY}",
                   budget_usd_day: 2.5, timeout_ms: 1500, max_prompt_chars: 800, concurrency: 2, queue_capacity: 10 }
        """).classifier().judge().orElseThrow();
    assertThat(judge.sampleRate()).isEqualTo(0.0025);
    assertThat(judge.key().envVar()).contains("JUDGE_KEY");
    assertThat(judge.budgetUsdDay()).isEqualTo(2.5);
    assertThat(judge.timeout()).hasMillis(1500);
    assertThat(judge.maxPromptChars()).isEqualTo(800);
    assertThat(judge.concurrency()).isEqualTo(2);
    assertThat(judge.queueCapacity()).isEqualTo(10);
  }

  @Test
  void reportsJudgeProblemsWithTheirPaths() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> ConfigLoader.parse(
        "classifier: { judge: { sample_rate: 1.5, budget_usd_day: -1, timeout_ms: 0, colour: red } }\n"));
    assertThat(e.problems()).extracting(Object::toString)
        .anySatisfy(p -> assertThat(p).contains("classifier.judge.model").contains("required"))
        .anySatisfy(p -> assertThat(p).contains("classifier.judge.sample_rate"))
        .anySatisfy(p -> assertThat(p).contains("classifier.judge.budget_usd_day"))
        .anySatisfy(p -> assertThat(p).contains("classifier.judge.timeout_ms"))
        .anySatisfy(p -> assertThat(p).contains("classifier.judge.colour"));
  }
}
