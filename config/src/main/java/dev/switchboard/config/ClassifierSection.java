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
    classifier.rejectUnknownKeys("enabled", "workers", "queue_capacity", "languages");
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
    return new ClassifierConfig(enabled, workers, queue, languages);
  }
}
