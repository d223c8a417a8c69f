package dev.switchboard.gateway.stats;

import dev.switchboard.telemetry.stats.analysis.Analyses;
import dev.switchboard.telemetry.stats.analysis.AnalysisResult;
import dev.switchboard.telemetry.stats.analysis.Headline;
import dev.switchboard.telemetry.stats.analysis.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders results as a readable Markdown report: per analysis its headline number first, the other
 * headlines, one short table (shares pivoted to the latest buckets × largest keys) and its notes.
 */
public final class MarkdownReport {
  static final int MAX_BUCKETS = 8;
  static final int MAX_KEYS = 6;
  static final int MAX_ROWS = 10;
  static final int MAX_COLUMNS = 8;

  private MarkdownReport() {}

  /** Renders {@code results}, titled with the window and record count. */
  public static String render(List<AnalysisResult> results, String title) {
    StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
    int n = 1;
    for (AnalysisResult r : results) {
      out.append("## ").append(n++).append(". ").append(r.analysis()).append("\n\n");
      Analyses.find(r.analysis()).ifPresent(a -> out.append(a.description()).append(".\n\n"));
      List<Headline> headlines = r.headlines();
      if (!headlines.isEmpty()) {
        out.append("**").append(headline(headlines.get(0))).append("**\n");
        for (Headline h : headlines.subList(1, headlines.size())) {
          out.append("- ").append(headline(h)).append('\n');
        }
        out.append('\n');
      }
      Series first = r.series().stream().filter(s -> !s.isEmpty()).findFirst().orElse(null);
      if (first == null) {
        out.append("_No data in this window._\n\n");
      } else {
        out.append("_").append(first.name()).append(": ").append(first.description()).append("_\n\n");
        out.append(first.layout() == Series.Layout.SHARES_OVER_TIME ? pivot(first) : table(first)).append('\n');
      }
      for (String note : r.notes()) {
        out.append("> ").append(note).append('\n');
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String headline(Headline h) {
    String value = h.value() == null ? "n/a" : format(h.value(), h.unit());
    return h.label() + ": " + value + (h.detail() == null ? "" : " (" + h.detail() + ")");
  }

  /** Pivots a long share table: the latest buckets as rows, the largest keys as columns, shares as cells. */
  private static String pivot(Series s) {
    List<String> columns = s.columns();
    int keyColumn = columns.indexOf("value") - 1;
    int bucketColumn = columns.indexOf("bucket");
    int groupColumn = bucketColumn > 0 ? 0 : -1;
    Map<String, Double> keyTotals = new LinkedHashMap<>();
    Set<String> buckets = new LinkedHashSet<>();
    for (List<Object> row : s.rows()) {
      keyTotals.merge((String) row.get(keyColumn), ((Number) row.get(keyColumn + 1)).doubleValue(), Double::sum);
      buckets.add(rowBucket(row, groupColumn, bucketColumn));
    }
    List<String> keys = keyTotals.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(MAX_KEYS).map(Map.Entry::getKey).toList();
    List<String> shown = new ArrayList<>(buckets);
    int hidden = Math.max(0, shown.size() - MAX_BUCKETS);
    shown = shown.subList(hidden, shown.size());
    StringBuilder out = new StringBuilder("| bucket |");
    keys.forEach(k -> out.append(' ').append(cell(k)).append(" |"));
    out.append("\n|---|").append("---:|".repeat(keys.size())).append('\n');
    for (String bucket : shown) {
      out.append("| ").append(bucket).append(" |");
      for (String key : keys) {
        Double share = null;
        for (List<Object> row : s.rows()) {
          if (rowBucket(row, groupColumn, bucketColumn).equals(bucket) && key.equals(row.get(keyColumn))) {
            share = ((Number) row.get(keyColumn + 2)).doubleValue();
          }
        }
        out.append(' ').append(share == null ? "" : percent(share)).append(" |");
      }
      out.append('\n');
    }
    if (hidden > 0) {
      out.append("\n_").append(hidden).append(" earlier buckets not shown._\n");
    }
    return out.toString();
  }

  private static String rowBucket(List<Object> row, int groupColumn, int bucketColumn) {
    String bucket = row.get(bucketColumn) + (Boolean.TRUE.equals(row.get(bucketColumn + 1)) ? " (partial)" : "");
    return groupColumn < 0 ? bucket : row.get(groupColumn) + " " + bucket;
  }

  private static String table(Series s) {
    List<String> columns = s.columns().subList(0, Math.min(MAX_COLUMNS, s.columns().size()));
    StringBuilder out = new StringBuilder("|");
    columns.forEach(c -> out.append(' ').append(c).append(" |"));
    out.append("\n|").append("---|".repeat(columns.size())).append('\n');
    for (List<Object> row : s.rows().subList(0, Math.min(MAX_ROWS, s.rows().size()))) {
      out.append('|');
      for (int i = 0; i < columns.size(); i++) {
        out.append(' ').append(value(columns.get(i), row.get(i))).append(" |");
      }
      out.append('\n');
    }
    if (s.rows().size() > MAX_ROWS) {
      out.append("\n_").append(s.rows().size() - MAX_ROWS).append(" more rows not shown._\n");
    }
    return out.toString();
  }

  private static String value(String column, Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      boolean ratio = column.contains("share") || column.contains("rate") || column.equals("retention")
          || column.matches("r\\d|mean_r3_5");
      return ratio ? percent(d) : compact(d);
    }
    if (v instanceof Long l) {
      return String.format(Locale.ROOT, "%,d", l);
    }
    return cell(v.toString());
  }

  static String format(double v, Headline.Unit unit) {
    return switch (unit) {
      case SHARE -> percent(v);
      case COUNT -> String.format(Locale.ROOT, "%,d", Math.round(v));
      case TOKENS -> compact(v);
      case USD -> String.format(Locale.ROOT, "$%,.2f", v);
      case USD_PER_MTOK -> String.format(Locale.ROOT, "$%.3f / 1M tokens", v);
      case MILLISECONDS -> String.format(Locale.ROOT, "%,.0f ms", v);
      case NUMBER -> String.format(Locale.ROOT, "%.3f", v);
    };
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** Prints large numbers with K/M/B/T suffixes and small ones with up to 3 decimals. */
  static String compact(double v) {
    double a = Math.abs(v);
    if (a >= 1e12) {
      return String.format(Locale.ROOT, "%.2fT", v / 1e12);
    }
    if (a >= 1e9) {
      return String.format(Locale.ROOT, "%.2fB", v / 1e9);
    }
    if (a >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", v / 1e6);
    }
    if (a >= 1e4) {
      return String.format(Locale.ROOT, "%.1fK", v / 1e3);
    }
    if (v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
