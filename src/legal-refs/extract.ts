import { evidence, firstAtOrAfter, spanIndexAt, type DocContext } from '../engine/context.js';
import type { Draft, LegalRef } from '../schema.js';
import { isoDate, type DateMention } from '../values/date.js';
import { isCity } from '../values/place.js';
import { execAtWordStart, lookupKey } from '../text/pattern.js';
import { legalLexicon } from './lexicon.js';
import { execAfterSpaces, legalPatterns, NumberScan } from './rules.js';
import { mergeMentions, numberInfo, type LegalMention } from './resolve.js';

const RULE_TYPED = 'legal-ref/type-and-number';
const RULE_BARE = 'legal-ref/bare-number';
const RULE_LISTED = 'legal-ref/listed-number';

/** Longest a subject may run, in characters. */
const MAX_SUBJECT = 320;
/** How far before a number its type word and name may start. */
const TYPE_WINDOW = 120;
/** How far before a type word an issuer with its verb may start. */
const ISSUER_WINDOW = 140;

/** References to legal and Party documents in one document. */
export function extractLegalRefs(ctx: DocContext): Draft<LegalRef>[] {
  const p = legalPatterns();
  const mentions: LegalMention[] = [];
  let city: boolean | undefined;
  const at = new NumberScan(ctx.search);
  for (let m = at.next(); m; m = at.next()) {
    const g = m.groups!;
    const numStart = m.index;
    const lineStart = lineStartWithin(ctx.search, numStart, TYPE_WINDOW);
    p.typeBefore.lastIndex = 0;
    const t = execAtWordStart(p.typeBefore, ctx.search.slice(lineStart, numStart));
    const start = t ? lineStart + t.index : numStart;
    const first = numberInfo(g.num!);
    const typeWord = t ? legalLexicon().docTypeOf(t.groups!.type!) : undefined;
    const docType = typeWord ?? first.type;
    if (!docType) continue;
    // Several numbers of one type: `<type> <number word> 18-NQ/TW, 19-NQ/TW <date>`.
    const numbers: { start: number; end: number; info: typeof first }[] = [{ start: numStart, end: numStart + m[0].length, info: first }];
    let pos = numStart + m[0].length;
    for (;;) {
      const n = execAfterSpaces(p.nextNumber, ctx.search, pos, true);
      if (!n) break;
      const info = numberInfo(n.groups.num!);
      if (info.type && typeWord && info.type !== typeWord) break;
      numbers.push({ start: pos + n.length - n.groups.num!.length, end: pos + n.length, info });
      pos += n.length;
    }
    const last = numbers[numbers.length - 1]!;
    const tail = readTail(ctx, last.end);
    const before = typeWord ? issuerBefore(ctx, start) : undefined;
    const shareDate = numbers.length > 1 && numbers.every((n) => partySuffix(n.info.number) !== undefined && partySuffix(n.info.number) === partySuffix(last.info.number));
    numbers.forEach((n, i) => {
      const isLast = i === numbers.length - 1;
      const type = n.info.type && !typeWord ? n.info.type : docType;
      if (!legalLexicon().isRecordType(type)) return;
      // A signer written before the type yields to the body the number's code names.
      const signerOnly = tail.issuer === undefined && before !== undefined && n.info.issuer !== undefined && legalLexicon().isSigner(before);
      const stated = tail.issuer ?? (signerOnly ? undefined : before);
      const implied = n.info.issuer !== undefined && (city ??= cityDocument(ctx)) ? (legalLexicon().cityIssuerOf(n.info.issuer) ?? n.info.issuer) : n.info.issuer;
      const issuer = stated ?? implied ?? null;
      const evStart = i === 0 ? start : n.start;
      const evEnd = isLast ? tail.end : n.end;
      mentions.push({
        record: {
          docType: type,
          number: n.info.number,
          issuer,
          date: isLast || shareDate ? tail.date : null,
          subject: isLast ? tail.subject : null,
          evidence: [evidence(ctx, evStart, evEnd)],
          rule: i > 0 ? RULE_LISTED : typeWord ? RULE_TYPED : RULE_BARE,
        },
        issuerStated: stated !== undefined,
      });
    });
    at.lastIndex = Math.max(at.lastIndex, pos);
  }
  return mergeMentions(mentions);
}

/** Start of `pos`'s line, or `pos - reach` (not below 0) if the line starts before that. */
function lineStartWithin(text: string, pos: number, reach: number): number {
  const from = Math.max(0, pos - reach);
  for (let i = pos; i >= from; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return from;
}

/** White space other than single plain spaces. */
const UNEVEN_SPACE = /[^\S ]| {2}/u;

/**
 * Whether the article is about a centrally run city that it never calls a province (`tỉnh`), so
 * a number's provincial code (`UBND`, `TU`) names the city's body.
 */
function cityDocument(ctx: DocContext): boolean {
  const main = ctx.mainProvince;
  if (main === null || !isCity(main)) return false;
  const lx = legalLexicon();
  return !ctx.places.some((pl) => pl.name === main && pl.level !== null && lx.isProvinceLevel(pl.level));
}

/** The code part of a Party number (`-NQ/TW` of `18-NQ/TW`), or undefined for other shapes. */
function partySuffix(number: string): string | undefined {
  const m = /^\d+(-\p{Lu}[\p{L}&]*\/\p{Lu}[\p{L}&]*\d{0,2})$/u.exec(number);
  return m ? m[1] : undefined;
}

interface Tail {
  date: string | null;
  issuer: string | undefined;
  subject: string | null;
  /** End of the date and issuer (the evidence end); the subject is not evidence. */
  end: number;
}

/** Date, issuer and subject written after a reference's number, in that order. */
function readTail(ctx: DocContext, from: number): Tail {
  const p = legalPatterns();
  let pos = from;
  let date: string | null = null;
  p.dateGap.lastIndex = pos;
  const gap = p.dateGap.exec(ctx.search);
  const gapEnd = gap ? pos + gap[0].length : pos;
  const d = dateAt(ctx.dates, pos, gapEnd);
  if (d && d.shape === 'dmy') {
    date = isoDate(d);
    pos = d.end;
    // `(<day word> <date>)`: step over the closing bracket.
    const close = /^\s*\)/.exec(ctx.search.slice(pos, pos + 4));
    if (close && ctx.search.slice(from, gapEnd).includes('(')) pos += close[0].length;
  }
  let issuer: string | undefined;
  const iss = execAfterSpaces(p.issuerAfter, ctx.search, pos);
  if (iss) {
    issuer = legalLexicon().issuerOf(iss.groups.of ?? iss.groups.by!);
    pos += iss.length;
  }
  const end = pos;
  let subject: string | null = null;
  const sub = execAfterSpaces(p.subjectStart, ctx.search, pos);
  if (sub) subject = readSubject(ctx, pos + sub.length);
  return { date, issuer, subject, end };
}

/** The date mention that starts between `from` and `to` (inclusive), if any. */
function dateAt(dates: DateMention[], from: number, to: number): DateMention | undefined {
  const d = dates[firstAtOrAfter(dates, from)];
  return d && d.start <= to ? d : undefined;
}

const TAIL_CHAR = /[\s,.:;]/u;

/** `s` without spaces and clause punctuation at its end (a loop: `[…]+$` backtracks quadratically). */
function trimTail(s: string): string {
  let end = s.length;
  while (end > 0 && TAIL_CHAR.test(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** The subject from `start` to the first stop (clause end, another reference, quote). */
function readSubject(ctx: DocContext, start: number): string | null {
  const p = legalPatterns();
  const para = ctx.paragraphs[spanIndexAt(ctx.paragraphs, start)];
  const limit = Math.min(para ? para.end : ctx.nfc.length, start + MAX_SUBJECT);
  p.subjectStop.lastIndex = start;
  const stop = p.subjectStop.exec(ctx.search);
  const end = stop && stop.index < limit ? stop.index : limit;
  const raw = ctx.nfc.slice(start, end);
  // Most subjects are spaced with single spaces already: test before building a copy.
  const text = trimTail(UNEVEN_SPACE.test(raw) ? raw.replace(/\s+/g, ' ') : raw).trim();
  return text.length > 0 ? text : null;
}

const TRAILING_SPACE = /\s/u;

/** An issuer written just before the type word with its verb (`<issuer> <issue verb> <type>`). */
function issuerBefore(ctx: DocContext, typeStart: number): string | undefined {
  // The pattern ends in `<issue verb>\s+$`: without a verb right before the last spaces, no
  // scan (and no sentence look-up; a sentence start among those spaces leaves no room for one).
  const earliest = Math.max(0, typeStart - ISSUER_WINDOW);
  let verbEnd = typeStart;
  while (verbEnd > earliest && TRAILING_SPACE.test(ctx.search[verbEnd - 1]!)) verbEnd--;
  const verb = legalPatterns().issueVerbBefore;
  verb.lastIndex = verbEnd;
  if (verbEnd === typeStart || !verb.test(ctx.search)) return undefined;
  const sent = ctx.sentences[spanIndexAt(ctx.sentences, typeStart)];
  const from = Math.max(sent ? sent.start : 0, earliest);
  const re = legalPatterns().issuerBefore;
  re.lastIndex = 0;
  const m = execAtWordStart(re, ctx.search.slice(from, typeStart));
  return m ? legalLexicon().issuerOf(m.groups!.iss!) : undefined;
}
