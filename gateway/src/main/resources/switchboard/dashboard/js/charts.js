// Builds ECharts options the way the study draws its figures. Every builder takes rows read by
// column name and returns a complete option; series ids are the API's keys or column names, so the
// drawn data can be read back and compared with the API.

import * as fmt from './format.js';
import { pivot } from './result.js';

export const PALETTE = ['#1f4e79', '#d1495b', '#2e8b57', '#edae49', '#66a182', '#8d6a9f', '#00798c',
  '#f26419', '#5c6b73', '#b5838d', '#3d5a80', '#98c1d9', '#9c6644', '#7f7f7f'];

/** Escapes text for the HTML of a tooltip. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function base() {
  return {
    color: PALETTE,
    animationDuration: 300,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    grid: { left: 16, right: 40, top: 48, bottom: 16, containLabel: true },
  };
}

function legend() {
  return { type: 'scroll', top: 0, left: 0, right: 0, textStyle: { fontSize: 11 } };
}

function bucketAxis(buckets, partial) {
  return {
    type: 'category',
    boundaryGap: false,
    data: buckets,
    axisLabel: { formatter: (b) => (partial.has(b) ? `${b}*` : b), hideOverlap: true },
  };
}

function partialAreas(buckets, partial) {
  const marked = buckets.filter((b) => partial.has(b));
  if (marked.length === 0) {
    return undefined;
  }
  return {
    silent: true,
    itemStyle: { color: 'rgba(120,120,120,0.12)' },
    data: marked.map((b) => [{ xAxis: b }, { xAxis: b }]),
  };
}

function shareTooltip() {
  return {
    trigger: 'axis',
    order: 'seriesDesc',
    valueFormatter: (v) => fmt.share(v),
  };
}

/**
 * Draws a stacked 100% area of shares over time: one series per key (id = key), values aligned
 * to the buckets, 0 where a key had no traffic in a bucket.
 */
export function stackedShares(rowList, { key, value = 'share', order = [], label = (k) => k, colors = {} }) {
  const p = pivot(rowList, { key, value, order });
  const option = base();
  option.legend = legend();
  option.tooltip = shareTooltip();
  option.xAxis = bucketAxis(p.buckets, p.partial);
  option.yAxis = { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => fmt.share(v, 0) } };
  option.series = p.keys.map((k, i) => ({
    id: k,
    name: label(k),
    type: 'line',
    stack: 'share',
    symbol: 'none',
    lineStyle: { width: 0.5 },
    areaStyle: { opacity: 0.85 },
    emphasis: { focus: 'series' },
    itemStyle: colors[k] ? { color: colors[k] } : undefined,
    data: p.values.get(k),
    markArea: i === 0 ? partialAreas(p.buckets, p.partial) : undefined,
  }));
  return option;
}

/**
 * Draws lines over time, one per entry of `lines` ({rows, column, label, dashed}); each line has
 * its own rows so lines from different series share one bucket axis.
 */
export function linesOverTime(lines, { yFormat = fmt.number, percent = false, yName } = {}) {
  const buckets = [...new Set(lines.flatMap((l) => l.rows.map((r) => r.bucket)))].sort();
  const partial = new Set(lines.flatMap((l) => l.rows.filter((r) => r.partial === true).map((r) => r.bucket)));
  const index = new Map(buckets.map((b, i) => [b, i]));
  const option = base();
  option.legend = legend();
  option.tooltip = { trigger: 'axis', valueFormatter: (v) => yFormat(v) };
  option.xAxis = bucketAxis(buckets, partial);
  option.yAxis = {
    type: 'value',
    name: yName,
    min: percent ? 0 : undefined,
    axisLabel: { formatter: (v) => (percent ? fmt.share(v, 0) : fmt.count(v)) },
  };
  option.series = lines.map((l, i) => {
    const data = new Array(buckets.length).fill(null);
    for (const r of l.rows) {
      data[index.get(r.bucket)] = typeof r[l.column] === 'number' ? r[l.column] : null;
    }
    return {
      id: l.id || l.column,
      name: l.label,
      type: 'line',
      symbol: 'none',
      connectNulls: false,
      lineStyle: { width: 2, type: l.dashed ? 'dashed' : 'solid' },
      data,
      markArea: i === 0 ? partialAreas(buckets, partial) : undefined,
    };
  });
  return option;
}

/** Draws horizontal bars, one per row, largest on top (category axis = the `name` column). */
export function horizontalBars(rowList, { name, value, label = value, format = fmt.share, color }) {
  const ordered = [...rowList].reverse();
  const option = base();
  option.grid = { left: 8, right: 56, top: 8, bottom: 24, containLabel: true };
  option.tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => format(v) };
  option.xAxis = { type: 'value', axisLabel: { formatter: (v) => format(v) } };
  option.yAxis = { type: 'category', data: ordered.map((r) => String(r[name])) };
  option.series = [{
    id: value,
    name: label,
    type: 'bar',
    itemStyle: color ? { color } : undefined,
    label: { show: true, position: 'right', formatter: (p) => format(p.value), fontSize: 10 },
    data: ordered.map((r) => r[value]),
  }];
  return option;
}

/** Draws grouped vertical bars: one group per row (label from `name`), one bar per column. */
export function groupedBars(rowList, { name, columns, format = fmt.number, percent = false }) {
  const option = base();
  option.legend = legend();
  option.grid = { left: 36, right: 16, top: 36, bottom: 8, containLabel: true };
  option.tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => format(v) };
  option.xAxis = {
    type: 'category',
    data: rowList.map((r) => name(r)),
    axisLabel: { rotate: 35, fontSize: 10, interval: 0, width: 130, overflow: 'truncate' },
  };
  option.yAxis = { type: 'value', min: percent ? 0 : undefined, axisLabel: { formatter: (v) => format(v) } };
  option.series = columns.map((c) => ({
    id: c.column,
    name: c.label,
    type: 'bar',
    data: rowList.map((r) => (typeof r[c.column] === 'number' ? r[c.column] : null)),
  }));
  return option;
}

const QUADRANT_COLORS = { premium: '#d1495b', mass_market: '#2e8b57', specialized: '#8d6a9f', niche: '#7f7f7f' };

/**
 * Draws effective price against usage on log-log axes, as the study's cost-vs-usage figure:
 * one point per row [tokens, price, name, quadrant], the median price as a horizontal line, the
 * median usage as a vertical one, and the four quadrants labelled.
 */
export function costUsage(rowList, { name, medianPrice }) {
  const points = rowList.filter((r) => r.tokens > 0 && r.price_per_mtok > 0);
  const tokens = points.map((r) => r.tokens).sort((a, b) => a - b);
  const medianTokens = median(tokens);
  const price = typeof medianPrice === 'number' ? medianPrice : median(points.map((r) => r.price_per_mtok).sort((a, b) => a - b));
  const option = base();
  option.grid = { left: 16, right: 32, top: 24, bottom: 32, containLabel: true };
  option.tooltip = {
    trigger: 'item',
    formatter: (p) => (p.seriesType === 'scatter'
      ? `<b>${escapeHtml(p.data[2])}</b><br>${fmt.count(p.data[0])} tokens<br>${fmt.usdPerMillion(p.data[1])}<br>${escapeHtml(String(p.data[3]).replace('_', ' '))}`
      : escapeHtml(p.name || '')),
  };
  option.xAxis = { type: 'log', name: 'tokens (log)', nameLocation: 'middle', nameGap: 24, axisLabel: { formatter: (v) => fmt.count(v) } };
  option.yAxis = { type: 'log', name: 'USD per 1M tokens (log)', nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v) => `$${v}` } };
  const lines = [];
  if (typeof price === 'number') {
    lines.push({ name: `median price ${fmt.usdPerMillion(price)}`, yAxis: price, label: { formatter: `median ${fmt.usdPerMillion(price)}`, position: 'insideEndTop' } });
  }
  if (typeof medianTokens === 'number') {
    lines.push({ name: 'median usage', xAxis: medianTokens, label: { formatter: 'median usage', position: 'insideEndTop' } });
  }
  option.series = [{
    id: 'points',
    name: 'points',
    type: 'scatter',
    symbolSize: 10,
    label: { show: true, position: 'right', fontSize: 10, formatter: (p) => shortName(p.data[2]) },
    labelLayout: { hideOverlap: true },
    itemStyle: { color: (p) => QUADRANT_COLORS[p.data[3]] || PALETTE[0] },
    data: points.map((r) => [r.tokens, r.price_per_mtok, String(r[name]), r.quadrant || '']),
    markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#555' }, data: lines },
  }];
  option.graphic = quadrantLabels();
  return option;
}

function quadrantLabels() {
  const style = (text) => ({ text, fill: '#888', font: '600 11px system-ui, sans-serif' });
  return [
    { type: 'text', right: 40, top: 28, style: style('premium'), silent: true },
    { type: 'text', left: 72, top: 28, style: style('specialized'), silent: true },
    { type: 'text', right: 40, bottom: 60, style: style('mass market'), silent: true },
    { type: 'text', left: 72, bottom: 60, style: style('niche'), silent: true },
  ];
}

/** Drops the author prefix of a model id (anthropic/claude-sonnet-4.5 -> claude-sonnet-4.5). */
export function shortName(name) {
  const text = String(name);
  const slash = text.indexOf('/');
  return slash >= 0 ? text.slice(slash + 1) : text;
}

function median(sorted) {
  if (sorted.length === 0) {
    return null;
  }
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Draws retention curves R(k) for one model: one line per cohort (id = cohort month), foundational
 * cohorts thick and coloured, the others thin and grey, as in the study's cohort figures.
 */
export function retentionCurves(rowList, flags) {
  const cohorts = [...new Set(rowList.map((r) => r.cohort))].sort();
  const maxK = Math.max(...rowList.map((r) => r.k));
  const option = base();
  option.grid = { left: 16, right: 40, top: 48, bottom: 36, containLabel: true };
  option.legend = legend();
  option.tooltip = { trigger: 'axis', valueFormatter: (v) => fmt.share(v) };
  option.xAxis = { type: 'category', boundaryGap: false, name: 'months since first use', nameLocation: 'middle', nameGap: 30,
    data: Array.from({ length: maxK + 1 }, (_, k) => `M${k}`) };
  option.yAxis = { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => fmt.share(v, 0) } };
  let highlighted = 0;
  option.series = cohorts.map((cohort) => {
    const flag = flags.get(cohort) || {};
    const data = new Array(maxK + 1).fill(null);
    for (const r of rowList.filter((x) => x.cohort === cohort)) {
      data[r.k] = r.retention;
    }
    const foundational = flag.foundational === true;
    const color = foundational ? PALETTE[(highlighted++ % 3) + 1] : '#9aa5b1';
    return {
      id: cohort,
      name: `${cohort}${foundational ? ' (foundational)' : ''}${flag.boomerang ? ' (boomerang)' : ''}`,
      type: 'line',
      symbol: foundational ? 'circle' : 'none',
      z: foundational ? 3 : 2,
      lineStyle: { width: foundational ? 4 : 1.2, color, opacity: foundational ? 1 : 0.7 },
      itemStyle: { color },
      data,
    };
  });
  return option;
}

/**
 * Draws the price-elasticity fit: models as points (ln price, ln tokens), the OLS line, and the
 * 95% interval of the slope as two dashed lines through the points' centroid (where every OLS line
 * passes).
 */
export function elasticity(models, fit) {
  const xs = models.map((m) => m.ln_price);
  const ys = models.map((m) => m.ln_tokens);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const cx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const cy = ys.reduce((a, b) => a + b, 0) / ys.length;
  const line = (slope, intercept) => [[lo, intercept + slope * lo], [hi, intercept + slope * hi]];
  const option = base();
  option.legend = legend();
  option.grid = { left: 16, right: 24, top: 60, bottom: 32, containLabel: true };
  option.tooltip = {
    trigger: 'item',
    formatter: (p) => (p.seriesId === 'models'
      ? `<b>${escapeHtml(p.data[2])}</b><br>ln price ${fmt.number(p.data[0])}<br>ln tokens ${fmt.number(p.data[1])}`
      : escapeHtml(p.seriesName)),
  };
  // Off zero: ln values go negative, and the axes belong at the plot's edges, not at 0.
  option.xAxis = { type: 'value', name: 'ln(price per 1M tokens)', nameLocation: 'middle', nameGap: 24, scale: true, axisLine: { onZero: false } };
  option.yAxis = { type: 'value', name: 'ln(tokens)', nameTextStyle: { align: 'left' }, scale: true, axisLine: { onZero: false } };
  option.series = [{
    id: 'models',
    name: 'models',
    type: 'scatter',
    symbolSize: 9,
    data: models.map((m) => [m.ln_price, m.ln_tokens, String(m.model)]),
  }];
  if (fit) {
    option.series.push({
      id: 'fit',
      name: `fit: slope ${fmt.number(fit.slope, 3)}, R² ${fmt.number(fit.r2)}, n ${fit.n}`,
      type: 'line',
      symbol: 'none',
      lineStyle: { width: 2, color: PALETTE[1] },
      itemStyle: { color: PALETTE[1] },
      data: line(fit.slope, fit.intercept),
    });
    for (const [id, slope] of [['ci95_low', fit.ci95_low], ['ci95_high', fit.ci95_high]]) {
      if (typeof slope === 'number') {
        option.series.push({
          id,
          name: `95% interval [${fmt.number(fit.ci95_low, 3)}, ${fmt.number(fit.ci95_high, 3)}]`,
          type: 'line',
          symbol: 'none',
          lineStyle: { width: 1, type: 'dashed', color: PALETTE[3] },
          itemStyle: { color: PALETTE[3] },
          data: line(slope, cy - slope * cx),
        });
      }
    }
  }
  return option;
}
