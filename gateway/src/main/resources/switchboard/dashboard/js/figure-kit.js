// What the figures share: study categories and colours, empty-state texts, headline text, and
// builders for the common figure kinds (a stacked share figure, a one-key share line, a share table).

import * as charts from './charts.js';
import * as fmt from './format.js';
import { headline, rowsWith } from './result.js';

export const CATEGORIES = ['Programming', 'Roleplay', 'Technology', 'Science', 'Translation', 'Trivia', 'Health',
  'Finance', 'Legal', 'Academia', 'Marketing', 'SEO', 'Other'];

export const SOURCE_LABELS = { proprietary: 'Proprietary', chinese_oss: 'Chinese OSS', row_oss: 'RoW OSS', unknown: 'Unknown' };
export const SOURCE_COLORS = { proprietary: '#1f4e79', chinese_oss: '#d1495b', row_oss: '#2e8b57', unknown: '#b0b7bf' };
export const SIZE_COLORS = { small: '#98c1d9', medium: '#edae49', large: '#1f4e79', unknown: '#b0b7bf' };
export const CATEGORY_COLORS = Object.fromEntries(CATEGORIES.map((c, i) => [c, charts.PALETTE[i % charts.PALETTE.length]]));

export const HINT = 'Widen the time window or clear the filters.';
export const WINDOW_EMPTY = `No requests in this window match the filters. ${HINT}`;

export function headlineText(result, label) {
  const h = headline(result, label);
  if (!h || h.value === null || h.value === undefined) {
    return '';
  }
  return `${h.label}: ${fmt.byUnit(h.value, h.unit)}${h.detail ? ` (${h.detail})` : ''}`;
}

/** Builds one stacked-share figure from a long-format series. */
export function shares(seriesName, key, { order = [], label, colors, filter, empty = WINDOW_EMPTY } = {}) {
  return (result) => {
    let found = rowsWith(result, seriesName, 'bucket', key, 'share');
    if (found && filter) {
      found = found.filter(filter);
    }
    if (!found || found.length === 0) {
      return { empty };
    }
    return { chart: charts.stackedShares(found, { key, order, label, colors }) };
  };
}

/**
 * Returns one row per bucket with the share of `value` among the key column's values (0 in a
 * bucket where it had no row), so a line of one key's share has a point in every bucket.
 */
export function shareOf(rowList, keyColumn, value) {
  const byBucket = new Map();
  for (const r of rowList) {
    const entry = byBucket.get(r.bucket) || { bucket: r.bucket, partial: r.partial, share: 0 };
    if (String(r[keyColumn]) === value && typeof r.share === 'number') {
      entry.share += r.share;
    }
    byBucket.set(r.bucket, entry);
  }
  return [...byBucket.values()];
}

export function shareTable(rowList, nameColumn, heading) {
  const table = document.createElement('table');
  table.className = 'share-table';
  table.dataset.series = heading.series;
  const caption = document.createElement('caption');
  caption.textContent = heading.caption;
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  for (const text of [heading.name, 'share', 'tokens']) {
    const th = document.createElement('th');
    th.textContent = text;
    headRow.append(th);
  }
  head.append(headRow);
  const body = document.createElement('tbody');
  for (const r of rowList) {
    const tr = document.createElement('tr');
    tr.dataset.key = String(r[nameColumn]);
    tr.dataset.share = String(r.share);
    tr.dataset.value = String(r.value);
    const name = document.createElement('td');
    name.textContent = String(r[nameColumn]);
    const share = document.createElement('td');
    share.className = 'num';
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.width = `${Math.max(0, Math.min(1, r.share)) * 100}%`;
    share.append(bar, document.createTextNode(fmt.share(r.share)));
    const value = document.createElement('td');
    value.className = 'num';
    value.textContent = fmt.count(r.value);
    tr.append(name, share, value);
    body.append(tr);
  }
  table.append(caption, head, body);
  return table;
}

