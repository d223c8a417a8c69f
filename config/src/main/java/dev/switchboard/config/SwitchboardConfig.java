package dev.switchboard.config;

import java.util.List;

/** Holds the whole validated gateway configuration. */
public record SwitchboardConfig(
    ServerConfig server,
    List<ProviderConfig> providers,
    List<ModelRoute> models,
    TelemetryConfig telemetry) {

  public SwitchboardConfig {
    providers = List.copyOf(providers);
    models = List.copyOf(models);
  }
}
