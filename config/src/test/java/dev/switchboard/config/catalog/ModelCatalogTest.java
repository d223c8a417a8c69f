package dev.switchboard.config.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.RouteTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
  private final ModelCatalog catalog = ModelCatalog.loadDefault();

  @Test
  void bundledCatalogHoldsEveryReferenceModel() {
    assertThat(catalog.all()).hasSize(102);
    assertThat(catalog.all()).extracting(ModelInfo::id).doesNotHaveDuplicates();
    assertThat(ModelCatalog.loadDefault()).isSameAs(catalog);
  }

  @Test
  void bundledCatalogCoversTheNamedFamilies() {
    assertThat(catalog.all())
        .extracting(ModelInfo::id)
        .contains(
            "openai/gpt-4o",
            "openai/gpt-4o-mini",
            "openai/gpt-4.1",
            "openai/gpt-5",
            "openai/o1",
            "openai/o3",
            "openai/o4-mini",
            "openai/gpt-oss-20b",
            "openai/gpt-oss-120b",
            "anthropic/claude-3.5-sonnet",
            "anthropic/claude-3.7-sonnet",
            "anthropic/claude-sonnet-4",
            "anthropic/claude-sonnet-4.5",
            "anthropic/claude-opus-4.1",
            "anthropic/claude-haiku-4.5",
            "google/gemini-2.0-flash-001",
            "google/gemini-2.5-flash",
            "google/gemini-2.5-pro",
            "google/gemini-3-pro-preview",
            "x-ai/grok-3",
            "x-ai/grok-4",
            "x-ai/grok-code-fast-1",
            "deepseek/deepseek-chat",
            "deepseek/deepseek-chat-v3.1",
            "deepseek/deepseek-r1",
            "qwen/qwen-2.5-72b-instruct",
            "qwen/qwen3-coder",
            "qwen/qwen3-235b-a22b",
            "moonshotai/kimi-k2",
            "z-ai/glm-4.5",
            "z-ai/glm-4.5-air",
            "z-ai/glm-4.6",
            "minimax/minimax-m1",
            "minimax/minimax-m2",
            "mistralai/mistral-small-24b-instruct-2501",
            "mistralai/mistral-medium-3",
            "mistralai/mistral-large-2411",
            "mistralai/codestral-2501",
            "meta-llama/llama-3.3-70b-instruct",
            "meta-llama/llama-4-maverick",
            "meta-llama/llama-4-scout",
            "google/gemma-3-27b-it",
            "microsoft/phi-4",
            "ibm-granite/granite-4.0-h-small",
            "cohere/command-r-plus");
  }

  @Test
  void knowsOpenWeightChineseLargeModel() {
    ModelInfo r1 = catalog.find("deepseek/deepseek-r1").orElseThrow();

    assertThat(r1.openWeights()).isTrue();
    assertThat(r1.originCountry()).isEqualTo("CN");
    assertThat(r1.paramsTotalB()).isEqualTo(671.0);
    assertThat(r1.paramsActiveB()).isEqualTo(37.0);
    assertThat(r1.sizeClass()).isEqualTo(SizeClass.LARGE);
    assertThat(r1.reasoning()).isTrue();
  }

  @Test
  void closedModelHasUnknownSizeAndCachePrices() {
    ModelInfo sonnet = catalog.find("anthropic/claude-sonnet-4.5").orElseThrow();

    assertThat(sonnet.openWeights()).isFalse();
    assertThat(sonnet.originCountry()).isEqualTo("US");
    assertThat(sonnet.paramsTotalB()).isNull();
    assertThat(sonnet.sizeClass()).isEqualTo(SizeClass.UNKNOWN);
    assertThat(sonnet.prices()).isEqualTo(new ModelPrices(3.0, 15.0, 0.3, 3.75));
  }

  @Test
  void knowsPricesAndFacts() {
    ModelInfo mini = catalog.find("openai/gpt-4o-mini").orElseThrow();

    assertThat(mini.prices()).isEqualTo(new ModelPrices(0.15, 0.6, 0.075, null));
    assertThat(mini.displayName()).isEqualTo("OpenAI: GPT-4o-mini");
    assertThat(mini.author()).isEqualTo("openai");
    assertThat(mini.contextLength()).isEqualTo(128_000);
    assertThat(mini.tools()).isTrue();
    assertThat(mini.reasoning()).isFalse();
    assertThat(mini.releaseDate()).isEqualTo("2024-07-18");

    ModelInfo chimera = catalog.find("tngtech/deepseek-r1t2-chimera").orElseThrow();
    assertThat(chimera.releaseDate()).isEqualTo("2025-07");
    assertThat(chimera.originCountry()).isEqualTo("DE");

    assertThat(catalog.find("qwen/qwen3-14b").orElseThrow().sizeClass()).isEqualTo(SizeClass.SMALL);
    assertThat(catalog.find("openai/gpt-oss-20b").orElseThrow().sizeClass())
        .isEqualTo(SizeClass.MEDIUM);
  }

  @Test
  void findsIgnoringCaseButOnlyExactIds() {
    assertThat(catalog.find("OpenAI/GPT-4o-Mini"))
        .map(ModelInfo::id)
        .contains("openai/gpt-4o-mini");
    assertThat(catalog.find("gpt-4o-mini")).isEmpty();
    assertThat(catalog.find("openai/gpt-4o-mini-2024-07-18")).isEmpty();
    assertThat(catalog.find(null)).isEmpty();
  }

  @Test
  void resolvesByCatalogIdFirst() {
    RouteTarget target = new RouteTarget("openai", "my-deployment", "openai/gpt-4o");

    assertThat(catalog.resolve("openai/gpt-4o-mini", target))
        .map(ModelInfo::id)
        .contains("openai/gpt-4o");
  }

  @Test
  void unknownExplicitCatalogIdIsNotGuessedAround() {
    RouteTarget target = new RouteTarget("openai", "gpt-4o-mini", "openai/no-such-model");

    assertThat(catalog.resolve("openai/gpt-4o-mini", target)).isEmpty();
  }

  @Test
  void resolvesByRouteNameThenUpstreamModel() {
    assertThat(catalog.resolve("x-ai/grok-4", new RouteTarget("xai", "grok-4-0709", null)))
        .map(ModelInfo::id)
        .contains("x-ai/grok-4");
    assertThat(catalog.resolve("fast", new RouteTarget("openai", "gpt-4o-mini", null)))
        .map(ModelInfo::id)
        .contains("openai/gpt-4o-mini");
    // An aggregator's upstream name is already a full slug.
    assertThat(catalog.resolve("fast", new RouteTarget("openrouter", "qwen/qwen3-coder", null)))
        .map(ModelInfo::id)
        .contains("qwen/qwen3-coder");
  }

  @Test
  void unknownModelResolvesToEmpty() {
    assertThat(catalog.resolve("my-model", new RouteTarget("local", "llama3:8b", null))).isEmpty();
    assertThat(catalog.resolve("my-model", null)).isEmpty();
  }

  @Test
  void upstreamNameSharedBySeveralIdsIsNotGuessed() {
    ModelCatalog two =
        ModelCatalog.of(
            List.of(model("a/shared", 7.0), model("b/shared", 7.0), model("c/solo", 7.0)));

    assertThat(two.resolve("route", new RouteTarget("p", "shared", null))).isEmpty();
    assertThat(two.resolve("route", new RouteTarget("p", "SOLO", null)))
        .map(ModelInfo::id)
        .contains("c/solo");
  }

  @Test
  void ofRejectsDuplicateIdsIgnoringCase() {
    assertThatThrownBy(() -> ModelCatalog.of(List.of(model("a/x", 1.0), model("A/X", 1.0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate model id 'A/X'");
  }

  static ModelInfo model(String id, Double paramsTotalB) {
    return new ModelInfo(
        id,
        id,
        id.substring(0, id.indexOf('/')),
        true,
        "US",
        paramsTotalB,
        paramsTotalB,
        false,
        true,
        8192,
        ModelPrices.unknown(),
        "2025-01-01");
  }
}
