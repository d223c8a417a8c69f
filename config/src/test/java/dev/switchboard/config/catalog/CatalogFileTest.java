package dev.switchboard.config.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.config.ConfigProblem;
import dev.switchboard.config.InvalidConfigException;
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
