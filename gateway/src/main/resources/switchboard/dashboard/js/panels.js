// The figures: which analysis each draws, from which series and columns, and how. A render
// function returns {chart}, {table} or {empty}; it never assumes a series or column exists.

import * as charts from './charts.js';
import * as fmt from './format.js';
import { distinct, headline, rows, rowsWith, summaryNumber } from './result.js';

export const CATEGORIES = ['Programming', 'Roleplay', 'Technology', 'Science', 'Translation', 'Trivia', 'Health',
  'Finance', 'Legal', 'Academia', 'Marketing', 'SEO', 'Other'];

const SOURCE_LABELS = { proprietary: 'Proprietary', chinese_oss: 'Chinese OSS', row_oss: 'RoW OSS', unknown: 'Unknown' };
const SOURCE_COLORS = { proprietary: '#1f4e79', chinese_oss: '#d1495b', row_oss: '#2e8b57', unknown: '#b0b7bf' };
const SIZE_COLORS = { small: '#98c1d9', medium: '#edae49', large: '#1f4e79', unknown: '#b0b7bf' };
const CATEGORY_COLORS = Object.fromEntries(CATEGORIES.map((c, i) => [c, charts.PALETTE[i % charts.PALETTE.length]]));
const LATENCY_ROWS = 12;

const HINT = 'Widen the time window or clear the filters.';
const WINDOW_EMPTY = `No requests in this window match the filters. ${HINT}`;

function headlineText(result, label) {
  const h = headline(result, label);
  if (!h || h.value === null || h.value === undefined) {
    return '';
  }
  return `${h.label}: ${fmt.byUnit(h.value, h.unit)}${h.detail ? ` (${h.detail})` : ''}`;
}

/** Builds one stacked-share figure from a long-format series. */
function shares(seriesName, key, { order = [], label, colors, filter, empty = WINDOW_EMPTY } = {}) {
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
function shareOf(rowList, keyColumn, value) {
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

function shareTable(rowList, nameColumn, heading) {
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

function operational(id, title, subtitle, prefix, format, headlineLabel) {
  return {
    id,
    section: 'operations',
    title,
    subtitle,
    analysis: 'latency',
    headline: headlineLabel,
    render(result) {
      const columns = ['p50', 'p90', 'p99'].map((p) => ({ column: `${prefix}_${p}`, label: p }));
      const found = rowsWith(result, 'latency', 'provider', 'model', 'requests', ...columns.map((c) => c.column));
      if (!found) {
        return { empty: 'No successful requests in this window match the filters.' };
      }
      const top = [...found].sort((a, b) => b.requests - a.requests || String(a.model).localeCompare(String(b.model))).slice(0, LATENCY_ROWS);
      return { chart: charts.groupedBars(top, { name: (r) => `${charts.shortName(r.model)} · ${r.provider}`, columns, format }) };
    },
  };
}

export const SECTIONS = [
  { id: 'sources', title: 'Open and closed models' },
  { id: 'usage', title: 'What the tokens are for' },
  { id: 'people', title: 'Where users are, and whether they stay' },
  { id: 'price', title: 'Price and usage' },
  { id: 'operations', title: 'Operations' },
];

export const PANELS = [
  {
    id: 'source-share',
    section: 'sources',
    figure: 'study §1',
    title: 'Token share by source',
    subtitle: 'Share of tokens per bucket: proprietary, Chinese open-weight, rest-of-world open-weight.',
    analysis: 'source-share',
    headline: 'open-weight share',
    render: shares('share_by_source', 'source', {
      order: ['proprietary', 'chinese_oss', 'row_oss', 'unknown'],
      label: (k) => SOURCE_LABELS[k] || k,
      colors: SOURCE_COLORS,
    }),
  },
  {
    id: 'open-weight-models',
    section: 'sources',
    figure: 'study §2',
    title: 'Top open-weight models',
    subtitle: 'Each model\'s share of open-weight tokens per bucket; the rest as other.',
    analysis: 'open-weight-models',
    headline: 'largest model share, last bucket',
    render: shares('share_by_model', 'model', { empty: 'No open-weight traffic in this window. ' + HINT }),
  },
  {
    id: 'open-weight-authors',
    section: 'sources',
    figure: 'study §3',
    title: 'Open-weight tokens by author',
    subtitle: 'Tokens served by open-weight models over the window, per model author.',
    analysis: 'open-weight-authors',
    headline: 'tokens of the top open-weight author',
    render(result) {
      const found = rowsWith(result, 'tokens_by_author', 'author', 'value');
      if (!found) {
        return { empty: 'No open-weight traffic in this window. ' + HINT };
      }
      return { chart: charts.horizontalBars(found, { name: 'author', value: 'value', label: 'tokens', format: fmt.count }) };
    },
  },
  {
    id: 'size-classes',
    section: 'sources',
    figure: 'study §4',
    title: 'Open-weight size classes',
    subtitle: 'Share of open-weight tokens by size: small < 15B, medium 15–70B, large ≥ 70B parameters.',
    analysis: 'size-classes',
    headline: 'medium share of open-weight traffic',
    render: shares('share_by_size_class', 'size_class', {
      order: ['small', 'medium', 'large', 'unknown'],
      colors: SIZE_COLORS,
      empty: 'No open-weight traffic in this window. ' + HINT,
    }),
  },
  {
    id: 'category-by-source',
    section: 'sources',
    figure: 'study §5',
    title: 'Categories by source',
    subtitle: 'Category shares inside open-weight or Chinese OSS traffic, or programming tokens by source.',
    analysis: 'category-by-source',
    headline: 'roleplay share of open-weight traffic',
    selector: {
      name: 'view',
      label: 'Show',
      options: () => [
        { value: 'open_weight_categories', label: 'open-weight categories' },
        { value: 'chinese_oss_categories', label: 'Chinese OSS categories' },
        { value: 'programming_by_source', label: 'programming by source' },
      ],
      initial: () => 'open_weight_categories',
    },
    render(result, view) {
      if (view === 'programming_by_source') {
        return shares(view, 'source', { order: ['proprietary', 'chinese_oss', 'row_oss', 'unknown'],
          label: (k) => SOURCE_LABELS[k] || k, colors: SOURCE_COLORS })(result);
      }
      return shares(view, 'category', { order: CATEGORIES, colors: CATEGORY_COLORS })(result);
    },
  },
  {
    id: 'reasoning',
    section: 'usage',
    figure: 'study §6',
    title: 'Reasoning share',
    subtitle: 'Share of tokens served by reasoning models, and reported reasoning tokens as a share of completion tokens.',
    analysis: 'reasoning',
    headline: 'reasoning-model share',
    render(result) {
      const kinds = rowsWith(result, 'reasoning_share', 'bucket', 'model_kind', 'share');
      const tokens = rowsWith(result, 'reasoning_token_share', 'bucket', 'share');
      const lines = [];
      if (kinds) {
        lines.push({ id: 'reasoning_models', column: 'share', label: 'reasoning models\' share of tokens', rows: shareOf(kinds, 'model_kind', 'reasoning') });
      }
      if (tokens) {
        lines.push({ id: 'reasoning_tokens', column: 'share', label: 'reasoning tokens / completion tokens', rows: tokens, dashed: true });
      }
      return lines.length ? { chart: charts.linesOverTime(lines, { yFormat: fmt.share, percent: true }) } : { empty: WINDOW_EMPTY };
    },
  },
  {
    id: 'tool-calls',
    section: 'usage',
    figure: 'study §7',
    title: 'Tool-call share',
    subtitle: 'Share of tokens from requests that ended in a tool call, and share of requests offering tools.',
    analysis: 'tool-calls',
    headline: 'tool-call share',
    render(result) {
      const finish = rowsWith(result, 'tool_call_share', 'bucket', 'finish', 'share');
      const offered = rowsWith(result, 'tools_offered_share', 'bucket', 'share');
      const lines = [];
      if (finish) {
        lines.push({ id: 'tool_calls', column: 'share', label: 'tokens ending in a tool call', rows: shareOf(finish, 'finish', 'tool_calls') });
      }
      if (offered) {
        lines.push({ id: 'tools_offered', column: 'share', label: 'requests offering tools', rows: offered, dashed: true });
      }
      return lines.length ? { chart: charts.linesOverTime(lines, { yFormat: fmt.share, percent: true }) } : { empty: WINDOW_EMPTY };
    },
  },
  {
    id: 'lengths',
    section: 'usage',
    figure: 'study §8',
    title: 'Prompt, completion and sequence length',
    subtitle: 'Mean tokens per request with reported usage, per bucket.',
    analysis: 'lengths',
    headline: 'mean prompt tokens per request',
    render(result) {
      const found = rowsWith(result, 'mean_lengths', 'bucket', 'mean_prompt', 'mean_completion', 'mean_total');
      if (!found) {
        return { empty: 'No requests with reported token usage in this window. ' + HINT };
      }
      return { chart: charts.linesOverTime([
        { column: 'mean_prompt', label: 'prompt', rows: found },
        { column: 'mean_completion', label: 'completion', rows: found },
        { column: 'mean_total', label: 'sequence (prompt + completion)', rows: found, dashed: true },
      ], { yFormat: fmt.count, yName: 'tokens' }) };
    },
  },
  {
    id: 'lengths-programming',
    section: 'usage',
    figure: 'study §8',
    title: 'Prompt length: programming vs all',
    subtitle: 'Mean prompt tokens of programming requests against all requests.',
    analysis: 'lengths',
    headline: 'programming prompt length / all',
    render(result) {
      const found = rowsWith(result, 'programming_vs_all', 'bucket', 'programming_mean_prompt', 'all_mean_prompt');
      if (!found) {
        return { empty: 'No programming requests with reported usage in this window. ' + HINT };
      }
      return { chart: charts.linesOverTime([
        { column: 'programming_mean_prompt', label: 'programming', rows: found },
        { column: 'all_mean_prompt', label: 'all requests', rows: found, dashed: true },
      ], { yFormat: fmt.count, yName: 'tokens' }) };
    },
  },
  {
    id: 'categories',
    section: 'usage',
    figure: 'study §9',
    title: 'Categories over time',
    subtitle: 'Share of tokens per category (Other left out of the denominator, as in the study).',
    analysis: 'categories',
    headline: 'programming share',
    render: shares('share_by_category', 'category', { order: CATEGORIES, colors: CATEGORY_COLORS,
      empty: 'No classified requests in this window. ' + HINT }),
  },
  {
    id: 'category-authors',
    section: 'usage',
    figure: 'study §10',
    title: 'Authors within a category',
    subtitle: 'Each model author\'s share of one category\'s tokens (programming in the study).',
    analysis: 'category-authors',
    headline: 'top author\'s share',
    selector: {
      name: 'category',
      label: 'Category',
      refetch: true,
      options: () => CATEGORIES.map((c) => ({ value: c })),
      initial: (state) => state.category || 'Programming',
    },
    params: (selected) => ({ category: selected }),
    render: shares('share_by_author', 'author', { empty: 'No traffic in this category in this window. ' + HINT }),
  },
  {
    id: 'author-categories',
    section: 'usage',
    figure: 'study §11',
    title: 'Category mix per author',
    subtitle: 'Category shares of one model author\'s tokens per bucket.',
    analysis: 'author-categories',
    extraParams: { top: 25 },
    selector: {
      name: 'author',
      label: 'Author',
      options: (result) => {
        const found = rowsWith(result, 'window_share_by_category', 'author', 'value') || [];
        const totals = new Map();
        for (const r of found) {
          totals.set(r.author, (totals.get(r.author) || 0) + r.value);
        }
        return [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a)).map((a) => ({ value: a }));
      },
      initial: (state, options) => (options[0] ? options[0].value : ''),
    },
    render(result, author) {
      return shares('share_by_category', 'category', { order: CATEGORIES, colors: CATEGORY_COLORS,
        filter: (r) => r.author === author,
        empty: 'No classified traffic for this author in this window. ' + HINT })(result);
    },
  },
  {
    id: 'geography',
    section: 'people',
    figure: 'study §12',
    title: 'Spend share by continent',
    subtitle: 'Share of spend (USD) per continent of the API key\'s configured country.',
    analysis: 'geography',
    headline: 'North America share of spend',
    render: shares('spend_share_by_continent', 'continent', { empty: 'No priced requests in this window. ' + HINT }),
  },
  {
    id: 'geography-tables',
    section: 'people',
    figure: 'study §12',
    title: 'Token share by continent and country',
    subtitle: 'Over the whole window.',
    analysis: 'geography',
    headline: 'Asia share of spend',
    table: true,
    render(result) {
      const continents = rowsWith(result, 'token_share_by_continent', 'continent', 'share', 'value');
      const countries = rowsWith(result, 'token_share_by_country', 'country', 'share', 'value');
      if (!continents && !countries) {
        return { empty: WINDOW_EMPTY };
      }
      const wrap = document.createElement('div');
      wrap.className = 'tables';
      if (continents) {
        wrap.append(shareTable(continents, 'continent', { series: 'token_share_by_continent', caption: 'by continent', name: 'continent' }));
      }
      if (countries) {
        wrap.append(shareTable(countries, 'country', { series: 'token_share_by_country', caption: 'by country', name: 'country' }));
      }
      return { table: wrap };
    },
  },
  {
    id: 'languages',
    section: 'people',
    figure: 'study §13',
    title: 'Languages',
    subtitle: 'Share of tokens by the language of the user\'s text, over the window.',
    analysis: 'languages',
    headline: 'English share',
    render(result) {
      const found = rowsWith(result, 'share_by_language', 'language', 'share');
      return found ? { chart: charts.horizontalBars(found, { name: 'language', value: 'share' }) } : { empty: WINDOW_EMPTY };
    },
  },
  {
    id: 'retention',
    section: 'people',
    figure: 'study §14',
    title: 'Retention cohorts',
    subtitle: 'Share of each monthly cohort of a model\'s users still active k months later; foundational cohorts drawn bold.',
    analysis: 'retention',
    extraParams: { top: 50 },
    headline: 'month-1 retention (all complete cohorts)',
    wide: true,
    selector: {
      name: 'model',
      label: 'Model',
      options: (result) => distinct(rowsWith(result, 'retention', 'model') || [], 'model').map((m) => ({ value: m })),
      initial: (state, options, result) => {
        const flagged = (rowsWith(result, 'cohorts', 'model', 'foundational') || []).find((c) => c.foundational === true);
        return flagged ? flagged.model : options[0] ? options[0].value : '';
      },
    },
    render(result, model) {
      const found = (rowsWith(result, 'retention', 'model', 'cohort', 'k', 'retention') || []).filter((r) => r.model === model);
      if (found.length === 0) {
        return { empty: 'No end users with requests in this window match the filters. ' + HINT };
      }
      const flags = new Map((rows(result, 'cohorts') || []).filter((c) => c.model === model).map((c) => [c.cohort, c]));
      return { chart: charts.retentionCurves(found, flags) };
    },
  },
  {
    id: 'cost-usage-categories',
    section: 'price',
    figure: 'study §15',
    title: 'Cost vs usage: categories',
    subtitle: 'Effective price per 1M tokens against total tokens, log-log; dashed lines at the medians.',
    analysis: 'cost-usage',
    headline: 'median effective price across categories',
    render(result) {
      const found = rowsWith(result, 'categories', 'category', 'tokens', 'price_per_mtok');
      return found
        ? { chart: charts.costUsage(found, { name: 'category', medianPrice: summaryNumber(result, 'median_price_categories') }) }
        : { empty: 'No priced, classified requests in this window. ' + HINT };
    },
  },
  {
    id: 'cost-usage-models',
    section: 'price',
    figure: 'study §15',
    title: 'Cost vs usage: models',
    subtitle: 'Effective price per 1M tokens against total tokens, log-log; dashed lines at the medians.',
    analysis: 'cost-usage',
    headline: 'median effective price across models',
    render(result) {
      const found = rowsWith(result, 'models', 'model', 'tokens', 'price_per_mtok');
      return found
        ? { chart: charts.costUsage(found, { name: 'model', medianPrice: summaryNumber(result, 'median_price_models') }) }
        : { empty: 'No priced requests in this window. ' + HINT };
    },
  },
  {
    id: 'price-elasticity',
    section: 'price',
    figure: 'study §16',
    title: 'Price elasticity',
    subtitle: 'ln(tokens) against ln(price) across models with enough traffic; OLS fit and the 95% interval of its slope.',
    analysis: 'price-elasticity',
    headline: 'price elasticity (slope)',
    render(result) {
      const models = rowsWith(result, 'models', 'model', 'ln_price', 'ln_tokens');
      if (!models) {
        return { empty: 'No model has enough priced requests in this window (min_requests). ' + HINT };
      }
      const fit = (rowsWith(result, 'fit', 'slope', 'intercept') || [])[0] || null;
      return { chart: charts.elasticity(models, fit) };
    },
  },
  operational('latency', 'Latency', 'Request received to last byte sent, per model and provider (successful requests; busiest first).',
    'latency_ms', fmt.ms, 'latency p50'),
  operational('ttft', 'Time to first token', 'Request received to first content byte of a stream, per model and provider.',
    'ttft_ms', fmt.ms, 'time to first token p50'),
  operational('throughput', 'Output tokens per second', 'Completion tokens over the time after the first token.',
    'output_tokens_per_s', (v) => fmt.number(v, 0), 'output tokens per second p50'),
  {
    id: 'errors-by-provider',
    section: 'operations',
    title: 'Errors by provider',
    subtitle: 'Error and cancellation rate per provider (none: refused before routing).',
    analysis: 'errors',
    headline: 'error rate',
    render(result) {
      const found = rowsWith(result, 'errors_by_provider', 'provider', 'error_rate', 'cancellation_rate');
      return found
        ? { chart: charts.groupedBars(found, { name: (r) => String(r.provider), percent: true, format: fmt.share,
          columns: [{ column: 'error_rate', label: 'error rate' }, { column: 'cancellation_rate', label: 'cancellation rate' }] }) }
        : { empty: WINDOW_EMPTY };
    },
  },
  {
    id: 'error-rate',
    section: 'operations',
    title: 'Error rate over time',
    subtitle: 'Errors and client cancellations as a share of requests, per bucket.',
    analysis: 'errors',
    headline: 'cancellation rate',
    render(result) {
      const found = rowsWith(result, 'error_rate', 'bucket', 'error_rate', 'cancellation_rate');
      return found
        ? { chart: charts.linesOverTime([
          { column: 'error_rate', label: 'error rate', rows: found },
          { column: 'cancellation_rate', label: 'cancellation rate', rows: found, dashed: true },
        ], { yFormat: fmt.share, percent: true }) }
        : { empty: WINDOW_EMPTY };
    },
  },
  {
    id: 'apps',
    section: 'operations',
    title: 'Usage by app',
    subtitle: 'Share of tokens per calling app (X-Title, else HTTP-Referer; none: neither sent).',
    analysis: 'apps',
    headline: 'top app\'s share',
    render(result) {
      const found = rowsWith(result, 'apps', 'app', 'share');
      return found ? { chart: charts.horizontalBars(found.filter((r) => typeof r.share === 'number'), { name: 'app', value: 'share' }) } : { empty: WINDOW_EMPTY };
    },
  },
];

export { headlineText };
