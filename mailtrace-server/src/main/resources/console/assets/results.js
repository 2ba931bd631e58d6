// The results of a search: a table newest first, loaded 250 rows at a time as you scroll (with a
// button for keyboards, and a line saying whether more rows match: nothing is cut off silently),
// sortable columns, a column chooser, row selection and CSV export of the selection or of all.

import { get, qs, explain } from './api.js';
import { h, clear, toast, download } from './dom.js';
import { formatTime, formatSize, statusWords, statusHelp, csv } from './format.js';

const PAGE = 250;
const EXPORT_PAGE = 5000;
const FIELDS = ['received', 'senderAddress', 'recipientAddress', 'subject', 'status', 'direction', 'fromIp', 'toIp',
  'size', 'messageId', 'messageTraceId', 'hosts', 'queueIds', 'finalRecipients'];

export const COLUMNS = [
  { key: 'received', label: 'Received', on: true },
  { key: 'senderAddress', label: 'Sender', on: true },
  { key: 'recipientAddress', label: 'Recipient', on: true },
  { key: 'subject', label: 'Subject', on: true },
  { key: 'status', label: 'Status', on: true },
  { key: 'direction', label: 'Direction', on: true },
  { key: 'fromIp', label: 'From IP' },
  { key: 'toIp', label: 'To IP' },
  { key: 'size', label: 'Size' },
  { key: 'messageId', label: 'Message ID' },
  { key: 'messageTraceId', label: 'Trace ID' },
  { key: 'hosts', label: 'Hosts' },
  { key: 'queueIds', label: 'Queue IDs' },
  { key: 'finalRecipients', label: 'Delivered to', on: true },
];

export function statusBadge(status) {
  return h('span', { class: 'badge s-' + status, title: statusHelp(status) }, statusWords(status));
}

function chosenColumns() {
  try {
    const saved = JSON.parse(localStorage.getItem('mailtrace.columns') || 'null');
    if (Array.isArray(saved) && saved.length) return new Set(saved);
  } catch (e) { /* ignore a damaged setting */ }
  return new Set(COLUMNS.filter((c) => c.on).map((c) => c.key));
}

/**
 * Runs a search and draws its results into el. opts: apiParams, tz, sort ("key:asc"), canDetail,
 * canExport, rowHref(row), onOpen(row), onSort(sort). Returns a cleanup function.
 */
export function showResults(el, opts) {
  const state = { rows: [], next: null, loading: false, done: false, selected: new Set(), cols: chosenColumns(), gen: 0 };
  let [sortKey, sortDir] = (opts.sort || 'received:desc').split(':');
  const status = h('p', { class: 'result-status', id: 'result-status', 'aria-live': 'polite' }, 'Searching…');
  const table = h('table', { class: 'results', id: 'results' });
  const more = h('button', { type: 'button', class: 'btn', id: 'load-more', hidden: true, onclick: () => load() }, 'Load ' + PAGE + ' more');
  const sentinel = h('div', { class: 'sentinel' });
  const exportSel = h('button', { type: 'button', class: 'btn', id: 'export-selected', disabled: true, onclick: exportSelected }, 'Export selected');
  const exportAll = h('button', { type: 'button', class: 'btn', id: 'export-all', onclick: exportEverything }, 'Export all to CSV');
  const chooser = columnChooser();
  const toolbar = h('div', { class: 'toolbar' }, status, h('div', { class: 'toolbar-actions' }, chooser,
    opts.canExport ? [exportSel, exportAll] : null));
  clear(el).append(toolbar, h('div', { class: 'table-wrap' }, table), h('div', { class: 'more' }, more), sentinel);

  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && state.next && !state.loading) load();
  }, { rootMargin: '400px' });
  observer.observe(sentinel);

  async function load() {
    if (state.loading || state.done) return;
    state.loading = true;
    const gen = state.gen;
    more.disabled = true;
    try {
      const params = { ...opts.apiParams, limit: PAGE, cursor: state.next };
      const page = await get('/api/v1/traces' + qs(params));
      if (gen !== state.gen) return;
      state.rows.push(...page.rows);
      state.next = page.next;
      state.done = !page.next;
      draw();
      if (state.rows.length === page.rows.length) performance.mark('mt-results-rendered');
    } catch (e) {
      status.textContent = explain(e);
      status.classList.add('error');
    } finally {
      state.loading = false;
      more.disabled = false;
    }
  }

  function sorted() {
    if (sortKey === 'received' && sortDir === 'desc') return state.rows;
    const dir = sortDir === 'asc' ? 1 : -1;
    const val = (r) => { const v = r[sortKey]; return Array.isArray(v) ? v.join(' ') : v ?? ''; };
    return [...state.rows].sort((a, b) => {
      const x = val(a); const y = val(b);
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
    });
  }

  function cell(row, key) {
    const v = row[key];
    switch (key) {
      case 'received': {
        const t = formatTime(v, opts.tz);
        return opts.canDetail ? h('a', { href: opts.rowHref(row), class: 'open-detail' }, t) : t;
      }
      case 'status': return statusBadge(v);
      case 'size': return formatSize(v);
      case 'hosts': case 'queueIds': case 'finalRecipients': return (v || []).join(', ');
      case 'senderAddress': return v === '' ? '<>' : v;
      default: return v ?? '';
    }
  }

  function draw() {
    const cols = COLUMNS.filter((c) => state.cols.has(c.key));
    const all = h('input', { type: 'checkbox', 'aria-label': 'Select all loaded rows', checked: state.rows.length > 0 && state.selected.size === state.rows.length,
      onchange: (e) => { state.selected = e.target.checked ? new Set(state.rows) : new Set(); draw(); } });
    const head = h('tr', {}, opts.canExport ? h('th', { class: 'sel' }, all) : null, cols.map((c) => {
      const active = c.key === sortKey;
      return h('th', { scope: 'col', 'aria-sort': active ? (sortDir === 'asc' ? 'ascending' : 'descending') : null },
        h('button', { type: 'button', class: 'sort', onclick: () => sortBy(c.key) }, c.label, active ? (sortDir === 'asc' ? ' ▲' : ' ▼') : ''));
    }));
    const body = h('tbody', {});
    for (const r of sorted()) {
      const tr = h('tr', { class: 'row' + (state.selected.has(r) ? ' selected' : '') },
        opts.canExport ? h('td', { class: 'sel' }, h('input', { type: 'checkbox', 'aria-label': 'Select row', checked: state.selected.has(r),
          onchange: (e) => { if (e.target.checked) state.selected.add(r); else state.selected.delete(r); tr.classList.toggle('selected', e.target.checked); counts(); } })) : null,
        cols.map((c) => h('td', { class: 'c-' + c.key }, cell(r, c.key))));
      if (opts.canDetail) {
        tr.addEventListener('click', (e) => {
          if (e.target.closest('input, button')) return;
          e.preventDefault();
          opts.onOpen(r);
        });
      }
      body.append(tr);
    }
    table.replaceChildren(h('thead', {}, head), body);
    if (!state.rows.length && state.done) {
      body.append(h('tr', {}, h('td', { colspan: cols.length + 1, class: 'empty' },
        'No mail matches. Widen the time range, check the addresses (use * as a wildcard), or clear the status filter.')));
    }
    more.hidden = !state.next;
    counts();
  }

  function counts() {
    const n = state.rows.length;
    status.classList.remove('error');
    status.textContent = n === 0 ? (state.done ? 'No rows match.' : 'Searching…')
      : state.next ? `Showing the newest ${n} rows. More rows match: scroll down or press “Load ${PAGE} more”.`
        : `All ${n} matching row${n === 1 ? '' : 's'} shown.`;
    if (sortKey !== 'received' || sortDir !== 'desc') status.textContent += ' Sorted among the loaded rows.';
    exportSel.disabled = state.selected.size === 0;
    exportSel.textContent = state.selected.size ? `Export selected (${state.selected.size})` : 'Export selected';
  }

  function sortBy(key) {
    if (key === sortKey) sortDir = sortDir === 'asc' ? 'desc' : 'asc';
    else { sortKey = key; sortDir = key === 'received' ? 'desc' : 'asc'; }
    opts.onSort(sortKey === 'received' && sortDir === 'desc' ? '' : sortKey + ':' + sortDir);
    draw();
  }

  function columnChooser() {
    const boxes = COLUMNS.map((c) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: c.key, checked: state.cols.has(c.key),
      onchange: (e) => {
        if (e.target.checked) state.cols.add(c.key); else state.cols.delete(c.key);
        localStorage.setItem('mailtrace.columns', JSON.stringify([...state.cols]));
        draw();
      } }), c.label));
    return h('details', { class: 'menu', id: 'columns' }, h('summary', { class: 'btn' }, 'Columns'), h('div', { class: 'menu-body' }, boxes));
  }

  function toCsv(rows) {
    return csv(FIELDS, rows.map((r) => FIELDS.map((f) => r[f])));
  }

  function exportSelected() {
    const rows = state.rows.filter((r) => state.selected.has(r));
    download(fileName('selected'), toCsv(rows));
    toast(`Exported ${rows.length} selected rows.`);
  }

  async function exportEverything() {
    exportAll.disabled = true;
    const rows = [];
    let cursor = null;
    try {
      do {
        exportAll.textContent = `Exporting… ${rows.length} rows`;
        const page = await get('/api/v1/traces' + qs({ ...opts.apiParams, limit: EXPORT_PAGE, cursor }));
        rows.push(...page.rows);
        cursor = page.next;
      } while (cursor);
      download(fileName('all'), toCsv(rows));
      toast(`Exported all ${rows.length} matching rows.`);
    } catch (e) {
      toast('Export stopped after ' + rows.length + ' rows: ' + explain(e), 'error');
    } finally {
      exportAll.disabled = false;
      exportAll.textContent = 'Export all to CSV';
    }
  }

  draw();
  status.textContent = 'Searching…';
  load();
  return () => { state.gen++; observer.disconnect(); };
}

function fileName(what) {
  const t = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `mailtrace-${what}-${t}.csv`;
}
