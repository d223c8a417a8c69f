// One dashboard panel: a header with the figure's title, an optional selector and the "data" link
// to its CSV; a body that is a chart, a table, an empty state or an error. An empty or failed
// panel disposes its chart, so nothing half-drawn stays on screen.

/* global echarts */

export class Panel {
  constructor(def, container, { onSelect, onDownload }) {
    this.def = def;
    this.local = null;
    this.chart = null;
    this.element = el('article', { class: 'panel', id: `panel-${def.id}` });
    this.element.dataset.panel = def.id;
    this.element.dataset.analysis = def.analysis;
    this.element.dataset.state = 'loading';
    if (def.wide) {
      this.element.classList.add('wide');
    }

    const header = el('header', { class: 'panel-head' });
    const titles = el('div', { class: 'panel-titles' });
    const title = el('h3');
    title.textContent = def.title;
    titles.append(title);
    if (def.figure) {
      const figure = el('span', { class: 'figure' });
      figure.textContent = def.figure;
      titles.append(figure);
    }
    const tools = el('div', { class: 'panel-tools' });
    if (def.selector) {
      const label = el('label', { class: 'selector' });
      label.append(document.createTextNode(`${def.selector.label} `));
      this.select = el('select', { name: def.selector.name });
      this.select.addEventListener('change', () => {
        this.local = this.select.value;
        onSelect(this);
      });
      label.append(this.select);
      tools.append(label);
    }
    this.dataLink = el('a', { class: 'data-link', href: '#', title: 'the table behind this figure, as CSV' });
    this.dataLink.textContent = 'data';
    this.dataLink.addEventListener('click', (event) => onDownload(event, this));
    tools.append(this.dataLink);
    header.append(titles, tools);

    this.subtitle = el('p', { class: 'panel-sub' });
    this.subtitle.textContent = def.subtitle || '';
    this.headline = el('p', { class: 'panel-headline' });
    // says how the figure was computed when that is a choice (the categories' labelling method)
    this.caption = el('p', { class: 'panel-caption', hidden: '' });
    this.body = el('div', { class: def.table ? 'panel-table' : 'chart' });
    this.emptyBox = el('div', { class: 'empty', hidden: '' });
    this.notes = el('p', { class: 'notes' });
    this.element.append(header, this.subtitle, this.headline, this.caption, this.body, this.emptyBox, this.notes);
    container.append(this.element);

    if (!def.table && typeof ResizeObserver !== 'undefined') {
      new ResizeObserver(() => this.chart && this.chart.resize()).observe(this.body);
    }
  }

  /** Returns the value of the panel's own selector, or the selector's default. */
  selected(fallback) {
    return this.local !== null ? this.local : fallback;
  }

  /** Replaces the selector's options, keeping the current value when it is still offered. */
  setOptions(options, value) {
    if (!this.select) {
      return;
    }
    this.select.replaceChildren(...options.map((o) => {
      const option = el('option', { value: o.value });
      option.textContent = o.label || o.value;
      return option;
    }));
    this.select.value = value;
    this.select.disabled = options.length === 0;
  }

  setDataLink(url) {
    this.dataLink.href = url;
    this.dataLink.setAttribute('download', `${this.def.analysis}.csv`);
  }

  setLoading() {
    this.element.dataset.state = 'loading';
  }

  setHeadline(text) {
    this.headline.textContent = text || '';
  }

  setCaption(text) {
    this.caption.textContent = text || '';
    this.caption.hidden = !text;
  }

  setNotes(notes) {
    this.notes.textContent = (notes || []).join(' ');
  }

  showChart(option) {
    this.emptyBox.hidden = true;
    this.body.hidden = false;
    if (!this.chart) {
      this.chart = echarts.init(this.body, null, { renderer: 'canvas' });
    }
    this.chart.setOption(option, true);
    this.element.dataset.state = 'ready';
  }

  showTable(node) {
    this.emptyBox.hidden = true;
    this.body.hidden = false;
    this.body.replaceChildren(node);
    this.element.dataset.state = 'ready';
  }

  showEmpty(message) {
    this.clear();
    this.emptyBox.replaceChildren();
    const strong = el('strong');
    strong.textContent = 'No data to draw.';
    const text = el('span');
    text.textContent = ` ${message}`;
    this.emptyBox.append(strong, text);
    this.emptyBox.hidden = false;
    this.element.dataset.state = 'empty';
  }

  showError(message) {
    this.clear();
    this.emptyBox.replaceChildren();
    const strong = el('strong');
    strong.textContent = 'Could not load this figure.';
    const text = el('span');
    text.textContent = ` ${message}`;
    this.emptyBox.append(strong, text);
    this.emptyBox.hidden = false;
    this.element.dataset.state = 'error';
  }

  /** Removes whatever was drawn (used before an empty state and when the key is refused). */
  clear() {
    if (this.chart) {
      this.chart.dispose();
      this.chart = null;
    }
    this.body.replaceChildren();
    this.body.hidden = true;
    this.setHeadline('');
  }

  lock() {
    this.clear();
    this.emptyBox.hidden = true;
    this.notes.textContent = '';
    this.element.dataset.state = 'locked';
  }
}

/** Creates an element with attributes. */
export function el(tag, attributes = {}) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  return node;
}
