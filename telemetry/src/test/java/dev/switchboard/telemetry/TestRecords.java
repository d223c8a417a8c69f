package dev.switchboard.telemetry;

import dev.switchboard.config.catalog.SizeClass;
import java.time.Instant;

/** Builds usage records for tests. */
public final class TestRecords {
  public static final Instant T0 = Instant.parse("2025-11-03T10:15:30.123456Z");

  private TestRecords() {}

  /** Returns a successful non-streamed record with the given tokens and cost. */
  public static UsageRecord success(
      String id, Instant ts, String model, TokenUsage usage, Double cost) {
    return record(id, ts, model, model, "openai", usage, Outcome.SUCCESS, cost);
  }

  /** Returns a record with the given outcome and every optional field filled. */
  public static UsageRecord record(
      String id,
      Instant ts,
      String requestedModel,
      String servedModel,
      String provider,
      TokenUsage usage,
      Outcome outcome,
      Double cost) {
    boolean ok = outcome == Outcome.SUCCESS;
    return new UsageRecord(
        id,
        ts,
        "key-1",
        "user-42",
        "demo-app",
        requestedModel,
        servedModel,
        provider,
        new ModelFacts("openai/gpt-4o", "openai", false, "US", SizeClass.UNKNOWN, false),
        true,
        usage,
        usage.promptTokens() == null ? null : usage.promptTokens() + 1,
        usage.completionTokens(),
        true,
        ok ? 1 : 0,
        ok ? FinishReason.TOOL_CALLS : FinishReason.ERROR,
        ok ? "tool_use" : null,
        ok ? 200 : 502,
        outcome,
        ok ? null : "upstream_error",
        1234,
        ok ? 87L : null,
        cost,
        "DE",
        "Europe",
        new Classification(
            Category.PROGRAMMING,
            0.875,
            java.util.List.of(new Classification.Tag("Programming/debugging", 0.625)),
            "en",
            null),
        ok ? 2 : 3,
        false);
  }

  /** Returns prompt/completion tokens with nothing else reported. */
  public static TokenUsage tokens(long prompt, long completion) {
    return new TokenUsage(prompt, completion, null, null, null);
  }
}
