/**
 * What a reference's number says by itself, and the merging of mentions: the same number
 * cited twice in a document is one record.
 */
import type { Draft, LegalRef } from '../schema.js';
import { legalLexicon } from './lexicon.js';

export interface NumberInfo {
  /** Normalised number: no spaces, dashes as `-`. */
  number: string;
  /** Canonical type the type code names (`NQ` -> resolution), if any. */
  type: string | undefined;
  /** Canonical issuer the issuer code names (`TTg` -> the Prime Minister), if any. */
  issuer: string | undefined;
}

const HAS_SPACE = /\s/u;
const LETTER_START = /^\p{L}/u;

/** The parts of a number between `/` and `-` that start with a letter (`split(/[/-]/)`, by hand). */
function codesOf(number: string): string[] {
  const codes: string[] = [];
  let from = 0;
  for (let i = 0; i <= number.length; i++) {
    if (i < number.length && number[i] !== '/' && number[i] !== '-') continue;
    const part = number.slice(from, i);
    if (LETTER_START.test(part)) codes.push(part);
    from = i + 1;
  }
  return codes;
}

/**
 * Read a number's codes. Shapes: `<n>-<TYPE>/<ORG>` (Party), `<n>/<TYPE>-<ORG>` and
 * `<n>/<year>/<TYPE>-<ORG>` (state), `<n>/<year>/<ORG><course>` (laws: no type code).
 * An official letter (`123/UBND-KT`) puts the issuer first.
 */
export function numberInfo(raw: string): NumberInfo {
  const lx = legalLexicon();
  // Most numbers have no space: test before building a copy.
  const number = HAS_SPACE.test(raw) ? raw.replace(/\s+/g, '') : raw;
  const codes = codesOf(number);
  // Trailing digits (a course number) dropped with a loop: `/\d+$/` backtracks quadratically.
  const strip = (c: string): string => {
    let end = c.length;
    while (end > 0 && c.charCodeAt(end - 1) >= 48 && c.charCodeAt(end - 1) <= 57) end--;
    return c.slice(0, end);
  };
  let type: string | undefined;
  let issuer: string | undefined;
  if (codes.length >= 2) {
    type = lx.typeOfCode(codes[0]!);
    issuer = type ? lx.issuerOfCode(strip(codes[codes.length - 1]!)) : lx.issuerOfCode(strip(codes[0]!));
  } else if (codes.length === 1) {
    issuer = lx.issuerOfCode(strip(codes[0]!));
  }
  return { number, type, issuer };
}

/** A reference as read at one mention, with how sure its issuer is. */
export interface LegalMention {
  record: Draft<LegalRef>;
  /** The issuer was written in the text (after the reference with <of> or <issued by>, or before the type), not implied by a code. */
  issuerStated: boolean;
}

/** Merge mentions of the same number: first docType; first non-null date and subject; a stated issuer wins. */
export function mergeMentions(mentions: LegalMention[]): Draft<LegalRef>[] {
  const byNumber = new Map<string, LegalMention>();
  const order: LegalMention[] = [];
  for (const m of mentions) {
    const key = (m.record.number ?? '').toUpperCase();
    const prev = byNumber.get(key);
    if (!prev) {
      byNumber.set(key, m);
      order.push(m);
      continue;
    }
    const p = prev.record;
    p.evidence.push(...m.record.evidence);
    p.date ??= m.record.date;
    p.subject ??= m.record.subject;
    if (m.issuerStated && !prev.issuerStated) {
      p.issuer = m.record.issuer;
      prev.issuerStated = true;
    } else p.issuer ??= m.record.issuer;
  }
  return order.map((m) => m.record);
}
