// The overview header: requests, tokens, cost, models, users and error rate for the window, from
// the overview analysis (its one-row "totals" series, else its top-level summary).

import * as fmt from './format.js';
import { rows } from './result.js';

const CARDS = [
  { id: 'requests', label: 'Requests', column: 'requests', summary: (r) => r.requests, format: fmt.count },
  { id: 'tokens', label: 'Tokens', column: 'total_tokens', summary: (r) => r.tokens && r.tokens.total, format: fmt.count },
  { id: 'cost', label: 'Cost', column: 'cost_usd', summary: (r) => r.cost_usd, format: fmt.usd },
  { id: 'models', label: 'Models', column: 'models', summary: (r) => r.distinct_models, format: fmt.count },
  { id: 'users', label: 'Users', column: 'users', summary: (r) => r.users, format: fmt.count },
  { id: 'error-rate', label: 'Error rate', column: 'error_rate', summary: (r) => r.error_rate, format: (v) => fmt.share(v, 2) },
];

export class Overview {
  constructor(container) {
    this.container = container;
    this.values = new Map();
    for (const card of CARDS) {
      const box = document.createElement('div');
      box.className = 'kpi';
      box.dataset.kpi = card.id;
      const label = document.createElement('span');
      label.className = 'kpi-label';
      label.textContent = card.label;
      const value = document.createElement('span');
      value.className = 'kpi-value';
      value.textContent = '…';
      box.append(label, value);
      container.append(box);
      this.values.set(card.id, { box, value });
    }
    this.note = document.createElement('p');
    this.note.className = 'kpi-note';
    container.append(this.note);
  }

  /** Shows the window's numbers; an empty window shows dashes and says why. */
  show(result) {
    const row = (rows(result, 'totals') || [])[0] || null;
    const requests = row ? row.requests : numberOrNull(result && result.requests);
    const hasData = typeof requests === 'number' && requests > 0;
    for (const card of CARDS) {
      const raw = !hasData ? null
        : row && typeof row[card.column] === 'number' ? row[card.column] : numberOrNull(card.summary(result));
      const { box, value } = this.values.get(card.id);
      value.textContent = raw === null ? '—' : card.format(raw);
      box.dataset.value = raw === null ? '' : String(raw);
    }
    this.note.textContent = hasData ? '' : 'No requests in this window match the filters.';
    this.container.dataset.state = hasData ? 'ready' : 'empty';
  }

  showError(message) {
    for (const { box, value } of this.values.values()) {
      value.textContent = '—';
      box.dataset.value = '';
    }
    this.note.textContent = message;
    this.container.dataset.state = 'error';
  }

  lock() {
    for (const { box, value } of this.values.values()) {
      value.textContent = '—';
      box.dataset.value = '';
    }
    this.note.textContent = '';
    this.container.dataset.state = 'locked';
  }
}

function numberOrNull(v) {
  return typeof v === 'number' ? v : null;
}
