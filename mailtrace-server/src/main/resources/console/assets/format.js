// How values read on screen: times in the chosen time zone, statuses and events in plain words,
// sizes and durations for people, and CSV that spreadsheets open safely.

export const STATUSES = ['Delivered', 'Pending', 'Failed', 'Expanded', 'Quarantined', 'FilteredAsSpam', 'Dropped', 'GettingStatus'];

const STATUS_WORDS = {
  Delivered: 'Delivered', Pending: 'Pending', Failed: 'Failed', Expanded: 'Expanded',
  Quarantined: 'Quarantined', FilteredAsSpam: 'Filtered as spam', Dropped: 'Dropped', GettingStatus: 'Getting status',
};

const STATUS_HELP = {
  Delivered: 'Handed to the mailbox or accepted by the next mail server.',
  Pending: 'Accepted but not delivered yet; Postfix will try again.',
  Failed: 'Refused or given up: rejected, bounced or expired.',
  Expanded: 'An alias or list that fanned out; each member has its own row.',
  Quarantined: 'Held for review; it goes on only when someone releases it.',
  FilteredAsSpam: 'A spam filter stopped or diverted it.',
  Dropped: 'Accepted, then discarded on purpose (the sender was told it was accepted).',
  GettingStatus: 'Seen, but the log does not say yet what happened.',
};

export const statusWords = (s) => STATUS_WORDS[s] || s || '';
export const statusHelp = (s) => STATUS_HELP[s] || '';

const EVENT_WORDS = {
  RECEIVE: 'Received', SUBMIT: 'Submitted locally', REJECT: 'Rejected', DEFER: 'Deferred (will retry)',
  DELIVER: 'Delivered', SEND: 'Sent to next server', FAIL: 'Failed', EXPAND: 'Expanded', REDIRECT: 'Redirected',
  TRANSFER: 'Transferred', POLICY: 'Policy decision', SPAM: 'Spam filter', MALWARE: 'Malware found',
  QUARANTINE: 'Quarantined', RELEASE: 'Released', DROP: 'Dropped', EXPIRE: 'Expired in queue', NDR: 'Bounce sent (NDR)',
};
export const eventWords = (e) => EVENT_WORDS[e] || e;

const RELATION_WORDS = {
  'ndr': 'Bounce notification (NDR) about this message',
  'ndr-of': 'The message this notification is about',
  'forwarded-copy': 'Forwarded copy of this message',
  'forwarded-from': 'The message this copy was forwarded from',
  'same-message-id': 'Another trace with the same Message-ID',
};
export const relationWords = (r) => RELATION_WORDS[r] || r;

/** The browser's own zone, the default for input and display. */
export const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function zones() {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...list.filter((z) => z !== 'UTC')];
}

const fmtCache = new Map();
function parts(date, zone) {
  let f = fmtCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    fmtCache.set(zone, f);
  }
  const o = {};
  for (const p of f.formatToParts(date)) o[p.type] = p.value;
  return o;
}

/** "2025-11-28 13:28:50" in the zone: sortable, unambiguous, the same width everywhere. */
export function formatTime(iso, zone) {
  if (!iso) return '';
  const p = parts(new Date(iso), zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The value for an input type=datetime-local showing this instant in the zone. */
export function toLocalInput(date, zone) {
  const p = parts(date, zone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The instant whose wall-clock time in the zone is the given datetime-local text. */
export function fromLocalInput(text, zone) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?$/.exec(text || '');
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = parts(new Date(guess), zone);
    const shown = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
    guess += wall - shown;
  }
  return new Date(guess);
}

export function formatSize(bytes) {
  if (bytes == null) return '';
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB';
  return (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

/** "+1.2 s", "+3 min 5 s", "+2 h 4 min": the time spent between two events. */
export function formatGap(ms) {
  if (ms == null || isNaN(ms)) return '';
  const sign = ms < 0 ? '-' : '+';
  ms = Math.abs(ms);
  if (ms < 1000) return sign + ms + ' ms';
  const sec = ms / 1000;
  if (sec < 60) return sign + (sec < 10 ? sec.toFixed(1) : Math.round(sec)) + ' s';
  const min = Math.floor(sec / 60);
  if (min < 60) return `${sign}${min} min ${Math.round(sec % 60)} s`;
  const hours = Math.floor(min / 60);
  if (hours < 48) return `${sign}${hours} h ${min % 60} min`;
  return `${sign}${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** CSV (RFC 4180) with cells that start like a formula quoted and prefixed, so a subject cannot run in a spreadsheet. */
export function csv(header, rows) {
  const cell = (v) => {
    let t = v == null ? '' : Array.isArray(v) ? v.join(' ') : String(v);
    if (/^[=+\-@\t\r]/.test(t)) t = "'" + t;
    return /[",\r\n']/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
