package dev.switchboard.config;

import java.util.List;
import java.util.stream.Collectors;

/** Signals that a configuration file has problems, carrying every one found, not just the first. */
public final class InvalidConfigException extends RuntimeException {
  private final String source;
  private final List<ConfigProblem> problems;

  /**
   * Creates the exception.
   *
   * @param source what was read, e.g. a file path, named in the message
   * @param problems at least one problem
   */
  public InvalidConfigException(String source, List<ConfigProblem> problems) {
    super(message(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** Returns what was read, e.g. the file path. */
  public String source() {
    return source;
  }

  /** Returns every problem found, in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String message(String source, List<ConfigProblem> problems) {
    String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
    String header = "invalid " + source + " (" + count + ")";
    return problems.stream()
        .map(ConfigProblem::toString)
        .collect(Collectors.joining("\n", header + ":\n", ""));
  }
}
