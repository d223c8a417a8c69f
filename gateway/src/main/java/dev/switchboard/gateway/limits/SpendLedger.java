package dev.switchboard.gateway.limits;

import dev.switchboard.gateway.auth.SpendRow;
import dev.switchboard.telemetry.store.KeyCost;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each key's spend in the current UTC day and month in this process, charged as usage
 * records are built, and the increments not yet saved, per key and period. A new day or month
 * starts from zero, which is how budgets roll over; increments of a period that has passed are
 * still saved to it.
 */
public final class SpendLedger implements BudgetLedger {
  // sums of the same costs in another order differ in the last bits: not a missed charge
  private static final double NOISE_USD = 1e-9;
  private final Map<String, KeySpend> spend = new ConcurrentHashMap<>();
  private final Map<Period, Double> unsaved = new ConcurrentHashMap<>();
  private final Clock clock;

  public SpendLedger(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<SpendTotals> check(String keyId) {
    return Future.succeededFuture(spent(keyId));
  }

  @Override
  public SpendTotals spent(String keyId) {
    KeySpend k = spend.get(keyId);
    return k == null ? SpendTotals.ZERO : k.totals(today());
  }

  @Override
  public void charge(String keyId, double usd) {
    if (usd <= 0 || !Double.isFinite(usd)) {
      return;
    }
    LocalDate today = today();
    spend.computeIfAbsent(keyId, id -> new KeySpend()).add(today, usd);
    unsaved.merge(new Period(keyId, SpendRow.DAY, today), usd, Double::sum);
    unsaved.merge(new Period(keyId, SpendRow.MONTH, today.withDayOfMonth(1)), usd, Double::sum);
  }

  /** Takes stored totals (at startup); rows of other periods than today's are ignored. */
  public void load(List<SpendRow> rows) {
    LocalDate today = today();
    for (SpendRow row : rows) {
      spend.computeIfAbsent(row.keyId(), id -> new KeySpend()).restore(today, row);
    }
  }

  /**
   * Raises each key's totals to what its stored usage records cost, when the stored spend is behind
   * them (a crash lost the last unsaved increments, but never an answered request's record), and
   * marks the difference unsaved so the stored spend catches up. Call after {@link #load}, once the
   * journal's records are in the usage store.
   *
   * @return the dollars added, over all keys and both periods
   */
  public double catchUp(List<KeyCost> costs) {
    LocalDate today = today();
    double added = 0;
    for (KeyCost cost : costs) {
      SpendTotals missing =
          spend.computeIfAbsent(cost.apiKeyId(), id -> new KeySpend()).raise(today, cost);
      if (missing.dayUsd() > 0) {
        unsaved.merge(new Period(cost.apiKeyId(), SpendRow.DAY, today), missing.dayUsd(), Double::sum);
      }
      if (missing.monthUsd() > 0) {
        unsaved.merge(
            new Period(cost.apiKeyId(), SpendRow.MONTH, today.withDayOfMonth(1)), missing.monthUsd(), Double::sum);
      }
      added += missing.dayUsd() + missing.monthUsd();
    }
    return added;
  }

  @Override
  public List<SpendRow> drainUnsaved() {
    List<SpendRow> rows = new ArrayList<>();
    for (Period period : unsaved.keySet()) {
      Double usd = unsaved.remove(period); // a charge after this starts a new increment
      if (usd != null) {
        rows.add(new SpendRow(period.keyId(), period.period(), period.start(), usd));
      }
    }
    return rows;
  }

  @Override
  public void keepUnsaved(List<SpendRow> rows) {
    for (SpendRow row : rows) {
      unsaved.merge(new Period(row.keyId(), row.period(), row.periodStart()), row.spendUsd(), Double::sum);
    }
  }

  @Override
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** Returns the clock periods are told by. */
  Clock clock() {
    return clock;
  }

  /** Names one key's budget period, the unit increments are saved in. */
  private record Period(String keyId, String period, LocalDate start) {}

  /** Holds one key's running totals; a period that has passed reads as zero. */
  private static final class KeySpend {
    private LocalDate day = LocalDate.MIN;
    private double dayUsd;
    private LocalDate month = LocalDate.MIN;
    private double monthUsd;

    synchronized void add(LocalDate today, double usd) {
      roll(today);
      dayUsd += usd;
      monthUsd += usd;
    }

    synchronized SpendTotals totals(LocalDate today) {
      roll(today);
      return new SpendTotals(dayUsd, monthUsd);
    }

    synchronized void restore(LocalDate today, SpendRow row) {
      roll(today);
      if (row.period().equals(SpendRow.DAY) && row.periodStart().equals(today)) {
        dayUsd = row.spendUsd();
      } else if (row.period().equals(SpendRow.MONTH)
          && row.periodStart().equals(today.withDayOfMonth(1))) {
        monthUsd = row.spendUsd();
      }
    }

    /** Raises the totals to {@code cost}'s where they are lower; returns by how much. */
    synchronized SpendTotals raise(LocalDate today, KeyCost cost) {
      roll(today);
      double day = cost.dayUsd() - dayUsd > NOISE_USD ? cost.dayUsd() - dayUsd : 0;
      double month = cost.monthUsd() - monthUsd > NOISE_USD ? cost.monthUsd() - monthUsd : 0;
      dayUsd += day;
      monthUsd += month;
      return new SpendTotals(day, month);
    }

    private void roll(LocalDate today) {
      if (!today.equals(day)) {
        day = today;
        dayUsd = 0;
      }
      LocalDate monthStart = today.withDayOfMonth(1);
      if (!monthStart.equals(month)) {
        month = monthStart;
        monthUsd = 0;
      }
    }
  }
}
