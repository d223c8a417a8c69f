package dev.switchboard.gateway.metrics;

import dev.switchboard.gateway.observability.GenAi;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Meters finished requests by the OpenTelemetry GenAI conventions, beside Switchboard's own names:
 * token usage, operation duration, time to first token and time per output token, with the
 * conventions' bucket boundaries and attributes (tag values bounded like {@link GatewayMetrics}').
 */
final class GenAiMetrics {
  static final String TOKEN_USAGE = "gen_ai.client.token.usage";
  static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
  static final String TIME_TO_FIRST_TOKEN = "gen_ai.server.time_to_first_token";
  static final String TIME_PER_OUTPUT_TOKEN = "gen_ai.server.time_per_output_token";
  private static final double[] TOKEN_BUCKETS = {
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
  };
  private static final Duration[] DURATION_BUCKETS = seconds(
      0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
  private static final Duration[] TTFT_BUCKETS = seconds(
      0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
  private static final Duration[] PER_TOKEN_BUCKETS = seconds(
      0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5);

  private final MeterRegistry registry;
  private final Map<String, String> providerNames;

  /** {@code providerNames} maps a configured provider id to its GenAI provider name. */
  GenAiMetrics(MeterRegistry registry, Map<String, String> providerNames) {
    this.registry = registry;
    this.providerNames = Map.copyOf(providerNames);
  }

  /** Records one finished request; {@code model} is its bounded requested-model tag. */
  void recorded(UsageRecord record, String model) {
    String provider =
        record.provider() == null ? "none" : providerNames.getOrDefault(record.provider(), record.provider());
    Tags tags = Tags.of(
        GenAi.OPERATION_NAME, GenAi.operation(record.api()),
        GenAi.PROVIDER_NAME, provider,
        GenAi.REQUEST_MODEL, model);
    boolean success = record.outcome() == Outcome.SUCCESS;
    // the error.type label is empty on success: Prometheus reads an empty label as absent
    Timer.builder(OPERATION_DURATION)
        .description("GenAI operation duration")
        .tags(tags)
        .tag(GenAi.ERROR_TYPE, success ? "" : errorType(record))
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(registry)
        .record(record.latencyMs(), TimeUnit.MILLISECONDS);
    tokens(tags, "input", record.usage().promptTokens());
    tokens(tags, "output", record.usage().completionTokens());
    if (!success || record.ttftMs() == null) {
      return;
    }
    Timer.builder(TIME_TO_FIRST_TOKEN)
        .description("Time to generate first token for successful responses")
        .tags(tags)
        .serviceLevelObjectives(TTFT_BUCKETS)
        .register(registry)
        .record(record.ttftMs(), TimeUnit.MILLISECONDS);
    Long output = record.usage().completionTokens();
    if (output != null && output > 1) {
      double perToken = (record.latencyMs() - record.ttftMs()) / 1000.0 / (output - 1);
      Timer.builder(TIME_PER_OUTPUT_TOKEN)
          .description("Time per output token generated after the first token for successful responses")
          .tags(tags)
          .serviceLevelObjectives(PER_TOKEN_BUCKETS)
          .register(registry)
          .record(Duration.ofNanos((long) (Math.max(0, perToken) * 1e9)));
    }
  }

  private void tokens(Tags tags, String type, Long count) {
    if (count == null) {
      return;
    }
    DistributionSummary.builder(TOKEN_USAGE)
        .description("Number of input and output tokens used")
        .tags(tags)
        .tag(GenAi.TOKEN_TYPE, type)
        .serviceLevelObjectives(TOKEN_BUCKETS)
        .register(registry)
        .record(count);
  }

  private static String errorType(UsageRecord record) {
    return record.errorType() == null ? record.outcome().label() : record.errorType();
  }

  private static Duration[] seconds(double... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofNanos((long) (values[i] * 1e9));
    }
    return durations;
  }
}
