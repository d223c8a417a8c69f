package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.MutableClock;
import dev.switchboard.gateway.auth.SpendRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks {@link SpendLedger#drainUnsaved}: what a shared store adds, never what was loaded. */
class SpendIncrementsTest {
  private static final LocalDate DAY = LocalDate.parse("2026-03-10");
  private static final LocalDate MONTH = LocalDate.parse("2026-03-01");
  private final SpendLedger ledger = new SpendLedger(new MutableClock(Instant.parse("2026-03-10T12:00:00Z")));

  @Test
  void drainsWhatWasChargedSinceTheLastDrainAndNotTheLoadedTotals() {
    // another gateway's spend, loaded at start, is already in the store: it must not be added again
    ledger.load(List.of(new SpendRow("a", SpendRow.DAY, DAY, 10), new SpendRow("a", SpendRow.MONTH, MONTH, 30)));
    ledger.charge("a", 0.5);
    ledger.charge("a", 0.25);
    ledger.charge("b", 1);

    List<SpendRow> first = ledger.drainUnsaved();
    ledger.charge("a", 2);
    List<SpendRow> second = ledger.drainUnsaved();

    assertThat(first).containsExactlyInAnyOrder(
        new SpendRow("a", SpendRow.DAY, DAY, 0.75), new SpendRow("a", SpendRow.MONTH, MONTH, 0.75),
        new SpendRow("b", SpendRow.DAY, DAY, 1), new SpendRow("b", SpendRow.MONTH, MONTH, 1));
    assertThat(second).containsExactlyInAnyOrder(
        new SpendRow("a", SpendRow.DAY, DAY, 2), new SpendRow("a", SpendRow.MONTH, MONTH, 2));
    assertThat(ledger.drainUnsaved()).isEmpty();
    assertThat(ledger.spent("a")).isEqualTo(new SpendTotals(12.75, 32.75));
  }
}
