// Reads analysis results by name, never by position, so a series or column the API adds, renames
// or drops only empties the panel that needs it.

/** Returns the rows of the named series, or null when the result lacks it or it has no rows. */
export function rows(result, seriesName) {
  const series = result && Array.isArray(result.series) ? result.series.find((s) => s.name === seriesName) : null;
  if (!series || !Array.isArray(series.rows) || series.rows.length === 0) {
    return null;
  }
  return series.rows;
}

/** Returns whether every row has every named column (null values allowed). */
export function hasColumns(rowList, ...columns) {
  return rowList.every((row) => columns.every((c) => Object.prototype.hasOwnProperty.call(row, c)));
}

/** Returns the rows that have the named columns, or null when none does. */
export function rowsWith(result, seriesName, ...columns) {
  const found = rows(result, seriesName);
  if (!found || !hasColumns(found, ...columns)) {
    return null;
  }
  return found;
}

/** Returns the distinct values of a column in first-seen order. */
export function distinct(rowList, column) {
  const seen = new Set();
  for (const row of rowList) {
    seen.add(row[column]);
  }
  return [...seen];
}

/** Returns the number of a top-level summary value, or null. */
export function summaryNumber(result, name) {
  const value = result ? result[name] : undefined;
  return typeof value === 'number' ? value : null;
}

/** Returns the headline with the given label, or null. */
export function headline(result, label) {
  return (result && Array.isArray(result.headlines) ? result.headlines.find((h) => h.label === label) : null) || null;
}

/**
 * Pivots long-format rows into buckets x keys: returns the sorted buckets, the keys (ordered by
 * `order` first, then by total value, largest first, with `last` at the end), a value per (key, bucket) with 0 where a
 * key had no row, and the partial buckets.
 */
export function pivot(rowList, { x = 'bucket', key, value = 'share', order = [], last = ['other'] }) {
  const buckets = distinct(rowList, x).sort();
  const index = new Map(buckets.map((b, i) => [b, i]));
  const totals = new Map();
  const values = new Map();
  const partial = new Set();
  for (const row of rowList) {
    const k = String(row[key]);
    if (!values.has(k)) {
      values.set(k, new Array(buckets.length).fill(0));
      totals.set(k, 0);
    }
    const v = typeof row[value] === 'number' ? row[value] : 0;
    values.get(k)[index.get(row[x])] += v;
    totals.set(k, totals.get(k) + v);
    if (row.partial === true) {
      partial.add(row[x]);
    }
  }
  const rank = (k) => {
    if (last.includes(k)) {
      return order.length + 1;
    }
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  const keys = [...values.keys()].sort((a, b) => rank(a) - rank(b) || totals.get(b) - totals.get(a) || a.localeCompare(b));
  return { buckets, keys, values, partial };
}
