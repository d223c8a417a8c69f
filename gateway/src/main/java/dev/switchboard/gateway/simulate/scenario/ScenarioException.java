package dev.switchboard.gateway.simulate.scenario;

import java.util.List;

/** Reports every problem of a scenario file, each with its path. */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ScenarioException(String source, List<String> problems) {
    super(source + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns the problems, each {@code path: message}. */
  public List<String> problems() {
    return problems;
  }
}
