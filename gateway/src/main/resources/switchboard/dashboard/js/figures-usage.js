// Figures of the study's §6-11: what the tokens are for (reasoning, tools, lengths, categories).

import * as charts from './charts.js';
import * as fmt from './format.js';
import { CATEGORIES, CATEGORY_COLORS, HINT, WINDOW_EMPTY, shareOf, shares } from './figure-kit.js';
import { rowsWith, summaryNumber } from './result.js';

const CATEGORY_METHODS = [
  { value: 'local', label: 'local classifier' },
  { value: 'judge', label: 'judge model' },
  { value: 'calibrated', label: 'calibrated' },
];

/** Draws local and calibrated shares side by side per category, the interval in the tooltip. */
function calibratedBars(found) {
  const ordered = [...CATEGORIES.map((c) => found.find((r) => r.category === c)).filter(Boolean),
    ...found.filter((r) => !CATEGORIES.includes(r.category))];
  const chart = charts.groupedBars(ordered, { name: (r) => String(r.category), percent: true, format: fmt.share,
    columns: [{ column: 'local_share', label: 'local' }, { column: 'share', label: 'calibrated' }] });
  chart.tooltip.formatter = (params) => {
    const r = ordered[params[0].dataIndex];
    return `${escapeHtml(r.category)}<br>local ${fmt.share(r.local_share)}<br>calibrated ${fmt.share(r.share)}`
      + ` (95% interval ${fmt.share(r.ci_low)} to ${fmt.share(r.ci_high)})`;
  };
  return chart;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const USAGE_FIGURES = [
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
    // which labels the figure uses: the local classifier's (every request), the judge model's (the
    // judged sample, classifier.judge), or the local shares calibrated by the judged sample
    selector: {
      name: 'method',
      label: 'Method',
      refetch: true,
      options: () => CATEGORY_METHODS,
      initial: () => 'local',
    },
    params: (method) => ({ method }),
    render(result, method) {
      const judged = summaryNumber(result, 'judged_requests');
      const label = CATEGORY_METHODS.find((m) => m.value === method) || CATEGORY_METHODS[0];
      const caption = `method: ${label.label}${judged === null ? '' : `, from ${fmt.count(judged)} judged requests`}`;
      if (method === 'calibrated') {
        const found = rowsWith(result, 'calibrated_share_by_category', 'category', 'local_share', 'share', 'ci_low', 'ci_high');
        return found
          ? { chart: calibratedBars(found), caption }
          : { empty: 'No judged requests in this window to calibrate with. ' + HINT, caption };
      }
      const out = shares('share_by_category', 'category', { order: CATEGORIES, colors: CATEGORY_COLORS,
        empty: method === 'judge' ? 'No judged requests in this window (is classifier.judge on?). ' + HINT
          : 'No classified requests in this window. ' + HINT })(result);
      return { ...out, caption };
    },
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
];
