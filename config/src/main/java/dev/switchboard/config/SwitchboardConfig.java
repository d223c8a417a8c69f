package dev.switchboard.config;

import java.util.List;

/** Holds the whole validated gateway configuration. */
public record SwitchboardConfig(
    ServerConfig server,
    List<ProviderConfig> providers,
    List<ModelRoute> models,
    TelemetryConfig telemetry,
    AuthConfig auth,
    ClassifierConfig classifier,
    SimulationConfig simulation,
    RoutingConfig routing,
    StateConfig state,
    ObservabilityConfig observability,
    AlertsConfig alerts) {

  public SwitchboardConfig {
    providers = List.copyOf(providers);
    models = List.copyOf(models);
    auth = auth == null ? AuthConfig.defaults() : auth;
    classifier = classifier == null ? ClassifierConfig.defaults() : classifier;
    simulation = simulation == null ? SimulationConfig.defaults() : simulation;
    routing = routing == null ? RoutingConfig.defaults() : routing;
    state = state == null ? StateConfig.defaults() : state;
    observability = observability == null ? ObservabilityConfig.defaults() : observability;
    alerts = alerts == null ? AlertsConfig.defaults() : alerts;
  }

  /** Returns a config without budget alerts. */
  public SwitchboardConfig(
      ServerConfig server,
      List<ProviderConfig> providers,
      List<ModelRoute> models,
      TelemetryConfig telemetry,
      AuthConfig auth,
      ClassifierConfig classifier,
      SimulationConfig simulation,
      RoutingConfig routing,
      StateConfig state,
      ObservabilityConfig observability) {
    this(server, providers, models, telemetry, auth, classifier, simulation, routing, state, observability, null);
  }

  /** Returns a config that exports no traces and logs no requests. */
  public SwitchboardConfig(
      ServerConfig server,
      List<ProviderConfig> providers,
      List<ModelRoute> models,
      TelemetryConfig telemetry,
      AuthConfig auth,
      ClassifierConfig classifier,
      SimulationConfig simulation,
      RoutingConfig routing,
      StateConfig state) {
    this(server, providers, models, telemetry, auth, classifier, simulation, routing, state, null, null);
  }

  /** Returns a config whose state stays in this process. */
  public SwitchboardConfig(
      ServerConfig server,
      List<ProviderConfig> providers,
      List<ModelRoute> models,
      TelemetryConfig telemetry,
      AuthConfig auth,
      ClassifierConfig classifier,
      SimulationConfig simulation,
      RoutingConfig routing) {
    this(server, providers, models, telemetry, auth, classifier, simulation, routing, null);
  }

  /** Returns a config with the default routing section. */
  public SwitchboardConfig(
      ServerConfig server,
      List<ProviderConfig> providers,
      List<ModelRoute> models,
      TelemetryConfig telemetry,
      AuthConfig auth,
      ClassifierConfig classifier,
      SimulationConfig simulation) {
    this(server, providers, models, telemetry, auth, classifier, simulation, null);
  }

  /** Returns a config with the default auth, classifier and simulation sections. */
  public SwitchboardConfig(
      ServerConfig server,
      List<ProviderConfig> providers,
      List<ModelRoute> models,
      TelemetryConfig telemetry) {
    this(server, providers, models, telemetry, null, null, null, null);
  }

  /** Returns a copy with another server section (e.g. a port from the command line). */
  public SwitchboardConfig withServer(ServerConfig newServer) {
    return new SwitchboardConfig(newServer, providers, models, telemetry, auth, classifier, simulation, routing, state,
        observability, alerts);
  }

  /** Returns a copy with another telemetry section. */
  public SwitchboardConfig withTelemetry(TelemetryConfig newTelemetry) {
    return new SwitchboardConfig(
        server, providers, models, newTelemetry, auth, classifier, simulation, routing, state, observability,
        alerts);
  }

  /** Returns a copy with another auth section. */
  public SwitchboardConfig withAuth(AuthConfig newAuth) {
    return new SwitchboardConfig(
        server, providers, models, telemetry, newAuth, classifier, simulation, routing, state, observability,
        alerts);
  }

  /** Returns a copy with another classifier section. */
  public SwitchboardConfig withClassifier(ClassifierConfig newClassifier) {
    return new SwitchboardConfig(
        server, providers, models, telemetry, auth, newClassifier, simulation, routing, state, observability,
        alerts);
  }

  /** Returns a copy with another simulation section. */
  public SwitchboardConfig withSimulation(SimulationConfig newSimulation) {
    return new SwitchboardConfig(
        server, providers, models, telemetry, auth, classifier, newSimulation, routing, state, observability,
        alerts);
  }

  /** Returns a copy with another routing section. */
  public SwitchboardConfig withRouting(RoutingConfig newRouting) {
    return new SwitchboardConfig(
        server, providers, models, telemetry, auth, classifier, simulation, newRouting, state, observability,
        alerts);
  }

  /** Returns a copy with another state section. */
  public SwitchboardConfig withState(StateConfig newState) {
    return new SwitchboardConfig(
        server, providers, models, telemetry, auth, classifier, simulation, routing, newState, observability,
        alerts);
  }

  /** Returns a copy with another observability section. */
  public SwitchboardConfig withObservability(ObservabilityConfig newObservability) {
    return new SwitchboardConfig(
        server, providers, models, telemetry, auth, classifier, simulation, routing, state, newObservability,
        alerts);
  }

  /** Returns a copy with another alerts section. */
  public SwitchboardConfig withAlerts(AlertsConfig newAlerts) {
    return new SwitchboardConfig(
        server, providers, models, telemetry, auth, classifier, simulation, routing, state, observability,
        newAlerts);
  }
}
