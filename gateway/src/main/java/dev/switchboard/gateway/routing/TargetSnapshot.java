package dev.switchboard.gateway.routing;

import java.util.Map;

/** Holds the live state of targets at one moment; targets it does not name are fresh. */
public record TargetSnapshot(Map<TargetKey, TargetState> states) {

  public TargetSnapshot {
    states = Map.copyOf(states);
  }

  /** Returns a snapshot in which every target is fresh. */
  public static TargetSnapshot empty() {
    return new TargetSnapshot(Map.of());
  }

  /** Returns the state of {@code key}. */
  public TargetState state(TargetKey key) {
    return states.getOrDefault(key, TargetState.fresh());
  }
}
