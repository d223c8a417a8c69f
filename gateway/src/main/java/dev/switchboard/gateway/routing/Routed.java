package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.api.ChatRequest;
import java.util.List;
import java.util.Optional;

/**
 * Holds a request ready for dispatch: the request as it will be sent (trimmed when a transform
 * applied), its routing facts, and the transforms applied.
 *
 * @param transforms names of the transforms applied, e.g. {@code middle-out}; empty when none
 */
public record Routed(
    ChatRequest request, RouteRequest route, List<String> transforms) {
  /** The response header naming the transforms applied to the prompt. */
  public static final String TRANSFORMS_HEADER = "x-switchboard-transforms";

  public Routed {
    transforms = List.copyOf(transforms);
  }

  /** Returns the value of {@link #TRANSFORMS_HEADER}, when a transform applied. */
  public Optional<String> transformsHeader() {
    return transforms.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", transforms));
  }
}
