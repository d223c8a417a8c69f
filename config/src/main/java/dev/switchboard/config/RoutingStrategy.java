package dev.switchboard.config;

import java.util.Arrays;
import java.util.Optional;

/** Names how a route orders its targets before the first attempt. */
public enum RoutingStrategy {
  /** By priority (default: list order); later targets are fallbacks. */
  FALLBACK("fallback"),
  /** Random, each target drawn in proportion to its weight among those not drawn yet. */
  WEIGHTED("weighted"),
  /** Cheapest catalog price first. */
  PRICE("price"),
  /** Lowest moving average of time to first token first. */
  LATENCY("latency"),
  /** Highest moving average of output tokens per second first. */
  THROUGHPUT("throughput"),
  /** Fewest requests in flight first. */
  LEAST_INFLIGHT("least_inflight");

  private final String configName;

  RoutingStrategy(String configName) {
    this.configName = configName;
  }

  /** Returns the name used in switchboard.yaml. */
  public String configName() {
    return configName;
  }

  /** Finds the strategy spelled {@code name} in switchboard.yaml. */
  public static Optional<RoutingStrategy> fromConfigName(String name) {
    return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst();
  }
}
