package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Checks the {@code observability} section: off by default, values, problems with their paths. */
class ObservabilityConfigTest {

  @Test
  void defaultsExportNothingAndLogNoRequests() {
    SwitchboardConfig config = ConfigLoader.parse("server: { port: 8080 }\n");

    assertThat(config.observability().otlpExport()).isEmpty();
    assertThat(config.observability().requestLog()).isFalse();
  }

  @Test
  void readsEndpointHeadersSamplingMetricsAndRequestLog() {
    SwitchboardConfig config =
        ConfigLoader.parse(
            """
            observability:
              otlp:
                endpoint: http://collector:4318
                headers: { x-api-key: "${OTLP_KEY}", x-tenant: acme }
                sample_rate: 0.25
                metrics: true
                metrics_step_ms: 10000
              request_log: true
            """);

    OtlpConfig otlp = config.observability().otlpExport().orElseThrow();
    assertThat(otlp.endpoint()).isEqualTo("http://collector:4318");
    assertThat(otlp.sampleRate()).isEqualTo(0.25);
    assertThat(otlp.metrics()).isTrue();
    assertThat(otlp.metricsStep()).isEqualTo(Duration.ofSeconds(10));
    assertThat(otlp.headers().get("x-api-key").envVar()).contains("OTLP_KEY");
    assertThat(otlp.headers().get("x-tenant").resolve(name -> null)).contains("acme");
    // a header value may be a credential: never printed
    assertThat(otlp.headers().get("x-tenant").toString()).isEqualTo("***");
    assertThat(config.observability().requestLog()).isTrue();
  }

  @Test
  void samplesEveryTraceAndPushesNoMetricsUnlessTold() {
    OtlpConfig otlp =
        ConfigLoader.parse("observability: { otlp: { endpoint: \"https://otlp.example.com\" } }\n")
            .observability()
            .otlpExport()
            .orElseThrow();

    assertThat(otlp.sampleRate()).isEqualTo(1.0);
    assertThat(otlp.metrics()).isFalse();
    assertThat(otlp.headers()).isEmpty();
  }

  @Test
  void reportsEveryObservabilityProblemWithItsPath() {
    InvalidConfigException e =
        catchThrowableOfType(
            InvalidConfigException.class,
            () ->
                ConfigLoader.parse(
                    """
                    observability:
                      otlp: { endpoint: "collector:4318", sample_rate: 1.5, metrics: maybe, protocol: grpc }
                      request_log: sometimes
                      logs: true
                    """));

    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            new ConfigProblem("observability.logs", "unknown key"),
            new ConfigProblem("observability.otlp.protocol", "unknown key"),
            new ConfigProblem("observability.otlp.endpoint", "expected an http:// or https:// URL"),
            new ConfigProblem("observability.otlp.sample_rate", "must be 0..1"),
            new ConfigProblem("observability.otlp.metrics", "expected true or false"),
            new ConfigProblem("observability.request_log", "expected true or false"));
  }

  @Test
  void requiresAnEndpointOnceOtlpIsWritten() {
    InvalidConfigException e =
        catchThrowableOfType(
            InvalidConfigException.class,
            () -> ConfigLoader.parse("observability: { otlp: { sample_rate: 0.5 } }\n"));

    assertThat(e.problems())
        .containsExactly(new ConfigProblem("observability.otlp.endpoint", "required"));
  }
}
