// The detail flyout of one trace: what happened in plain words first, then the message's facts
// (Message-ID, size, IPs, hosts, queue IDs), one event timeline per recipient with the time spent
// between events and each SMTP reply explained, and links to related traces.

import { get, explain } from './api.js';
import { h, clear, append } from './dom.js';
import { formatTime, formatSize, formatGap, eventWords, relationWords, statusWords } from './format.js';
import { statusBadge } from './results.js';

/** Opens the flyout; returns close(silent). opts: tz, onRelated(traceId), onClose(). */
export function openDetail(traceId, rcpt, opts) {
  const root = document.getElementById('flyout-root');
  const before = document.activeElement;
  const body = h('div', { class: 'flyout-body' }, h('p', { class: 'muted' }, 'Loading trace ' + traceId + '…'));
  const title = h('h2', { id: 'flyout-title' }, 'Message trace details');
  const wide = h('button', { type: 'button', class: 'btn small', 'aria-pressed': 'false', onclick: () => {
    panel.classList.toggle('wide');
    wide.setAttribute('aria-pressed', String(panel.classList.contains('wide')));
  } }, 'Wider');
  const closeButton = h('button', { type: 'button', class: 'btn small', id: 'close-detail', onclick: () => close(false) }, 'Close');
  const panel = h('aside', { class: 'flyout', id: 'detail', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'flyout-title', tabindex: '-1' },
    h('div', { class: 'flyout-head' }, title, h('div', {}, wide, closeButton)), body);
  const shade = h('div', { class: 'shade', onclick: () => close(false) });
  root.replaceChildren(shade, panel);
  panel.focus();
  const onKey = (e) => { if (e.key === 'Escape') close(false); };
  document.addEventListener('keydown', onKey);
  let closed = false;

  function close(silent) {
    if (closed) return;
    closed = true;
    document.removeEventListener('keydown', onKey);
    root.replaceChildren();
    if (before && before.focus) before.focus();
    if (!silent) opts.onClose();
  }

  get('/api/v1/traces/' + encodeURIComponent(traceId)).then((d) => {
    if (closed) return;
    title.textContent = d.subject || '(no subject)';
    append(clear(body), [draw(d, rcpt, opts)]);
    document.getElementById('detail').dataset.loaded = 'true';
  }).catch((e) => {
    if (closed) return;
    clear(body).append(h('p', { class: 'error', role: 'alert' }, e.status === 404
      ? 'This trace does not exist, or none of its recipients is in the domains you may see.' : explain(e)));
  });
  return close;
}

function draw(d, rcpt, opts) {
  const tz = opts.tz;
  const recipients = [...d.recipients].sort((a, b) => (b.recipientAddress === rcpt) - (a.recipientAddress === rcpt));
  const toIps = [...new Set(d.recipients.map((r) => r.toIp).filter(Boolean))];
  const facts = [
    ['Received', formatTime(d.received, tz) + ' (' + tz + ')'],
    ['Sender', d.senderAddress === '' ? '<> (null sender: a bounce or notification)' : d.senderAddress],
    ['Message ID', d.messageId || 'none (no Message-ID header logged)'],
    ['Trace ID', d.messageTraceId],
    ['Size', d.size == null ? 'not logged' : formatSize(d.size) + ' (' + d.size + ' bytes)'],
    ['From IP', d.fromIp || 'none (submitted on this server)'],
    ['To IP', toIps.join(', ') || 'none (not sent over SMTP)'],
    ['Hosts', (d.hosts || []).join(', ')],
    ['Queue IDs', (d.queueIds || []).join(', ')],
  ];
  return [
    h('section', { class: 'summary' }, recipients.map((r) => {
      const why = outcome(r, d);
      return [h('p', { class: 'plain-words' }, statusBadge(r.status), ' ', sentence(r, d, tz)),
        why && why.detail && r.status !== 'Delivered' ? h('p', { class: 'why' }, why.detail) : null];
    })),
    h('section', {}, h('h3', {}, 'More information'),
      h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
    h('section', {}, h('h3', {}, recipients.length === 1 ? 'What happened' : 'What happened, per recipient'),
      recipients.map((r) => timeline(r, d, tz, r.recipientAddress === rcpt || recipients.length === 1))),
    related(d, opts),
  ];
}

/** The event that decided the recipient's status: the last one that is not bookkeeping. */
function outcome(r, d) {
  const quiet = new Set(['RECEIVE', 'SUBMIT', 'POLICY', 'NDR']);
  return [...eventsFor(r, d)].reverse().find((e) => !quiet.has(e.event)) || null;
}

/** "Delivered to bob@example.org at 13:28:51, 1.2 s after it was received." */
function sentence(r, d, tz) {
  const last = outcome(r, d);
  const when = last ? ' at ' + formatTime(last.date, tz).slice(11) : '';
  const took = last ? ', ' + formatGap(Date.parse(last.date) - Date.parse(d.received)).slice(1) + ' after it was received' : '';
  const who = r.recipientAddress;
  switch (r.status) {
    case 'Delivered': return `Delivered to ${who}${when}${took}.`;
    case 'Pending': return `Not delivered to ${who} yet; Postfix will try again.` + (last ? ' Last attempt' + when + '.' : '');
    case 'Failed': return `Failed for ${who}${when}${took}.`;
    case 'Expanded': return `${who} is an alias or list; its members have their own rows.`;
    case 'Quarantined': return `Held in quarantine for ${who}${when}.`;
    case 'FilteredAsSpam': return `Filtered as spam for ${who}${when}.`;
    case 'Dropped': return `Discarded on purpose for ${who}${when}.`;
    default: return `${statusWords(r.status)} for ${who}: the log does not say yet what happened.`;
  }
}

function eventsFor(r, d) {
  return d.events.filter((e) => e.recipientAddress == null || e.recipientAddress === r.recipientAddress)
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
}

function timeline(r, d, tz, open) {
  const events = eventsFor(r, d);
  let prev = null;
  const items = events.map((e) => {
    const gap = prev ? formatGap(Date.parse(e.date) - Date.parse(prev.date)) : 'start';
    prev = e;
    const data = Object.entries(e.data || {});
    return h('li', { class: 'ev ev-' + e.event },
      h('div', { class: 'ev-time' }, h('time', { datetime: e.date }, formatTime(e.date, tz)), h('span', { class: 'gap' }, gap)),
      h('div', { class: 'ev-main' },
        h('strong', {}, eventWords(e.event)), e.action ? h('span', { class: 'muted' }, ' · ' + e.action) : null,
        e.data && e.data.dsn ? h('code', { class: 'dsn', title: 'Delivery status code (RFC 3463)' }, e.data.dsn) : null,
        e.detail ? h('p', { class: 'ev-detail' }, e.detail) : null,
        data.length ? h('details', { class: 'raw' }, h('summary', {}, 'Log facts'),
          h('dl', { class: 'facts small' }, data.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))) : null));
  });
  return h('details', { class: 'recipient', open },
    h('summary', {}, statusBadge(r.status), ' ', h('span', { class: 'addr' }, r.recipientAddress),
      h('span', { class: 'muted' }, ' · ' + r.direction + (r.expandedFrom ? ' · via ' + r.expandedFrom : '')
        + (r.finalRecipients && r.finalRecipients.length ? ' · delivered to ' + r.finalRecipients.join(' → ') : '')
        + (r.toIp ? ' · to ' + r.toIp : ''))),
    items.length ? h('ol', { class: 'timeline' }, items) : h('p', { class: 'muted' }, 'No events logged for this recipient.'));
}

function related(d, opts) {
  const links = (d.related || []).map((rel) => h('li', {},
    h('a', { href: '#', class: 'related', onclick: (e) => { e.preventDefault(); opts.onRelated(rel.messageTraceId); } }, relationWords(rel.relation)),
    h('span', { class: 'muted mono' }, ' ' + rel.messageTraceId)));
  const sameId = d.messageId ? h('li', {}, h('a', { href: '/console/trace?days=custom&messageId=' + encodeURIComponent(d.messageId), 'data-nav': true },
    'Search all traces with this Message-ID')) : null;
  return h('section', {}, h('h3', {}, 'Related traces'),
    h('ul', { class: 'plain related-list' }, links.length ? links : h('li', { class: 'muted' }, 'No bounce, forwarded copy or other trace with the same Message-ID.'), sameId));
}
