// Operational figures beyond the study: latency, time to first token, throughput, errors, apps,
// prompt cache hits.

import * as charts from './charts.js';
import * as fmt from './format.js';
import { WINDOW_EMPTY } from './figure-kit.js';
import { rowsWith } from './result.js';

const LATENCY_ROWS = 12;

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

export const OPERATIONS_FIGURES = [
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
  {
    id: 'cache-hits',
    section: 'operations',
    title: 'Prompt cache hits',
    subtitle: 'Share of prompt tokens read from the provider\'s cache, per model (session affinity keeps an agent on the deployment that holds its cache).',
    analysis: 'cache',
    headline: 'cache hit share of prompt tokens',
    render(result) {
      const found = (rowsWith(result, 'by_model', 'model', 'hit_share', 'prompt_tokens') || [])
        .filter((r) => typeof r.hit_share === 'number')
        .sort((a, b) => b.prompt_tokens - a.prompt_tokens || String(a.model).localeCompare(String(b.model)))
        .slice(0, LATENCY_ROWS);
      return found.length > 0
        ? { chart: charts.horizontalBars(found, { name: 'model', value: 'hit_share', label: 'cache hit share' }) }
        : { empty: WINDOW_EMPTY };
    },
  },
];
