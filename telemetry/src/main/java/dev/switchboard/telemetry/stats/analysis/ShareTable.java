package dev.switchboard.telemetry.stats.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns values per (group, bucket, key) into a long-format share table: each row carries its value,
 * its share of the (group, bucket) denominator and that denominator. Groups or buckets whose
 * denominator is not positive are left out, so an empty window gives an empty table.
 */
final class ShareTable {
  private ShareTable() {}

  /** Holds one value; {@code group} and {@code bucket} may be null when not used. */
  record Cell(String group, LocalDate bucket, String key, double value) {}

  /**
   * Builds the table. Columns: [groupColumn], [bucket, partial] when {@code window} is given, then
   * keyColumn, value, share, denominator.
   */
  static Series build(
      String name, String description, String groupColumn, String keyColumn, List<Cell> cells, StatsWindow window) {
    // (group, bucket) -> key -> value, in group then bucket order.
    Map<String, Map<LocalDate, Map<String, Double>>> sums = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    for (Cell c : cells) {
      sums.computeIfAbsent(c.group(), g -> new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder())))
          .computeIfAbsent(c.bucket(), b -> new LinkedHashMap<>())
          .merge(c.key(), c.value(), Double::sum);
    }
    List<String> columns = new ArrayList<>();
    if (groupColumn != null) {
      columns.add(groupColumn);
    }
    if (window != null) {
      columns.add("bucket");
      columns.add("partial");
    }
    columns.addAll(List.of(keyColumn, "value", "share", "denominator"));
    Series.Builder table =
        Series.builder(name, description, window != null ? Series.Layout.SHARES_OVER_TIME : Series.Layout.TABLE,
            columns.toArray(String[]::new));
    sums.forEach((group, buckets) -> buckets.forEach((bucket, values) -> {
      double denominator = values.values().stream().mapToDouble(Double::doubleValue).sum();
      if (denominator <= 0) {
        return;
      }
      values.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> {
            List<Object> row = new ArrayList<>();
            if (groupColumn != null) {
              row.add(group);
            }
            if (window != null) {
              row.add(Objects.requireNonNull(bucket).toString());
              row.add(window.partial(bucket));
            }
            row.add(e.getKey());
            row.add(e.getValue());
            row.add(e.getValue() / denominator);
            row.add(denominator);
            table.row(row.toArray());
          });
    }));
    return table.build();
  }

  /** Sums the cells per key over groups and buckets. */
  static Map<String, Double> totals(List<Cell> cells) {
    Map<String, Double> totals = new LinkedHashMap<>();
    for (Cell c : cells) {
      totals.merge(c.key(), c.value(), Double::sum);
    }
    return totals;
  }

  /** Returns the cells with keys outside {@code top} renamed to {@code other}. */
  static List<Cell> collapse(List<Cell> cells, java.util.Set<String> top) {
    return cells.stream()
        .map(c -> top.contains(c.key()) ? c : new Cell(c.group(), c.bucket(), TopN.OTHER, c.value()))
        .toList();
  }

  /** Returns the cells without the window buckets (for window-level shares). */
  static List<Cell> unbucketed(List<Cell> cells) {
    return cells.stream().map(c -> new Cell(c.group(), null, c.key(), c.value())).toList();
  }
}
