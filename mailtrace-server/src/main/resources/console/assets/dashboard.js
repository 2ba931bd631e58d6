// The dashboard: mail flow over time by status, top senders, recipients, domains, reject and
// deferral reasons, messages pending now, and a live view of rows as Postfix logs them (SSE).

import { get, qs, explain } from './api.js';
import { h, clear } from './dom.js';
import { localZone, formatTime, toLocalInput } from './format.js';
import { stackedBars } from './chart.js';
import { statusBadge } from './results.js';

const PERIODS = [['1', 'Last 24 hours', 'hour'], ['7', 'Last 7 days', 'day'], ['30', 'Last 30 days', 'day']];
const LIVE_MAX = 100;

export function render(main) {
  const tz = localZone();
  const params = new URLSearchParams(location.search);
  const days = params.get('days') || '1';
  const start = params.get('start');
  const end = params.get('end');
  const bucket = params.get('bucket') || (start ? 'hour' : (PERIODS.find((p) => p[0] === days) || PERIODS[0])[2]);
  let source = null;

  const picker = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Period' }, PERIODS.map(([v, text]) =>
    h('a', { href: '/console/dashboard?days=' + v, 'data-nav': true, class: 'seg' + (!start && v === days ? ' on' : '') }, h('span', {}, text))));
  const body = h('div', { id: 'stats' }, h('p', { class: 'muted' }, 'Loading statistics…'));
  const liveBody = h('tbody', {});
  const liveState = h('span', { class: 'muted', id: 'live-state' }, 'Connecting…');
  const liveToggle = h('button', { type: 'button', class: 'btn small', onclick: toggleLive }, 'Pause');
  main.append(h('div', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Dashboard'), picker),
    start ? h('p', { class: 'muted' }, 'From ' + formatTime(start, tz) + ' to ' + (end ? formatTime(end, tz) : 'now') + ' (' + tz + ')') : null,
    body,
    h('section', { class: 'card live' }, h('div', { class: 'toolbar' }, h('h2', {}, 'Live'), h('div', { class: 'toolbar-actions' }, liveState, liveToggle)),
      h('div', { class: 'table-wrap' }, h('table', { class: 'list', id: 'live' },
        h('thead', {}, h('tr', {}, ['Received', 'Sender', 'Recipient', 'Status', 'Subject'].map((t) => h('th', { scope: 'col' }, t)))), liveBody)))));

  loadStats();
  startLive();

  async function loadStats() {
    const since = start || new Date(Date.now() - days * 86400000).toISOString();
    let stats;
    try {
      stats = await get('/api/v1/stats' + qs({ start: since, end, bucket, top: 10 }));
    } catch (e) {
      clear(body).append(h('p', { class: 'notice card', 'data-state': e.notAvailable ? 'unavailable' : 'error' },
        e.notAvailable ? 'Statistics are not available on this server yet. The message trace page works as usual.' : explain(e)));
      return;
    }
    const total = stats.series.reduce((n, b) => n + Object.values(b.byStatus || {}).reduce((x, y) => x + y, 0), 0);
    const failed = stats.series.reduce((n, b) => n + ((b.byStatus || {}).Failed || 0), 0);
    const traceLink = (extra) => '/console/trace?' + new URLSearchParams({ days: 'custom', start: toLocalInput(new Date(since), tz), ...extra }).toString();
    clear(body).append(
      h('div', { class: 'cards' },
        stat('Rows in period', total, null),
        stat('Failed', failed, traceLink({ status: 'Failed' })),
        stat('Pending now', stats.pendingNow ?? 0, '/console/trace?days=7&status=Pending')),
      h('section', { class: 'card', id: 'flow' }, h('h2', {}, 'Mail flow by ' + bucket), stackedBars(stats.series, bucket, tz)),
      h('div', { class: 'cards' },
        top('Top senders', stats.topSenders, (k) => traceLink({ sender: k })),
        top('Top recipients', stats.topRecipients, (k) => traceLink({ recipient: k })),
        top('Top domains', stats.topDomains, (k) => traceLink({ recipient: '*@' + k })),
        top('Top reject reasons', stats.topRejectReasons, null),
        top('Top deferral reasons', stats.topDeferralReasons, null)));
  }

  function stat(label, value, href) {
    return h('section', { class: 'card' }, h('h2', {}, label), h('div', { class: 'stat' }, href ? h('a', { href, 'data-nav': true }, String(value)) : String(value)));
  }

  function top(title, items, link) {
    items = items || [];
    return h('section', { class: 'card' }, h('h2', {}, title), items.length
      ? h('ol', { class: 'top' }, items.map((i) => h('li', {}, link ? h('a', { href: link(i.key), 'data-nav': true }, i.key || '<>') : h('span', {}, i.key),
        h('span', { class: 'count' }, String(i.count)))))
      : h('p', { class: 'muted' }, 'None in this period.'));
  }

  function startLive() {
    source = new EventSource('/api/v1/live');
    source.addEventListener('open', () => { liveState.textContent = 'Live: new rows appear as mail flows.'; });
    source.addEventListener('rows', (e) => {
      let rows = [];
      try { rows = JSON.parse(e.data); } catch (err) { return; }
      for (const r of rows) {
        liveBody.prepend(h('tr', {}, h('td', {}, formatTime(r.received, tz)), h('td', {}, r.senderAddress || '<>'),
          h('td', {}, r.recipientAddress), h('td', {}, statusBadge(r.status)), h('td', {}, r.subject || '')));
      }
      while (liveBody.children.length > LIVE_MAX) liveBody.lastChild.remove();
    });
    source.addEventListener('error', () => {
      if (source && source.readyState === EventSource.CLOSED) {
        liveState.textContent = 'The live view is not available on this server.';
        liveState.dataset.state = 'unavailable';
        liveToggle.hidden = true;
      } else {
        liveState.textContent = 'Reconnecting…';
      }
    });
  }

  function toggleLive() {
    if (source) {
      source.close();
      source = null;
      liveState.textContent = 'Paused.';
      liveToggle.textContent = 'Resume';
    } else {
      liveToggle.textContent = 'Pause';
      startLive();
    }
  }

  return () => { if (source) source.close(); };
}
