// Talks to the stats API: adds the stored key as a Bearer token, sends each analysis only the
// parameters it accepts (the list at GET /v1/stats says which), and turns 401 into AuthRequired.

const KEY_STORAGE = 'switchboard.dashboard.key';

/** Thrown when the API answers 401: the page shows the login prompt. */
export class AuthRequired extends Error {}

/** Thrown for any other failed answer; carries the API's own message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export class StatsApi {
  constructor(base = '/v1/stats') {
    this.base = base;
    this.accepted = null; // analysis name -> Set of parameter names
    this.choices = new Map(); // parameter name -> the values the gateway offers for it (team ids)
  }

  key() {
    return sessionStorage.getItem(KEY_STORAGE);
  }

  setKey(key) {
    sessionStorage.setItem(KEY_STORAGE, key);
  }

  clearKey() {
    sessionStorage.removeItem(KEY_STORAGE);
  }

  async fetch(url, accept) {
    const headers = { Accept: accept };
    const key = this.key();
    if (key) {
      headers.Authorization = `Bearer ${key}`;
    }
    const response = await fetch(url, { headers, cache: 'no-store' });
    if (response.status === 401) {
      throw new AuthRequired(await errorMessage(response));
    }
    if (!response.ok) {
      throw new ApiError(response.status, await errorMessage(response));
    }
    return response;
  }

  /** Loads the list of analyses and the parameters each accepts; needed before url(). */
  async loadCatalog() {
    const list = await (await this.fetch(this.base, 'application/json')).json();
    const accepted = new Map();
    for (const analysis of list.data || []) {
      accepted.set(analysis.name, new Set((analysis.parameters || []).map((p) => p.name)));
      for (const p of analysis.parameters || []) {
        if (Array.isArray(p.values)) {
          this.choices.set(p.name, p.values);
        }
      }
    }
    this.accepted = accepted;
    return accepted;
  }

  /** Returns whether the gateway offers the analysis. */
  has(analysis) {
    return this.accepted !== null && this.accepted.has(analysis);
  }

  /** Builds the URL of one analysis with the given parameters, leaving out what it does not accept. */
  url(analysis, params, format) {
    const accepted = this.accepted && this.accepted.get(analysis);
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value === undefined || value === null || value === '') {
        continue;
      }
      if (accepted && !accepted.has(name)) {
        continue;
      }
      query.set(name, String(value));
    }
    if (format) {
      query.set('format', format);
    }
    const text = query.toString();
    return `${this.base}/${encodeURIComponent(analysis)}${text ? `?${text}` : ''}`;
  }

  async result(analysis, params) {
    return (await this.fetch(this.url(analysis, params), 'application/json')).json();
  }

  async blob(url) {
    return (await this.fetch(url, 'text/csv')).blob();
  }
}

async function errorMessage(response) {
  try {
    const body = await response.json();
    if (body && body.error && body.error.message) {
      return body.error.message;
    }
  } catch (e) {
    // not JSON: fall back to the status line
  }
  return `HTTP ${response.status}`;
}
