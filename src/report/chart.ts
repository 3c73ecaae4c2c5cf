/**
 * A small horizontal bar chart as inline SVG, drawn from the records (no library, no network):
 * one bar per figure, grouped by area then period, so a reviewer sees at a glance which
 * provinces grew how fast in which year, and which figures are targets or estimates.
 */
import { escapeHtml } from './spans.js';

export interface Bar {
  area: string;
  period: string;
  value: number;
  upper: number | null;
  status: 'actual' | 'estimate' | 'target';
  /** Text of the bar's value label, with unit. */
  label: string;
  /** Link to the evidence highlight. */
  href: string;
  /** Hover text. */
  title: string;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const ROW = 22;
const LABEL_W = 230;
const PLOT_W = 420;
const VALUE_W = 110;
const TOP = 8;
const LEGEND_H = 30;

/** The chart's SVG markup, or '' when there is nothing to draw. At most `limit` bars. */
export function barChart(bars: readonly Bar[], opts: { title: string; limit?: number }): string {
  if (bars.length === 0) return '';
  const rows = [...bars]
    .sort((a, b) => collator.compare(a.area, b.area) || collator.compare(a.period, b.period) || a.status.localeCompare(b.status) || a.value - b.value)
    .slice(0, opts.limit ?? 60);
  const values = rows.flatMap((r) => (r.upper === null ? [r.value] : [r.value, r.upper]));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = hi - lo || 1;
  const x = (v: number): number => LABEL_W + ((v - lo) / span) * PLOT_W;
  const width = LABEL_W + PLOT_W + VALUE_W;
  const height = TOP + rows.length * ROW + LEGEND_H;
  const f = (n: number): string => (Math.round(n * 10) / 10).toString();
  const parts: string[] = [];
  parts.push(
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">${escapeHtml(opts.title)}</title>`,
  );
  let prevArea: string | null = null;
  rows.forEach((r, i) => {
    const y = TOP + i * ROW;
    const x0 = x(Math.min(0, r.value));
    const x1 = x(Math.max(0, r.value));
    const areaLabel = r.area === prevArea ? '' : r.area;
    prevArea = r.area;
    parts.push(`<a href="${escapeHtml(r.href)}" class="bar s-${r.status}"><title>${escapeHtml(r.title)}</title>`);
    if (areaLabel && i > 0) parts.push(`<line x1="0" x2="${width}" y1="${f(y - 1)}" y2="${f(y - 1)}" class="sep"/>`);
    parts.push(
      `<text x="4" y="${f(y + 15)}" class="area">${escapeHtml(areaLabel)}</text>`,
      `<text x="${LABEL_W - 6}" y="${f(y + 15)}" class="period" text-anchor="end">${escapeHtml(r.period)}</text>`,
      `<rect x="${f(x0)}" y="${f(y + 4)}" width="${f(Math.max(1, x1 - x0))}" height="${ROW - 8}" rx="2"/>`,
    );
    if (r.upper !== null) {
      parts.push(`<line x1="${f(x(r.value))}" x2="${f(x(r.upper))}" y1="${f(y + ROW / 2)}" y2="${f(y + ROW / 2)}" class="range"/>`);
    }
    const end = Math.max(x1, r.upper !== null ? x(r.upper) : x1);
    parts.push(`<text x="${f(end + 6)}" y="${f(y + 15)}" class="value">${escapeHtml(r.label)}</text></a>`);
  });
  const zero = x(0);
  parts.push(`<line x1="${f(zero)}" x2="${f(zero)}" y1="${TOP}" y2="${f(TOP + rows.length * ROW)}" class="zero"/>`);
  const ly = TOP + rows.length * ROW + 18;
  const legend: [string, string][] = [
    ['actual', 'actual'],
    ['estimate', 'estimate'],
    ['target', 'target'],
  ];
  legend.forEach(([status, label], i) => {
    const lx = LABEL_W + i * 120;
    parts.push(`<g class="bar s-${status}"><rect x="${lx}" y="${ly - 10}" width="14" height="12" rx="2"/><text x="${lx + 20}" y="${ly}" class="legend">${label}</text></g>`);
  });
  if (bars.length > rows.length) parts.push(`<text x="4" y="${ly}" class="legend">first ${rows.length} of ${bars.length}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
