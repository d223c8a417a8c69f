package dev.switchboard.config;

import java.util.List;

/**
 * Maps a public model name (what clients send) to the upstream targets that can serve it, in
 * order of preference.
 */
public record ModelRoute(String name, List<RouteTarget> targets) {

  public ModelRoute {
    targets = List.copyOf(targets);
  }
}
