// Reports: order a summary, enhanced summary or extended CSV for a search, watch it run, download
// or delete it. The list refreshes every 2 s while a report is queued or running.

import { get, post, del, qs, explain } from './api.js';
import { h, clear, toast } from './dom.js';
import { formatTime, localZone } from './format.js';
import { describe, splitAddresses } from './query.js';

const TYPES = [
  ['summary', 'Summary', 'One row per message and recipient, like the trace page.'],
  ['enhanced', 'Enhanced summary', 'Adds IPs, size, direction, hosts and queue IDs.'],
  ['extended', 'Extended', 'Every event of every row: the full timeline, for deep investigations.'],
];
const ACTIVE = new Set(['queued', 'running']);
const STATE_WORDS = { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed', capped: 'Done, capped', cancelled: 'Cancelled' };

export function render(main) {
  const tz = localZone();
  const given = new URLSearchParams(location.search).get('query');
  let query = {};
  try { query = given ? JSON.parse(given) : {}; } catch (e) { query = {}; }
  let timer = null;
  let stopped = false;
  // Polling counts against the per-user rate limit: start at 2 s and slow down while a report runs.
  let pollMs = 2000;

  const list = h('div', { id: 'report-list' }, h('p', { class: 'muted' }, 'Loading reports…'));
  const title = h('input', { id: 'report-title', value: 'Message trace report ' + formatTime(new Date().toISOString(), tz).slice(0, 16), maxlength: 200 });
  const senders = h('input', { id: 'report-sender', placeholder: 'Any sender', value: [].concat(query.sender || []).join('; ') });
  const recipients = h('input', { id: 'report-recipient', placeholder: 'Any recipient', value: [].concat(query.recipient || []).join('; ') });
  const days = h('select', { id: 'report-days' }, [['1', 'Last day'], ['2', 'Last 2 days'], ['7', 'Last 7 days'], ['30', 'Last 30 days'], ['90', 'Last 90 days'], ['', 'Everything stored']]
    .map(([v, t]) => h('option', { value: v, selected: v === '2' }, t)));
  const fromSearch = Object.keys(query).length > 0;
  const types = h('fieldset', { class: 'types' }, h('legend', { class: 'label' }, 'Report type'),
    TYPES.map(([v, name, help], i) => h('label', { class: 'check block' }, h('input', { type: 'radio', name: 'type', value: v, checked: i === 0 }),
      h('span', {}, h('strong', {}, name), ' — ', help))));
  const form = h('form', { class: 'card', id: 'report-form' },
    h('h2', {}, 'New report'),
    fromSearch ? h('p', {}, 'For the search: ', h('strong', {}, describe(query)), ' ', h('a', { href: '/console/reports', 'data-nav': true }, '(start blank)')) : null,
    h('div', { class: 'grid' },
      h('div', { class: 'field' }, h('label', { for: 'report-title' }, 'Title'), title),
      fromSearch ? null : [
        h('div', { class: 'field' }, h('label', { for: 'report-sender' }, 'Senders'), senders),
        h('div', { class: 'field' }, h('label', { for: 'report-recipient' }, 'Recipients'), recipients),
        h('div', { class: 'field' }, h('label', { for: 'report-days' }, 'Time range'), days)]),
    types,
    h('div', { class: 'actions' }, h('button', { class: 'btn primary', type: 'submit', id: 'create-report' }, 'Prepare report')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let q = query;
    if (!fromSearch) {
      q = { sender: splitAddresses(senders.value), recipient: splitAddresses(recipients.value) };
      if (days.value) q.start = new Date(Date.now() - days.value * 86400000).toISOString();
    }
    const type = form.querySelector('input[name=type]:checked').value;
    try {
      const r = await post('/api/v1/reports', { type, title: title.value.trim(), query: q });
      toast('Report “' + r.title + '” queued.');
      refresh();
    } catch (err) {
      toast(err.notAvailable ? 'Reports are not available on this server.' : explain(err), 'error');
    }
  });

  main.append(h('div', { class: 'page' }, h('div', { class: 'page-head' }, h('h1', {}, 'Reports')),
    h('p', { class: 'muted' }, 'Reports run in the background on the server; you can leave this page and come back. Nothing is cut off silently: a report that hits its row limit says so.'),
    form, h('h2', { class: 'section' }, 'Your reports'), list));

  async function refresh() {
    clearTimeout(timer);
    let reports;
    try {
      reports = (await get('/api/v1/reports')).reports;
    } catch (e) {
      if (e.status === 429 && !stopped) {
        timer = setTimeout(refresh, (Number(e.retryAfter) || 30) * 1000);
        return;
      }
      clear(list).append(h('p', { class: 'notice', 'data-state': e.notAvailable ? 'unavailable' : 'error' },
        e.notAvailable ? 'Reports are not available on this server yet. Use “Export all to CSV” on the message trace page meanwhile.' : explain(e)));
      form.querySelector('#create-report').disabled = e.notAvailable;
      return;
    }
    if (stopped) return;
    clear(list).append(reports.length ? table(reports) : h('p', { class: 'muted' }, 'No reports yet.'));
    if (reports.some((r) => ACTIVE.has(r.state))) {
      timer = setTimeout(refresh, pollMs);
      pollMs = Math.min(15000, Math.round(pollMs * 1.3));
    } else {
      pollMs = 2000;
    }
  }

  function table(reports) {
    return h('div', { class: 'table-wrap' }, h('table', { class: 'list', id: 'reports' },
      h('thead', {}, h('tr', {}, ['Title', 'Type', 'State', 'Rows', 'Created', 'Finished', 'Owner', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, reports.map((r) => h('tr', { dataset: { id: r.id, state: r.state } },
        h('td', {}, h('strong', {}, r.title), h('div', { class: 'muted small' }, describe(r.query || {}))),
        h('td', {}, (TYPES.find((t) => t[0] === r.type) || [0, r.type])[1]),
        h('td', {}, h('span', { class: 'badge st-' + r.state }, STATE_WORDS[r.state] || r.state),
          ACTIVE.has(r.state) ? h('span', { class: 'progress', role: 'progressbar', 'aria-valuenow': percent(r.progress), 'aria-valuemin': 0, 'aria-valuemax': 100 },
            bar(r.progress)) : null,
          r.capped ? h('div', { class: 'small error' }, 'Capped: more rows matched than the report may hold.') : null,
          r.error ? h('div', { class: 'small error' }, r.error) : null),
        h('td', {}, r.rows ?? ''),
        h('td', {}, formatTime(r.createdAt, tz)),
        h('td', {}, formatTime(r.finishedAt, tz)),
        h('td', {}, r.owner || ''),
        h('td', { class: 'row-actions' },
          r.state === 'done' || r.state === 'capped' ? h('a', { class: 'btn small', href: '/api/v1/reports/' + encodeURIComponent(r.id) + '/download', download: '' }, 'Download') : null, ' ',
          h('button', { type: 'button', class: 'btn small danger', onclick: () => remove(r) }, ACTIVE.has(r.state) ? 'Cancel' : 'Delete')))))));
  }

  async function remove(r) {
    if (!confirm((ACTIVE.has(r.state) ? 'Cancel' : 'Delete') + ' the report “' + r.title + '”?')) return;
    try {
      await del('/api/v1/reports/' + encodeURIComponent(r.id));
      refresh();
    } catch (e) {
      toast(explain(e), 'error');
    }
  }

  refresh();
  return () => { stopped = true; clearTimeout(timer); };
}

/** The filled part of a progress bar; CSSOM, not a style attribute, so the CSP needs no 'unsafe-inline'. */
function bar(progress) {
  const el = h('div', {});
  el.style.width = percent(progress) + '%';
  return el;
}

/** Progress as 0..100 whether the server counts in fractions or in percent. */
function percent(p) {
  const n = Number(p) || 0;
  return Math.max(0, Math.min(100, Math.round(n <= 1 ? n * 100 : n)));
}

export { qs };
