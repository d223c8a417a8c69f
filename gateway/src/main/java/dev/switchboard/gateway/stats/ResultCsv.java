package dev.switchboard.gateway.stats;

import dev.switchboard.telemetry.stats.analysis.AnalysisResult;
import dev.switchboard.telemetry.stats.analysis.Series;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a result's series as one RFC 4180 CSV table: a {@code series} column, then the union of
 * all series' columns in first-seen order (empty where a series lacks the column).
 */
public final class ResultCsv {
  private ResultCsv() {}

  public static String render(AnalysisResult r) {
    Set<String> union = new LinkedHashSet<>();
    r.series().forEach(s -> union.addAll(s.columns()));
    List<String> columns = new ArrayList<>(union);
    StringBuilder out = new StringBuilder("series");
    for (String c : columns) {
      out.append(',').append(escape(c));
    }
    out.append("\r\n");
    for (Series s : r.series()) {
      for (Map<String, Object> row : s.asMaps()) {
        out.append(escape(s.name()));
        for (String c : columns) {
          out.append(',');
          Object v = row.get(c);
          if (v != null) {
            out.append(escape(v instanceof Double d ? number(d) : v.toString()));
          }
        }
        out.append("\r\n");
      }
    }
    return out.toString();
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static String escape(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
