package dev.switchboard.gateway.demo;

import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TelemetryConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the demo-mode configuration: catalog model routes served by the simulated upstream. */
public final class DemoConfig {
  /** Names the provider id the demo routes point at. */
  public static final String PROVIDER_ID = "demo";

  // catalog slug (models.csv column 1) -> model name of a DemoModelProfile.defaults() entry
  private static final Map<String, String> ROUTES = routes();

  private DemoConfig() {}

  /**
   * Creates a config with one OpenAI-compatible provider {@code demo} at {@code
   * http://127.0.0.1:{upstreamPort}/v1} and one route per demo catalog model, storing usage in
   * {@code storePath}.
   */
  public static SwitchboardConfig create(int upstreamPort, Path storePath) {
    return create(upstreamPort, storePath, ROUTES);
  }

  /**
   * Creates the same config routing {@code routes} instead (catalog slug to the upstream model name
   * of a profile the simulated upstream serves), in their order.
   */
  public static SwitchboardConfig create(int upstreamPort, Path storePath, Map<String, String> routes) {
    ProviderConfig provider =
        new ProviderConfig(
            PROVIDER_ID,
            ProviderKind.OPENAI_COMPATIBLE,
            URI.create("http://127.0.0.1:" + upstreamPort + "/v1"),
            SecretRef.none(),
            Map.of());
    List<ModelRoute> models = new ArrayList<>();
    routes.forEach(
        (slug, model) ->
            models.add(new ModelRoute(slug, List.of(new RouteTarget(PROVIDER_ID, model, slug)))));
    TelemetryConfig defaults = TelemetryConfig.defaults();
    TelemetryConfig telemetry =
        new TelemetryConfig(
            storePath, defaults.queueCapacity(), defaults.batchSize(), defaults.flushInterval());
    return new SwitchboardConfig(ServerConfig.defaults(), List.of(provider), models, telemetry);
  }

  private static Map<String, String> routes() {
    Map<String, String> routes = new LinkedHashMap<>();
    routes.put("openai/gpt-4o-mini", "gpt-4o-mini");
    routes.put("anthropic/claude-sonnet-4.5", "claude-sonnet-4.5");
    routes.put("deepseek/deepseek-chat-v3.1", "deepseek-chat-v3.1");
    routes.put("qwen/qwen3-coder", "qwen3-coder");
    routes.put("google/gemini-2.5-flash", "gemini-2.5-flash");
    routes.put("meta-llama/llama-3.3-70b-instruct", "llama-3.3-70b-instruct");
    return Collections.unmodifiableMap(routes);
  }
}
