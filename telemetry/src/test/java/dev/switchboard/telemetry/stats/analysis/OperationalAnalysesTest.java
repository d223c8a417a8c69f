package dev.switchboard.telemetry.stats.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.switchboard.telemetry.stats.StatsFixture;
import org.junit.jupiter.api.Test;

/** Checks the operational analyses against numbers worked out by hand from {@link StatsFixture}. */
class OperationalAnalysesTest extends AnalysisTestSupport {
  private static final String W1 = "2025-11-03";
  private static final String W2 = "2025-11-10";

  @Test
  void latencyQuantilesPerProviderAndModel() {
    AnalysisResult r = run("latency", twoWeeks());
    // Successful requests' latencies: 50, 800, 900, 1000, 1200, 2000, 3000 -> median 1000 (histogram
    // quantiles are within 1%).
    assertThat(r.headline("latency p50").value()).isCloseTo(1000, withinPercentage(1));
    // Streamed successes with a first token: 100, 200, 300 -> median 200.
    assertThat(r.headline("time to first token p50").value()).isCloseTo(200, withinPercentage(1));
    // Tokens/s: 125 (r4), 222.2 (r10), 250 (r2), 300 (r3), 370.4 (r7), 444.4 (r1): nearest-rank median 250.
    assertThat(r.headline("output tokens per second p50").value()).isCloseTo(250, withinPercentage(1));
    Series s = r.series("latency");
    // deepseek: r2 2000 ms (500 tokens, no TTFT: 250 tokens/s) and r7 3000 ms (1000 tokens after 300 ms).
    assertThat(s.number("requests", "provider", "deepseek", "model", "deepseek/deepseek-chat-v3.1")).isEqualTo(2);
    assertThat(s.value("ttft_ms_p50", "provider", "deepseek", "model", "deepseek/deepseek-chat-v3.1")).isNotNull();
    // Refused r9 has no provider and no successful latency: no row.
    assertThat(s.where("provider", "none")).isEmpty();
    // local/unlisted r4: 100 tokens over 800 ms, a single value: 125 tokens/s at every quantile.
    assertThat(s.number("output_tokens_per_s_p99", "provider", "local", "model", "local/unlisted")).isCloseTo(125, withinPercentage(1));
    // openai: r1 1000 ms and r8 50 ms -> p50 50, p99 1000.
    assertThat(s.number("latency_ms_p50", "provider", "openai", "model", "openai/gpt-5")).isCloseTo(50, withinPercentage(1));
    assertThat(s.number("latency_ms_p99", "provider", "openai", "model", "openai/gpt-5")).isCloseTo(1000, withinPercentage(1));
  }

  @Test
  void errorsByBucketKindAndProvider() {
    AnalysisResult r = run("errors", twoWeeks());
    Series rates = r.series("error_rate");
    // Week 1: r5 failed, r6 cancelled, of 6. Week 2: r9 refused, of 4.
    assertThat(rates.number("error_rate", "bucket", W1)).isCloseTo(1 / 6.0, within(EPS));
    assertThat(rates.number("cancellation_rate", "bucket", W1)).isCloseTo(1 / 6.0, within(EPS));
    assertThat(rates.number("error_rate", "bucket", W2)).isCloseTo(0.25, within(EPS));
    Series kinds = r.series("requests_by_outcome");
    assertThat(kinds.number("requests", "outcome", "success", "error_type", "none")).isEqualTo(7);
    assertThat(kinds.number("share", "outcome", "client_error", "error_type", "invalid_request_error")).isCloseTo(0.1, within(EPS));
    Series providers = r.series("errors_by_provider");
    assertThat(providers.number("error_rate", "provider", "openai")).isCloseTo(1 / 3.0, within(EPS));
    assertThat(providers.number("error_rate", "provider", "none")).isCloseTo(1.0, within(EPS));
    assertThat(r.headline("error rate").value()).isCloseTo(0.2, within(EPS));
  }

  @Test
  void streamingAndCancellationShares() {
    AnalysisResult r = run("streaming", twoWeeks());
    // Streamed: r1 r3 r6 of 6 in week 1, r7 of 4 in week 2.
    assertThat(r.series("streaming").number("streamed_share", "bucket", W1)).isCloseTo(0.5, within(EPS));
    assertThat(r.series("streaming").number("streamed_share", "bucket", W2)).isCloseTo(0.25, within(EPS));
    assertThat(r.headline("streamed share of requests").value()).isCloseTo(0.4, within(EPS));
    assertThat(r.headline("cancelled share of requests").value()).isCloseTo(0.1, within(EPS));
    assertThat(r.series("by_model").number("cancelled_share", "model", "meta-llama/llama-3.1-8b-instruct"))
        .isCloseTo(0.5, within(EPS));
  }

  @Test
  void attemptsCountRetriesAndFallbacks() {
    AnalysisResult r = run("attempts", twoWeeks());
    // r3 and r5 took 2 attempts, r9 none, the other 7 one: 11 attempts over 10 requests.
    assertThat(r.headline("retried share of requests").value()).isCloseTo(0.2, within(EPS));
    assertThat(r.headline("mean attempts per request").value()).isCloseTo(1.1, within(EPS));
    Series d = r.series("attempt_distribution");
    assertThat(d.number("requests", "attempts", 0L)).isEqualTo(1);
    assertThat(d.number("requests", "attempts", 2L)).isEqualTo(2);
    assertThat(r.series("by_provider").number("retried_share", "provider", "together")).isCloseTo(1 / 3.0, within(EPS));
  }

  @Test
  void appsShareUsage() {
    AnalysisResult r = run("apps", twoWeeks());
    Series apps = r.series("apps");
    // cline: r1 1000 + r3 1000 + r7 4000; sillytavern: r2 2000 + r10 1000; no header: the rest, 2500.
    assertThat(apps.number("share", "app", "cline")).isCloseTo(6000 / 11500.0, within(EPS));
    assertThat(apps.number("requests", "app", "none")).isEqualTo(5);
    assertThat(apps.number("cost_usd", "app", "sillytavern")).isCloseTo(0.0021, within(EPS));
    assertThat(r.series("share_by_app").number("share", "bucket", W2, "app", "cline")).isCloseTo(0.8, within(EPS));
  }

  @Test
  void ingressApisShareUsage() {
    AnalysisResult r = run("apis", twoWeeks());
    Series apis = r.series("apis");
    // messages: r1 1000 + r7 4000 (Claude Code); responses: r3 1000 (Codex); chat: the rest, 5500.
    assertThat(apis.number("share", "api", "messages")).isCloseTo(5000 / 11500.0, within(EPS));
    assertThat(apis.number("requests", "api", "chat")).isEqualTo(7);
    assertThat(apis.number("tools_offered_share", "api", "messages")).isCloseTo(1.0, within(EPS));
    assertThat(apis.number("cost_usd", "api", "responses")).isCloseTo(0.0005, within(EPS));
    assertThat(r.headline("agent APIs' share (messages + responses)").value()).isCloseTo(6000 / 11500.0, within(EPS));
    // week 2: r7 4000 of r7 + r8 + r10 = 5000
    assertThat(r.series("share_by_api").number("share", "bucket", W2, "api", "messages")).isCloseTo(0.8, within(EPS));
  }

  @Test
  void cacheHitShareOfPromptTokensPerModelProviderAndApp() {
    AnalysisResult r = run("cache", twoWeeks());
    // prompt tokens r1..r10: 600 + 1500 + 700 + 400 + 2000 + 3000 + 800 = 9000; cache reads: r2 1000
    assertThat(r.headline("cache hit share of prompt tokens").value()).isCloseTo(1000 / 9000.0, within(EPS));
    // C: r2 1500 + r7 3000, r7 wrote 500 to the cache
    Series models = r.series("by_model");
    assertThat(models.number("hit_share", "model", "deepseek/deepseek-chat-v3.1")).isCloseTo(1000 / 4500.0, within(EPS));
    assertThat(models.number("cache_write_tokens", "model", "deepseek/deepseek-chat-v3.1")).isEqualTo(500);
    assertThat(models.number("hit_share", "model", "openai/gpt-5")).isCloseTo(0.0, within(EPS));
    assertThat(r.series("by_provider").number("hit_share", "provider", "deepseek")).isCloseTo(1000 / 4500.0, within(EPS));
    // sillytavern: r2 1500 + r10 800
    assertThat(r.series("by_app").number("hit_share", "app", "sillytavern")).isCloseTo(1000 / 2300.0, within(EPS));
    assertThat(r.series("by_app").number("prompt_tokens", "app", "cline")).isEqualTo(4300);
    // week 1: r1..r6 prompt 5200; week 2 read nothing from cache
    assertThat(r.series("cache").number("hit_share", "bucket", W1)).isCloseTo(1000 / 5200.0, within(EPS));
    assertThat(r.series("cache").number("hit_share", "bucket", W2)).isCloseTo(0.0, within(EPS));
  }

  @Test
  void categoryLanguagesMixWithinCategories() {
    AnalysisResult r = run("category-languages", twoWeeks());
    Series s = r.series("language_share_by_category");
    // Roleplay: zh-Hans r2 2000, en r10 1000.
    assertThat(s.number("share", "category", "Roleplay", "language", "zh-Hans")).isCloseTo(2 / 3.0, within(EPS));
    assertThat(s.number("share", "category", "Programming", "language", "en")).isCloseTo(1.0, within(EPS));
    // Counted traffic 9500 (Other and unclassified out), English 6000 + 1000 + 500.
    assertThat(r.headline("non-English share of classified traffic").value()).isCloseTo(1 - 7500 / 9500.0, within(EPS));
    assertThat(r.series("category_share_by_language").number("share", "language", "en", "category", "Programming"))
        .isCloseTo(6000 / 7500.0, within(EPS));
  }
}
