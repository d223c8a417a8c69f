package dev.switchboard.telemetry.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.config.catalog.ModelPrices;
import dev.switchboard.telemetry.TokenUsage;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {
  // Claude Sonnet 4.5 per 1M tokens: $3 in, $15 out, $0.30 cache read, $3.75 cache write.
  private static final ModelPrices SONNET = new ModelPrices(3.0, 15.0, 0.30, 3.75);
  // GPT-4o: $2.50 in, $10 out, $1.25 cached input; OpenAI has no cache-write charge.
  private static final ModelPrices GPT_4O = new ModelPrices(2.50, 10.0, 1.25, null);

  @Test
  void billsAnthropicCacheReadsAndWritesAtTheirOwnPrices() {
    // Anthropic reports input_tokens=3, cache_creation_input_tokens=418,
    // cache_read_input_tokens=1111; the canonical prompt count is their sum.
    TokenUsage usage = new TokenUsage(1532L, 50L, null, 1111L, 418L);

    // 3 x 3.00 + 418 x 3.75 + 1111 x 0.30 + 50 x 15.00 = 2659.8 per 1M
    assertThat(CostCalculator.costUsd(SONNET, usage)).isCloseTo(0.0026598, within(1e-12));
  }

  @Test
  void billsOpenAiCachedPromptTokensAtTheCachePrice() {
    TokenUsage usage = new TokenUsage(2006L, 300L, 64L, 1920L, null);

    // 86 x 2.50 + 1920 x 1.25 + 300 x 10.00 = 5615 per 1M
    assertThat(CostCalculator.costUsd(GPT_4O, usage)).isCloseTo(0.005615, within(1e-12));
  }

  @Test
  void fallsBackToTheInputPriceWhenCachePricesAreUnknown() {
    ModelPrices noCachePrices = new ModelPrices(1.0, 2.0, null, null);
    TokenUsage usage = new TokenUsage(1_000_000L, 500_000L, null, 400_000L, 100_000L);

    assertThat(CostCalculator.costUsd(noCachePrices, usage)).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void unknownTokensOrPricesGiveNoCost() {
    TokenUsage full = new TokenUsage(10L, 10L, null, null, null);
    TokenUsage noCompletion = new TokenUsage(10L, null, null, null, null);
    TokenUsage noPrompt = new TokenUsage(null, 10L, null, null, null);

    assertThat(CostCalculator.costUsd(SONNET, TokenUsage.unknown())).isNull();
    assertThat(CostCalculator.costUsd(SONNET, noCompletion)).isNull();
    assertThat(CostCalculator.costUsd(SONNET, noPrompt)).isNull();
    assertThat(CostCalculator.costUsd(ModelPrices.unknown(), full)).isNull();
    assertThat(CostCalculator.costUsd(new ModelPrices(1.0, null, null, null), full)).isNull();
    assertThat(CostCalculator.costUsd(null, full)).isNull();
  }

  @Test
  void zeroTokensCostZero() {
    assertThat(CostCalculator.costUsd(SONNET, new TokenUsage(0L, 0L, 0L, 0L, 0L))).isZero();
  }

  @Test
  void cacheCountsAboveThePromptNeverBillNegativeInput() {
    TokenUsage inconsistent = new TokenUsage(100L, 0L, null, 150L, null);

    assertThat(CostCalculator.costUsd(SONNET, inconsistent))
        .isCloseTo(150 * 0.30 / 1e6, within(1e-15));
  }
}
