package dev.switchboard.gateway.limits;

import dev.switchboard.gateway.auth.SpendRow;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each key's spend in the current UTC day and month in memory, charged as usage records are
 * built, and hands the changed totals to the store in batches. A new day or month starts from
 * zero, which is how budgets roll over.
 */
public final class SpendLedger {
  private final Map<String, KeySpend> spend = new ConcurrentHashMap<>();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  // what each key was charged since the last drainIncrements (bounded by the number of keys)
  private final Map<String, Double> unsaved = new ConcurrentHashMap<>();
  private final Clock clock;

  public SpendLedger(Clock clock) {
    this.clock = clock;
  }

  /** Returns today's and this month's spend of {@code keyId}. */
  public SpendTotals spent(String keyId) {
    KeySpend k = spend.get(keyId);
    return k == null ? SpendTotals.ZERO : k.totals(today());
  }

  /** Adds {@code usd} to the key's day and month. */
  public void charge(String keyId, double usd) {
    if (usd <= 0 || !Double.isFinite(usd)) {
      return;
    }
    spend.computeIfAbsent(keyId, id -> new KeySpend()).add(today(), usd);
    dirty.add(keyId);
    unsaved.merge(keyId, usd, Double::sum);
  }

  /** Takes stored totals (at startup); rows of other periods than today's are ignored. */
  public void load(List<SpendRow> rows) {
    LocalDate today = today();
    for (SpendRow row : rows) {
      spend.computeIfAbsent(row.keyId(), id -> new KeySpend()).restore(today, row);
    }
  }

  /** Returns the totals changed since the last call, as rows to save. */
  public List<SpendRow> drainChanged() {
    List<SpendRow> rows = new ArrayList<>();
    LocalDate today = today();
    for (Iterator<String> it = dirty.iterator(); it.hasNext(); ) {
      String keyId = it.next();
      it.remove(); // a charge after this re-marks the key for the next drain
      SpendTotals totals = spend.get(keyId).totals(today);
      rows.add(new SpendRow(keyId, SpendRow.DAY, today, totals.dayUsd()));
      rows.add(new SpendRow(keyId, SpendRow.MONTH, today.withDayOfMonth(1), totals.monthUsd()));
    }
    return rows;
  }

  /**
   * Returns what was charged since the last call, as rows to add to a store several gateways
   * write (today's day and month). A charge racing the drain lands in this drain or the next, never
   * in both or neither.
   */
  public List<SpendRow> drainIncrements() {
    List<SpendRow> rows = new ArrayList<>();
    LocalDate today = today();
    for (String keyId : unsaved.keySet()) {
      Double usd = unsaved.remove(keyId);
      if (usd != null) {
        rows.add(new SpendRow(keyId, SpendRow.DAY, today, usd));
        rows.add(new SpendRow(keyId, SpendRow.MONTH, today.withDayOfMonth(1), usd));
      }
    }
    return rows;
  }

  /** Returns the current UTC day. */
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

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
