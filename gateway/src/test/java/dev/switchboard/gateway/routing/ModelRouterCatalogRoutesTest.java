package dev.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.config.catalog.ModelInfo;
import dev.switchboard.config.catalog.ModelPrices;
import dev.switchboard.config.catalog.NativeRoute;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelRouterCatalogRoutesTest {
  private static final ModelCatalog CATALOG =
      ModelCatalog.of(
          List.of(
              model("anthropic/claude-sonnet-4.5", new NativeRoute(ProviderKind.ANTHROPIC, null, "claude-sonnet-4-5")),
              model("openai/gpt-4o-mini", new NativeRoute(ProviderKind.OPENAI, null, "gpt-4o-mini")),
              model(
                  "deepseek/deepseek-chat",
                  new NativeRoute(ProviderKind.OPENAI_COMPATIBLE, "deepseek", "deepseek-chat")),
              model(
                  "x-ai/grok-4", new NativeRoute(ProviderKind.OPENAI_COMPATIBLE, "xai", "grok-4")),
              model("meta-llama/llama-3.3-70b-instruct", null)));

  private static ModelInfo model(String id, NativeRoute nativeRoute) {
    return new ModelInfo(
        id, id, id.substring(0, id.indexOf('/')), false, "US", null, null, false, true, 8192,
        new ModelPrices(1.0, 2.0, null, null), "2025-01", nativeRoute);
  }

  private static ProviderConfig provider(String id, ProviderKind kind, String url, String flavor) {
    return new ProviderConfig(id, kind, URI.create(url), SecretRef.none(), Map.of(), flavor);
  }

  private static ModelRouter router(List<ProviderConfig> providers, List<ModelRoute> models) {
    return ModelRouter.from(
        new SwitchboardConfig(ServerConfig.defaults(), providers, models, TelemetryConfig.defaults()),
        CATALOG);
  }

  @Test
  void aProviderOfTheNativeKindServesItsCatalogModelsUnderTheirUpstreamIds() {
    ModelRouter router =
        router(
            List.of(provider("claude", ProviderKind.ANTHROPIC, "https://api.anthropic.com", null)),
            List.of());

    assertThat(router.routes()).extracting(Map.Entry::getKey).containsExactly("anthropic/claude-sonnet-4.5");
    ResolvedTarget target = router.primaryTarget("anthropic/claude-sonnet-4.5").orElseThrow();
    assertThat(target.provider().id()).isEqualTo("claude");
    assertThat(target.upstreamModel()).isEqualTo("claude-sonnet-4-5");
    assertThat(target.catalogEntry().orElseThrow().id()).isEqualTo("anthropic/claude-sonnet-4.5");
    assertThat(target.timeouts().total()).isEqualTo(RoutingConfig.defaults().totalTimeout());
    assertThat(router.isCatalogRoute("anthropic/claude-sonnet-4.5")).isTrue();
    // no provider of kind openai, none of flavor deepseek or xai, and llama has no native API
    assertThat(router.route("openai/gpt-4o-mini")).isEmpty();
    assertThat(router.route("deepseek/deepseek-chat")).isEmpty();
    assertThat(router.route("meta-llama/llama-3.3-70b-instruct")).isEmpty();
  }

  @Test
  void anExplicitRouteWinsOverTheCatalogRoute() {
    ModelRouter router =
        router(
            List.of(
                provider("claude", ProviderKind.ANTHROPIC, "https://api.anthropic.com", null),
                provider("or", ProviderKind.OPENAI_COMPATIBLE, "https://openrouter.ai/api/v1", null)),
            List.of(
                new ModelRoute(
                    "anthropic/claude-sonnet-4.5",
                    List.of(new RouteTarget("or", "anthropic/claude-sonnet-4.5", null)))));

    ResolvedTarget target = router.primaryTarget("anthropic/claude-sonnet-4.5").orElseThrow();
    assertThat(target.provider().id()).isEqualTo("or");
    assertThat(router.targetsFor("anthropic/claude-sonnet-4.5")).hasSize(1);
    assertThat(router.isCatalogRoute("anthropic/claude-sonnet-4.5")).isFalse();
  }

  @Test
  void openAiCompatibleModelsGoOnlyToAProviderOfTheirFlavorConfiguredOrInferred() {
    ModelRouter router =
        router(
            List.of(
                provider("groq", ProviderKind.OPENAI_COMPATIBLE, "https://api.groq.com/openai/v1", null),
                provider("ds", ProviderKind.OPENAI_COMPATIBLE, "https://api.deepseek.com", null),
                provider("grok", ProviderKind.OPENAI_COMPATIBLE, "http://127.0.0.1:9/v1", "xai"),
                provider("ds2", ProviderKind.OPENAI_COMPATIBLE, "https://api.deepseek.com/v1", null)),
            List.of());

    assertThat(router.routes())
        .extracting(Map.Entry::getKey)
        .containsExactly("deepseek/deepseek-chat", "x-ai/grok-4");
    // of two providers of one flavor, the first in config order
    assertThat(router.primaryTarget("deepseek/deepseek-chat").orElseThrow().provider().id())
        .isEqualTo("ds");
    assertThat(router.primaryTarget("x-ai/grok-4").orElseThrow().provider().id()).isEqualTo("grok");
  }

  @Test
  void openAiModelsNeedAnOpenAiProviderThatIsNotAzure() {
    ModelRouter azureOnly =
        router(
            List.of(
                provider(
                    "az", ProviderKind.OPENAI, "https://x.openai.azure.com/openai/deployments/d", null)),
            List.of());
    ModelRouter openAi =
        router(List.of(provider("oa", ProviderKind.OPENAI, "http://127.0.0.1:9/v1", null)), List.of());

    assertThat(azureOnly.routes()).isEmpty();
    assertThat(openAi.primaryTarget("openai/gpt-4o-mini").orElseThrow().upstreamModel())
        .isEqualTo("gpt-4o-mini");
  }

  @Test
  void catalogRoutesOffLeavesOnlyTheConfiguredModels() {
    SwitchboardConfig config =
        new SwitchboardConfig(
                ServerConfig.defaults(),
                List.of(provider("claude", ProviderKind.ANTHROPIC, "https://api.anthropic.com", null)),
                List.of(new ModelRoute("mine", List.of(new RouteTarget("claude", "claude-x", null)))),
                TelemetryConfig.defaults())
            .withRouting(RoutingConfig.defaults().withCatalogRoutes(false));

    ModelRouter router = ModelRouter.from(config, CATALOG);

    assertThat(router.routes()).extracting(Map.Entry::getKey).containsExactly("mine");
  }
}
