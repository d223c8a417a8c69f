package dev.switchboard.gateway.api;

import dev.switchboard.config.RoutingStrategy;

/**
 * Names one model a request may be served by, with the sort its OpenRouter suffix asks for.
 *
 * @param model the public model name without suffix
 * @param sort {@code :nitro} gives throughput, {@code :floor} gives price; null without suffix
 */
public record ModelChoice(String model, RoutingStrategy sort) {

  private static final String NITRO = ":nitro";
  private static final String FLOOR = ":floor";

  /** Splits a routing suffix off {@code name}; other suffixes stay part of the name. */
  public static ModelChoice parse(String name) {
    if (name.endsWith(NITRO) && name.length() > NITRO.length()) {
      return new ModelChoice(name.substring(0, name.length() - NITRO.length()), RoutingStrategy.THROUGHPUT);
    }
    if (name.endsWith(FLOOR) && name.length() > FLOOR.length()) {
      return new ModelChoice(name.substring(0, name.length() - FLOOR.length()), RoutingStrategy.PRICE);
    }
    return new ModelChoice(name, null);
  }
}
