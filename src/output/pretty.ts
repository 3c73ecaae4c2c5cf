/**
 * The terminal view: per document a short header, then aligned tables of officials, figures
 * (value with its unit the Vietnamese way), agreements and legal references. Colour only when
 * the caller says so (a TTY without NO_COLOR).
 */
import { Chalk } from 'chalk';
import type { Indicator, Result } from '../schema.js';
import { formatVietnamese } from '../values/number.js';

/** Short display label of each unit (shared by the terminal view and the review page). */
export const UNIT_LABEL: Record<Indicator['unit'], string> = {
  percent: '%',
  VND: 'VND',
  USD: 'USD',
  visits: 'visits',
  projects: 'projects',
  ha: 'ha',
  count: '',
};

/** `56700000 VND` → `56,7 million VND`; `8.75 percent` → `8,75%`. */
export function formatValue(r: Pick<Indicator, 'value' | 'upper' | 'unit' | 'bound'>): string {
  const bound = { exact: '', approx: '~', over: '>', under: '<' }[r.bound];
  const scale = (n: number): string => {
    if (r.unit === 'percent' || r.unit === 'ha' || Math.abs(n) < 1e6) return formatVietnamese(n);
    if (Math.abs(n) >= 1e12) return `${formatVietnamese(n / 1e12)} trillion`;
    if (Math.abs(n) >= 1e9) return `${formatVietnamese(n / 1e9)} billion`;
    return `${formatVietnamese(n / 1e6)} million`;
  };
  const range = r.upper !== null ? `${scale(r.value)}–${scale(r.upper)}` : scale(r.value);
  const unit = UNIT_LABEL[r.unit];
  return `${bound}${range}${r.unit === 'percent' ? '%' : unit ? ` ${unit}` : ''}`;
}

/** Display width of a string (combining marks take no column). */
function width(s: string): number {
  return [...s.normalize('NFC')].filter((c) => !/\p{M}/u.test(c)).length;
}

function table(rows: string[][], paint: ((s: string) => string)[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, width(c))));
  return rows.map((r) =>
    r
      .map((c, i) => {
        const cell = i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c));
        return (paint[i] ?? ((s: string) => s))(cell);
      })
      .join('  ')
      .trimEnd(),
  );
}

export function formatPretty(results: Result[], opts: { colour: boolean }): string {
  const c = new Chalk({ level: opts.colour ? 1 : 0 });
  const out: string[] = [];
  for (const r of results) {
    const d = r.document;
    out.push(c.bold.underline(d.id) + (d.title ? `  ${c.bold(d.title)}` : ''));
    const meta = [d.published ? `published ${d.published}` : null, d.authors.length ? `by ${d.authors.join(', ')}` : null, `${d.chars} chars`].filter(Boolean).join(' · ');
    out.push(c.dim(meta));
    for (const w of d.warnings) out.push(c.yellow(`warning: ${w}`));
    if (r.officials.length) {
      out.push('', c.cyan.bold(`Officials (${r.officials.length})`));
      out.push(...table(r.officials.map((o) => ['  ' + o.name, o.province ?? '—', o.titles.join('; ')]), [c.bold, c.green, (s) => s]));
    }
    if (r.indicators.length) {
      out.push('', c.cyan.bold(`Figures (${r.indicators.length})`));
      out.push(
        ...table(
          r.indicators.map((i) => [
            '  ' + i.indicator,
            i.area ?? '—',
            formatValue(i),
            i.period ?? '—',
            i.status,
            i.ranks.map((k) => `#${k.position}${k.of ? `/${k.of}` : ''}`).join(' '),
          ]),
          [(s) => s, c.green, c.bold.yellow, (s) => s, c.dim, c.magenta],
        ),
      );
    }
    if (r.agreements.length) {
      out.push('', c.cyan.bold(`Agreements (${r.agreements.length})`));
      out.push(...table(r.agreements.map((a) => ['  ' + a.parties.join(' – '), a.type, a.signed ?? '—', a.period ?? '—']), [c.bold, (s) => s, (s) => s, c.dim]));
    }
    if (r.legalRefs.length) {
      out.push('', c.cyan.bold(`Legal references (${r.legalRefs.length})`));
      out.push(...table(r.legalRefs.map((l) => ['  ' + `${l.docType} ${l.number ?? ''}`.trim(), l.issuer ?? '—', l.date ?? '—', l.subject ?? '']), [c.bold, c.green, (s) => s, c.dim]));
    }
    if (!r.officials.length && !r.indicators.length && !r.agreements.length && !r.legalRefs.length) out.push(c.dim('  (no records)'));
    out.push('');
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
