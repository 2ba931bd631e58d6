// A message trace search as the console holds it, and its three spellings: the page URL (so a link
// can be shared), the REST API's query parameters, and a saved query (API names, absolute times).

import { localZone, fromLocalInput, toLocalInput } from './format.js';

export const RANGES = [1, 2, 7, 30, 90];
export const DEFAULT_DAYS = 2;
const SINGLE = ['messageId', 'traceId', 'direction', 'fromIp', 'toIp', 'subject', 'subjectMatch'];

/** Senders or recipients typed or pasted: separated by ; , spaces or new lines, like M365. */
export function splitAddresses(text) {
  return (text || '').split(/[\s;,]+/).map((a) => a.trim()).filter(Boolean);
}

export function fromUrl(search) {
  const p = new URLSearchParams(search);
  const days = p.get('days');
  const custom = p.has('start') || p.has('end') || days === 'custom';
  const q = {
    sender: p.getAll('sender').flatMap(splitAddresses),
    recipient: p.getAll('recipient').flatMap(splitAddresses),
    status: p.getAll('status'),
    days: custom ? null : (RANGES.includes(+days) ? +days : DEFAULT_DAYS),
    start: p.get('start') || '',
    end: p.get('end') || '',
    tz: p.get('tz') || localZone(),
    sort: p.get('sort') || '',
    open: p.get('open') || '',
    rcpt: p.get('rcpt') || '',
  };
  for (const k of SINGLE) q[k] = p.get(k) || '';
  return q;
}

export function toUrl(q) {
  const p = new URLSearchParams();
  q.sender.forEach((a) => p.append('sender', a));
  q.recipient.forEach((a) => p.append('recipient', a));
  if (q.days) p.set('days', q.days);
  else {
    if (q.start) p.set('start', q.start);
    if (q.end) p.set('end', q.end);
    if (!q.start && !q.end) p.set('days', 'custom');
  }
  if (q.tz && q.tz !== localZone()) p.set('tz', q.tz);
  q.status.forEach((s) => p.append('status', s));
  for (const k of SINGLE) if (q[k]) p.set(k, q[k]);
  if (q.sort) p.set('sort', q.sort);
  if (q.open) p.set('open', q.open);
  if (q.open && q.rcpt) p.set('rcpt', q.rcpt);
  return '/console/trace?' + p.toString();
}

/** The API's parameters; a relative range is turned into times now, at search time. */
export function toApi(q, now = new Date()) {
  const out = { sender: q.sender, recipient: q.recipient, status: q.status };
  if (q.days) out.start = new Date(now.getTime() - q.days * 86400000).toISOString();
  else {
    const s = fromLocalInput(q.start, q.tz);
    const e = fromLocalInput(q.end, q.tz);
    if (s) out.start = s.toISOString();
    if (e) out.end = e.toISOString();
  }
  for (const k of SINGLE) if (q[k]) out[k] = q[k];
  if (!q.subject) delete out.subjectMatch;
  return out;
}

/** A saved or autosaved query (API names) back into the console's form, times shown in the zone. */
export function fromSaved(saved, tz) {
  const arr = (v) => (Array.isArray(v) ? v : v ? String(v).split(',') : []).map((s) => s.trim()).filter(Boolean);
  const q = fromUrl('');
  q.tz = tz || localZone();
  q.sender = arr(saved.sender);
  q.recipient = arr(saved.recipient);
  q.status = arr(saved.status);
  q.days = null;
  q.start = saved.start ? toLocalInput(new Date(saved.start), q.tz) : '';
  q.end = saved.end ? toLocalInput(new Date(saved.end), q.tz) : '';
  for (const k of SINGLE) q[k] = saved[k] || '';
  return q;
}

/** One line that says what a search looks for, for lists of saved queries and report titles. */
export function describe(api) {
  const bits = [];
  const list = (v) => (Array.isArray(v) ? v : v ? [v] : []);
  if (list(api.sender).length) bits.push('from ' + list(api.sender).join(', '));
  if (list(api.recipient).length) bits.push('to ' + list(api.recipient).join(', '));
  if (list(api.status).length) bits.push(list(api.status).join('/'));
  for (const k of SINGLE) if (api[k] && k !== 'subjectMatch') bits.push(k + ' ' + api[k]);
  if (api.start) bits.push('since ' + api.start.slice(0, 16).replace('T', ' '));
  if (api.end) bits.push('until ' + api.end.slice(0, 16).replace('T', ' '));
  return bits.length ? bits.join(' · ') : 'all mail';
}
