package dev.switchboard.telemetry.stats.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.telemetry.stats.Segment;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Checks analyses 1-9 against numbers worked out by hand from {@link
 * dev.switchboard.telemetry.stats.StatsFixture} (see its table). Week 1 = 2025-11-03 (r1..r6), week
 * 2 = 2025-11-10 (r7..r10).
 */
class StudyAnalysesTest extends AnalysisTestSupport {
  private static final String W1 = "2025-11-03";
  private static final String W2 = "2025-11-10";

  @Test
  void sourceShareSplitsTokensBySegmentPerIsoWeek() {
    AnalysisResult r = run("source-share", twoWeeks());
    Series s = r.series("share_by_source");
    // Week 1: proprietary r1 1000 + r5 0; Chinese OSS r2 2000 + r3 1000 (r3 is Sunday 23:59:59.999999,
    // still week 1); RoW OSS r6 2000 (BYOK still counts for usage); unknown r4 500. Denominator 6500.
    assertThat(s.number("denominator", "bucket", W1, "source", "proprietary")).isEqualTo(6500);
    assertThat(s.number("share", "bucket", W1, "source", "proprietary")).isCloseTo(1000 / 6500.0, within(EPS));
    assertThat(s.number("share", "bucket", W1, "source", "chinese_oss")).isCloseTo(3000 / 6500.0, within(EPS));
    assertThat(s.number("share", "bucket", W1, "source", "row_oss")).isCloseTo(2000 / 6500.0, within(EPS));
    assertThat(s.number("share", "bucket", W1, "source", "unknown")).isCloseTo(500 / 6500.0, within(EPS));
    // Week 2 starts Monday 00:00 UTC with r7: Chinese 4000, RoW 1000; r8 (proprietary) has 0 tokens and
    // r9 (refused, unknown) none: both present with share 0. Denominator 5000.
    assertThat(s.number("share", "bucket", W2, "source", "chinese_oss")).isCloseTo(0.8, within(EPS));
    assertThat(s.number("share", "bucket", W2, "source", "row_oss")).isCloseTo(0.2, within(EPS));
    assertThat(s.number("share", "bucket", W2, "source", "proprietary")).isZero();
    assertThat(s.column("partial")).containsOnly(false);
    // Open weights over the window: (3000 + 2000 + 4000 + 1000) / 11500; Chinese mean of weeks (3000/6500 + 0.8) / 2.
    assertThat(r.headline("open-weight share").value()).isCloseTo(10000 / 11500.0, within(EPS));
    assertThat(r.headline("Chinese OSS share, mean of buckets").value()).isCloseTo((3000 / 6500.0 + 0.8) / 2, within(EPS));
  }

  @Test
  void partialBucketsAreMarkedAtCutWindowEdges() {
    // From Wednesday 00:00 of week 1 (r1 on Monday falls outside) to Wednesday 00:00 of week 2.
    AnalysisResult r = run("source-share", twoWeeks().withWindow(Instant.parse("2025-11-05T00:00:00Z"),
        Instant.parse("2025-11-12T00:00:00Z")));
    Series s = r.series("share_by_source");
    assertThat(s.where("bucket", W1)).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(true));
    assertThat(s.where("bucket", W2)).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(true));
    // Week 1 from Wednesday: r2 2000, r3 1000, r6 2000, r4 500, r5 0 (r1 on Monday is outside).
    assertThat(s.number("denominator", "bucket", W1, "source", "chinese_oss")).isEqualTo(5500);
  }

  @Test
  void emptyWindowGivesEmptySeries() {
    AnalysisResult r = run("source-share", twoWeeks().withWindow(Instant.parse("2020-01-01T00:00:00Z"),
        Instant.parse("2020-02-01T00:00:00Z")));
    assertThat(r.series()).allSatisfy(s -> assertThat(s.isEmpty()).isTrue());
    assertThat(r.headline("open-weight share").value()).isNull();
  }

  @Test
  void openWeightModelsReportSharesAndConcentration() {
    AnalysisResult r = run("open-weight-models", twoWeeks().withTop(2));
    Series shares = r.series("share_by_model");
    // Week 1 open weights: C 2000, R 2000, Q 1000 (5000). Top 2 over the window: C 6000, R 3000; Q -> other.
    assertThat(shares.number("share", "bucket", W1, "model", "deepseek/deepseek-chat-v3.1")).isCloseTo(0.4, within(EPS));
    assertThat(shares.number("share", "bucket", W1, "model", "other")).isCloseTo(0.2, within(EPS));
    Series c = r.series("concentration");
    // HHI week 1 = .4² + .4² + .2² = .36; the tie between C and R goes to the first name.
    assertThat(c.number("hhi", "bucket", W1)).isCloseTo(0.36, within(EPS));
    assertThat(c.value("largest_model", "bucket", W1)).isEqualTo("deepseek/deepseek-chat-v3.1");
    assertThat(c.value("models_above_5pct", "bucket", W1)).isEqualTo(3L);
    // Week 2: C 4000, R 1000 -> largest .8, HHI .64 + .04.
    assertThat(c.number("largest_share", "bucket", W2)).isCloseTo(0.8, within(EPS));
    assertThat(c.number("hhi", "bucket", W2)).isCloseTo(0.68, within(EPS));
    // Window: C .6, R .3, Q .1 -> HHI .46.
    assertThat(r.headline("HHI over the window").value()).isCloseTo(0.46, within(EPS));
  }

  @Test
  void openWeightAuthorsSumAndAccumulateTokens() {
    AnalysisResult r = run("open-weight-authors", twoWeeks());
    Series totals = r.series("tokens_by_author");
    assertThat(totals.number("value", "author", "deepseek")).isEqualTo(6000);
    assertThat(totals.number("value", "author", "meta-llama")).isEqualTo(3000);
    assertThat(totals.number("value", "author", "qwen")).isEqualTo(1000);
    Series cumulative = r.series("cumulative_by_author");
    assertThat(cumulative.number("cumulative_tokens", "bucket", W1, "author", "deepseek")).isEqualTo(2000);
    assertThat(cumulative.number("cumulative_tokens", "bucket", W2, "author", "deepseek")).isEqualTo(6000);
    // qwen has no week-2 traffic but its running total carries over.
    assertThat(cumulative.number("cumulative_tokens", "bucket", W2, "author", "qwen")).isEqualTo(1000);
    assertThat(r.headline("tokens of the top open-weight author").detail()).isEqualTo("deepseek");
  }

  @Test
  void sizeClassesShareOpenWeightTrafficAndCountModels() {
    AnalysisResult r = run("size-classes", twoWeeks());
    Series s = r.series("share_by_size_class");
    // Week 1: large C 2000, medium Q 1000, small R 2000.
    assertThat(s.number("share", "bucket", W1, "size_class", "medium")).isCloseTo(0.2, within(EPS));
    assertThat(s.number("share", "bucket", W2, "size_class", "large")).isCloseTo(0.8, within(EPS));
    Series models = r.series("models_by_size_class");
    assertThat(models.value("models", "bucket", W1, "size_class", "small")).isEqualTo(1L);
    assertThat(models.where("bucket", W2, "size_class", "medium")).isEmpty();
    assertThat(r.headline("medium share of open-weight traffic").value()).isCloseTo(0.1, within(EPS));
  }

  @Test
  void categoryBySourceLeavesOtherOutUnlessAsked() {
    AnalysisResult r = run("category-by-source", twoWeeks());
    Series open = r.series("open_weight_categories");
    // Week 1 open weights: Roleplay r2 2000, Programming r3 1000, Other r6 2000 (left out) -> 3000.
    assertThat(open.number("share", "bucket", W1, "category", "Roleplay")).isCloseTo(2 / 3.0, within(EPS));
    assertThat(open.where("category", "Other")).isEmpty();
    Series programming = r.series("programming_by_source");
    // Week 1 programming: proprietary r1 1000 (+ r5 0), Chinese r3 1000.
    assertThat(programming.number("share", "bucket", W1, "source", "proprietary")).isCloseTo(0.5, within(EPS));
    assertThat(programming.number("share", "bucket", W2, "source", "chinese_oss")).isCloseTo(1.0, within(EPS));
    // Window: open Roleplay 3000 of 8000; Chinese Programming 5000 of 7000.
    assertThat(r.headline("roleplay share of open-weight traffic").value()).isCloseTo(3 / 8.0, within(EPS));
    assertThat(r.headline("programming + technology share of Chinese OSS traffic").value()).isCloseTo(5 / 7.0, within(EPS));

    Series withOther = run("category-by-source", twoWeeks().withIncludeOther(true)).series("open_weight_categories");
    assertThat(withOther.number("share", "bucket", W1, "category", "Other")).isCloseTo(0.4, within(EPS));
  }

  @Test
  void reasoningSharesTokensAndCompletion() {
    AnalysisResult r = run("reasoning", twoWeeks());
    Series s = r.series("reasoning_share");
    // Week 1: reasoning models P r1 1000 + Q r3 1000; others 4000; unknown r4 500.
    assertThat(s.number("share", "bucket", W1, "model_kind", "reasoning")).isCloseTo(2000 / 6500.0, within(EPS));
    assertThat(s.number("share", "bucket", W2, "model_kind", "reasoning")).isZero();
    assertThat(r.headline("reasoning-model share").value()).isCloseTo(2000 / 11500.0, within(EPS));
    // Reported reasoning tokens 100 + 200 over native completion tokens 2500 (week 1: 1300).
    assertThat(r.headline("reasoning share of completion tokens").value()).isCloseTo(0.12, within(EPS));
    assertThat(r.series("reasoning_token_share").number("share", "bucket", W1)).isCloseTo(300 / 1300.0, within(EPS));
    assertThat(r.series("top_reasoning_models").number("share", "model", "qwen/qwen3-32b")).isCloseTo(0.5, within(EPS));
  }

  @Test
  void toolCallsShareTokensModelsAndOfferedRequests() {
    AnalysisResult r = run("tool-calls", twoWeeks());
    Series s = r.series("tool_call_share");
    assertThat(s.number("share", "bucket", W1, "finish", "tool_calls")).isCloseTo(1000 / 6500.0, within(EPS));
    assertThat(s.number("share", "bucket", W2, "finish", "tool_calls")).isCloseTo(0.8, within(EPS));
    assertThat(r.series("top_tool_call_models").number("share", "model", "deepseek/deepseek-chat-v3.1"))
        .isCloseTo(0.8, within(EPS));
    // Requests defining tools: r1 of 6 in week 1, r7 of 4 in week 2.
    assertThat(r.series("tools_offered_share").number("share", "bucket", W1)).isCloseTo(1 / 6.0, within(EPS));
    assertThat(r.headline("requests offering tools").value()).isCloseTo(0.2, within(EPS));
    assertThat(r.headline("tool-call share").value()).isCloseTo(5000 / 11500.0, within(EPS));
  }

  @Test
  void lengthsAreMeansOverRequestsWithReportedUsage() {
    AnalysisResult r = run("lengths", twoWeeks());
    Series means = r.series("mean_lengths");
    // Week 1 reported: r1 r2 r3 r4 r6 (r5 reported nothing): prompts 600+1500+700+400+2000 = 5200 over 5.
    assertThat(means.number("requests", "bucket", W1)).isEqualTo(5);
    assertThat(means.number("mean_prompt", "bucket", W1)).isCloseTo(1040, within(EPS));
    assertThat(means.number("mean_completion", "bucket", W1)).isCloseTo(260, within(EPS));
    // Week 2: r7 r8 (a reported zero counts) r10: prompts 3000 + 0 + 800 over 3.
    assertThat(means.number("mean_prompt", "bucket", W2)).isCloseTo(3800 / 3.0, within(EPS));
    assertThat(r.headline("mean prompt tokens per request").value()).isCloseTo(9000 / 8.0, within(EPS));
    // Programming: r1 600, r3 700, r7 3000 -> 1433.33 vs 1125.
    assertThat(r.headline("programming prompt length / all").value()).isCloseTo((4300 / 3.0) / 1125, within(EPS));
    assertThat(r.series("prompt_by_category").number("mean_prompt", "category", "Trivia")).isCloseTo(200, within(EPS));
    assertThat(r.series("programming_vs_all").number("ratio", "bucket", W1)).isCloseTo(650 / 1040.0, within(EPS));
  }

  @Test
  void normalizedTokensSwitchCounts() {
    // Only r2 differs: normalized 1400 + 450 instead of 1500 + 500.
    Series s = run("lengths", twoWeeks().withTokens(dev.switchboard.telemetry.stats.TokenMode.NORMALIZED))
        .series("mean_lengths");
    assertThat(s.number("mean_prompt", "bucket", W1)).isCloseTo(5100 / 5.0, within(EPS));
  }

  @Test
  void categoriesShareAllTrafficAndSubTags() {
    AnalysisResult r = run("categories", twoWeeks());
    Series s = r.series("share_by_category");
    // Week 1: Programming 2000, Roleplay 2000, Trivia 500; Other 2000 and unclassified left out.
    assertThat(s.number("share", "bucket", W1, "category", "Programming")).isCloseTo(2000 / 4500.0, within(EPS));
    assertThat(s.number("share", "bucket", W2, "category", "Programming")).isCloseTo(0.8, within(EPS));
    assertThat(r.headline("programming share").value()).isCloseTo(6000 / 9500.0, within(EPS));
    Series tags = r.series("sub_tags");
    // Programming 6000: debugging r1 1000, code generation r3 1000, no sub-tag r7 4000 (+ r5 0).
    assertThat(tags.number("share", "category", "Programming", "sub_tag", "debugging")).isCloseTo(1 / 6.0, within(EPS));
    assertThat(tags.number("share", "category", "Programming", "sub_tag", "none")).isCloseTo(4 / 6.0, within(EPS));
    AnalysisResult withOther = run("categories", twoWeeks().withIncludeOther(true));
    assertThat(withOther.headline("programming share").value()).isCloseTo(6000 / 11500.0, within(EPS));
  }

  @Test
  void sourceFilterNarrowsToSegments() {
    AnalysisResult r = run("categories", twoWeeks().withFilter(
        dev.switchboard.telemetry.stats.Filter.none().withSources(EnumSet.of(Segment.PROPRIETARY))));
    // Proprietary traffic: r1 Programming 1000, r5 0, r8 Trivia 0.
    assertThat(r.headline("programming share").value()).isCloseTo(1.0, within(EPS));
  }
}
