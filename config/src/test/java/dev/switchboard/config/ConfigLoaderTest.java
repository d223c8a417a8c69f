package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final String FULL =
      """
      server: { host: 0.0.0.0, port: 9090, max_body_bytes: 1048576,
                upstream_connect_timeout_ms: 5000, upstream_timeout_ms: 60000 }
      providers:
        - id: openai
          kind: openai
          base_url: https://api.openai.com/v1
          api_key: ${OPENAI_API_KEY}
        - id: anthropic
          kind: anthropic
          base_url: https://api.anthropic.com
          api_key: ${ANTHROPIC_API_KEY}
          headers: { anthropic-version: 2023-06-01, X-Retries: 3 }
        - id: local
          kind: openai-compatible
          base_url: http://localhost:11434/v1
          flavor: ollama
      models:
        - name: openai/gpt-4o-mini
          targets: [ { provider: openai, model: gpt-4o-mini, catalog_id: openai/gpt-4o-mini } ]
        - name: smart
          targets:
            - { provider: anthropic, model: claude-sonnet-4-5 }
            - { provider: openai, model: gpt-4o }
      telemetry: { store: /var/lib/switchboard/usage.duckdb, queue_capacity: 1024,
                   batch_size: 256, flush_interval_ms: 50 }
      """;

  @Test
  void parsesFullFileIntoRecords() {
    SwitchboardConfig config = ConfigLoader.parse(FULL);

    assertThat(config.server())
        .isEqualTo(
            new ServerConfig(
                "0.0.0.0", 9090, 1_048_576, Duration.ofSeconds(5), Duration.ofSeconds(60)));
    assertThat(config.providers())
        .extracting(ProviderConfig::id, ProviderConfig::kind, ProviderConfig::baseUrl)
        .containsExactly(
            tuple(
                "openai", ProviderKind.OPENAI, URI.create("https://api.openai.com/v1")),
            tuple(
                "anthropic", ProviderKind.ANTHROPIC, URI.create("https://api.anthropic.com")),
            tuple(
                "local", ProviderKind.OPENAI_COMPATIBLE, URI.create("http://localhost:11434/v1")));
    // A date-like or numeric header value is kept as written, not turned into a date or number.
    assertThat(config.providers().get(1).headers())
        .containsOnly(Map.entry("anthropic-version", "2023-06-01"), Map.entry("X-Retries", "3"));
    assertThat(config.providers().get(0).headers()).isEmpty();
    assertThat(config.providers().get(2).apiKey().isPresent()).isFalse();
    assertThat(config.providers()).extracting(ProviderConfig::flavor).containsExactly(null, null, "ollama");
    assertThat(config.models())
        .containsExactly(
            new ModelRoute(
                "openai/gpt-4o-mini",
                List.of(new RouteTarget("openai", "gpt-4o-mini", "openai/gpt-4o-mini"))),
            new ModelRoute(
                "smart",
                List.of(
                    new RouteTarget("anthropic", "claude-sonnet-4-5", null),
                    new RouteTarget("openai", "gpt-4o", null))));
    assertThat(config.telemetry())
        .isEqualTo(
            new TelemetryConfig(
                Path.of("/var/lib/switchboard/usage.duckdb"), 1024, 256, Duration.ofMillis(50)));
  }

  @Test
  void keepsEnvSecretsAsUnresolvedReferences() {
    // OPENAI_API_KEY is (almost certainly) unset here: loading must still succeed.
    SwitchboardConfig config = ConfigLoader.parse(FULL);

    SecretRef key = config.providers().get(0).apiKey();
    assertThat(key.envVar()).contains("OPENAI_API_KEY");
    assertThat(key.toString()).isEqualTo("${OPENAI_API_KEY}");
    assertThat(key.resolve(name -> name.equals("OPENAI_API_KEY") ? "sk-test" : null))
        .contains("sk-test");
    assertThatThrownBy(() -> key.resolve(name -> null))
        .isInstanceOf(SecretRef.MissingSecretException.class);
  }

  @Test
  void keepsLiteralSecret() {
    SwitchboardConfig config =
        ConfigLoader.parse(
            """
            providers:
              - { id: p, kind: openai, base_url: "https://x.test/v1", api_key: sk-literal }
            """);

    SecretRef key = config.providers().get(0).apiKey();
    assertThat(key.envVar()).isEmpty();
    assertThat(key.resolve(name -> null)).contains("sk-literal");
    assertThat(key.toString()).isEqualTo("***");
  }

  @Test
  void emptyOrCommentOnlyFileGivesDefaults() {
    assertThat(ConfigLoader.parse("")).isEqualTo(ConfigLoader.defaults());
    assertThat(ConfigLoader.parse("# nothing configured yet\n")).isEqualTo(ConfigLoader.defaults());
    assertThat(ConfigLoader.parse("server:\nproviders:\nmodels:\ntelemetry:\n"))
        .isEqualTo(ConfigLoader.defaults());
  }

  @Test
  void defaultsHaveNoProvidersOrModels() {
    SwitchboardConfig defaults = ConfigLoader.defaults();

    assertThat(defaults.server()).isEqualTo(ServerConfig.defaults());
    assertThat(defaults.telemetry()).isEqualTo(TelemetryConfig.defaults());
    assertThat(defaults.providers()).isEmpty();
    assertThat(defaults.models()).isEmpty();
  }

  @Test
  void unsetKeysTakeDefaults() {
    SwitchboardConfig config =
        ConfigLoader.parse(
            """
            server: { port: 9999 }
            telemetry: { batch_size: 10 }
            """);

    assertThat(config.server()).isEqualTo(ServerConfig.defaults().withPort(9999));
    TelemetryConfig defaults = TelemetryConfig.defaults();
    assertThat(config.telemetry())
        .isEqualTo(
            new TelemetryConfig(
                defaults.store(), defaults.queueCapacity(), 10, defaults.flushInterval()));
  }

  @Test
  void loadsFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("switchboard.yaml");
    Files.writeString(file, FULL);

    assertThat(ConfigLoader.load(file)).isEqualTo(ConfigLoader.parse(FULL));
  }

  @Test
  void missingFileIsAConfigProblemNamingTheFile(@TempDir Path dir) {
    Path file = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(file.toString())
        .extracting(e -> ((InvalidConfigException) e).problems())
        .isEqualTo(List.of(new ConfigProblem("(file)", "file not found")));
  }

  @Test
  void theJournalDefaultsToAFolderNamedAfterTheStoreAndReadsItsKeys() {
    SwitchboardConfig defaulted =
        ConfigLoader.parse("telemetry: { store: /var/lib/switchboard/usage.duckdb }\n");
    assertThat(defaulted.telemetry().journal())
        .isEqualTo(new JournalConfig(true, Path.of("/var/lib/switchboard/usage.journal"),
            Duration.ofSeconds(1), JournalConfig.DEFAULT_MAX_BYTES, JournalConfig.DEFAULT_SEGMENT_BYTES));

    SwitchboardConfig set =
        ConfigLoader.parse(
            """
            telemetry:
              store: /var/lib/switchboard/usage.duckdb
              journal: { dir: /fast/journal, fsync_interval_ms: 200, max_bytes: 1073741824, segment_bytes: 16777216 }
            """);
    assertThat(set.telemetry().journal())
        .isEqualTo(new JournalConfig(true, Path.of("/fast/journal"), Duration.ofMillis(200), 1L << 30, 16L << 20));

    assertThat(ConfigLoader.parse("telemetry: { journal: { enabled: false } }\n").telemetry().journal().enabled())
        .isFalse();
  }

  @Test
  void aJournalBoundBelowTwoSegmentsIsAProblem() {
    assertThatThrownBy(() -> ConfigLoader.parse(
            "telemetry: { journal: { segment_bytes: 1048576, max_bytes: 1048576, fsync: 1 } }\n"))
        .isInstanceOf(InvalidConfigException.class)
        .extracting(e -> ((InvalidConfigException) e).problems().stream().map(ConfigProblem::path).toList())
        .isEqualTo(List.of("telemetry.journal.fsync", "telemetry.journal.max_bytes"));
  }
}
