package dev.switchboard.config;

/**
 * Configures simulation mode, in which the admin key may set a request's recorded time.
 *
 * @param enabled true in demo mode or when {@code simulation.enabled: true}
 */
public record SimulationConfig(boolean enabled) {

  /** Returns the defaults: simulation off. */
  public static SimulationConfig defaults() {
    return new SimulationConfig(false);
  }
}
