package dev.switchboard.telemetry.store;

import static dev.switchboard.telemetry.TestRecords.T0;
import static dev.switchboard.telemetry.TestRecords.record;
import static dev.switchboard.telemetry.TestRecords.success;
import static dev.switchboard.telemetry.TestRecords.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.store.UsageOverview.ModelTotals;
import dev.switchboard.telemetry.store.UsageOverview.TokenTotals;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsageOverviewQueryTest {
  private static final Instant FROM = Instant.parse("2025-11-03T00:00:00Z");
  private static final Instant TO = Instant.parse("2025-11-10T00:00:00Z");

  private DuckDbUsageStore store;

  @BeforeEach
  void open() {
    store = DuckDbUsageStore.inMemory();
    store.append(
        List.of(
            // inside the window; from is inclusive
            success("a", FROM, "gpt-4o", new TokenUsage(100L, 20L, 5L, 60L, null), 0.5),
            success("b", T0, "gpt-4o", tokens(50, 10), null),
            success("c", T0, "claude", new TokenUsage(1000L, 300L, null, 10L, 40L), 1.25),
            failed("d", "claude", null, "anthropic", Outcome.UPSTREAM_ERROR),
            failed("e", "gpt-4o", "gpt-4o", "openai", Outcome.CANCELLED),
            failed("f", "x", null, null, Outcome.CLIENT_ERROR),
            // outside the window; to is exclusive
            success("g", TO, "gpt-4o", tokens(9_000, 9_000), 99.0),
            success("h", FROM.minusNanos(1_000), "gpt-4o", tokens(9_000, 9_000), 99.0)));
  }

  private static UsageRecord failed(
      String id, String requested, String served, String provider, Outcome outcome) {
    return record(id, T0, requested, served, provider, TokenUsage.unknown(), outcome, null);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void sumsOnlyTheWindowAndIgnoresUnreportedTokens() {
    UsageOverview o = store.overview(FROM, TO);

    assertThat(o.from()).isEqualTo(FROM);
    assertThat(o.to()).isEqualTo(TO);
    assertThat(o.requests()).isEqualTo(6);
    assertThat(o.errors()).isEqualTo(2);
    assertThat(o.cancelled()).isEqualTo(1);
    assertThat(o.tokens()).isEqualTo(new TokenTotals(1150, 330, 5, 70, 40, 1153, 330));
    assertThat(o.costUsd()).isCloseTo(1.75, within(1e-12));
  }

  @Test
  void groupsByServedModelElseRequestedModelAndProviderByTokens() {
    List<ModelTotals> models = store.overview(FROM, TO).models();

    assertThat(models)
        .extracting(
            ModelTotals::model, ModelTotals::provider, ModelTotals::requests, ModelTotals::errors)
        .containsExactly(
            tuple("claude", "openai", 1L, 0L),
            tuple("gpt-4o", "openai", 3L, 0L),
            tuple("claude", "anthropic", 1L, 1L),
            tuple("x", null, 1L, 1L));
    assertThat(models.get(0).tokens().total()).isEqualTo(1300);
    assertThat(models.get(1).tokens().total()).isEqualTo(180);
    assertThat(models.get(1).costUsd()).isCloseTo(0.5, within(1e-12));
    assertThat(models.get(2).tokens().total()).isZero();
  }

  @Test
  void emptyWindowIsAllZeros() {
    UsageOverview o = store.overview(TO.plusSeconds(3600), TO.plusSeconds(7200));

    assertThat(o.requests()).isZero();
    assertThat(o.tokens()).isEqualTo(new TokenTotals(0, 0, 0, 0, 0, 0, 0));
    assertThat(o.costUsd()).isZero();
    assertThat(o.models()).isEmpty();
  }

  @Test
  void keyFilterSummarizesOnlyThatKeysRecords() {
    store.append(
        List.of(
            success("k2-a", T0, "gpt-4o", tokens(7, 3), 0.25).toBuilder()
                .caller("key-2", null, null)
                .build()));

    UsageOverview own = store.overview(FROM, TO, "key-2");
    UsageOverview other = store.overview(FROM, TO, "key-1");
    UsageOverview nobody = store.overview(FROM, TO, "key-unknown");
    UsageOverview all = store.overview(FROM, TO, null);

    assertThat(own.requests()).isEqualTo(1);
    assertThat(own.tokens().total()).isEqualTo(10);
    assertThat(own.costUsd()).isCloseTo(0.25, within(1e-12));
    assertThat(own.models()).extracting(ModelTotals::requests).containsExactly(1L);
    assertThat(other.requests()).isEqualTo(6);
    assertThat(nobody.requests()).isZero();
    assertThat(nobody.models()).isEmpty();
    assertThat(all.requests()).isEqualTo(7);
  }
}
