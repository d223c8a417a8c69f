package dev.switchboard.config;

import java.util.Optional;

/** Maps the {@code classifier} section onto {@link ClassifierConfig}; unset keys take defaults. */
final class ClassifierSection {

  private ClassifierSection() {}

  static ClassifierConfig read(Optional<YamlNodeReader> section) {
    ClassifierConfig defaults = ClassifierConfig.defaults();
    if (section.isEmpty()) {
      return defaults;
    }
    YamlNodeReader classifier = section.get();
    classifier.rejectUnknownKeys("enabled", "workers", "queue_capacity");
    boolean enabled = classifier.bool("enabled", defaults.enabled());
    int workers = (int) classifier.positive("workers", 64, defaults.workers());
    int queue = (int) classifier.positive("queue_capacity", 1_000_000, defaults.queueCapacity());
    return new ClassifierConfig(enabled, workers, queue);
  }
}
