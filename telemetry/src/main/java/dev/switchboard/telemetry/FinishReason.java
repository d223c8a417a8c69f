package dev.switchboard.telemetry;

import java.util.Optional;

/** Names why a generation ended, in the OpenAI vocabulary plus {@code error}. */
public enum FinishReason {
  STOP("stop"),
  LENGTH("length"),
  TOOL_CALLS("tool_calls"),
  CONTENT_FILTER("content_filter"),
  ERROR("error");

  private final String wireName;

  FinishReason(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the value as OpenAI clients see it. */
  public String wireName() {
    return wireName;
  }

  /** Finds the reason with this OpenAI wire name. */
  public static Optional<FinishReason> fromWireName(String name) {
    for (FinishReason r : values()) {
      if (r.wireName.equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
