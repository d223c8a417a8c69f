package dev.switchboard.gateway.provider.openaicompat;

import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.GatewayHarness;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Configures one provider per flavor in front of the harness's WireMock, each under its own path
 * ({@code /deepseek/v1/chat/completions}; Azure: {@code /azure/openai/deployments/...}) so a test
 * can see which layout was used, plus a route {@code <flavor>/<model>} per model below.
 */
final class FlavorUpstreams {

  /** The key every flavor provider is configured with. */
  static final String KEY = "sk-flavor-secret-0123456789";

  /** Routes as {@code flavor/upstream-model}; the public model name is the same string. */
  static final List<String> ROUTES =
      List.of(
          "openai/gpt-4o-mini",
          "openai/gpt-4o",
          "openai/o3-mini",
          "azure/my-gpt-4o",
          "deepseek/deepseek-reasoner",
          "deepseek/deepseek-chat",
          "xai/grok-3-mini",
          "xai/grok-4",
          "mistral/mistral-small-latest",
          "mistral/magistral-medium-latest",
          "groq/deepseek-r1-distill-llama-70b",
          "groq/openai/gpt-oss-120b",
          "together/openai/gpt-oss-20b",
          "fireworks/accounts/fireworks/models/gpt-oss-20b",
          "moonshot/kimi-k2-thinking",
          "qwen/qwen3-max",
          "zai/glm-4.7",
          "minimax/MiniMax-M2",
          "openrouter/openai/gpt-5-mini",
          "openrouter/anthropic/claude-sonnet-4.5",
          "openrouter/acme/unlisted-model",
          "ollama/qwen3:0.6b",
          "vllm/Qwen/Qwen3-8B",
          "llamacpp/gpt-oss-20b",
          "generic/any-model");

  private FlavorUpstreams() {}

  /** Returns the providers and routes to add to a harness whose WireMock is at {@code root}. */
  static GatewayHarness.Extra extra(String root) {
    List<ProviderConfig> providers = new ArrayList<>();
    for (String flavor : ProviderConfig.FLAVORS) {
      String base = root + "/" + flavor + (flavor.equals("azure") ? "" : "/v1");
      providers.add(
          new ProviderConfig(
              flavor,
              ProviderKind.OPENAI_COMPATIBLE,
              URI.create(base),
              SecretRef.parse(KEY),
              Map.of(),
              flavor));
    }
    List<ModelRoute> routes = new ArrayList<>();
    for (String route : ROUTES) {
      int slash = route.indexOf('/');
      routes.add(
          new ModelRoute(
              route,
              List.of(
                  new RouteTarget(route.substring(0, slash), route.substring(slash + 1), null))));
    }
    return new GatewayHarness.Extra(providers, routes);
  }

  /** Returns the path {@code route}'s chat requests arrive at (Azure's without its query). */
  static String chatPath(String route) {
    int slash = route.indexOf('/');
    String flavor = route.substring(0, slash);
    if (flavor.equals("azure")) {
      return "/azure/openai/deployments/" + route.substring(slash + 1) + "/chat/completions";
    }
    return "/" + flavor + "/v1/chat/completions";
  }
}
