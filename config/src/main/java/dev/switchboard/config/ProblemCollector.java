package dev.switchboard.config;

import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems so that validation goes on after the first one. */
final class ProblemCollector {
  private final List<ConfigProblem> problems = new ArrayList<>();

  /** Records a problem at {@code path}. */
  void add(String path, String message) {
    problems.add(new ConfigProblem(path, message));
  }

  /** Returns how many problems were recorded so far. */
  int size() {
    return problems.size();
  }

  /** Throws {@link InvalidConfigException} naming {@code source} if any problem was recorded. */
  void throwIfAny(String source) {
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(source, problems);
    }
  }
}
