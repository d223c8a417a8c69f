package dev.switchboard.gateway.routing;

/** Names a model feature a request depends on, checked when it sets {@code require_parameters}. */
public enum Capability {
  /** The request defines tools. */
  TOOLS,
  /** The request sets reasoning parameters. */
  REASONING
}
