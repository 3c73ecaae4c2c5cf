/**
 * One instrument mentioned several times (signed, then recalled "from the signing in 2018")
 * is one record: mentions with the same parties and type whose dates and periods agree merge;
 * the more precise date and the first stated period, location and signatories are kept.
 */
import type { Agreement, Draft } from '../schema.js';

export interface AgreementMention {
  record: Draft<Agreement>;
  /** Sentence index of the signing cue. */
  sentence: number;
  /** Active signing reported by the article (<the parties> <verb> <instrument>), not a recall of an earlier one. */
  active: boolean;
}

export interface MergedAgreement {
  record: Draft<Agreement>;
  mentions: AgreementMention[];
}

function compatible(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b || a.startsWith(`${b}-`) || b.startsWith(`${a}-`);
}

function sameParties(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function mergeAgreements(mentions: AgreementMention[]): MergedAgreement[] {
  const out: MergedAgreement[] = [];
  const fits = (r: Draft<Agreement>, m: Draft<Agreement>, strict: boolean): boolean =>
    sameParties(r.parties, m.parties) &&
    r.type === m.type &&
    (strict ? r.signed !== null && m.signed !== null && compatible(r.signed, m.signed) : compatible(r.signed, m.signed)) &&
    compatible(r.period, m.period);
  // Dated mentions first, so an undated recall joins the instrument it recalls.
  const dated = mentions.filter((m) => m.record.signed !== null);
  const undated = mentions.filter((m) => m.record.signed === null);
  for (const m of dated) {
    const hit = out.find((r) => fits(r.record, m.record, true));
    if (hit) absorb(hit, m);
    else out.push({ record: { ...m.record, evidence: [...m.record.evidence] }, mentions: [m] });
  }
  for (const m of undated) {
    const hit = out.find((r) => fits(r.record, m.record, false));
    if (hit) absorb(hit, m);
    else if (m.active) out.push({ record: { ...m.record, evidence: [...m.record.evidence] }, mentions: [m] });
  }
  return out;
}

function absorb(into: MergedAgreement, m: AgreementMention): void {
  const r = into.record;
  const x = m.record;
  into.mentions.push(m);
  r.evidence.push(...x.evidence);
  if (x.signed !== null && (r.signed === null || x.signed.length > r.signed.length)) r.signed = x.signed;
  r.period ??= x.period;
  r.location ??= x.location;
  if (r.signatories.length === 0) r.signatories = x.signatories;
  if (r.areas.length === 0) r.areas = x.areas;
  r.theme ??= x.theme;
}
