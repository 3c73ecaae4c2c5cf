import { trimEdges } from '../text/normalize.js';
import { evidence, firstAtOrAfter, spanIndexAt, type DocContext, type Span } from '../engine/context.js';
import type { Agreement, Draft } from '../schema.js';
import { isoDate } from '../values/date.js';
import type { PeriodMention } from '../values/period.js';
import { execAtWordStart } from '../text/pattern.js';
import { agreementPatterns, type AgreementType } from './rules.js';
import { isSpace } from './scan.js';
import { docFacts, NAME_MARGIN, windowOf, type DatedAt, type DocFacts } from './resolve.js';
import { mergeAgreements, type AgreementMention } from './merge.js';

const RULE_SIGN = 'agreement/sign-instrument';
const RULE_SIGNED = 'agreement/instrument-signed';
const RULE_RECALLED = 'agreement/instrument-recalled';
const RULE_AGREED = 'agreement/agreed-contents';

/** How far after an instrument noun its period may be written. */
const PERIOD_REACH = 90;
/** How far back an anaphora ("this document") looks for the instrument it names. */
const ANAPHORA_REACH = 1500;
/** How far before a verb an intent word may start. */
const INTENT_REACH = 70;
/** Longest text between a recalled instrument and its bare verb. */
const RECALL_REACH = 140;

/** A signing cue with its instrument, before dates and parties are read. */
interface Cue {
  si: number;
  cueStart: number;
  cueEnd: number;
  instStart: number;
  instEnd: number;
  type: AgreementType;
  rule: string;
  active: boolean;
}

/** Inter-provincial and cross-border cooperation instruments of one document. */
export function extractAgreements(ctx: DocContext): Draft<Agreement>[] {
  const p = agreementPatterns();
  // The cue scan is the prefilter: a document without a signing cue does nothing more.
  const signingSentences = new Set<number>();
  p.cueScan.lastIndex = 0;
  const found: { m: RegExpExecArray; si: number }[] = [];
  for (let m = p.nextCue(ctx.search); m; m = p.nextCue(ctx.search)) {
    const si = spanIndexAt(ctx.sentences, m.index);
    if (si < 0) continue;
    found.push({ m, si });
    signingSentences.add(si);
  }
  if (found.length === 0) return [];
  const doc = docFacts(ctx);
  const cues: Cue[] = [];
  /** Start of the next signing cue in the same sentence, planned ones included. */
  const nextCueAt: number[] = [];
  found.forEach(({ m, si }, i) => {
    const cue = readCue(ctx, m, si);
    if (!cue) return;
    cues.push(cue);
    const later = found[i + 1];
    nextCueAt.push(later && later.si === si ? later.m.index : ctx.sentences[si]!.end);
  });
  const mentions: AgreementMention[] = [];
  cues.forEach((c, i) => {
    const sent = ctx.sentences[c.si]!;
    const prev = i > 0 && cues[i - 1]!.si === c.si ? cues[i - 1] : undefined;
    const next = i + 1 < cues.length && cues[i + 1]!.si === c.si ? cues[i + 1] : undefined;
    // The part of the sentence this cue owns: another cue's instrument and dates belong to it.
    const scope: Span = {
      start: c.rule === RULE_RECALLED ? c.instStart : prev ? Math.max(prev.instEnd, prev.cueEnd) : sent.start,
      end: Math.min(nextCueAt[i]!, next ? Math.min(next.instStart, next.cueStart) : sent.end),
    };
    const period = periodAfter(ctx, c.instEnd, scope.end, c.rule === RULE_AGREED ? c.cueEnd : c.instEnd);
    if (c.rule === RULE_AGREED && !period && !ctx.dates.some((d) => d.start >= sent.start && d.end <= sent.end && d.shape !== 'y')) return;
    let dated = signedDate(ctx, c.si, scope, period, c.active, doc, signingSentences, c.cueStart);
    // A recalled instrument with only a year after it ("<instrument> năm 2015"): that year is when it was signed.
    if (!dated && c.rule === RULE_RECALLED && period?.kind === 'year') dated = { iso: period.period, sentence: c.si };
    const parties = doc.parties(c.si);
    if (parties.length < 2) return;
    const locSpan = c.rule === RULE_RECALLED ? scope : sent;
    mentions.push({
      record: {
        parties,
        type: c.type,
        signed: dated?.iso ?? null,
        period: period?.period ?? null,
        signatories: c.rule === RULE_RECALLED ? [] : signatories(ctx, sent.start, Math.min(c.cueStart, c.instStart)),
        location: location(ctx, locSpan) ?? (dated && dated.sentence !== c.si ? location(ctx, ctx.sentences[dated.sentence]!) : null),
        areas: [],
        theme: null,
        evidence: [evidence(ctx, Math.min(c.cueStart, c.instStart), Math.max(c.instEnd, c.cueEnd, period?.end ?? 0))],
        rule: c.rule,
      },
      sentence: c.si,
      active: c.active,
    });
  });
  const records = mergeAgreements(mentions);
  attachAreasAndTheme(ctx, records, mentions);
  return records.map((r) => r.record);
}

/**
 * The instrument a cue signs and how: named right after the verb (active), before it with a
 * passive word (signed) or with a bare verb (recalled), or agreed contents. Undefined when the
 * signing is only planned or names no instrument.
 */
function readCue(ctx: DocContext, m: RegExpExecArray, si: number): Cue | undefined {
  const p = agreementPatterns();
  const sent = ctx.sentences[si]!;
  const cueStart = m.index;
  const cueEnd = m.index + m[0].length;
  if (m.groups!.agreed) {
    return { si, cueStart, cueEnd, instStart: cueStart, instEnd: cueEnd, type: 'agreement', rule: RULE_AGREED, active: true };
  }
  if (intended(ctx, sent, cueStart)) return undefined;
  p.instrumentAfter.lastIndex = cueEnd;
  const after = p.instrumentAfter.exec(ctx.search);
  if (after && cueEnd + after[0].length <= sent.end) {
    const type = p.typeOf(after.groups!.inst!);
    if (!type) return undefined;
    const instEnd = cueEnd + after[0].length;
    if (futureSigning(ctx, sent, cueStart, instEnd)) return undefined;
    const instStart = instEnd - after.groups!.inst!.length;
    // "Since <verb> <instrument>": a past signing the article recalls.
    if (p.recallBefore.test(ctx.search.slice(Math.max(sent.start, cueStart - 30), cueStart))) {
      return { si, cueStart, cueEnd, instStart, instEnd, type, rule: RULE_RECALLED, active: false };
    }
    return { si, cueStart, cueEnd, instStart, instEnd, type, rule: RULE_SIGN, active: true };
  }
  // Passive, anaphoric or recalled: the instrument is named before the verb in the sentence.
  const before = instrumentBefore(ctx, sent.start, cueStart);
  if (!before) return undefined;
  return { si, cueStart, cueEnd, instStart: before.start, instEnd: before.end, type: before.type, rule: before.passive ? RULE_SIGNED : RULE_RECALLED, active: false };
}

/**
 * A signing only planned or wished for: an intent word within a few words before the verb with
 * no actual-aspect word between them.
 */
function intended(ctx: DocContext, sent: Span, verbStart: number): boolean {
  const p = agreementPatterns();
  const from = Math.max(sent.start, verbStart - INTENT_REACH);
  const text = ctx.search.slice(from, verbStart);
  p.intentScan.lastIndex = 0;
  for (let m = p.nextIntent(text); m; m = p.nextIntent(text)) {
    const end = m.index + m[0].length;
    if (!p.intentGap(text, end)) continue;
    const at = from + m.index;
    // A word of a place name ("Cần Thơ") is no intent.
    if (ctx.places.some((pl) => pl.start <= at && at < pl.end)) continue;
    if (!p.actual.test(text.slice(end))) return true;
  }
  return false;
}

/** A future cue after the instrument in its clause (`<verb> <instrument> ... <future cue>`), unless the verb is marked actual. */
function futureSigning(ctx: DocContext, sent: Span, verbStart: number, instEnd: number): boolean {
  const p = agreementPatterns();
  if (!p.futureAfter.test(ctx.search.slice(instEnd, sent.end))) return false;
  return !p.actualBefore.test(ctx.search.slice(Math.max(sent.start, verbStart - 20), verbStart));
}

/**
 * The last instrument noun (or anaphora resolved to one) before the verb, joined to it by a
 * passive word anywhere between, or (recalled) by a short gap: a few words, a `<between> ...`
 * phrase, an aspect word. The gap's first words must not count parties ("hai tỉnh"): that is a
 * new subject, not part of the instrument's name.
 */
function instrumentBefore(ctx: DocContext, from: number, verbStart: number): { type: AgreementType; start: number; end: number; passive: boolean } | undefined {
  const p = agreementPatterns();
  const text = ctx.search.slice(from, verbStart);
  let last: RegExpExecArray | undefined;
  p.instrument.lastIndex = 0;
  for (let m = execAtWordStart(p.instrument, text); m; m = execAtWordStart(p.instrument, text)) last = m;
  if (!last) return undefined;
  const betweenStart = from + last.index + last[0].length;
  const between = text.slice(last.index + last[0].length);
  const passive = p.passive.test(between);
  if (!passive && !recalledGap(ctx, betweenStart, verbStart)) return undefined;
  const start = from + last.index;
  if (last.groups!.inst) return { type: p.typeOf(last.groups!.inst)!, start, end: start + last[0].length, passive };
  if (!passive) return undefined;
  // "This document": the nearest instrument noun before it.
  const back = ctx.search.slice(Math.max(0, start - ANAPHORA_REACH), start);
  let prev: RegExpExecArray | undefined;
  p.instrument.lastIndex = 0;
  for (let m = execAtWordStart(p.instrument, back); m; m = execAtWordStart(p.instrument, back)) if (m.groups!.inst) prev = m;
  if (!prev) return undefined;
  const ps = start - back.length + prev.index;
  return { type: p.typeOf(prev.groups!.inst!)!, start: ps, end: ps + prev[0].length, passive };
}

/** Whether `[from, to)` may join a recalled instrument to its bare verb (periods blanked first). */
function recalledGap(ctx: DocContext, from: number, to: number): boolean {
  if (to - from > RECALL_REACH) return false;
  const p = agreementPatterns();
  let text = ctx.search.slice(from, to);
  for (const pm of ctx.periods) {
    if (pm.end <= from) continue;
    if (pm.start >= to) break;
    const s = Math.max(pm.start, from) - from;
    const e = Math.min(pm.end, to) - from;
    text = text.slice(0, s) + ' '.repeat(e - s) + text.slice(e);
  }
  const m = p.recallGap.exec(text);
  if (!m) return false;
  p.count.lastIndex = 0;
  return execAtWordStart(p.count, m.groups!.pre!) === null;
}

/** The instrument's period: a span, or a year led by a plan word, soon after its noun. */
function periodAfter(ctx: DocContext, from: number, sentEnd: number, leadFrom: number): PeriodMention | undefined {
  const p = agreementPatterns();
  const limit = Math.min(sentEnd, from + PERIOD_REACH);
  for (const pm of ctx.periods) {
    if (pm.start < from) continue;
    if (pm.start >= limit) break;
    if (/[.;]/.test(ctx.search.slice(from, pm.start))) break;
    if (pm.kind === 'span') return pm;
    if (pm.kind !== 'year') continue;
    // Right after the noun (<instrument> <year>) or after a plan word.
    if (/^\s*$/.test(ctx.search.slice(from, pm.start)) || p.periodLead.test(ctx.search.slice(Math.max(leadFrom, pm.start - 30), pm.start))) return pm;
  }
  return undefined;
}

/**
 * When it was signed: a date in the cue's part of the sentence (not the period); else, for an
 * active signing, one earlier in the sentence, then the nearest date in an earlier sentence of
 * the paragraph that reports no signing of its own, else the article's lead date
 * (<day part> <day/month>, <location> ...). A recalled or passive instrument takes only its own.
 */
function signedDate(
  ctx: DocContext,
  si: number,
  scope: Span,
  period: PeriodMention | undefined,
  active: boolean,
  doc: DocFacts,
  signingSentences: Set<number>,
  verbAt: number,
): DatedAt | undefined {
  const inScope = datesIn(ctx, scope, period);
  if (inScope.length > 0) return { iso: pickDate(inScope, verbAt), sentence: si };
  if (!active) return undefined;
  const sent = ctx.sentences[si]!;
  if (scope.start > sent.start) {
    const earlier = datesIn(ctx, { start: sent.start, end: scope.start }, period);
    if (earlier.length > 0) return { iso: pickDate(earlier, scope.start), sentence: si };
  }
  const para = ctx.paragraphs[spanIndexAt(ctx.paragraphs, sent.start)];
  for (let j = si - 1; j >= 0 && para && ctx.sentences[j]!.start >= para.start; j--) {
    if (signingSentences.has(j)) break;
    const ds = datesIn(ctx, ctx.sentences[j]!, undefined);
    if (ds.length > 0) return { iso: pickDate(ds, ctx.sentences[j]!.end), sentence: j };
  }
  return doc.lead();
}

interface WrittenDate {
  at: number;
  iso: string;
  /** A bare year (<year word> <yyyy>) is weaker evidence than a day or month. */
  yearOnly: boolean;
}

/**
 * The signing date among those of a sentence: a day or month before a bare year; after the
 * verb (<verb> <instrument> <date>) before the nearest one before it (<date>, ... <verb>).
 */
function pickDate(dates: WrittenDate[], verbAt: number): string {
  const rank = (d: WrittenDate): number => (d.yearOnly ? 2 : 0) + (d.at >= verbAt ? 0 : 1);
  let best = dates[0]!;
  for (const d of dates) {
    const r = rank(d);
    const b = rank(best);
    if (r < b || (r === b && (d.at >= verbAt ? d.at < best.at : d.at > best.at))) best = d;
  }
  return best.iso;
}

/** Dates written in a span, outside the period mention, in order. */
function datesIn(ctx: DocContext, span: Span, period: PeriodMention | undefined): WrittenDate[] {
  const out: WrittenDate[] = [];
  // Dates are in text order: start at the first one in the span, stop after it.
  for (let i = firstAtOrAfter(ctx.dates, span.start); i < ctx.dates.length; i++) {
    const d = ctx.dates[i]!;
    if (d.start >= span.end) break;
    if (d.end > span.end) continue;
    if (period && d.start < period.end && d.end > period.start) continue;
    if (d.shape === 'y' && ctx.periods.some((pm) => pm.kind === 'span' && d.start < pm.end && d.end > pm.start)) continue;
    const iso = isoDate(d, ctx.year);
    if (iso) out.push({ at: d.start, iso, yearOnly: d.shape === 'y' });
  }
  const p = agreementPatterns();
  const w = windowOf(ctx.search, span.start, span.end, NAME_MARGIN);
  p.monthOnly.lastIndex = span.start - w.offset;
  for (let m = execAtWordStart(p.monthOnly, w.text); m && m.index + w.offset < span.end; m = execAtWordStart(p.monthOnly, w.text)) {
    const at = m.index + w.offset;
    const month = Number(m.groups!.m);
    if (ctx.year === null || month < 1 || month > 12) continue;
    if (spanIndexAt(ctx.dates, at) >= 0) continue;
    out.push({ at, iso: `${ctx.year}-${String(month).padStart(2, '0')}`, yearOnly: false });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Signing bodies before the verb: `<body> [<count> <group noun>] <province>[, <province>] [<and> <province>]`. */
function signatories(ctx: DocContext, from: number, to: number): string[] {
  const p = agreementPatterns();
  const out: string[] = [];
  p.body.lastIndex = from;
  for (let m = execAtWordStart(p.body, ctx.search); m && m.index < to; m = execAtWordStart(p.body, ctx.search)) {
    if (m.index + m[0].length > to) break;
    const body = p.bodyOf(m.groups!.body!);
    if (!body) continue;
    const end = m.index + m[0].length;
    // Provinces listed right after the body, before the next body or verb.
    const next = nextBodyStart(ctx, end, to);
    const places = ctx.places.filter((pl) => pl.start >= end && pl.end <= next && pl.start - end < 60);
    for (const pl of places) {
      const s = `${body} ${pl.name}`;
      if (!out.includes(s)) out.push(s);
    }
    if (places.length > 0) p.body.lastIndex = Math.max(p.body.lastIndex, places[places.length - 1]!.end);
  }
  return out;
}

let bodyOnce: RegExp | undefined;
function nextBodyStart(ctx: DocContext, from: number, to: number): number {
  bodyOnce ??= new RegExp(agreementPatterns().body.source, 'gu');
  bodyOnce.lastIndex = 0;
  const m = execAtWordStart(bodyOnce, ctx.search.slice(from, to));
  return m ? from + m.index : to;
}

/** `<location cue> <level> <Name>` in a sentence, as written. */
function location(ctx: DocContext, sent: Span): string | null {
  const p = agreementPatterns();
  p.location.lastIndex = 0;
  const m = execAtWordStart(p.location, ctx.search.slice(sent.start, sent.end));
  if (!m) return null;
  const end = sent.start + m.index + m[0].length;
  return ctx.nfc.slice(end - m.groups!.loc!.length, end).replace(/\s+/g, ' ').trim();
}

/**
 * Areas listed and a quoted theme: from the signing sentence or the text after it (up to the
 * next signing); a theme anywhere in the document when it reports one instrument.
 */
function attachAreasAndTheme(ctx: DocContext, records: { record: Draft<Agreement>; mentions: AgreementMention[] }[], mentions: AgreementMention[]): void {
  const p = agreementPatterns();
  const starts = mentions.map((m) => ctx.sentences[m.sentence]!.start).sort((a, b) => a - b);
  // Several mentions share a sentence: read each sentence's areas and theme once.
  const areasOf = new Map<number, string[]>();
  const themeOf = new Map<number, string | null>();
  const areasAt = (si: number): string[] => {
    let areas = areasOf.get(si);
    if (areas) return areas;
    const sent = ctx.sentences[si]!;
    const nextSigning = starts.find((s) => s > sent.start) ?? ctx.nfc.length;
    const until = Math.min(nextSigning, sent.end + 900);
    const a = p.areaList(ctx.search.slice(sent.start, until));
    areas = [];
    if (a) {
      const end = sent.start + a.index + a[0].length;
      areas = splitAreas(ctx.nfc.slice(end - a.groups!.list!.length, end));
    }
    areasOf.set(si, areas);
    return areas;
  };
  const themeAt = (si: number): string | null => {
    let theme = themeOf.get(si);
    if (theme !== undefined) return theme;
    const sent = ctx.sentences[si]!;
    p.theme.lastIndex = 0;
    const t = execAtWordStart(p.theme, ctx.search.slice(sent.start, sent.end));
    theme = t ? t.groups!.theme!.trim() : null;
    themeOf.set(si, theme);
    return theme;
  };
  for (const r of records) {
    for (const mention of r.mentions) {
      if (r.record.areas.length === 0) {
        const areas = areasAt(mention.sentence);
        if (areas.length > 0) r.record.areas = [...areas];
      }
      if (r.record.theme === null) r.record.theme = themeAt(mention.sentence);
    }
  }
  if (records.length === 1 && records[0]!.record.theme === null) {
    p.theme.lastIndex = 0;
    const t = execAtWordStart(p.theme, ctx.search);
    if (t) records[0]!.record.theme = t.groups!.theme!.trim();
  }
}

/** White space other than single plain spaces. */
const UNEVEN_SPACE = /[^\S ]| {2}/u;
/** What a listed area may not start or end with: spaces, commas, periods, colons. */
const EDGE = /[\s,.:]/u;

/**
 * The list without what ends it: a trailing run of periods or ellipses, then an ellipsis
 * (`..`, `…`) on its last line with the spaces and comma before it and all after it. Loops,
 * not `[.…]+\s*$` and `,?\s*(?:\.{2,}|…).*$` (quadratic on long runs).
 */
function cutEllipsis(list: string): string {
  let e = list.length;
  while (e > 0 && isSpace(list[e - 1])) e--;
  let d = e;
  while (d > 0 && (list[d - 1] === '.' || list[d - 1] === '…')) d--;
  const s = d < e ? list.slice(0, d) : list;
  const lineStart = 1 + Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r'), s.lastIndexOf('\u2028'), s.lastIndexOf('\u2029'));
  const k = firstOf(s.indexOf('…', lineStart), s.indexOf('..', lineStart));
  if (k < 0) return s;
  let q = k;
  while (q > 0 && isSpace(s[q - 1])) q--;
  if (q > 0 && s[q - 1] === ',') q--;
  return s.slice(0, q);
}

/** The smaller of two `indexOf` results, -1 when both are. */
function firstOf(a: number, b: number): number {
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

/** `s` split at each `<spaces> <and> <spaces>` from `from` on (the words compared as written). */
function splitOnAnd(s: string, from: number, and: string[], out: string[]): void {
  let last = from;
  for (let a = from; a < s.length; a++) {
    if (!isSpace(s[a])) continue;
    let b = a;
    while (b < s.length && isSpace(s[b])) b++;
    const word = and.find((w) => s.startsWith(w, b) && isSpace(s[b + w.length]));
    if (word !== undefined) {
      let end = b + word.length;
      while (end < s.length && isSpace(s[end])) end++;
      out.push(s.slice(last, a));
      last = end;
      a = end - 1;
    } else a = b - 1;
  }
  out.push(s.slice(last));
}


/** A list split on `;`, or on `,` and a final <and> when it has no semicolons. */
export function splitAreas(list: string): string[] {
  const cleaned = cutEllipsis(list);
  let parts: string[];
  if (cleaned.includes(';')) parts = cleaned.split(';');
  else {
    // Commas first; the last <and> split applies after the last comma only.
    const lastComma = cleaned.lastIndexOf(',');
    parts = lastComma < 0 ? [] : cleaned.slice(0, lastComma).split(',');
    let from = lastComma + 1;
    if (lastComma >= 0) while (from < cleaned.length && isSpace(cleaned[from])) from++;
    splitOnAnd(cleaned, from, agreementPatterns().words.and, parts);
  }
  // Most lists are spaced with single spaces already: then no part needs its spaces rebuilt.
  const even = !UNEVEN_SPACE.test(cleaned);
  return parts.map((s) => trimEdges(even ? s : s.replace(/\s+/g, ' '), EDGE)).filter((s) => s.length > 0);
}
