package dev.switchboard.config.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.config.ConfigProblem;
import dev.switchboard.config.InvalidConfigException;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogFileTest {

  private static final String GOOD =
      """
      - id: acme/small-1
        display_name: "Acme: Small 1"
        author: acme
        open_weights: true
        origin_country: FR
        params_total_b: 7.5
        params_active_b: 7.5
        size_class: small
        reasoning: false
        tools: true
        context_length: 32768
        prices: { input: 0.1, output: 0.2, cache_read: null, cache_write: null }
        release_date: "2025-01"
      """;

  private static List<String> problems(String yaml) {
    InvalidConfigException e =
        catchThrowableOfType(
            InvalidConfigException.class, () -> ModelCatalog.parse(yaml, "test-catalog"));
    assertThat(e).as("expected InvalidConfigException").isNotNull();
    assertThat(e.source()).isEqualTo("test-catalog");
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void parsesEntryIntoModelInfo() {
    ModelCatalog catalog = ModelCatalog.parse("models:\n" + GOOD.indent(2), "test-catalog");

    assertThat(catalog.all())
        .containsExactly(
            new ModelInfo(
                "acme/small-1",
                "Acme: Small 1",
                "acme",
                true,
                "FR",
                7.5,
                7.5,
                false,
                true,
                32768,
                new ModelPrices(0.1, 0.2, null, null),
                "2025-01"));
  }

  @Test
  void parsesTheNativeRouteWithKindFlavorAndUpstreamId() {
    ModelCatalog catalog =
        ModelCatalog.parse(
            "models:\n"
                + GOOD.indent(2)
                + "    native: { kind: openai-compatible, flavor: deepseek, model: deepseek-chat }\n"
                + GOOD.indent(2).replace("acme/small-1", "acme/small-2")
                + "    native: { kind: anthropic, flavor: null, model: claude-sonnet-4-5 }\n"
                + GOOD.indent(2).replace("acme/small-1", "acme/small-3")
                + "    native: null\n",
            "test-catalog");

    assertThat(catalog.find("acme/small-1").orElseThrow().nativeRoute())
        .isEqualTo(new NativeRoute(ProviderKind.OPENAI_COMPATIBLE, "deepseek", "deepseek-chat"));
    assertThat(catalog.find("acme/small-2").orElseThrow().nativeRoute())
        .isEqualTo(new NativeRoute(ProviderKind.ANTHROPIC, null, "claude-sonnet-4-5"));
    assertThat(catalog.find("acme/small-3").orElseThrow().nativeRoute()).isNull();
  }

  @Test
  void reportsBrokenNativeRoutesWithTheirPaths() {
    String yaml =
        "models:\n"
            + GOOD.indent(2)
            + "    native: { kind: bedrock, model: x }\n"
            + GOOD.indent(2).replace("acme/small-1", "acme/b")
            + "    native: { kind: openai-compatible, flavor: nope }\n"
            + GOOD.indent(2).replace("acme/small-1", "acme/c")
            + "    native: { kind: gemini, flavor: openai, model: \" \" }\n";

    assertThat(problems(yaml))
        .containsExactly(
            "models[0].native.kind: expected one of openai, anthropic, gemini, openai-compatible",
            "models[1].native.flavor: expected one of "
                + String.join(", ", ProviderConfig.FLAVORS),
            "models[1].native.model: required",
            "models[2].native.flavor: only for kind openai-compatible",
            "models[2].native.model: required");
  }

  @Test
  void theBundledCatalogRoutesFirstPartyModelsToTheirNativeApiIds() {
    ModelCatalog bundled = ModelCatalog.loadDefault();

    assertThat(bundled.find("openai/gpt-4o-mini").orElseThrow().nativeRoute())
        .isEqualTo(new NativeRoute(ProviderKind.OPENAI, null, "gpt-4o-mini"));
    assertThat(bundled.find("anthropic/claude-sonnet-4.5").orElseThrow().nativeRoute())
        .isEqualTo(new NativeRoute(ProviderKind.ANTHROPIC, null, "claude-sonnet-4-5"));
    assertThat(bundled.find("google/gemini-2.5-pro").orElseThrow().nativeRoute())
        .isEqualTo(new NativeRoute(ProviderKind.GEMINI, null, "gemini-2.5-pro"));
    assertThat(bundled.find("deepseek/deepseek-r1-0528").orElseThrow().nativeRoute())
        .isEqualTo(
            new NativeRoute(ProviderKind.OPENAI_COMPATIBLE, "deepseek", "deepseek-reasoner"));
    // open-weight models without a first-party API have none
    assertThat(bundled.find("meta-llama/llama-3.3-70b-instruct").orElseThrow().nativeRoute())
        .isNull();
    assertThat(bundled.find("openai/gpt-oss-120b").orElseThrow().nativeRoute()).isNull();
  }

  @Test
  void unknownFactsMayBeLeftOut() {
    ModelCatalog catalog =
        ModelCatalog.parse(
            "models:\n  - { id: acme/x, display_name: X, author: acme, size_class: unknown }\n",
            "test-catalog");

    ModelInfo x = catalog.find("acme/x").orElseThrow();
    assertThat(x.prices()).isEqualTo(ModelPrices.unknown());
    assertThat(x.openWeights()).isNull();
    assertThat(x.sizeClass()).isEqualTo(SizeClass.UNKNOWN);
  }

  @Test
  void reportsEveryBrokenEntryTogether() {
    String yaml =
        "models:\n"
            + GOOD.indent(2)
            + GOOD.indent(2).replace("acme/small-1", "ACME/Small-1")
            + GOOD.indent(2)
                .replace("acme/small-1", "acme/big")
                .replace("size_class: small", "size_class: large")
                .replace("params_active_b: 7.5", "params_active_b: 9")
            + GOOD.indent(2)
                .replace("acme/small-1", "other/thing")
                .replace("size_class: small", "size_class: tiny")
                .replace("origin_country: FR", "origin_country: France")
                .replace("input: 0.1", "input: -1")
                .replace("\"2025-01\"", "\"Jan 2025\"")
            + "  - { id: no-slash, display_name: X, author: acme, size_class: unknown }\n";

    assertThat(problems(yaml))
        .containsExactly(
            "models[1].id: expected a lowercase author/model slug",
            "models[2].params_active_b: must be in (0, params_total_b]",
            "models[2].size_class: declared 'large' but params_total_b 7.5 gives 'small'",
            "models[3].author: must be the slug prefix 'other'",
            "models[3].size_class: expected one of small, medium, large, unknown",
            "models[3].origin_country: expected an ISO 3166-1 alpha-2 code",
            "models[3].release_date: expected YYYY-MM-DD or YYYY-MM",
            "models[3].prices.input: must be a finite price >= 0",
            "models[4].id: expected a lowercase author/model slug");
  }

  @Test
  void reportsDuplicateIds() {
    String yaml = "models:\n" + GOOD.indent(2) + GOOD.indent(2);

    assertThat(problems(yaml)).containsExactly("models[1].id: duplicate id 'acme/small-1'");
  }

  @Test
  void reportsWrongTypeWithPath() {
    String yaml =
        "models:\n" + GOOD.indent(2).replace("context_length: 32768", "context_length: lots");

    assertThat(problems(yaml))
        .containsExactly(
            "models[0].context_length: Cannot coerce String value (\"lots\") to"
                + " `java.lang.Integer` value");
  }

  @Test
  void reportsUnknownField() {
    String yaml =
        "models:\n" + GOOD.indent(2).replace("tools: true", "tools: true\n    tool: x");

    assertThat(problems(yaml)).containsExactly("models[0].tool: unknown key");
  }

  @Test
  void reportsYamlSyntaxError() {
    assertThat(problems("models: [\n"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("(file): invalid YAML at line 2, column 1: ");
  }
}
