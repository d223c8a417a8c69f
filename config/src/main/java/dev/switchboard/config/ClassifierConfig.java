package dev.switchboard.config;

/**
 * Configures request classification (category and language), which runs after the response.
 *
 * @param enabled whether requests are classified at all
 * @param workers threads classifying in parallel
 * @param queueCapacity requests waiting for a worker before new ones are shed as unclassified
 */
public record ClassifierConfig(boolean enabled, int workers, int queueCapacity) {

  /** Returns the defaults: enabled, one worker, 4096 waiting. */
  public static ClassifierConfig defaults() {
    return new ClassifierConfig(true, 1, 4096);
  }
}
