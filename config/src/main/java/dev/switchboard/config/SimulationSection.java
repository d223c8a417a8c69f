package dev.switchboard.config;

import java.util.Optional;

/** Maps the {@code simulation} section onto {@link SimulationConfig}. */
final class SimulationSection {

  private SimulationSection() {}

  static SimulationConfig read(Optional<YamlNodeReader> section) {
    if (section.isEmpty()) {
      return SimulationConfig.defaults();
    }
    YamlNodeReader simulation = section.get();
    simulation.rejectUnknownKeys("enabled");
    return new SimulationConfig(simulation.bool("enabled", false));
  }
}
