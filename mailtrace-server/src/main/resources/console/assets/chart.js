// A small hand-written SVG chart: mail per time bucket, stacked by delivery status. No library:
// a few rectangles and labels, with a text summary for screen readers.

import { s, h } from './dom.js';
import { STATUSES, statusWords, formatTime } from './format.js';

export const STATUS_COLOURS = {
  Delivered: '#16a34a', Pending: '#d97706', Failed: '#dc2626', Expanded: '#2563eb', Quarantined: '#9333ea',
  FilteredAsSpam: '#ea580c', Dropped: '#6b7280', GettingStatus: '#94a3b8',
};

/** series: [{start, byStatus: {Delivered: n, ...}}]; bucket: 'hour' | 'day'. */
export function stackedBars(series, bucket, tz) {
  const W = 900; const H = 260; const left = 44; const bottom = 28; const top = 10;
  const totals = series.map((b) => Object.values(b.byStatus || {}).reduce((x, y) => x + y, 0));
  const max = Math.max(1, ...totals);
  const step = niceStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const plotW = W - left - 8; const plotH = H - top - bottom;
  const bw = plotW / Math.max(1, series.length);
  const y = (v) => top + plotH - (v / ceiling) * plotH;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary(series, totals, bucket, tz) });
  for (let v = 0; v <= ceiling; v += step) {
    svg.append(s('line', { x1: left, x2: W - 8, y1: y(v), y2: y(v), stroke: 'currentColor', 'stroke-opacity': 0.12 }),
      s('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: 'currentColor', 'fill-opacity': 0.7 }, String(v)));
  }
  const labelEvery = Math.ceil(series.length / 8);
  series.forEach((b, i) => {
    let base = 0;
    const x = left + i * bw + bw * 0.12;
    for (const st of STATUSES) {
      const n = (b.byStatus || {})[st] || 0;
      if (!n) continue;
      const rect = s('rect', { x, width: Math.max(1, bw * 0.76), y: y(base + n), height: y(base) - y(base + n), fill: STATUS_COLOURS[st] },
        s('title', {}, `${label(b.start, bucket, tz)}: ${n} ${statusWords(st)}`));
      svg.append(rect);
      base += n;
    }
    if (i % labelEvery === 0) {
      svg.append(s('text', { x: left + i * bw + bw / 2, y: H - 8, 'text-anchor': 'middle', 'font-size': 11, fill: 'currentColor', 'fill-opacity': 0.7 }, label(b.start, bucket, tz)));
    }
  });
  const present = STATUSES.filter((st) => series.some((b) => (b.byStatus || {})[st]));
  const legend = h('div', { class: 'legend' }, present.map((st) => {
    const swatch = h('i', {});
    swatch.style.background = STATUS_COLOURS[st];
    return h('span', {}, swatch, statusWords(st));
  }));
  return h('div', { class: 'chart' }, svg, legend);
}

function label(iso, bucket, tz) {
  const t = formatTime(iso, tz);
  return bucket === 'hour' ? t.slice(5, 13).replace(' ', ' ') + 'h' : t.slice(5, 10);
}

function niceStep(max) {
  const raw = max / 4;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= raw) || p * 10;
}

function summary(series, totals, bucket, tz) {
  const all = totals.reduce((a, b) => a + b, 0);
  if (!series.length) return 'No mail in this period.';
  const peak = totals.indexOf(Math.max(...totals));
  return `Mail flow by ${bucket}: ${all} rows in total; the busiest ${bucket} was ${label(series[peak].start, bucket, tz)} with ${totals[peak]}.`;
}
