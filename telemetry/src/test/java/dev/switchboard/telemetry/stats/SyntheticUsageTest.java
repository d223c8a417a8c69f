package dev.switchboard.telemetry.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that synthetic traffic is reproducible, ordered and follows its stated distributions. */
class SyntheticUsageTest {
  private static final SyntheticUsage.Spec SPEC =
      new SyntheticUsage.Spec(20_000, Instant.parse("2025-06-02T00:00:00Z"), Duration.ofDays(30), 10, 1_000, 3);

  @Test
  void sameSeedSameRecords() {
    assertThat(SyntheticUsage.generate(SPEC)).isEqualTo(SyntheticUsage.generate(SPEC));
    assertThat(SyntheticUsage.generate(SPEC).get(100))
        .isNotEqualTo(SyntheticUsage.generate(new SyntheticUsage.Spec(20_000, SPEC.start(), SPEC.span(), 10, 1_000, 4)).get(100));
  }

  @Test
  void recordsAreOrderedWithinTheSpan() {
    List<UsageRecord> records = SyntheticUsage.generate(SPEC);
    assertThat(records).hasSize(20_000);
    for (int i = 1; i < records.size(); i++) {
      assertThat(records.get(i).timestamp()).isAfterOrEqualTo(records.get(i - 1).timestamp());
    }
    assertThat(records.get(records.size() - 1).timestamp()).isBefore(SPEC.start().plus(SPEC.span()));
  }

  @Test
  void outcomesAndModelsFollowTheirWeights() {
    List<UsageRecord> records = SyntheticUsage.generate(SPEC);
    double success = records.stream().filter(r -> r.outcome() == Outcome.SUCCESS).count() / (double) records.size();
    assertThat(success).isCloseTo(0.93, within(0.01));
    // 70% favourite model + 30% drawn by weight: every model is drawn by weight either way.
    double total = SyntheticUsage.MODELS.stream().mapToDouble(SyntheticUsage.SyntheticModel::weight).sum();
    double claudeWeight = SyntheticUsage.MODELS.get(0).weight() / total;
    double claude = records.stream().filter(r -> "anthropic/claude-sonnet-4.5".equals(r.requestedModel())).count()
        / (double) records.size();
    assertThat(claude).isCloseTo(claudeWeight, within(0.05));
  }
}
