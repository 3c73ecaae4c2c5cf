/**
 * Fill what a figure's own words leave open: its area (the province written in the clause or
 * sentence, a national cue, the paragraph's province, the document's), its period (the
 * figure's clause, else carried from the sentence, the paragraph or the title), its status
 * (cues near the figure; target cues carry over the sentence), and the ranks written after it.
 */
import { firstAtOrAfter, spanIndexAt, type DocContext, type Span } from '../engine/context.js';
import { values } from '../values/lexicon.js';
import { numberWord } from '../values/number.js';
import type { Rank } from '../schema.js';
import type { Lexicon } from './lexicon.js';
import { clauseStartAt, type Mention, type Scan } from './rules.js';
import { anyWithin, firstWithin, lastWithin, spansOf, testTail, tokenKey, type Tokens } from './phrases.js';

interface Place extends Span {
  name: string;
  national: boolean;
  /** Named after a comparison or merge word in its clause (data: comparison, merge_words). */
  contrast: boolean;
  /** A national cue that is a rank's scope (`<rank-top> <national-cue>`). */
  ranked?: boolean;
}

interface PeriodAt extends Span {
  period: string;
  span: boolean;
}

export interface DocFacts {
  places: Place[];
  periods: PeriodAt[];
  resets: Span[];
  stocks: Span[];
  stockLeads: Span[];
  shared: Span[];
  ranks: (Span & { rank: Rank })[];
  comparisons: Span[];
  mainProvince: string | null;
  respectively: Span[];
  estimates: Span[];
  targets: Span[];
  carries: Span[];
  reaches: Span[];
  spanCues: Span[];
  durations: Span[];
  titlePeriod: string | null;
  headerTargets: Span[];
  targetLeads: Span[];
  headerEstimates: Span[];
  title: Span | null;
}

/** Whether `a` overlaps a span of a list sorted by start (spans up to 80 long). */
function overlapsAnyOf(a: Span, list: readonly Span[]): boolean {
  for (let i = firstAtOrAfter(list, a.start - 80); i < list.length && list[i]!.start < a.end; i++) {
    if (list[i]!.end > a.start) return true;
  }
  return false;
}

function clauseStart(ctx: DocContext, pos: number, floor: number): number {
  return clauseStartAt(ctx.search, pos, floor);
}

export function clauseEnd(ctx: DocContext, pos: number, ceil: number): number {
  const s = ctx.search;
  for (let i = pos; i < ceil; i++) {
    const c = s.charCodeAt(i);
    // ; : ( ) and a comma not followed by a digit
    if (c === 59 || c === 58 || c === 40 || c === 41) return i;
    if (c === 44) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 48 && d <= 57)) return i;
    }
  }
  return ceil;
}

/** Mentions of the document every figure's resolution reads. */
export function docFacts(ctx: DocContext, lex: Lexicon, scan: Scan, tokens: Tokens): DocFacts {
  const s = ctx.search;
  const notProvince = lex.scanner.set('notProvince');
  /** A place name right after a non-province word or a personal name word. */
  const notProvinceBefore = (pos: number): boolean => {
    const ti = tokens.atOrAfter(pos);
    for (let k = 1; k <= 3 && ti - k >= 0; k++) {
      const hit = notProvince.matchAt(s, tokens, ti - k);
      if (hit && hit.to === ti && /^[\s-]*$/.test(s.slice(hit.end, pos))) return true;
    }
    const prev = ti - 1;
    return prev >= 0 && /^\s+$/.test(s.slice(tokens.ends[prev]!, pos)) && lex.personNameWords.has(ctx.nfc.slice(tokens.starts[prev]!, tokens.ends[prev]!));
  };
  const places: Place[] = [];
  let excludedEnd = -1;
  for (const p of ctx.places) {
    if (p.country !== null) continue;
    // `<road-word> <place> - <place>`: a name chained to an excluded one is excluded too.
    const chained = excludedEnd >= 0 && /^\s*-\s*$/.test(s.slice(excludedEnd, p.start));
    if (chained || notProvinceBefore(p.start)) {
      excludedEnd = p.end;
      continue;
    }
    places.push({ start: p.start, end: p.end, name: p.name, national: false, contrast: false });
  }
  for (const m of scan.national) places.push({ start: m.start, end: m.end, name: lex.file.national_area, national: true, contrast: false });
  places.sort((a, b) => a.start - b.start);
  for (const p of places) {
    const pcs = clauseStart(ctx, p.start, Math.max(0, p.start - 120));
    p.contrast = anyWithin(scan.merge, pcs, p.start);
    // `<rank-top> <national-cue>` (`leads the country`): the scope of a rank, not the area.
    if (p.national && lastWithin(scan.rankTop, p.start - 16, p.start, (h) => /^\s*$/.test(s.slice(h.end, p.start)))) p.ranked = true;
  }

  const periods: PeriodAt[] = [];
  for (const p of ctx.periods) {
    if (p.comparison) continue;
    let period = p.period;
    // `<until-month> <month>/<year>`: the months from January.
    if (p.kind === 'month' && testTail(lex.tails.untilMonth, lex.untilMonthTailRe, s.slice(Math.max(0, p.start - 24), p.start))) {
      const [y, mm] = period.split('-');
      if (mm !== '01') period = `${y}-01/${y}-${mm}`;
    }
    periods.push({ start: p.start, end: p.end, period, span: p.kind === 'span' });
  }
  const explicit = ctx.periods;
  const yearless = (span: Span, period: string): void => {
    if (overlapsAnyOf(span, explicit) || overlapsAnyOf(span, scan.vague)) return;
    if (lex.yearAfterRe.test(s.slice(span.end, span.end + 12))) return;
    if (testTail(lex.tails.comparison, lex.comparisonTailRe, s.slice(Math.max(0, span.start - 24), span.start))) return;
    periods.push({ start: span.start, end: span.end, period, span: false });
  };
  const firstSet = lex.scanner.set('first');
  // `<n> <month-word> (<first-word>)?`: the first n months of the document's year.
  for (const m of scan.months) {
    const ti = tokens.atOrAfter(m.start);
    const prev = ti - 1;
    if (prev < 0 || !/^\s+$/.test(s.slice(tokens.ends[prev]!, m.start))) continue;
    const prevKey = tokenKey(s, tokens, prev);
    const isDigit = /^\d{1,2}$/.test(prevKey);
    const n = isDigit ? Number(prevKey) : lex.numberWordKeys.get(prevKey);
    const first = ti + 1 < tokens.length ? firstSet.matchAt(s, tokens, ti + 1) : null;
    if (!n || (!isDigit && !first)) continue;
    const year = yearNear(ctx, m.start);
    if (year === null) continue;
    const span = { start: tokens.starts[prev]!, end: first ? first.end : m.end };
    if (n === 6) yearless(span, `${year}-H1`);
    else if (n === 3) yearless(span, `${year}-Q1`);
    else if (n === 12) yearless(span, `${year}`);
    else if (n >= 1 && n < 12) yearless(span, `${year}-01/${year}-${String(n).padStart(2, '0')}`);
  }
  // `<quarter-word> <q>`
  for (const m of scan.quarter) {
    const next = tokens.atOrAfter(m.start) + 1;
    if (next >= tokens.length || !/^\s+$/.test(s.slice(m.end, tokens.starts[next]!))) continue;
    const q = values().quarters[ctx.nfc.slice(tokens.starts[next]!, tokens.ends[next]!)];
    const year = yearNear(ctx, m.start);
    if (q && year !== null) yearless({ start: m.start, end: tokens.ends[next]! }, `${year}-Q${q}`);
  }
  for (const m of scan.current) {
    const year = yearNear(ctx, m.start);
    if (year !== null) yearless(m, String(year));
  }
  periods.sort((a, b) => a.start - b.start);

  const ranks: DocFacts['ranks'] = [];
  for (const cue of scan.rank) {
    const start = cue.start;
    const m = s.slice(cue.end, cue.end + 16).match(lex.rankNumberRe);
    if (!m) continue;
    if (testTail(lex.tails.rankNotAfter, lex.rankScope.notAfterRe, s.slice(Math.max(0, start - 12), start))) continue;
    const g = m.groups!;
    const position = /^\d+$/.test(g.pos!) ? Number(g.pos) : numberWord(g.pos!);
    if (!position || position < 1) continue;
    const of = g.of ? Number(g.of) : null;
    if (of !== null && (of < position || of < 2)) continue;
    const end = cue.end + m[0].length;
    const sc = rankScope(ctx, lex, end);
    ranks.push({ start, end: sc.end, rank: { position, of, scope: sc.text } });
  }

  const title = titleOf(ctx);
  let titlePeriod: string | null = null;
  if (title) {
    const inTitle = firstWithin(periods, title.start, title.end);
    if (inTitle) titlePeriod = inTitle.period;
  }
  return {
    places,
    periods,
    title,
    resets: scan.reset,
    stocks: scan.stock,
    stockLeads: scan.stockLead,
    shared: scan.shared,
    ranks,
    comparisons: scan.comparison,
    mainProvince: mainProvinceOf(places, title, ctx.mainProvince),
    respectively: scan.respectively,
    estimates: scan.estimate,
    targets: scan.target,
    carries: scan.carry,
    reaches: scan.reach,
    spanCues: [...scan.spanCue, ...spansOf(s, lex.spanCueMarkRe, lex.spanCueMarkFirsts)].sort((a, b) => a.start - b.start),
    durations: durationsOf(s, tokens, scan),
    titlePeriod,
    headerTargets: scan.headerTarget,
    targetLeads: scan.targetLead,
    headerEstimates: scan.headerEstimate,
  };
}

/** The headline: the document's title paragraph (document/meta's rule, found once per document). */
function titleOf(ctx: DocContext): Span | null {
  return ctx.titleSpan;
}

/** `<n> <year-word>` written as a duration (not followed by a year number). */
function durationsOf(s: string, tokens: Tokens, scan: Scan): Span[] {
  const out: Span[] = [];
  for (const y of scan.years) {
    const prev = tokens.atOrAfter(y.start) - 1;
    if (prev < 0) continue;
    const start = tokens.starts[prev]!;
    const end = tokens.ends[prev]!;
    if (end - start > 2 || !/^\d{1,2}$/.test(tokenKey(s, tokens, prev)) || !/^\s+$/.test(s.slice(end, y.start))) continue;
    if (/^\s+\d/.test(s.slice(y.end, y.end + 3))) continue;
    out.push({ start, end: y.end });
  }
  return out;
}

/**
 * The province the document is about: the most mentioned one among real province mentions
 * (not a ward, a river or a person's name), the title counting double; ties go to the first.
 */
function mainProvinceOf(places: Place[], title: Span | null, fallback: string | null): string | null {
  const counts = new Map<string, number>();
  for (const p of places) {
    if (p.national || p.contrast) continue;
    const inTitle = title !== null && p.start >= title.start && p.end <= title.end;
    counts.set(p.name, (counts.get(p.name) ?? 0) + (inTitle ? 3 : 1));
  }
  let best: string | null = null;
  let bestN = 0;
  for (const [n, c] of counts) if (c > bestN) (best = n), (bestN = c);
  return best ?? fallback;
}

/** The document's year, else the nearest explicit year before `pos`. */
function yearNear(ctx: DocContext, pos: number): number | null {
  if (ctx.year !== null) return ctx.year;
  let best: number | null = null;
  for (const d of ctx.dates) {
    if (d.start > pos) break;
    if (d.year !== null) best = d.year;
  }
  return best;
}

/** Scope of a rank: the words after it up to the clause end, lead words dropped. */
function rankScope(ctx: DocContext, lex: Lexicon, from: number): { text: string | null; end: number } {
  const s = ctx.search;
  const limit = Math.min(s.length, from + 100);
  let i = from;
  for (; i < limit; i++) {
    const ch = s[i]!;
    if (/[.;:()\n!?]/.test(ch)) break;
    if (ch === ',') {
      if (lex.rankScope.continueRe.test(s.slice(i, i + 30))) continue;
      break;
    }
    if (/\s/.test(ch) && lex.rankScope.stopRe.test(s.slice(i, i + 30))) break;
  }
  const end = i;
  let a = from;
  while (a < end && /\s/.test(s[a]!)) a++;
  let rest = s.slice(a, end);
  for (;;) {
    const m = rest.match(lex.rankScope.dropLeadRe) ?? rest.match(lex.rankScope.dropNounRe);
    if (!m) break;
    a += m[0].length;
    rest = rest.slice(m[0].length);
  }
  let b = end;
  while (b > a && /[\s,]/.test(s[b - 1]!)) b--;
  return { text: b > a ? ctx.nfc.slice(a, b) : null, end };
}

const lastIn = lastWithin;
const firstIn = firstWithin;

export function resolveArea(ctx: DocContext, lex: Lexicon, f: DocFacts, m: Mention, all: Mention[]): string | null | undefined {
  const fig = m.figure;
  const sent = m.sentence;
  const inRank = (p: Span): boolean => {
    const r = lastWithin(f.ranks, p.start - 200, p.end + 200, (x) => x.start <= p.start);
    return r !== null && p.start >= r.start && p.end <= r.end;
  };
  // `<place> and <place> ... <respectively> <figure> and <figure>`: pair them in order.
  const resp = lastIn(f.respectively, sent.start, fig.start);
  if (resp) {
    const listed = all.filter((o) => o.sentence === sent && o.figure.start > resp.end && !o.bracketed);
    const names: string[] = [];
    for (let i = firstAtOrAfter(f.places, sent.start); i < f.places.length && f.places[i]!.start < resp.start; i++) {
      const p = f.places[i]!;
      if (p.end > resp.start || p.national || inRank(p)) continue;
      if (!names.includes(p.name)) names.push(p.name);
    }
    const k = listed.indexOf(m);
    if (k >= 0 && names.length === listed.length && names.length > 1) return names[k]!;
  }
  const cs = m.clauseStart;
  if (m.comparative) {
    let cmp = cs;
    for (const c of f.comparisons) if (c.start >= cs && c.end <= fig.start) cmp = c.end;
    const ce = clauseEnd(ctx, fig.end, sent.end);
    const named = lastIn(f.places, cmp, fig.start) ?? firstIn(f.places, fig.end, ce);
    return named ? named.name : undefined;
  }
  // The figure's own region: from its name (or clause) to the figure.
  const regionStart = Math.min(m.trigger?.start ?? cs, cs);
  const own = lastIn(f.places, regionStart, fig.start, (p) => !inRank(p) && !p.ranked);
  if (own) return own.name;
  // The sentence before the figure; a national cue after a comparison word is not the area.
  const inSentence = lastIn(f.places, sent.start, fig.start, (p) => !inRank(p) && !p.contrast && !p.ranked);
  if (inSentence) return inSentence.name;
  if (m.sense.national) return lex.file.national_area;
  const para = m.paragraph;
  const paraBefore = lastIn(f.places, para.start, fig.start, (p) => !p.national && !inRank(p) && !p.contrast);
  if (paraBefore) return paraBefore.name;
  return f.mainProvince;
}

/** Gap (characters) between the last province of a shared subject and its shared cue. */
const SHARED_GAP = 30;

/**
 * The other provinces of a subject several provinces share (`<X>, <Y> <shared> <reach> <amount>`):
 * the provinces chained right before the figure's own one, when a shared cue follows it.
 */
export function sharedAreas(ctx: DocContext, lex: Lexicon, f: DocFacts, m: Mention, area: string): string[] {
  const limit = m.trigger?.start ?? m.figure.start;
  const own = lastIn(f.places, m.sentence.start, limit, (p) => p.name === area && !p.national);
  if (!own || !firstIn(f.shared, own.end, Math.min(limit, own.end + SHARED_GAP))) return [];
  const out: string[] = [];
  let right = own as Span;
  for (let i = firstAtOrAfter(f.places, own.start) - 1; i >= 0; i--) {
    const p = f.places[i]!;
    if (p.start < m.sentence.start || p.national || p.end > right.start || right.start - p.end > 8) break;
    if (!lex.placeJoinRe.test(ctx.search.slice(p.end, right.start))) break;
    if (p.name !== area && !out.includes(p.name)) out.unshift(p.name);
    right = p;
  }
  return out;
}

export function resolvePeriod(ctx: DocContext, lex: Lexicon, f: DocFacts, m: Mention): string | null {
  const fig = m.figure;
  const sent = m.sentence;
  const cs = m.clauseStart;
  const ce = clauseEnd(ctx, m.after?.end ?? fig.end, sent.end);
  const regionStart = Math.min(m.trigger?.start ?? cs, cs);
  // Own clause (and the name's region): the mention nearest the figure.
  // `<amount> <year-word> <yyyy>`: a year written right after the figure is its own.
  const right = firstIn(f.periods, fig.end, Math.min(ce, fig.end + 16));
  if (right && /^\s+$/.test(ctx.search.slice(m.after?.end ?? fig.end, right.start))) return right.period;
  const before = lastIn(f.periods, regionStart, fig.start);
  if (before) return before.period;
  const after = firstIn(f.periods, fig.end, ce);
  if (after) return after.period;
  // Cumulative figures take no period from around them.
  if (f.resets.some((r) => r.start >= sent.start && r.end <= fig.start)) return null;
  // An average (data: span_cues) or a total over years (`<n> <year-word>`) takes the span before it.
  const spanCue =
    f.spanCues.some((c) => c.start >= regionStart && c.end <= fig.end + 6 && !(m.trigger && c.start < m.trigger.end && c.end > m.trigger.start)) || f.durations.some((d) => d.start >= cs && d.end <= fig.start);
  if (spanCue) {
    const sp = lastIn(f.periods, m.paragraph.start, regionStart, (p) => p.span);
    if (sp) return sp.period;
  }
  const inSentence = lastIn(f.periods, sent.start, regionStart);
  if (inSentence) return inSentence.period;
  const inParagraph = lastIn(f.periods, m.paragraph.start, sent.start);
  if (inParagraph) return inParagraph.period;
  const carried = carriedPeriod(ctx, f, m.paragraph);
  if (carried) return carried;
  if (f.title && fig.start > f.title.end && !isStock(ctx, f, sent)) return f.titlePeriod;
  return null;
}

/** A current stock (`<now> <has> ...`, `... <still in force>`): no headline period. */
function isStock(ctx: DocContext, f: DocFacts, sent: Span): boolean {
  if (anyWithin(f.stocks, sent.start, sent.end)) return true;
  const lead = firstWithin(f.stockLeads, sent.start, sent.end);
  return lead !== null && /^[\s\-+*\u2022]*$/.test(ctx.search.slice(sent.start, lead.start));
}

type Status = 'actual' | 'estimate' | 'target';

export function resolveStatus(ctx: DocContext, f: DocFacts, m: Mention, prev: Status | null): Status {
  const fig = m.figure;
  const sent = m.sentence;
  const cs = m.clauseStart;
  const regionStart = Math.min(m.trigger?.start ?? cs, cs);
  const est = lastIn(f.estimates, regionStart, fig.start);
  const tgt = lastIn(f.targets, regionStart, fig.start);
  if (est || tgt) return (tgt?.start ?? -1) > (est?.start ?? -1) ? 'target' : 'estimate';
  if (m.bracketed || m.comparative) return 'actual';
  if (f.carries.some((c) => c.start >= sent.start && c.end <= regionStart)) return 'target';
  if (m.trigger && lastIn(f.targetLeads, m.trigger.start - 12, m.trigger.start, (h) => /^\s+$/.test(ctx.search.slice(h.end, m.trigger!.start)))) return 'target';
  // `<name> <estimate> <amount>, <of-which> <name> <amount>`: a figure with no verb of its
  // own shares the status of the figure before it in the sentence.
  const header = headerStatus(ctx, f, m.paragraph);
  if (header) return header;
  const reach = lastIn(f.reaches, regionStart, fig.start);
  if (!reach && prev) return prev;
  return 'actual';
}

/** Paragraphs looked back over for a governing period or a list header. */
const CARRY_PARAGRAPHS = 12;
/** A period this close to its paragraph's start opens the paragraph (`<period>, ...`). */
const OPENING = 25;

/** Lead clause before an opening period (`<according to a source>, <period>, ...`). */
const LEAD_CLAUSE = /^[^.;:!?\n]{0,80},\s*$/;

/** Whether a period opens its paragraph: right at its start, or after one lead clause. */
function opensParagraph(ctx: DocContext, p: Span, period: Span): boolean {
  return period.start - p.start <= OPENING || LEAD_CLAUSE.test(ctx.search.slice(p.start, period.start));
}

function endsWithColon(ctx: DocContext, p: Span): boolean {
  return ctx.search.charCodeAt(p.end - 1) === 58;
}

/** A list item: `- ...`, `+ ...`, a bullet, or `1. ...` / `a) ...`. */
function isListItem(ctx: DocContext, p: Span): boolean {
  return /^(?:[-+*\u2022\u25cf]|\d{1,2}[.)]|\p{Ll}\))\s/u.test(ctx.search.slice(p.start, p.start + 4));
}

/**
 * The period of an earlier paragraph that governs this one: the last header line (ending with
 * a colon) with a period, or a paragraph opened by a period (`<period>, ...`), right before
 * this one or before the list items that lead to it; another period in between, or a
 * paragraph without one that is no list item, ends the reach (then the headline decides).
 */
function carriedPeriod(ctx: DocContext, f: DocFacts, para: Span): string | null {
  const pi = spanIndexAt(ctx.paragraphs, para.start);
  for (let k = pi - 1; k >= 0 && k >= pi - CARRY_PARAGRAPHS; k--) {
    const p = ctx.paragraphs[k]!;
    if (f.title && p.start === f.title.start) return null;
    const first = firstIn(f.periods, p.start, p.end);
    if (!first) {
      if (isListItem(ctx, p)) continue;
      return null;
    }
    if (endsWithColon(ctx, p)) return lastIn(f.periods, p.start, p.end)!.period;
    if (opensParagraph(ctx, p, first)) return first.period;
    return null;
  }
  return null;
}

/** The status a list header gives its items (`<target-word> ... :` then `- <item>` lines). */
function headerStatus(ctx: DocContext, f: DocFacts, para: Span): Status | null {
  const pi = spanIndexAt(ctx.paragraphs, para.start);
  if (!isListItem(ctx, para)) return null;
  for (let k = pi - 1; k >= 0 && k >= pi - CARRY_PARAGRAPHS; k--) {
    const p = ctx.paragraphs[k]!;
    if (endsWithColon(ctx, p)) {
      if (anyWithin(f.headerEstimates, p.start, p.end)) return 'estimate';
      if (anyWithin(f.headerTargets, p.start, p.end)) return 'target';
      return null;
    }
    if (!isListItem(ctx, p)) return null;
  }
  return null;
}

/** Ranks written after the figure in its sentence, before the next figure that is not bracketed. */
export function resolveRanks(search: string, f: DocFacts, m: Mention, all: Mention[]): Rank[] {
  if (m.bracketed) return [];
  const next = all.find((o) => o.sentence === m.sentence && o.figure.start > m.figure.end && !o.bracketed);
  const to = next ? next.figure.start : m.sentence.end;
  const out: Rank[] = [];
  for (let i = firstAtOrAfter(f.ranks, m.figure.end); i < f.ranks.length && f.ranks[i]!.start < to; i++) {
    // `<figure>, <place> <rank>`: a rank after another place is that place's.
    const r = f.ranks[i]!;
    if (lastIn(f.places, clauseStartAt(search, r.start, m.figure.end), r.start, (p) => !p.national)) continue;
    out.push(r.rank);
  }
  return out;
}
