package dev.switchboard.config;

/**
 * Describes one thing wrong with a configuration file.
 *
 * @param path where the problem is, e.g. {@code providers[2].base_url}, or {@code (file)} for the
 *     file as a whole (unreadable, not YAML)
 * @param message what is wrong, e.g. {@code not a URL}
 */
public record ConfigProblem(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
