package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

  private static List<String> problems(String yaml) {
    InvalidConfigException e =
        catchThrowableOfType(InvalidConfigException.class, () -> ConfigLoader.parse(yaml));
    assertThat(e).as("expected InvalidConfigException").isNotNull();
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void reportsEveryProblemOfAFileAtOnce() {
    String yaml =
        """
        server: { port: 70000, prot: 8080 }
        providers:
          - { id: openai, kind: openai, base_url: https://api.openai.com/v1 }
          - { id: weird, kind: foo, base_url: https://x.test }
          - { id: broken, kind: openai, base_url: "ht tp://bad url" }
          - { id: openai, kind: anthropic, base_url: https://api.anthropic.com }
        models:
          - name: a
            targets: []
          - name: b
            targets:
              - { provider: openai, model: gpt-4o }
              - { provider: nope, model: x }
          - name: a
            targets: [ { provider: openai, model: gpt-4o } ]
        telemetry: { queue_capacity: 0 }
        """;

    assertThat(problems(yaml))
        .containsExactly(
            "server.prot: unknown key",
            "server.port: must be 1..65535",
            "providers[1].kind: unknown kind 'foo' (allowed: openai, anthropic, gemini,"
                + " openai-compatible, bedrock, vertex)",
            "providers[2].base_url: not a URL",
            "providers[3].id: duplicate id 'openai'",
            "models[0].targets: at least one target required",
            "models[1].targets[1].provider: unknown provider 'nope'",
            "models[2].name: duplicate name 'a'",
            "telemetry.queue_capacity: must be > 0");
  }

  @Test
  void exceptionMessageListsProblemsOnePerLine() {
    InvalidConfigException e =
        catchThrowableOfType(
            InvalidConfigException.class,
            () -> ConfigLoader.parse("server: { port: 0 }\ntelemetry: { batch_size: -1 }\n"));

    assertThat(e.getMessage())
        .isEqualTo(
            "invalid config (2 problems):\n"
                + "server.port: must be 1..65535\n"
                + "telemetry.batch_size: must be > 0");
    assertThat(e.source()).isEqualTo("config");
  }

  @Test
  void reportsWrongTypes() {
    String yaml =
        """
        server: { host: [a, b], port: "8080", max_body_bytes: 1.5 }
        providers: { id: openai }
        models:
          - just-a-name
          - { name: m, targets: { provider: openai } }
        telemetry: 12
        """;

    assertThat(problems(yaml))
        .containsExactly(
            "server.host: expected a string",
            "server.port: expected an integer",
            "server.max_body_bytes: expected an integer",
            "providers: expected a list",
            "models[0]: expected a mapping",
            "models[1].targets: expected a list",
            "telemetry: expected a mapping");
  }

  @Test
  void reportsMissingRequiredFieldsAndBadUrls() {
    String yaml =
        """
        providers:
          - { kind: openai, base_url: https://api.openai.com/v1 }
          - { id: "  ", base_url: ftp://files.test }
          - { id: c, kind: gemini, base_url: /v1beta }
          - { id: d, kind: gemini, base_url: "localhost:11434" }
          - { id: e, kind: gemini, base_url: https://x.test, headers: [X-A] }
          - { id: f, kind: gemini, base_url: https://x.test, headers: { X-A: ~, X-B: 1.5 } }
        models:
          - targets: [ { provider: c } ]
          - { name: no-targets }
        """;

    assertThat(problems(yaml))
        .containsExactly(
            "providers[0].id: required",
            "providers[1].id: must not be blank",
            "providers[1].kind: required",
            "providers[1].base_url: must be an http or https URL",
            "providers[2].base_url: not a URL (expected http(s)://host[:port][/path])",
            "providers[3].base_url: not a URL (expected http(s)://host[:port][/path])",
            "providers[4].headers: expected a mapping",
            "providers[5].headers.X-A: expected a string",
            "providers[5].headers.X-B: expected a string (quote the value)",
            "models[0].name: required",
            "models[0].targets[0].model: required",
            "models[1].targets: at least one target required");
  }

  @Test
  void reportsUnknownKeysAtEveryLevel() {
    String yaml =
        """
        sever: {}
        providers:
          - { id: p, kind: openai, base_url: https://x.test, apikey: k }
        models:
          - { name: m, target: [], targets: [ { provider: p, model: x, catalog: y } ] }
        telemetry: { flush_interval: 5 }
        """;

    assertThat(problems(yaml))
        .containsExactly(
            "sever: unknown key",
            "providers[0].apikey: unknown key",
            "models[0].target: unknown key",
            "models[0].targets[0].catalog: unknown key",
            "telemetry.flush_interval: unknown key");
  }

  @Test
  void reportsOutOfRangeNumbers() {
    String yaml =
        """
        server:
          port: 99999999999999999999999
          max_body_bytes: 0
          upstream_connect_timeout_ms: -5
          upstream_timeout_ms: 86400001
        telemetry: { queue_capacity: 10, batch_size: 20, flush_interval_ms: 0 }
        """;

    assertThat(problems(yaml))
        .containsExactly(
            "server.port: must be 1..65535",
            "server.max_body_bytes: must be > 0",
            "server.upstream_connect_timeout_ms: must be > 0",
            "server.upstream_timeout_ms: must be <= 86400000",
            "telemetry.batch_size: must be <= queue_capacity (10)",
            "telemetry.flush_interval_ms: must be > 0");
  }

  @Test
  void routeToProviderWithOtherProblemsIsNotAlsoUnknown() {
    String yaml =
        """
        providers:
          - { id: p, kind: nope, base_url: https://x.test }
        models:
          - { name: m, targets: [ { provider: p, model: x } ] }
        """;

    assertThat(problems(yaml))
        .containsExactly(
            "providers[0].kind: unknown kind 'nope' (allowed: openai, anthropic, gemini,"
                + " openai-compatible, bedrock, vertex)");
  }

  @Test
  void flavorMustBeAKnownNameOnAnOpenAiKind() {
    String yaml =
        """
        providers:
          - { id: a, kind: openai-compatible, base_url: https://x.test, flavor: deepsek }
          - { id: b, kind: anthropic, base_url: https://api.anthropic.com, flavor: deepseek }
          - { id: c, kind: openai-compatible, base_url: https://x.test, flavor: deepseek }
        """;

    assertThat(problems(yaml))
        .containsExactly(
            "providers[0].flavor: unknown flavor 'deepsek' (allowed: "
                + String.join(", ", ProviderConfig.FLAVORS)
                + ")",
            "providers[1].flavor: only applies to kind openai or openai-compatible");
  }

  @Test
  void reportsYamlSyntaxErrorWithLineAndColumn() {
    List<String> problems = problems("server:\n  port: 8080\n  host: [unclosed\n");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("(file): invalid YAML at line ").contains("column");
  }

  @Test
  void reportsDuplicateYamlKey() {
    List<String> problems = problems("server:\n  port: 8080\n  port: 9090\n");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("(file): invalid YAML at line 3").contains("port");
  }

  @Test
  void rejectsTopLevelThatIsNotAMapping() {
    assertThat(problems("- a\n- b\n"))
        .containsExactly(
            "(file): expected a mapping of sections (server, providers, models, telemetry)");
  }
}
