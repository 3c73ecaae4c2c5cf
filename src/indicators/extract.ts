/**
 * Economic indicators of one document: one record per figure (RECORDS.md "Indicator"). A
 * figure repeated verbatim (the same sentence twice, a caption repeating the body) gives one
 * record with one evidence per mention.
 */
import { evidence, spanIndexAt, type DocContext, type Span } from '../engine/context.js';
import type { Draft, Evidence, Indicator } from '../schema.js';
import { indicatorLexicon } from './lexicon.js';
import { findFigures, findMentions, type Figure } from './rules.js';
import { tokenize } from './phrases.js';
import { docFacts, resolveArea, resolvePeriod, resolveRanks, resolveStatus, sharedAreas } from './resolve.js';

export function extractIndicators(ctx: DocContext): Draft<Indicator>[] {
  const lex = indicatorLexicon();
  const figures = findFigures(ctx, lex);
  if (figures.length === 0) return [];
  const tokens = tokenize(ctx.search, hotRanges(ctx, figures));
  const scan = lex.scanner.scan(ctx.search, tokens);
  const mentions = findMentions(ctx, figures, scan, tokens);
  if (mentions.length === 0) return [];
  const facts = docFacts(ctx, lex, scan, tokens);
  // Mentions by sentence, for the rules that pair figures within one sentence.
  const bySentence = new Map<unknown, typeof mentions>();
  for (const m of mentions) {
    const list = bySentence.get(m.sentence) ?? [];
    list.push(m);
    bySentence.set(m.sentence, list);
  }
  const records = new Records();
  let prev: { sentence: unknown; status: Draft<Indicator>['status'] } | null = null;
  for (const m of mentions) {
    const peers = bySentence.get(m.sentence)!;
    const area = resolveArea(ctx, lex, facts, m, peers);
    if (area === undefined) continue;
    const status = resolveStatus(ctx, facts, m, prev && prev.sentence === m.sentence ? prev.status : null);
    if (!m.comparative && !m.bracketed) prev = { sentence: m.sentence, status };
    const start = Math.min(m.trigger?.start ?? m.figure.start, m.figure.start);
    const end = Math.max(m.figure.end, m.after?.end ?? 0);
    const ev: Evidence = evidence(ctx, start, end);
    const record: Draft<Indicator> = {
      indicator: m.sense.id,
      area,
      value: m.value,
      upper: m.upper,
      unit: m.unit,
      period: resolvePeriod(ctx, lex, facts, m),
      status,
      bound: m.bound,
      ranks: resolveRanks(ctx.search, facts, m, peers),
      evidence: [ev],
      rule: m.rule,
    };
    // `<X>, <Y> <shared> ... <amount>`: one record per province of the subject.
    const others = area === null ? [] : sharedAreas(ctx, lex, facts, m, area);
    for (const a of others) records.add({ ...record, area: a, evidence: [ev] });
    records.add(record);
  }
  return records.list;
}

/** Same number, as their text would be (NaN is NaN). */
function sameNumber(a: number | null, b: number | null): boolean {
  return a === b || (a !== a && b !== b);
}

/** Whether two records say the same (all but evidence, ranks and rule). */
function sameRecord(a: Draft<Indicator>, b: Draft<Indicator>): boolean {
  return (
    a.indicator === b.indicator &&
    a.area === b.area &&
    sameNumber(a.value, b.value) &&
    sameNumber(a.upper, b.upper) &&
    a.unit === b.unit &&
    a.period === b.period &&
    a.status === b.status &&
    a.bound === b.bound
  );
}

/** The records of a document in first-seen order, one per distinct figure statement. */
class Records {
  readonly list: Draft<Indicator>[] = [];
  /** The records by value (few share one), so a repeat is found without a key string. */
  private readonly byValue = new Map<number, Draft<Indicator>[]>();

  /** Adds a record, or a new evidence to the same record found before. */
  add(record: Draft<Indicator>): void {
    const bucket = this.byValue.get(record.value);
    const seen = bucket?.find((r) => sameRecord(r, record));
    const ev = record.evidence[0]!;
    if (seen) {
      if (!seen.evidence.some((e) => e.start === ev.start && e.end === ev.end)) seen.evidence.push(ev);
      if (seen.ranks.length === 0) seen.ranks = record.ranks;
    } else {
      this.list.push(record);
      if (bucket) bucket.push(record);
      else this.byValue.set(record.value, [record]);
    }
  }
}

/** Longest headline looked at (characters); see resolve.ts titleOf. */
const TITLE_MAX = 200;
/** Words before a place outside the figures' paragraphs that decide whether it is a province. */
const PLACE_WINDOW = 60;

/**
 * The only text the phrase scan reads: each paragraph holding a figure, from its start to the
 * end of its last sentence with a figure (names, periods, places and ranks of a figure are
 * there), the first short lines (the headline), and a few words before every other place (to
 * tell a province from a ward or a person's name when counting the document's province).
 */
function hotRanges(ctx: DocContext, figures: readonly Figure[]): Span[] {
  const spans: Span[] = [];
  for (const p of ctx.paragraphs.slice(0, 4)) if (p.end - p.start <= TITLE_MAX) spans.push(p);
  let lastPara = -1;
  for (const f of figures) {
    const pi = spanIndexAt(ctx.paragraphs, f.start);
    const si = spanIndexAt(ctx.sentences, f.start);
    if (pi < 0 || si < 0) continue;
    const para = ctx.paragraphs[pi]!;
    const end = ctx.sentences[si]!.end;
    if (pi === lastPara) spans[spans.length - 1]!.end = Math.max(spans[spans.length - 1]!.end, end);
    else spans.push({ start: para.start, end });
    lastPara = pi;
  }
  // List headers (`<target-word> <year>:`) give their items a period and a status.
  for (const p of ctx.paragraphs) if (p.end - p.start <= 2 * TITLE_MAX && ctx.search.charCodeAt(p.end - 1) === 58) spans.push(p);
  for (const p of ctx.places) {
    const pi = spanIndexAt(ctx.paragraphs, p.start);
    const floor = pi >= 0 ? ctx.paragraphs[pi]!.start : 0;
    spans.push({ start: Math.max(floor, p.start - PLACE_WINDOW), end: p.end });
  }
  spans.sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}
