package dev.switchboard.config;

import java.util.List;
import java.util.Optional;

/**
 * Configures request classification (category and language), which runs after the response.
 *
 * @param enabled whether requests are classified at all
 * @param workers threads classifying in parallel
 * @param queueCapacity requests waiting for a worker before new ones are shed as unclassified
 * @param languages ISO 639-1 codes the language detector chooses among ({@code zh} covers
 *     Simplified and Traditional Chinese); fewer languages detect faster with less memory
 * @param judge the judge model labelling a sample of requests ({@code classifier.judge}); empty
 *     when off
 */
public record ClassifierConfig(
    boolean enabled, int workers, int queueCapacity, List<String> languages, Optional<JudgeConfig> judge) {

  /** The 30 most common languages of web content, most common first. */
  public static final List<String> DEFAULT_LANGUAGES = List.of(
      "en", "es", "de", "ru", "ja", "fr", "pt", "it", "zh", "nl", "pl", "tr", "fa", "vi", "id",
      "cs", "ko", "uk", "hu", "sv", "ar", "ro", "el", "da", "fi", "sk", "he", "th", "bg", "hi");

  public ClassifierConfig {
    languages = languages == null || languages.isEmpty() ? DEFAULT_LANGUAGES : List.copyOf(languages);
    judge = judge == null ? Optional.empty() : judge;
  }

  /** Returns a configuration without a judge. */
  public ClassifierConfig(boolean enabled, int workers, int queueCapacity, List<String> languages) {
    this(enabled, workers, queueCapacity, languages, Optional.empty());
  }

  /** Returns a copy judged by {@code value} (null: no judge). */
  public ClassifierConfig withJudge(JudgeConfig value) {
    return new ClassifierConfig(enabled, workers, queueCapacity, languages, Optional.ofNullable(value));
  }

  /** Returns a configuration detecting the default languages. */
  public ClassifierConfig(boolean enabled, int workers, int queueCapacity) {
    this(enabled, workers, queueCapacity, DEFAULT_LANGUAGES);
  }

  /** Returns the defaults: enabled, one worker, 4096 waiting, the 30 default languages. */
  public static ClassifierConfig defaults() {
    return new ClassifierConfig(true, 1, 4096, DEFAULT_LANGUAGES);
  }
}
