// Boots the dashboard: binds the controls to the URL, loads every analysis the panels need (each
// once per load), draws the panels, asks for a key when the API answers 401, and refreshes.

import { AuthRequired, StatsApi } from './api.js';
import { Overview } from './overview.js';
import { el, Panel } from './panel.js';
import { CATEGORIES, headlineText, PANELS, SECTIONS } from './panels.js';
import { apiParams, FILTERS, readState, windowOf, writeState } from './state.js';

const api = new StatsApi();
const form = document.getElementById('controls');
const status = document.getElementById('status');
const overview = new Overview(document.getElementById('overview'));
const login = document.getElementById('login');
const loginForm = document.getElementById('login-form');
const loginError = document.getElementById('login-error');
const logout = document.getElementById('logout');

let state = readState();
let loading = null;
let loads = 0;
let timer = null;
const panels = buildPanels();

function buildPanels() {
  const main = document.getElementById('panels');
  const grids = new Map();
  for (const s of SECTIONS) {
    const section = el('section', { class: 'section', id: `section-${s.id}` });
    const title = el('h2');
    title.textContent = s.title;
    const grid = el('div', { class: 'grid' });
    section.append(title, grid);
    main.append(section);
    grids.set(s.id, grid);
  }
  return PANELS.map((def) => new Panel(def, grids.get(def.section), { onSelect, onDownload }));
}

/** Returns the parameters of a panel's request: the controls, the panel's fixed extras, its selector. */
function panelParams(panel) {
  const def = panel.def;
  const params = { ...apiParams(state), ...(def.extraParams || {}) };
  if (def.params) {
    Object.assign(params, def.params(panel.selected(def.selector.initial(state))));
  }
  return params;
}

async function settle(promise) {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Loads and draws everything; a load already running is reused rather than doubled. */
function load() {
  if (!loading) {
    loading = run().finally(() => {
      loading = null;
    });
  }
  return loading;
}

async function run() {
  document.body.dataset.state = 'loading';
  status.textContent = 'Loading…';
  try {
    if (!api.accepted) {
      await api.loadCatalog();
      showTeams();
    }
  } catch (error) {
    fail(error);
    return;
  }
  const common = apiParams(state);
  const requests = new Map();
  const request = (analysis, params) => {
    const url = api.url(analysis, params);
    if (!requests.has(url)) {
      requests.set(url, settle(api.result(analysis, params)));
    }
    return url;
  };
  const overviewUrl = api.has('overview') ? request('overview', common) : null;
  // the tag choices: every tag seen in the window, whatever the filters
  if (api.has('tags')) {
    request('tags', windowOf(state));
  }
  const panelUrls = panels.map((panel) => {
    panel.setLoading();
    if (!api.has(panel.def.analysis)) {
      return null;
    }
    const params = panelParams(panel);
    panel.setDataLink(api.url(panel.def.analysis, params, 'csv'));
    return request(panel.def.analysis, params);
  });
  const answers = new Map();
  for (const [url, promise] of requests) {
    answers.set(url, await promise);
  }
  const refused = [...answers.values()].find((a) => !a.ok && a.error instanceof AuthRequired);
  if (refused) {
    fail(refused.error);
    return;
  }
  hideLogin();
  const overviewAnswer = overviewUrl ? answers.get(overviewUrl) : null;
  if (overviewAnswer && overviewAnswer.ok) {
    overview.show(overviewAnswer.value);
  } else {
    overview.showError(overviewAnswer ? overviewAnswer.error.message : 'This gateway does not offer the overview analysis.');
  }
  panels.forEach((panel, i) => {
    const url = panelUrls[i];
    if (url === null) {
      panel.showEmpty(`This gateway does not offer the ${panel.def.analysis} analysis.`);
      return;
    }
    const answer = answers.get(url);
    if (answer.ok) {
      draw(panel, answer.value);
    } else {
      panel.showError(answer.error.message);
    }
  });
  fillSuggestions(answers);
  loads += 1;
  document.body.dataset.loads = String(loads);
  document.body.dataset.state = 'ready';
  status.textContent = `Updated ${new Date().toLocaleTimeString()}`;
}

/** Draws one panel from its analysis result, through the panel's selector when it has one. */
function draw(panel, result) {
  const def = panel.def;
  panel.result = result;
  let selected = null;
  if (def.selector) {
    const options = def.selector.options(result);
    const offered = options.map((o) => o.value);
    selected = panel.local !== null && offered.includes(panel.local) ? panel.local : def.selector.initial(state, options, result);
    panel.setOptions(options, selected);
  }
  let out;
  try {
    out = def.render(result, selected);
  } catch (error) {
    panel.showError(`The answer had an unexpected shape (${error.message}).`);
    return;
  }
  if (out.empty) {
    panel.showEmpty(out.empty);
  } else if (out.table) {
    panel.showTable(out.table);
  } else {
    panel.showChart(out.chart);
  }
  panel.setHeadline(out.empty || !def.headline ? '' : headlineText(result, def.headline));
  panel.setCaption(out.caption);
  panel.setNotes(result.notes);
}

async function onSelect(panel) {
  if (!panel.def.selector.refetch) {
    if (panel.result) {
      draw(panel, panel.result);
    }
    return;
  }
  panel.setLoading();
  const params = panelParams(panel);
  panel.setDataLink(api.url(panel.def.analysis, params, 'csv'));
  const answer = await settle(api.result(panel.def.analysis, params));
  if (answer.ok) {
    draw(panel, answer.value);
  } else if (answer.error instanceof AuthRequired) {
    fail(answer.error);
  } else {
    panel.showError(answer.error.message);
  }
}

/** Downloads a panel's CSV; with a key the link cannot carry it, so the page fetches it itself. */
async function onDownload(event, panel) {
  if (!api.key()) {
    return;
  }
  event.preventDefault();
  const answer = await settle(api.blob(panel.dataLink.href));
  if (!answer.ok) {
    if (answer.error instanceof AuthRequired) {
      fail(answer.error);
    } else {
      status.textContent = `CSV failed: ${answer.error.message}`;
    }
    return;
  }
  const link = el('a', { href: URL.createObjectURL(answer.value), download: `${panel.def.analysis}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function fail(error) {
  if (error instanceof AuthRequired) {
    panels.forEach((p) => p.lock());
    overview.lock();
    showLogin(api.key() ? `The gateway refused this key (${error.message}).` : null);
    document.body.dataset.state = 'login';
    status.textContent = 'Key needed';
    return;
  }
  overview.showError(error.message);
  panels.forEach((p) => p.showError(error.message));
  document.body.dataset.state = 'error';
  status.textContent = `Failed: ${error.message}`;
}

function showLogin(message) {
  loginError.textContent = message || '';
  loginError.hidden = !message;
  if (login.hidden) {
    login.hidden = false;
    loginForm.elements.key.value = '';
    loginForm.elements.key.focus();
  }
}

function hideLogin() {
  login.hidden = true;
  logout.hidden = !api.key();
}

loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = loginForm.elements.key.value.trim();
  if (!key) {
    return;
  }
  api.setKey(key);
  login.hidden = true;
  load();
});

logout.addEventListener('click', () => {
  api.clearKey();
  window.location.reload();
});

function fillSuggestions(answers) {
  const byAnalysis = new Map();
  for (const [url, answer] of answers) {
    if (answer.ok && answer.value && answer.value.analysis) {
      byAnalysis.set(answer.value.analysis, answer.value);
    }
  }
  const column = (analysis, series, name) => {
    const result = byAnalysis.get(analysis);
    const found = result && Array.isArray(result.series) ? result.series.find((s) => s.name === series) : null;
    return found && Array.isArray(found.rows) ? found.rows.map((r) => r[name]).filter((v) => typeof v === 'string') : [];
  };
  choose('tag', column('tags', 'tags', 'tag').filter((t) => t !== 'untagged')); // no tag to filter by
  suggest('list-model', column('overview', 'models', 'model'));
  suggest('list-app', column('apps', 'apps', 'app'));
  suggest('list-author', [...column('author-categories', 'window_share_by_category', 'author'),
    ...column('open-weight-authors', 'tokens_by_author', 'author')]);
}

/** Offers the teams the catalog lists; the selector stays hidden while there are none to offer. */
function showTeams() {
  const teams = api.choices.get('team');
  document.getElementById('team-filter').hidden = !teams || (teams.length === 0 && !state.team);
  if (teams) {
    choose('team', teams);
  }
}

/** Fills a filter's select with the values, keeping the chosen value even when it is not among them. */
function choose(name, values) {
  const select = form.elements[name];
  const current = state[name] || '';
  const unique = [...new Set(values)].filter((v) => v).sort();
  if (current && !unique.includes(current)) {
    unique.push(current);
  }
  const any = el('option', { value: '' });
  any.textContent = 'any';
  select.replaceChildren(any, ...unique.map((v) => {
    const option = el('option', { value: v });
    option.textContent = v;
    return option;
  }));
  select.value = current;
}

function suggest(id, values) {
  const list = document.getElementById(id);
  const unique = [...new Set(values)].filter((v) => v !== 'none' && v !== 'other').sort();
  list.replaceChildren(...unique.map((v) => el('option', { value: v })));
}

// Controls

function showState() {
  const fields = form.elements;
  for (const name of ['range', 'bucket', 'tokens', 'refresh', ...FILTERS]) {
    fields[name].value = state[name] || '';
  }
  const span = windowOf(state);
  fields.from.value = state.range === 'custom' ? state.from || '' : span.from || '';
  fields.to.value = state.range === 'custom' ? state.to || '' : span.to || '';
}

function readForm(changed) {
  const fields = form.elements;
  const next = {};
  for (const name of ['range', 'bucket', 'tokens', 'refresh', 'from', 'to', ...FILTERS]) {
    next[name] = fields[name].value.trim();
  }
  if (changed === 'from' || changed === 'to') {
    next.range = 'custom';
  }
  return next;
}

function apply(changed) {
  const previous = state;
  state = readForm(changed);
  if (previous.category !== state.category) {
    panels.filter((p) => p.def.selector && p.def.selector.name === 'category').forEach((p) => {
      p.local = null;
    });
  }
  writeState(state);
  showState();
  if (previous.refresh !== state.refresh) {
    schedule();
  }
  load();
}

function schedule() {
  if (timer) {
    clearInterval(timer);
    timer = null;
  }
  const seconds = Number(state.refresh);
  if (seconds > 0) {
    timer = setInterval(() => {
      // Not while the tab is hidden, nor while the key prompt is up (a refresh would clear it).
      if (!document.hidden && login.hidden) {
        load();
      }
    }, seconds * 1000);
  }
}

const categorySelect = form.elements.category;
for (const c of CATEGORIES) {
  const option = el('option', { value: c });
  option.textContent = c;
  categorySelect.append(option);
}
form.addEventListener('change', (event) => {
  if (event.target.name) {
    apply(event.target.name);
  }
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  apply(null);
});
document.getElementById('clear-filters').addEventListener('click', () => {
  for (const name of FILTERS) {
    form.elements[name].value = '';
  }
  apply(null);
});

showState();
schedule();
load();
