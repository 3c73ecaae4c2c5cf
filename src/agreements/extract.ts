import { evidence, spanIndexAt, type DocContext, type Span } from '../engine/context.js';
import type { Agreement, Draft } from '../schema.js';
import { isoDate } from '../values/date.js';
import type { PeriodMention } from '../values/period.js';
import { agreementPatterns, type AgreementType } from './rules.js';
import { leadDate, partiesFor, titleSpan, type DatedAt } from './resolve.js';
import { mergeAgreements, type AgreementMention } from './merge.js';

const RULE_SIGN = 'agreement/sign-instrument';
const RULE_SIGNED = 'agreement/instrument-signed';
const RULE_AGREED = 'agreement/agreed-contents';

/** How far after an instrument noun its period may be written. */
const PERIOD_REACH = 90;
/** How far back an anaphora ("this document") looks for the instrument it names. */
const ANAPHORA_REACH = 1500;

/** Inter-provincial and cross-border cooperation instruments of one document. */
export function extractAgreements(ctx: DocContext): Draft<Agreement>[] {
  const p = agreementPatterns();
  if (!p.prefilter.test(ctx.search)) return [];
  const title = titleSpan(ctx);
  const lead = leadDate(ctx, title);
  const mentions: AgreementMention[] = [];
  const signingSentences = new Set<number>();
  const re = p.cue;
  re.lastIndex = 0;
  const found: { m: RegExpExecArray; si: number }[] = [];
  for (let m = re.exec(ctx.search); m; m = re.exec(ctx.search)) {
    const si = spanIndexAt(ctx.sentences, m.index);
    if (si < 0) continue;
    found.push({ m, si });
    signingSentences.add(si);
  }
  for (const { m, si } of found) {
    const sent = ctx.sentences[si]!;
    const cueStart = m.index;
    const cueEnd = m.index + m[0].length;
    let type: AgreementType | undefined;
    let rule = RULE_SIGN;
    let instStart = cueStart;
    let instEnd = cueEnd;
    let active = true;
    if (m.groups!.agreed) {
      type = 'agreement';
      rule = RULE_AGREED;
    } else {
      if (intended(ctx, sent, cueStart)) continue;
      p.instrumentAfter.lastIndex = cueEnd;
      const after = p.instrumentAfter.exec(ctx.search);
      if (after && cueEnd + after[0].length <= sent.end) {
        type = p.typeOf(after.groups!.inst!);
        instEnd = cueEnd + after[0].length;
        instStart = instEnd - after.groups!.inst!.length;
      } else {
        // Passive or anaphoric: the instrument is named before the verb in the sentence.
        const before = instrumentBefore(ctx, sent.start, cueStart);
        if (!before) continue;
        active = false;
        rule = RULE_SIGNED;
        type = before.type;
        instStart = before.start;
        instEnd = before.end;
      }
    }
    if (!type) continue;
    const period = periodAfter(ctx, instEnd, sent.end, rule === RULE_AGREED ? cueEnd : instEnd);
    if (rule === RULE_AGREED && !period && !ctx.dates.some((d) => d.start >= sent.start && d.end <= sent.end && d.shape !== 'y')) continue;
    const dated = signedDate(ctx, si, sent, period, active, lead, signingSentences, cueStart);
    const parties = partiesFor(ctx, si, cueStart, title);
    if (parties.length < 2) continue;
    mentions.push({
      record: {
        parties,
        type,
        signed: dated?.iso ?? null,
        period: period?.period ?? null,
        signatories: signatories(ctx, sent.start, Math.min(cueStart, instStart)),
        location: location(ctx, sent) ?? (dated && dated.sentence !== si ? location(ctx, ctx.sentences[dated.sentence]!) : null),
        areas: [],
        theme: null,
        evidence: [evidence(ctx, Math.min(cueStart, instStart), Math.max(instEnd, cueEnd, period?.end ?? 0))],
        rule,
      },
      sentence: si,
      active,
    });
  }
  const records = mergeAgreements(mentions);
  attachAreasAndTheme(ctx, records, mentions);
  return records.map((r) => r.record);
}

/** A signing only planned or wished for (an intent word within a few words before the verb). */
function intended(ctx: DocContext, sent: Span, verbStart: number): boolean {
  const from = Math.max(sent.start, verbStart - 40);
  return agreementPatterns().intentBefore.test(ctx.search.slice(from, verbStart));
}

/** The last instrument noun (or anaphora resolved to one) before the verb, with a passive word between. */
function instrumentBefore(ctx: DocContext, from: number, verbStart: number): { type: AgreementType; start: number; end: number } | undefined {
  const p = agreementPatterns();
  const text = ctx.search.slice(from, verbStart);
  let last: RegExpExecArray | undefined;
  p.instrument.lastIndex = 0;
  for (let m = p.instrument.exec(text); m; m = p.instrument.exec(text)) last = m;
  if (!last) return undefined;
  const between = text.slice(last.index + last[0].length);
  if (!p.passive.test(between)) return undefined;
  const start = from + last.index;
  if (last.groups!.inst) return { type: p.typeOf(last.groups!.inst)!, start, end: start + last[0].length };
  // "This document": the nearest instrument noun before it.
  const back = ctx.search.slice(Math.max(0, start - ANAPHORA_REACH), start);
  let prev: RegExpExecArray | undefined;
  p.instrument.lastIndex = 0;
  for (let m = p.instrument.exec(back); m; m = p.instrument.exec(back)) if (m.groups!.inst) prev = m;
  if (!prev) return undefined;
  const ps = start - back.length + prev.index;
  return { type: p.typeOf(prev.groups!.inst!)!, start: ps, end: ps + prev[0].length };
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
 * When it was signed: a date in the sentence (not the period), else for an active signing
 * the nearest date in an earlier sentence of the paragraph that reports no signing of its
 * own, else the article's lead date (<day part> <day/month>, <location> ...).
 */
function signedDate(
  ctx: DocContext,
  si: number,
  sent: Span,
  period: PeriodMention | undefined,
  active: boolean,
  lead: DatedAt | undefined,
  signingSentences: Set<number>,
  verbAt: number,
): DatedAt | undefined {
  const inSentence = datesIn(ctx, sent, period);
  if (inSentence.length > 0) return { iso: pickDate(inSentence, verbAt), sentence: si };
  if (!active) return undefined;
  const para = ctx.paragraphs[spanIndexAt(ctx.paragraphs, sent.start)];
  for (let j = si - 1; j >= 0 && para && ctx.sentences[j]!.start >= para.start; j--) {
    if (signingSentences.has(j)) break;
    const ds = datesIn(ctx, ctx.sentences[j]!, undefined);
    if (ds.length > 0) return { iso: pickDate(ds, ctx.sentences[j]!.end), sentence: j };
  }
  return lead;
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
  for (const d of ctx.dates) {
    if (d.start < span.start || d.end > span.end) continue;
    if (period && d.start < period.end && d.end > period.start) continue;
    if (d.shape === 'y' && ctx.periods.some((pm) => pm.kind === 'span' && d.start < pm.end && d.end > pm.start)) continue;
    const iso = isoDate(d, ctx.year);
    if (iso) out.push({ at: d.start, iso, yearOnly: d.shape === 'y' });
  }
  const p = agreementPatterns();
  p.monthOnly.lastIndex = span.start;
  for (let m = p.monthOnly.exec(ctx.search); m && m.index < span.end; m = p.monthOnly.exec(ctx.search)) {
    const month = Number(m.groups!.m);
    if (ctx.year === null || month < 1 || month > 12) continue;
    if (ctx.dates.some((d) => d.start <= m!.index && d.end > m!.index)) continue;
    out.push({ at: m.index, iso: `${ctx.year}-${String(month).padStart(2, '0')}`, yearOnly: false });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Signing bodies before the verb: `<body> [<count> <group noun>] <province>[, <province>] [<and> <province>]`. */
function signatories(ctx: DocContext, from: number, to: number): string[] {
  const p = agreementPatterns();
  const out: string[] = [];
  p.body.lastIndex = from;
  for (let m = p.body.exec(ctx.search); m && m.index < to; m = p.body.exec(ctx.search)) {
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
  bodyOnce ??= new RegExp(agreementPatterns().body.source, 'u');
  const m = bodyOnce.exec(ctx.search.slice(from, to));
  return m ? from + m.index : to;
}

/** `<location cue> <level> <Name>` in a sentence, as written. */
function location(ctx: DocContext, sent: Span): string | null {
  const p = agreementPatterns();
  p.location.lastIndex = 0;
  const m = p.location.exec(ctx.search.slice(sent.start, sent.end));
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
  for (const r of records) {
    for (const mention of r.mentions) {
      const sent = ctx.sentences[mention.sentence]!;
      const nextSigning = starts.find((s) => s > sent.start) ?? ctx.nfc.length;
      const until = Math.min(nextSigning, sent.end + 900);
      if (r.record.areas.length === 0) {
        p.areas.lastIndex = 0;
        const a = p.areas.exec(ctx.search.slice(sent.start, until));
        if (a) {
          const end = sent.start + a.index + a[0].length;
          r.record.areas = splitAreas(ctx.nfc.slice(end - a.groups!.list!.length, end));
        }
      }
      if (r.record.theme === null) {
        p.theme.lastIndex = 0;
        const t = p.theme.exec(ctx.search.slice(sent.start, sent.end));
        if (t) r.record.theme = t.groups!.theme!.trim();
      }
    }
  }
  if (records.length === 1 && records[0]!.record.theme === null) {
    p.theme.lastIndex = 0;
    const t = p.theme.exec(ctx.search);
    if (t) records[0]!.record.theme = t.groups!.theme!.trim();
  }
}

/** A list split on `;`, or on `,` and a final <and> when it has no semicolons. */
export function splitAreas(list: string): string[] {
  const and = agreementPatterns().words.and;
  const cleaned = list.replace(/[.…]+\s*$/u, '').replace(/,?\s*(?:\.{2,}|…).*$/u, '');
  const parts = cleaned.includes(';')
    ? cleaned.split(';')
    : cleaned.split(new RegExp(`\\s*,\\s*|\\s+(?:${and.join('|')})\\s+(?=[^,]*$)`, 'u'));
  return parts.map((s) => s.replace(/\s+/g, ' ').replace(/^[\s,.:]+|[\s,.:]+$/gu, '')).filter((s) => s.length > 0);
}
