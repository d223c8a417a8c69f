package dev.switchboard.telemetry.stats.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.StatsFixture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks analyses 10-17 against numbers worked out by hand from {@link StatsFixture} (see its table). */
class StudyAnalysesMoreTest extends AnalysisTestSupport {
  private static final String W1 = "2025-11-03";
  private static final String W2 = "2025-11-10";

  @Test
  void categoryAuthorsDefaultsToProgramming() {
    AnalysisResult r = run("category-authors", twoWeeks());
    // Programming: openai r1 1000 (+ r5 0), qwen r3 1000 in week 1; deepseek r7 4000 in week 2.
    Series s = r.series("share_by_author");
    assertThat(s.number("share", "bucket", W1, "author", "openai")).isCloseTo(0.5, within(EPS));
    assertThat(s.number("share", "bucket", W2, "author", "deepseek")).isCloseTo(1.0, within(EPS));
    assertThat(r.headline("top author's share").value()).isCloseTo(4000 / 6000.0, within(EPS));
    assertThat(r.parameters()).containsEntry("category", "Programming");
    // Any category: Roleplay = deepseek r2 2000, meta-llama r10 1000.
    AnalysisResult roleplay = run("category-authors", twoWeeks().withFilter(Filter.none().withCategories(Set.of("Roleplay"))));
    assertThat(roleplay.headline("top author's share").value()).isCloseTo(2 / 3.0, within(EPS));
  }

  @Test
  void authorCategoriesGiveEachAuthorsMix() {
    AnalysisResult r = run("author-categories", twoWeeks());
    Series s = r.series("window_share_by_category");
    // deepseek: Roleplay r2 2000, Programming r7 4000.
    assertThat(s.number("share", "author", "deepseek", "category", "Programming")).isCloseTo(2 / 3.0, within(EPS));
    // meta-llama: Other r6 left out, Roleplay r10 1000 -> 100%.
    assertThat(s.number("share", "author", "meta-llama", "category", "Roleplay")).isCloseTo(1.0, within(EPS));
    assertThat(r.headline("largest author's top category share").detail()).isEqualTo("deepseek: Programming");
    Series weekly = r.series("share_by_category");
    assertThat(weekly.number("share", "author", "deepseek", "bucket", W1, "category", "Roleplay")).isCloseTo(1.0, within(EPS));
  }

  @Test
  void geographySharesSpendWithoutByokAndTokensWithIt() {
    AnalysisResult r = run("geography", twoWeeks());
    Series spend = r.series("spend_share_by_continent");
    // Week 1 spend: North America r1 .01 + r3 .0005, Asia r2 .002; r6 (.004) is BYOK and left out.
    assertThat(spend.number("share", "bucket", W1, "continent", "North America")).isCloseTo(0.0105 / 0.0125, within(EPS));
    assertThat(spend.where("bucket", W1, "continent", "Europe")).isEmpty();
    // Week 2: North America .006, Europe .0001, Asia r8 0.
    assertThat(spend.number("share", "bucket", W2, "continent", "Europe")).isCloseTo(0.0001 / 0.0061, within(EPS));
    assertThat(r.headline("North America share of spend").value()).isCloseTo(0.0165 / 0.0186, within(EPS));
    // Tokens count BYOK: Europe r6 2000 + r10 1000 of 11500.
    assertThat(r.series("token_share_by_continent").number("share", "continent", "Europe")).isCloseTo(3000 / 11500.0, within(EPS));
    assertThat(r.series("token_share_by_country").number("share", "country", "US")).isCloseTo(6500 / 11500.0, within(EPS));
    AnalysisResult byok = run("geography", twoWeeks().withIncludeByok(true));
    assertThat(byok.series("spend_share_by_continent").number("share", "bucket", W1, "continent", "Europe"))
        .isCloseTo(0.004 / 0.0165, within(EPS));
  }

  @Test
  void languagesShareTokens() {
    AnalysisResult r = run("languages", twoWeeks());
    Series s = r.series("share_by_language");
    // en: r1 1000 + r3 1000 + r4 500 + r7 4000 + r10 1000 (+ r5 0); zh-Hans r2 2000; ru r6 2000; und r8 0.
    assertThat(r.headline("English share").value()).isCloseTo(7500 / 11500.0, within(EPS));
    assertThat(s.number("share", "language", "zh-Hans")).isCloseTo(2000 / 11500.0, within(EPS));
    assertThat(s.number("share", "language", "und")).isZero();
    assertThat(r.series("share_by_language_over_time").number("share", "bucket", W1, "language", "ru"))
        .isCloseTo(2000 / 6500.0, within(EPS));
  }

  @Test
  void retentionCountsReturningUsersAndFlagsBoomerangs() {
    AnalysisResult r = run("retention", StatsQuery.defaults().withWindow(StatsFixture.FROM, StatsFixture.END).withMinUsers(1));
    Series retention = r.series("retention");
    // openai/gpt-5, November cohort: k1/u1 (r1) and key k2 without user (r5, r8) = 2 users.
    // December: k1/u1 (r11) -> 1/2; January: nobody -> 0; February: k2 returns (r12) -> 1/2.
    String p = "openai/gpt-5";
    assertThat(retention.number("cohort_users", "model", p, "cohort", "2025-11", "k", 0L)).isEqualTo(2);
    assertThat(retention.number("retention", "model", p, "cohort", "2025-11", "k", 1L)).isCloseTo(0.5, within(EPS));
    assertThat(retention.number("retention", "model", p, "cohort", "2025-11", "k", 2L)).isZero();
    assertThat(retention.number("retention", "model", p, "cohort", "2025-11", "k", 3L)).isCloseTo(0.5, within(EPS));
    // The window starts on Nov 3, so November is a partial month; December is whole.
    assertThat(retention.value("partial", "model", p, "cohort", "2025-11", "k", 0L)).isEqualTo(true);
    assertThat(retention.value("partial", "model", p, "cohort", "2025-11", "k", 1L)).isEqualTo(false);
    Series cohorts = r.series("cohorts");
    assertThat(cohorts.value("boomerang", "model", p, "cohort", "2025-11")).isEqualTo(true);
    // qwen: u2 in November, back in January (r13): 1, 0, 1, 0 -> boomerang. deepseek: 2 users, never back.
    assertThat(cohorts.value("boomerang", "model", "qwen/qwen3-32b", "cohort", "2025-11")).isEqualTo(true);
    assertThat(cohorts.value("boomerang", "model", "deepseek/deepseek-chat-v3.1", "cohort", "2025-11")).isEqualTo(false);
    // The refused request (r9) starts no cohort.
    assertThat(cohorts.where("model", "nope/nope")).isEmpty();
    // Month-1 retention over all cohorts: only gpt-5 keeps one of 2; sizes 2 + 2 + 1 + 1 + 1 = 7.
    assertThat(r.headline("month-1 retention (all complete cohorts)").value()).isCloseTo(1 / 7.0, within(EPS));
  }

  @Test
  void retentionFlagsNeedCohortsOfMinUsers() {
    AnalysisResult r = run("retention", StatsQuery.defaults().withWindow(StatsFixture.FROM, StatsFixture.END));
    assertThat(r.series("cohorts").column("boomerang")).containsOnly(false);
  }

  @Test
  void retentionRawScanAgreesWithRollups() {
    // A provider filter cannot use the rollups: the raw-row path must give the same numbers.
    Filter all = Filter.none().withProviders(Set.of("openai", "deepseek", "together", "local", "none"));
    StatsQuery q = StatsQuery.defaults().withWindow(StatsFixture.FROM, StatsFixture.END).withMinUsers(1);
    assertThat(run("retention", q.withFilter(all)).series("retention").rows())
        .isEqualTo(run("retention", q).series("retention").rows());
  }

  @Test
  void costVsUsagePlacesCategoriesAndModelsInQuadrants() {
    AnalysisResult r = run("cost-usage", twoWeeks());
    Series categories = r.series("categories");
    // Programming: (.01 + .0005 + .006) / 6000 tokens -> $2.75 per 1M; Roleplay (.002 + .0001) / 3000 -> $0.70.
    // Trivia has no positive cost (r4 unpriced, r8 free) and Other only BYOK: no points.
    assertThat(categories.number("price_per_mtok", "category", "Programming")).isCloseTo(2.75, within(1e-9));
    assertThat(categories.number("price_per_mtok", "category", "Roleplay")).isCloseTo(0.7, within(1e-9));
    assertThat(categories.rows()).hasSize(2);
    assertThat(categories.value("quadrant", "category", "Programming")).isEqualTo("premium");
    assertThat(categories.value("quadrant", "category", "Roleplay")).isEqualTo("niche");
    assertThat(r.headline("median effective price across categories").value()).isCloseTo((2.75 + 0.7) / 2, within(1e-9));
    Series models = r.series("models");
    // gpt-5 $10 (1000 tokens), deepseek .008/6000 -> $1.33, qwen $0.50, llama r10 only -> $0.10 (r6 BYOK).
    // Median price (0.5 + 1.333) / 2, median usage 1000: ties count as high.
    assertThat(models.value("quadrant", "model", "openai/gpt-5")).isEqualTo("premium");
    assertThat(models.value("quadrant", "model", "qwen/qwen3-32b")).isEqualTo("mass_market");
    assertThat(models.number("price_per_mtok", "model", "meta-llama/llama-3.1-8b-instruct")).isCloseTo(0.1, within(1e-9));
    assertThat(r.headline("blended effective price").value()).isCloseTo(0.0186 / 9000 * 1e6, within(1e-9));
    AnalysisResult byok = run("cost-usage", twoWeeks().withIncludeByok(true));
    // With BYOK, llama adds r6: (.0001 + .004) / 3000.
    assertThat(byok.series("models").number("price_per_mtok", "model", "meta-llama/llama-3.1-8b-instruct"))
        .isCloseTo(0.0041 / 3000 * 1e6, within(1e-9));
  }

  @Test
  void priceElasticityFitsLogTokensOnLogPrice() {
    AnalysisResult r = run("price-elasticity", twoWeeks().withMinRequests(1));
    // Points (price $/1M, tokens): gpt-5 (10, 1000), deepseek (1.3333, 6000), qwen (0.5, 1000), llama (0.1, 1000).
    // OLS of ln(tokens) on ln(price), worked out separately: slope 0.062654, intercept 7.362046,
    // R² 0.018139, slope s.e. 0.325951, t(0.975, 2) = 4.302653 -> 95% CI [-1.339801, 1.465109].
    Series fit = r.series("fit");
    assertThat(fit.number("n")).isEqualTo(4);
    assertThat(fit.number("slope")).isCloseTo(0.06265384868593894, within(1e-9));
    assertThat(fit.number("intercept")).isCloseTo(7.36204613367186, within(1e-9));
    assertThat(fit.number("r2")).isCloseTo(0.01813887547473998, within(1e-9));
    assertThat(fit.number("ci95_low")).isCloseTo(-1.3398010514806418, within(1e-6));
    assertThat(fit.number("ci95_high")).isCloseTo(1.4651087488525196, within(1e-6));
    assertThat(r.summary()).containsEntry("n", 4);
    // With the default minimum of 100 requests no model qualifies: no fit, an explaining note.
    AnalysisResult none = run("price-elasticity", twoWeeks());
    assertThat(none.series("fit").isEmpty()).isTrue();
    assertThat(none.notes()).anyMatch(n -> n.startsWith("Fewer than 3 models"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void overviewTotalsTheWindow() {
    AnalysisResult r = run("overview", twoWeeks());
    Map<String, Object> s = r.summary();
    // r1..r10: errors r5 (upstream) and r9 (refused); r6 cancelled.
    assertThat(s).containsEntry("requests", 10L).containsEntry("errors", 2L).containsEntry("cancelled", 1L);
    assertThat((double) s.get("error_rate")).isCloseTo(0.2, within(EPS));
    Map<String, Object> tokens = (Map<String, Object>) s.get("tokens");
    assertThat(tokens).containsEntry("prompt", 9000L).containsEntry("completion", 2500L).containsEntry("total", 11500L)
        .containsEntry("reasoning", 300L).containsEntry("cached_read", 1000L).containsEntry("cache_write", 500L)
        .containsEntry("normalized_prompt", 8900L).containsEntry("normalized_completion", 2450L);
    // Cost includes BYOK r6: .01 + .002 + .0005 + .004 + .006 + 0 + .0001.
    assertThat((double) s.get("cost_usd")).isCloseTo(0.0226, within(EPS));
    // Users: k1/u1, k1/u2, k2 (no user field), k3/u3, k3 (r9 without user field).
    assertThat(s).containsEntry("users", 5L).containsEntry("distinct_models", 6).containsEntry("providers", 4);
    List<Map<String, Object>> models = (List<Map<String, Object>>) s.get("models");
    assertThat(models.get(0)).containsEntry("model", "deepseek/deepseek-chat-v3.1").containsEntry("requests", 2L);
    assertThat(r.series("totals").number("cancellation_rate")).isCloseTo(0.1, within(EPS));
  }
}
