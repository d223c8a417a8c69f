package dev.switchboard.telemetry.store;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;

/**
 * Spells a set of timestamps as a predicate on {@code ts_us} that the primary key answers: runs of
 * timestamps closer than a second become one {@code BETWEEN}; too many runs become one {@code IN}
 * list. Short SQL matters: 18.16 parses a literal list of thousands of values slower than it
 * reads the rows.
 */
final class TimeRanges {
  private static final long GAP_US = 1_000_000;
  private static final int MAX_RANGES = 32;

  private TimeRanges() {}

  static String predicate(NavigableSet<Long> times) {
    List<long[]> ranges = new ArrayList<>();
    for (long t : times) {
      long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && t - last[1] <= GAP_US) {
        last[1] = t;
      } else {
        ranges.add(new long[] {t, t});
      }
    }
    if (ranges.size() > MAX_RANGES) {
      StringBuilder in = new StringBuilder("ts_us IN (");
      for (long t : times) {
        in.append(t).append(',');
      }
      in.setCharAt(in.length() - 1, ')');
      return in.toString();
    }
    StringBuilder or = new StringBuilder("(");
    for (long[] r : ranges) {
      or.append(or.length() == 1 ? "" : " OR ").append("ts_us BETWEEN ").append(r[0]).append(" AND ").append(r[1]);
    }
    return or.append(')').toString();
  }
}
