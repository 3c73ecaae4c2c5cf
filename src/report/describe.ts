/**
 * One-line English descriptions of records for the review page: what a highlight became, e.g.
 * `grdp_growth · <area> · 2022 · 7.5 % · actual · rank 12/63`. Names, titles and places are
 * the record's own values (data), never words of this file.
 */
import type { Agreement, Indicator, LegalRef, Official, Rank } from '../schema.js';
import { UNIT_LABEL } from '../output/pretty.js';

const SEP = ' · ';
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4, useGrouping: true });

/** A plain number, grouped in thousands: `12345678` → `12,345,678`; `7.25` → `7.25`. */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** Money reads best in the scales Vietnamese texts use: billions and millions. */
function scaled(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${formatNumber(n / 1e9)} billion`;
  if (abs >= 1e6) return `${formatNumber(n / 1e6)} million`;
  return formatNumber(n);
}


/** A value with its unit: `7.5 %`, `4–5 %`, `12.5 million VND`, `1,500,000 visits`. */
export function formatValue(r: Pick<Indicator, 'value' | 'upper' | 'unit'>): string {
  const money = r.unit === 'VND' || r.unit === 'USD';
  const one = (n: number): string => (money ? scaled(n) : formatNumber(n));
  const amount = r.upper === null ? one(r.value) : `${one(r.value)}–${one(r.upper)}`;
  const unit = UNIT_LABEL[r.unit];
  return unit ? `${amount} ${unit}` : amount;
}

const BOUND_MARK: Record<Indicator['bound'], string> = { exact: '', approx: '≈ ', over: '> ', under: '< ' };

/** `≈ 7.5 %` for a bounded value; the plain value when exact. */
export function formatBoundedValue(r: Pick<Indicator, 'value' | 'upper' | 'unit' | 'bound'>): string {
  return BOUND_MARK[r.bound] + formatValue(r);
}

export function formatRank(k: Rank): string {
  return `rank ${k.position}${k.of !== null ? `/${k.of}` : ''}${k.scope ? ` (${k.scope})` : ''}`;
}

export function describeIndicator(r: Indicator): string {
  const parts = [r.indicator, r.area ?? 'no area', r.period ?? 'no period', formatBoundedValue(r), r.status];
  if (r.bound !== 'exact') parts.push(r.bound);
  for (const k of r.ranks) parts.push(formatRank(k));
  return parts.join(SEP);
}

export function describeOfficial(r: Official): string {
  const parts = [r.name, r.province ?? 'national'];
  if (r.titles.length) parts.push(r.titles.join('; '));
  return parts.join(SEP);
}

export function describeAgreement(r: Agreement): string {
  const parts = [r.type, r.parties.join(' + '), r.signed ? `signed ${r.signed}` : 'signed ?'];
  if (r.period) parts.push(r.period);
  if (r.location) parts.push(`at ${r.location}`);
  if (r.signatories.length) parts.push(r.signatories.join('; '));
  if (r.areas.length) parts.push(`areas: ${r.areas.join(', ')}`);
  if (r.theme) parts.push(`“${r.theme}”`);
  return parts.join(SEP);
}

export function describeLegalRef(r: LegalRef): string {
  const parts = [r.number ? `${r.docType} ${r.number}` : r.docType];
  if (r.issuer) parts.push(r.issuer);
  if (r.date) parts.push(r.date);
  if (r.subject) parts.push(r.subject);
  return parts.join(SEP);
}
