package dev.switchboard.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Maps the {@code classifier} section onto {@link ClassifierConfig}; unset keys take defaults. */
final class ClassifierSection {
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}|zh-Hans|zh-Hant");

  private ClassifierSection() {}

  static ClassifierConfig read(Optional<YamlNodeReader> section) {
    ClassifierConfig defaults = ClassifierConfig.defaults();
    if (section.isEmpty()) {
      return defaults;
    }
    YamlNodeReader classifier = section.get();
    classifier.rejectUnknownKeys("enabled", "workers", "queue_capacity", "languages", "judge");
    boolean enabled = classifier.bool("enabled", defaults.enabled());
    int workers = (int) classifier.positive("workers", 64, defaults.workers());
    int queue = (int) classifier.positive("queue_capacity", 1_000_000, defaults.queueCapacity());
    List<String> languages = classifier.strings("languages", defaults.languages());
    for (int i = 0; i < languages.size(); i++) {
      if (!LANGUAGE.matcher(languages.get(i)).matches()) {
        classifier.problem("languages[" + i + "]", "expected an ISO 639-1 code such as en or zh");
      }
    }
    if (classifier.has("languages") && languages.isEmpty()) {
      classifier.problem("languages", "must list at least one language");
    }
    return new ClassifierConfig(enabled, workers, queue, languages)
        .withJudge(classifier.mapping("judge").map(ClassifierSection::judge).orElse(null));
  }

  /**
   * Reads {@code classifier.judge}. Whether {@code model} is a route the gateway serves is checked
   * when the gateway starts, where catalog routes are known too.
   */
  private static JudgeConfig judge(YamlNodeReader judge) {
    judge.rejectUnknownKeys("model", "sample_rate", "key", "budget_usd_day", "timeout_ms", "max_prompt_chars",
        "concurrency", "queue_capacity");
    String model = judge.requiredString("model").orElse("");
    double rate = judge.nonNegativeNumber("sample_rate").orElse(JudgeConfig.DEFAULT_SAMPLE_RATE);
    if (rate > 1) {
      judge.problem("sample_rate", "must be a share of requests, 0..1 (0.01 judges 1 in 100)");
    }
    SecretRef key = judge.nonBlankString("key").map(SecretRef::parse).orElse(SecretRef.none());
    double budget = judge.nonNegativeDecimal("budget_usd_day").orElse(JudgeConfig.DEFAULT_BUDGET_USD_DAY);
    return new JudgeConfig(
        model,
        Math.min(rate, 1),
        key,
        budget,
        RoutingSection.millis(judge, "timeout_ms", JudgeConfig.DEFAULT_TIMEOUT),
        (int) judge.positive("max_prompt_chars", 1_000_000, JudgeConfig.DEFAULT_MAX_PROMPT_CHARS),
        (int) judge.positive("concurrency", 1024, JudgeConfig.DEFAULT_CONCURRENCY),
        (int) judge.positive("queue_capacity", 1_000_000, JudgeConfig.DEFAULT_QUEUE_CAPACITY));
  }
}
