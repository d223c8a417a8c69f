// Keeps the controls' state in the page URL (so a view can be bookmarked, reloaded and shared)
// and turns it into stats API parameters.

export const FILTERS = ['team', 'tag', 'key', 'app', 'model', 'author', 'category'];
const FIELDS = ['range', 'from', 'to', 'bucket', 'tokens', ...FILTERS, 'refresh'];
const DEFAULTS = { range: 'all', bucket: 'week', tokens: 'native', refresh: '0' };
const RANGE_DAYS = { '7d': 7, '30d': 30, '90d': 90, '365d': 365 };

/** Reads the state from the URL query; explicit dates without a range mean a custom range. */
export function readState(search = window.location.search) {
  const query = new URLSearchParams(search);
  const state = { ...DEFAULTS };
  for (const field of FIELDS) {
    if (query.has(field)) {
      state[field] = query.get(field).trim();
    }
  }
  if (!query.has('range') && (query.has('from') || query.has('to'))) {
    state.range = 'custom';
  }
  return state;
}

/** Writes the state to the URL without reloading, leaving defaults and empty fields out. */
export function writeState(state) {
  const query = new URLSearchParams();
  for (const field of FIELDS) {
    const value = state[field];
    if (value && value !== DEFAULTS[field]) {
      if ((field === 'from' || field === 'to') && state.range !== 'custom') {
        continue;
      }
      query.set(field, value);
    }
  }
  const text = query.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${text ? `?${text}` : ''}`);
}

/** Returns the window as ISO dates: a preset counts back from tomorrow (to is exclusive). */
export function windowOf(state, today = new Date()) {
  if (state.range === 'custom') {
    return { from: state.from || undefined, to: state.to || undefined };
  }
  const days = RANGE_DAYS[state.range];
  if (!days) {
    return {};
  }
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1));
  const start = new Date(end.getTime() - days * 86400000);
  return { from: isoDate(start), to: isoDate(end) };
}

/** Returns the API parameters common to every panel. */
export function apiParams(state) {
  const params = { ...windowOf(state), bucket: state.bucket, tokens: state.tokens };
  for (const filter of FILTERS) {
    if (state[filter]) {
      params[filter] = state[filter];
    }
  }
  return params;
}

function isoDate(date) {
  return date.toISOString().slice(0, 10);
}
