package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.gateway.MutableClock;
import dev.switchboard.gateway.auth.SpendRow;
import dev.switchboard.telemetry.store.KeyCost;
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
  void drainsUnsavedIncrementsOnceAndRestoresSavedTotals() {
    ledger.charge("a", 0.5);
    ledger.charge("b", 0.0); // nothing to charge, nothing to save
    List<SpendRow> rows = ledger.drainUnsaved();

    assertThat(rows)
        .containsExactlyInAnyOrder(
            new SpendRow("a", "day", LocalDate.parse("2026-03-31"), 0.5),
            new SpendRow("a", "month", LocalDate.parse("2026-03-01"), 0.5));
    assertThat(ledger.drainUnsaved()).isEmpty();
    ledger.charge("a", 0.25);
    // only what was charged since: the store adds it to what it holds
    assertThat(ledger.drainUnsaved())
        .containsExactlyInAnyOrder(
            new SpendRow("a", "day", LocalDate.parse("2026-03-31"), 0.25),
            new SpendRow("a", "month", LocalDate.parse("2026-03-01"), 0.25));

    SpendLedger restarted = new SpendLedger(clock);
    restarted.load(rows);
    restarted.load(List.of(new SpendRow("a", "day", LocalDate.parse("2026-03-30"), 99)));
    assertThat(restarted.spent("a")).isEqualTo(new SpendTotals(0.5, 0.5));
  }

  @Test
  void incrementsOfADayThatPassedAreStillSavedToThatDay() {
    ledger.charge("k", 1);
    clock.advance(Duration.ofHours(1)); // April now

    ledger.charge("k", 2);

    assertThat(ledger.drainUnsaved())
        .containsExactlyInAnyOrder(
            new SpendRow("k", "day", LocalDate.parse("2026-03-31"), 1),
            new SpendRow("k", "month", LocalDate.parse("2026-03-01"), 1),
            new SpendRow("k", "day", LocalDate.parse("2026-04-01"), 2),
            new SpendRow("k", "month", LocalDate.parse("2026-04-01"), 2));
  }

  @Test
  void incrementsThatCouldNotBeSavedAreKeptForTheNextSave() {
    ledger.charge("k", 1);
    List<SpendRow> failed = ledger.drainUnsaved();
    ledger.charge("k", 0.5);

    ledger.keepUnsaved(failed);

    assertThat(ledger.drainUnsaved())
        .containsExactlyInAnyOrder(
            new SpendRow("k", "day", LocalDate.parse("2026-03-31"), 1.5),
            new SpendRow("k", "month", LocalDate.parse("2026-03-01"), 1.5));
  }

  @Test
  void catchesUpWithStoredRecordsCostsWhenTheSavedTotalsAreBehind() {
    ledger.load(List.of(
        new SpendRow("a", "day", LocalDate.parse("2026-03-31"), 1.0),
        new SpendRow("a", "month", LocalDate.parse("2026-03-01"), 3.0),
        new SpendRow("b", "day", LocalDate.parse("2026-03-31"), 2.0),
        new SpendRow("b", "month", LocalDate.parse("2026-03-01"), 2.0)));

    double added = ledger.catchUp(List.of(
        new KeyCost("a", 1.25, 3.25), // a crash lost 0.25 of a's last second
        new KeyCost("b", 2.0 + 1e-13, 1.5), // summed in another order; or records the store lost
        new KeyCost("c", 0.5, 0.75)));

    assertThat(added).isCloseTo(0.25 + 0.25 + 0.5 + 0.75, within(1e-12));
    assertThat(ledger.spent("a")).isEqualTo(new SpendTotals(1.25, 3.25));
    assertThat(ledger.spent("b")).isEqualTo(new SpendTotals(2.0, 2.0));
    assertThat(ledger.spent("c")).isEqualTo(new SpendTotals(0.5, 0.75));
    // the differences are saved, so the stored totals catch up too
    assertThat(ledger.drainUnsaved())
        .containsExactlyInAnyOrder(
            new SpendRow("a", "day", LocalDate.parse("2026-03-31"), 0.25),
            new SpendRow("a", "month", LocalDate.parse("2026-03-01"), 0.25),
            new SpendRow("c", "day", LocalDate.parse("2026-03-31"), 0.5),
            new SpendRow("c", "month", LocalDate.parse("2026-03-01"), 0.75));
  }

  @Test
  void concurrentChargesAndDrainsLoseAndRepeatNothing() throws Exception {
    int threads = 4;
    int charges = 20_000;
    java.util.concurrent.atomic.DoubleAdder drained = new java.util.concurrent.atomic.DoubleAdder();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Thread saver = new Thread(() -> {
      while (!done.get()) {
        ledger.drainUnsaved().stream().filter(r -> r.period().equals("day")).forEach(r -> drained.add(r.spendUsd()));
      }
    });
    saver.start();
    List<Thread> chargers = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread charger = new Thread(() -> {
        for (int i = 0; i < charges; i++) {
          ledger.charge("k", 0.001);
        }
      });
      chargers.add(charger);
      charger.start();
    }
    for (Thread charger : chargers) {
      charger.join();
    }
    done.set(true);
    saver.join();
    ledger.drainUnsaved().stream().filter(r -> r.period().equals("day")).forEach(r -> drained.add(r.spendUsd()));

    assertThat(drained.sum()).isCloseTo(threads * charges * 0.001, within(1e-6));
    assertThat(ledger.spent("k").dayUsd()).isCloseTo(threads * charges * 0.001, within(1e-6));
  }
}
