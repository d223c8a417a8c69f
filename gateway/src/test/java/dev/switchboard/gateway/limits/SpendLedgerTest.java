package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.MutableClock;
import dev.switchboard.gateway.auth.SpendRow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpendLedgerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-31T23:00:00Z"));
  private final SpendLedger ledger = new SpendLedger(clock);

  @Test
  void dayAndMonthRollOverAtUtcMidnight() {
    ledger.charge("k", 1.5);
    ledger.charge("k", 0.25);
    assertThat(ledger.spent("k")).isEqualTo(new SpendTotals(1.75, 1.75));

    clock.advance(Duration.ofHours(1)); // 2026-04-01T00:00Z: new day and new month

    assertThat(ledger.spent("k")).isEqualTo(new SpendTotals(0, 0));
    ledger.charge("k", 2);
    clock.advance(Duration.ofDays(1));
    assertThat(ledger.spent("k")).isEqualTo(new SpendTotals(0, 2));
  }

  @Test
  void drainsChangedTotalsOnceAndRestoresThem() {
    ledger.charge("a", 0.5);
    ledger.charge("b", 0.0); // nothing to charge, nothing to save
    List<SpendRow> rows = ledger.drainChanged();

    assertThat(rows)
        .containsExactlyInAnyOrder(
            new SpendRow("a", "day", LocalDate.parse("2026-03-31"), 0.5),
            new SpendRow("a", "month", LocalDate.parse("2026-03-01"), 0.5));
    assertThat(ledger.drainChanged()).isEmpty();

    SpendLedger restarted = new SpendLedger(clock);
    restarted.load(rows);
    restarted.load(List.of(new SpendRow("a", "day", LocalDate.parse("2026-03-30"), 99)));
    assertThat(restarted.spent("a")).isEqualTo(new SpendTotals(0.5, 0.5));
  }
}
