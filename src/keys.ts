/**
 * Stable record keys: built from what a record IS (names, ids, periods, numbers), never from
 * offsets, so a key survives unrelated edits to the article. Two records that would share a
 * key are told apart by an ordinal suffix `~2`, `~3` in document order.
 *
 * - official:  `<doc>#official/<name>`
 * - indicator: `<doc>#indicator/<area>/<indicator>/<period>/<status>`
 * - agreement: `<doc>#agreement/<party+party>/<signed>/<type>`
 * - legal_ref: `<doc>#legal_ref/<number>` (or `<docType>:<subject or date>` without a number)
 * A missing part is written `-`.
 */
import type { Agreement, Draft, Indicator, LegalRef, Official } from './schema.js';

const part = (v: string | null | undefined): string =>
  v === null || v === undefined || v === ''
    ? '-'
    : // Most parts hold neither mark: skip the replace (a callback per call) for them.
      v.indexOf('/') < 0 && v.indexOf('#') < 0
      ? v
      : v.replace(/[#/]/g, (c) => (c === '/' ? '∕' : '＃'));

export function officialKey(doc: string, r: Pick<Official, 'name'>): string {
  return `${doc}#official/${part(r.name)}`;
}
export function indicatorKey(doc: string, r: Pick<Indicator, 'area' | 'indicator' | 'period' | 'status'>): string {
  return `${doc}#indicator/${part(r.area)}/${part(r.indicator)}/${part(r.period)}/${r.status}`;
}
export function agreementKey(doc: string, r: Pick<Agreement, 'parties' | 'signed' | 'type'>): string {
  return `${doc}#agreement/${r.parties.map(part).join('+')}/${part(r.signed)}/${r.type}`;
}
export function legalRefKey(doc: string, r: Pick<LegalRef, 'number' | 'docType' | 'subject' | 'date'>): string {
  return `${doc}#legal_ref/${r.number ? part(r.number) : `${part(r.docType)}:${part(r.subject ?? r.date)}`}`;
}

function withKeys<T>(doc: string, list: Draft<T>[], keyOf: (doc: string, r: Draft<T>) => string): (Draft<T> & { key: string; doc: string })[] {
  const seen = new Map<string, number>();
  return list.map((r) => {
    const base = keyOf(doc, r);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { key: n === 1 ? base : `${base}~${n}`, doc, ...r };
  });
}

export function assignKeys(
  doc: string,
  kinds: { officials: Draft<Official>[]; indicators: Draft<Indicator>[]; agreements: Draft<Agreement>[]; legalRefs: Draft<LegalRef>[] },
) {
  return {
    officials: withKeys(doc, kinds.officials, officialKey),
    indicators: withKeys(doc, kinds.indicators, indicatorKey),
    agreements: withKeys(doc, kinds.agreements, agreementKey),
    legalRefs: withKeys(doc, kinds.legalRefs, legalRefKey),
  };
}
