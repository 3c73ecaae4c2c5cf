/**
 * What every kind's extractor receives: the NFC text, its folded `search` twin (same length,
 * same offsets), and the shared mentions found once per document (places, periods, dates,
 * sentences, paragraphs), so no kind re-scans the text for them.
 */
import { searchForm } from '../text/normalize.js';
import { isSpaceCode } from '../text/chars.js';
import { findPlaces, type PlaceMention } from '../values/place.js';
import { findPeriods, type PeriodMention } from '../values/period.js';
import { findDates, type DateMention } from '../values/date.js';
import { digitRuns } from '../values/anchor.js';
import type { Evidence } from '../schema.js';

export interface Span {
  start: number;
  end: number;
}

export interface DocContext {
  id: string;
  /** NFC text: offsets and evidence refer to it. */
  nfc: string;
  /** Folded twin of `nfc` (tones, dashes, spaces unified), same length. */
  search: string;
  places: PlaceMention[];
  periods: PeriodMention[];
  dates: DateMention[];
  /** Lines of the text (paragraphs), trimmed spans, non-empty. */
  paragraphs: Span[];
  /** Sentences inside paragraphs. */
  sentences: Span[];
  /** Year the document was written in (dateline, else the year it mentions most), or null. */
  year: number | null;
  /** The province the document is mostly about (most mentioned), or null. */
  mainProvince: string | null;
  /** The title's paragraph (documentMeta's title), or null when the article has none. */
  titleSpan: Span | null;
  /** Document-level warnings that extractors may add (e.g. an ambiguous decimal comma). */
  warnings: string[];
}

/** Evidence for `[start, end)` of the NFC text, trimmed of surrounding spaces. */
export function evidence(ctx: Pick<DocContext, 'nfc'>, start: number, end: number): Evidence {
  const nfc = ctx.nfc;
  while (start < end && isSpaceCode(nfc.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(nfc.charCodeAt(end - 1))) end--;
  return { start, end, text: nfc.slice(start, end) };
}

/** Non-empty lines as spans. */
export function paragraphsOf(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\r\n]+/g;
  for (const m of text.matchAll(re)) {
    let s = m.index!;
    let e = s + m[0].length;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

/**
 * Sentences: a paragraph split after `.`, `!`, `?`, `…` (or `|`) followed by space and an
 * upper-case letter, a quote or a digit. Abbreviation dots (`TP.`, `UBND.`) followed by a
 * capitalised name do split; rules that care look across the boundary themselves.
 * Paragraphs are lines (see paragraphsOf): the breaks are found in one scan of the text, the
 * end mark first (a look-behind would be tried at every position), spaces kept within a line.
 */
export function sentencesOf(text: string, paragraphs: Span[]): Span[] {
  const breaks = sentenceBreaks(text);
  const out: Span[] = [];
  for (const p of paragraphs) {
    let last = p.start;
    for (let i = firstAtOrAfter(breaks, p.start + 1); i < breaks.length && breaks[i]!.start < p.end; i++) {
      const b = breaks[i]!;
      if (b.end >= p.end) continue;
      // Keep abbreviations such as `TP. Hồ Chí Minh` and `Tp. Cần Thơ` inside a sentence.
      const before = text.slice(Math.max(p.start, b.start - 4), b.start);
      if (ABBREVIATION_END.test(before)) continue;
      out.push({ start: last, end: b.start });
      last = b.end;
    }
    if (last < p.end) out.push({ start: last, end: p.end });
  }
  return out;
}

const SENTENCE_BREAK = /[.!?…|]([^\S\r\n]+)(?=[\p{Lu}"“'‘(\d])/gu;
const ABBREVIATION_END = /(?:^|[\s(])(?:TP|Tp|tp|Th\.S|TS|PGS|GS|ThS|Ths|St)\.$/u;

/** The runs of spaces after a sentence end mark and before a sentence start, in text order. */
function sentenceBreaks(text: string): Span[] {
  const out: Span[] = [];
  SENTENCE_BREAK.lastIndex = 0;
  for (let m = SENTENCE_BREAK.exec(text); m; m = SENTENCE_BREAK.exec(text)) {
    out.push({ start: m.index + 1, end: m.index + 1 + m[1]!.length });
  }
  return out;
}

/** Index of the first span starting at or after `pos` in a list sorted by start (binary search). */
export function firstAtOrAfter(spans: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the span containing `pos` (binary search), or -1. */
export function spanIndexAt(spans: Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** `paragraphs` may be given when the caller already has `paragraphsOf(nfc)`. */
export function buildContext(
  id: string,
  nfc: string,
  published: string | null,
  titleSpan: Span | null = null,
  paragraphs: Span[] = paragraphsOf(nfc),
): DocContext {
  const search = searchForm(nfc);
  const sentences = sentencesOf(search, paragraphs);
  const places = findPlaces(search);
  const runs = digitRuns(search);
  const periods = findPeriods(search, runs);
  const dates = findDates(search, runs);
  return {
    id,
    nfc,
    search,
    places,
    periods,
    dates,
    paragraphs,
    sentences,
    year: published ? Number(published.slice(0, 4)) : documentYear(dates),
    mainProvince: mainProvince(places),
    titleSpan,
    warnings: [],
  };
}

/** The year mentioned most often (ties: the later one), or null. */
function documentYear(dates: DateMention[]): number | null {
  const counts = new Map<number, number>();
  for (const d of dates) if (d.year !== null) counts.set(d.year, (counts.get(d.year) ?? 0) + 1);
  let best: number | null = null;
  let bestN = 0;
  for (const [y, n] of counts) if (n > bestN || (n === bestN && best !== null && y > best)) (best = y), (bestN = n);
  return best;
}

function mainProvince(places: PlaceMention[]): string | null {
  const counts = new Map<string, number>();
  for (const p of places) if (p.country === null) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  let best: string | null = null;
  let bestN = 0;
  for (const [n, c] of counts) if (c > bestN) (best = n), (bestN = c);
  return best;
}
