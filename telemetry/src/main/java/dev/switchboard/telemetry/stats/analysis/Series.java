package dev.switchboard.telemetry.stats.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Holds one table of a result: named columns and rows of values (String, Long, Double, Boolean or
 * null). Share tables are long-format: one row per bucket and key, each with its denominator.
 *
 * @param layout how a reader should lay the table out
 */
public record Series(String name, String description, Layout layout, List<String> columns, List<List<Object>> rows) {

  /** Says whether rows are (bucket, key) shares to pivot, or a plain table. */
  public enum Layout {
    /** Columns include {@code bucket}, {@code key} and {@code share}: pivot buckets × keys. */
    SHARES_OVER_TIME,
    TABLE
  }

  public Series {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(name + ": row " + row + " does not match " + columns);
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  /** Starts a table with these columns. */
  public static Builder builder(String name, String description, Layout layout, String... columns) {
    return new Builder(name, description, layout, List.of(columns));
  }

  /** Returns whether the table has no rows. */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Returns the values of one column, in row order. */
  public List<Object> column(String column) {
    int c = index(column);
    return rows.stream().map(r -> r.get(c)).toList();
  }

  /** Returns the rows as column → value maps. */
  public List<Map<String, Object>> asMaps() {
    List<Map<String, Object>> maps = new ArrayList<>();
    for (List<Object> row : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        m.put(columns.get(i), row.get(i));
      }
      maps.add(m);
    }
    return maps;
  }

  /**
   * Returns {@code column} of the one row whose columns equal the given (column, value) pairs, e.g.
   * {@code value("share", "bucket", "2025-11-03", "key", "proprietary")}.
   */
  public Object value(String column, Object... match) {
    List<List<Object>> found = rows.stream().filter(r -> matches(r, match)).toList();
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          name + ": " + found.size() + " rows match " + Arrays.toString(match));
    }
    return found.get(0).get(index(column));
  }

  /** Returns {@link #value} as a double. */
  public double number(String column, Object... match) {
    return ((Number) value(column, match)).doubleValue();
  }

  /** Sums {@code column} over the rows matching the (column, value) pairs; null values add 0. */
  public double sum(String column, Object... match) {
    int c = index(column);
    return rows.stream().filter(r -> matches(r, match)).map(r -> r.get(c))
        .mapToDouble(v -> v == null ? 0 : ((Number) v).doubleValue()).sum();
  }

  /** Returns the rows whose columns equal the given (column, value) pairs. */
  public List<List<Object>> where(Object... match) {
    return rows.stream().filter(r -> matches(r, match)).toList();
  }

  private boolean matches(List<Object> row, Object[] match) {
    for (int i = 0; i + 1 < match.length; i += 2) {
      if (!Objects.equals(row.get(index((String) match[i])), match[i + 1])) {
        return false;
      }
    }
    return true;
  }

  private int index(String column) {
    int c = columns.indexOf(column);
    if (c < 0) {
      throw new IllegalArgumentException(name + " has no column " + column + "; has " + columns);
    }
    return c;
  }

  /** Collects rows for a {@link Series}. */
  public static final class Builder {
    private final String name;
    private final String description;
    private final Layout layout;
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    private Builder(String name, String description, Layout layout, List<String> columns) {
      this.name = name;
      this.description = description;
      this.layout = layout;
      this.columns = columns;
    }

    /** Adds a row; NaN and infinite doubles become null. */
    public Builder row(Object... values) {
      List<Object> row = new ArrayList<>(values.length);
      for (Object v : values) {
        row.add(v instanceof Double d && !Double.isFinite(d) ? null : v);
      }
      rows.add(row);
      return this;
    }

    public Series build() {
      return new Series(name, description, layout, columns, rows);
    }
  }
}
