// The message trace page: the search form (senders, recipients, time range with zone, statuses,
// more filters), saved and recent queries, the results, and the detail flyout. The whole search
// lives in the URL, so the address bar is always a link to exactly what is on screen.

import { get, post, del, explain } from './api.js';
import { h, clear, toast } from './dom.js';
import { STATUSES, statusWords, statusHelp, zones, localZone, toLocalInput } from './format.js';
import { RANGES, fromUrl, toUrl, toApi, fromSaved, splitAddresses, describe } from './query.js';
import { showResults } from './results.js';

export function render(main, session, { navigate }) {
  const q = fromUrl(location.search);
  let stopResults = null;
  let closeDetail = null;

  const field = (id, label, input, hint) => h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('small', { class: 'hint' }, hint) : null);
  const senders = h('textarea', { id: 'sender', rows: 1, placeholder: 'Any sender', spellcheck: 'false', autocapitalize: 'none' }, q.sender.join('; '));
  const recipients = h('textarea', { id: 'recipient', rows: 1, placeholder: 'Any recipient', spellcheck: 'false', autocapitalize: 'none' }, q.recipient.join('; '));
  const addrHint = 'Wildcards: *@example.org. Paste a list separated by ; , spaces or lines.';

  const rangeName = 'range';
  const range = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Time range' },
    [...RANGES.map((d) => [d, d === 1 ? '1 day' : d + ' days']), ['custom', 'Custom']].map(([v, text]) =>
      h('label', {}, h('input', { type: 'radio', name: rangeName, value: v, checked: String(q.days || 'custom') === String(v), onchange: syncRange }), h('span', {}, text))));
  const now = new Date();
  const start = h('input', { id: 'start', type: 'datetime-local', value: q.days ? toLocalInput(new Date(now - q.days * 86400000), q.tz) : q.start });
  const end = h('input', { id: 'end', type: 'datetime-local', value: q.end });
  const tz = h('select', { id: 'tz', 'aria-describedby': 'tz-hint' }, zones().map((z) => h('option', { value: z, selected: z === q.tz }, z)));
  const custom = h('div', { class: 'custom-range', hidden: !!q.days },
    field('start', 'From', start), field('end', 'To', end, 'Empty: up to now.'));
  function syncRange() {
    custom.hidden = main.querySelector(`input[name=${rangeName}]:checked`).value !== 'custom';
  }

  const statuses = h('fieldset', { class: 'statuses' }, h('legend', {}, 'Delivery status'),
    STATUSES.map((s) => h('label', { class: 'check', title: statusHelp(s) },
      h('input', { type: 'checkbox', name: 'status', value: s, checked: q.status.includes(s) }), statusWords(s))));

  const text = (id, label, value, placeholder) => field(id, label, h('input', { id, value, placeholder: placeholder || '', spellcheck: 'false', autocapitalize: 'none' }));
  const direction = h('select', { id: 'direction' }, [['', 'Any'], ['Inbound', 'Inbound'], ['Outbound', 'Outbound'], ['Internal', 'Internal']]
    .map(([v, t]) => h('option', { value: v, selected: q.direction === v }, t)));
  const subjectMatch = h('select', { id: 'subjectMatch', 'aria-label': 'Subject match' }, [['contains', 'contains'], ['startswith', 'starts with'], ['endswith', 'ends with']]
    .map(([v, t]) => h('option', { value: v, selected: (q.subjectMatch || 'contains') === v }, t)));
  const moreOpen = !!(q.messageId || q.traceId || q.direction || q.fromIp || q.toIp || q.subject);
  const more = h('details', { class: 'more-filters', open: moreOpen }, h('summary', {}, 'More filters'),
    h('div', { class: 'grid' },
      text('messageId', 'Message ID', q.messageId, '<abc@mail.example.org>'),
      text('traceId', 'Trace ID', q.traceId, 'UUID'),
      field('direction', 'Direction', direction),
      text('fromIp', 'From IP', q.fromIp, '192.0.2.7 or 192.0.2.0/24'),
      text('toIp', 'To IP', q.toIp, 'IP or CIDR'),
      h('div', { class: 'field' }, h('label', { for: 'subject' }, 'Subject'),
        h('div', { class: 'inline' }, subjectMatch, h('input', { id: 'subject', value: q.subject })))));

  const form = h('form', { id: 'search-form', 'aria-label': 'Message trace search' },
    h('div', { class: 'grid two' }, field('sender', 'Senders', senders, addrHint), field('recipient', 'Recipients', recipients)),
    h('div', { class: 'range-row' },
      h('div', { class: 'field' }, h('span', { class: 'label' }, 'Time range'), range),
      field('tz', 'Time zone', tz, null), custom),
    statuses, more,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn primary', id: 'search' }, 'Search'),
      h('button', { type: 'button', class: 'btn', onclick: () => navigate('/console/trace') }, 'Reset'),
      h('button', { type: 'button', class: 'btn', id: 'save-query', onclick: saveQuery }, 'Save query…'),
      session.can('report') ? h('button', { type: 'button', class: 'btn', id: 'to-report', onclick: toReport }, 'Create report from this search') : null,
      h('small', { class: 'hint', id: 'tz-hint' }, 'Times are entered and shown in the chosen time zone.')));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(toUrl(readForm()));
  });
  for (const ta of [senders, recipients]) {
    ta.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
    });
  }

  function readForm() {
    const chosen = main.querySelector(`input[name=${rangeName}]:checked`).value;
    const f = {
      sender: splitAddresses(senders.value), recipient: splitAddresses(recipients.value),
      status: [...statuses.querySelectorAll('input:checked')].map((i) => i.value),
      days: chosen === 'custom' ? null : +chosen, start: chosen === 'custom' ? start.value : '', end: chosen === 'custom' ? end.value : '',
      tz: tz.value, sort: q.sort, open: '', rcpt: '',
    };
    for (const id of ['messageId', 'traceId', 'fromIp', 'toIp', 'subject']) f[id] = main.querySelector('#' + id).value.trim();
    f.direction = direction.value;
    f.subjectMatch = f.subject && subjectMatch.value !== 'contains' ? subjectMatch.value : '';
    return f;
  }

  // On a phone, a search from a link shows its results first; the form folds into one line.
  const searched = location.search.length > 1;
  const panel = h('details', { class: 'card search-panel', open: !searched || matchMedia('(min-width: 721px)').matches },
    h('summary', {}, searched ? 'Search: ' + describe(toApi(q)) : 'Search'), form);
  const saved = h('div', { class: 'saved', id: 'saved-queries' });
  const results = h('section', { class: 'results-area', 'aria-label': 'Results' });
  main.append(h('div', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Message trace'), saved), panel, results));

  loadSaved();
  stopResults = showResults(results, {
    apiParams: toApi(q), tz: q.tz, sort: q.sort, canDetail: session.can('detail'), canExport: session.can('report'),
    rowHref: (r) => toUrl({ ...q, open: r.messageTraceId, rcpt: r.recipientAddress }),
    onOpen: (r) => openRow(r.messageTraceId, r.recipientAddress),
    onSort: (sort) => { q.sort = sort; history.replaceState(null, '', toUrl(q)); },
  });
  if (q.open && session.can('detail')) openRow(q.open, q.rcpt, true);

  async function openRow(traceId, rcpt, initial) {
    const { openDetail } = await import('./detail.js');
    q.open = traceId;
    q.rcpt = rcpt || '';
    if (!initial) history.pushState(null, '', toUrl(q));
    if (closeDetail) closeDetail(true);
    closeDetail = openDetail(traceId, rcpt, {
      tz: q.tz,
      onRelated: (id) => openRow(id, ''),
      onClose: () => { q.open = ''; q.rcpt = ''; closeDetail = null; history.replaceState(null, '', toUrl(q)); },
    });
  }

  async function loadSaved() {
    let mine = [];
    let recent = [];
    try {
      [mine, recent] = await Promise.all([get('/api/v1/queries').then((r) => r.queries), get('/api/v1/queries/recent').then((r) => r.queries || r.recent || [])]);
    } catch (e) {
      clear(saved).append(h('span', { class: 'muted small', 'data-state': 'unavailable' }, e.notAvailable
        ? 'Saved queries are not available on this server.' : 'Saved queries: ' + explain(e)));
      return;
    }
    const item = (entry, removable) => h('li', {},
      h('a', { href: toUrl(fromSaved(entry.query || {}, q.tz)), 'data-nav': true, title: describe(entry.query || {}) }, entry.name || describe(entry.query || {})),
      entry.shared ? h('span', { class: 'muted small' }, ' shared by ' + entry.owner) : null,
      removable && (entry.owner === session.name || !entry.shared || session.can('admin')) ? h('button', { type: 'button', class: 'link danger', 'aria-label': 'Delete saved query ' + entry.name,
        onclick: async () => { try { await del('/api/v1/queries/' + encodeURIComponent(entry.id)); loadSaved(); } catch (e) { toast(explain(e), 'error'); } } }, 'Delete') : null);
    clear(saved).append(
      h('details', { class: 'menu right' }, h('summary', { class: 'btn' }, `Saved queries (${mine.length})`),
        h('div', { class: 'menu-body' }, mine.length ? h('ul', { class: 'plain' }, mine.map((m) => item(m, true))) : h('p', { class: 'muted' }, 'None yet: search, then “Save query…”.'))),
      h('details', { class: 'menu right' }, h('summary', { class: 'btn' }, 'Recent'),
        h('div', { class: 'menu-body' }, recent.length ? h('ul', { class: 'plain' }, recent.slice(0, 10).map((m) => item(m, false))) : h('p', { class: 'muted' }, 'Your last 10 searches appear here.'))));
  }

  async function saveQuery() {
    const name = prompt('Name for this query:', describe(toApi(readForm())).slice(0, 80));
    if (!name) return;
    const shared = confirm('Share “' + name + '” with everyone who may search? Cancel keeps it private to you.');
    try {
      await post('/api/v1/queries', { name, query: toApi(readForm()), shared });
      toast('Saved “' + name + '”' + (shared ? ', shared.' : ', private to you.'));
      loadSaved();
    } catch (e) {
      toast(e.notAvailable ? 'Saved queries are not available on this server.' : explain(e), 'error');
    }
  }

  function toReport() {
    const api = toApi(readForm());
    navigate('/console/reports?query=' + encodeURIComponent(JSON.stringify(api)));
  }

  const onKey = (e) => {
    if (e.key === '/' && !e.target.closest('input, textarea, select')) { e.preventDefault(); senders.focus(); }
  };
  document.addEventListener('keydown', onKey);
  return () => { stopResults && stopResults(); closeDetail && closeDetail(true); document.removeEventListener('keydown', onKey); };
}

export { localZone };
