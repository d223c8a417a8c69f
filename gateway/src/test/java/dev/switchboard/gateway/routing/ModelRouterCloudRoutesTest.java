package dev.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.AwsAccount;
import dev.switchboard.config.GcpAccount;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
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

/** Checks catalog routes to the clouds: used when no first-party provider serves a model. */
class ModelRouterCloudRoutesTest {
  private static final ModelCatalog CATALOG =
      ModelCatalog.of(
          List.of(
              new ModelInfo(
                  "anthropic/claude-sonnet-4.5", "Claude", "anthropic", false, "US", null, null, true, true,
                  200000, new ModelPrices(3.0, 15.0, null, null), "2025-09",
                  new NativeRoute(ProviderKind.ANTHROPIC, null, "claude-sonnet-4-5"),
                  Map.of(
                      ProviderKind.BEDROCK, "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                      ProviderKind.VERTEX, "claude-sonnet-4-5@20250929")),
              new ModelInfo(
                  "meta-llama/llama-3.3-70b-instruct", "Llama", "meta-llama", true, "US", 70.0, 70.0, false,
                  true, 128000, new ModelPrices(0.7, 0.7, null, null), "2024-12", null,
                  Map.of(ProviderKind.BEDROCK, "us.meta.llama3-3-70b-instruct-v1:0"))));

  private static final ProviderConfig ANTHROPIC =
      new ProviderConfig("claude", ProviderKind.ANTHROPIC, URI.create("https://api.anthropic.com/v1"),
          SecretRef.none(), Map.of());
  private static final ProviderConfig BEDROCK =
      new ProviderConfig("aws", ProviderKind.BEDROCK, URI.create("https://bedrock-runtime.us-east-1.amazonaws.com"),
          SecretRef.none(), Map.of(), null, null, AwsAccount.inRegion("us-east-1"));
  private static final ProviderConfig VERTEX =
      new ProviderConfig("gcp", ProviderKind.VERTEX, URI.create("https://us-east5-aiplatform.googleapis.com/v1"),
          SecretRef.none(), Map.of(), null, null,
          new GcpAccount("p", "us-east5", null, null, SecretRef.parse("t")));

  private static ModelRouter router(List<ProviderConfig> providers) {
    return ModelRouter.from(
        new SwitchboardConfig(ServerConfig.defaults(), providers, List.of(), TelemetryConfig.defaults()),
        CATALOG);
  }

  @Test
  void aCloudServesCatalogModelsUnderItsOwnIdsWhenNoFirstPartyProviderIsConfigured() {
    ModelRouter router = router(List.of(VERTEX, BEDROCK));

    ResolvedTarget claude = router.primaryTarget("anthropic/claude-sonnet-4.5").orElseThrow();
    assertThat(claude.provider().id()).isEqualTo("gcp"); // the first cloud in config order
    assertThat(claude.upstreamModel()).isEqualTo("claude-sonnet-4-5@20250929");
    ResolvedTarget llama = router.primaryTarget("meta-llama/llama-3.3-70b-instruct").orElseThrow();
    assertThat(llama.provider().id()).isEqualTo("aws");
    assertThat(llama.upstreamModel()).isEqualTo("us.meta.llama3-3-70b-instruct-v1:0");
    assertThat(router.isCatalogRoute("meta-llama/llama-3.3-70b-instruct")).isTrue();
  }

  @Test
  void theFirstPartyProviderStillWinsWhereOneIsConfigured() {
    ModelRouter router = router(List.of(BEDROCK, ANTHROPIC));

    ResolvedTarget claude = router.primaryTarget("anthropic/claude-sonnet-4.5").orElseThrow();
    assertThat(claude.provider().id()).isEqualTo("claude");
    assertThat(claude.upstreamModel()).isEqualTo("claude-sonnet-4-5");
  }
}
