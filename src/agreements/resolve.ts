/**
 * Context an agreement mention borrows from the rest of the article: the title (parties of
 * <count> <group noun>), the lead date (when a signing "at the meeting" gives no date of its own) and
 * the parties themselves.
 */
import { firstAtOrAfter, spanIndexAt, type DocContext, type Span } from '../engine/context.js';
import { isoDate } from '../values/date.js';
import { values } from '../values/lexicon.js';
import { alt, execAtWordStart, WB } from '../text/pattern.js';
import { canonicalProvince, countryPattern, isProvince } from '../values/place.js';
import { agreementPatterns } from './rules.js';

export interface DatedAt {
  iso: string;
  /** Index of the sentence the date was read from. */
  sentence: number;
}

/**
 * What the signings of one document share, each read on first use (most documents need little
 * of it): the title, the lead date, whether the article is about a cross-border partner, and the
 * parties of each signing sentence.
 */
export interface DocFacts {
  title(): Span | undefined;
  lead(): DatedAt | undefined;
  foreign(): boolean;
  /** The parties of a signing in sentence `si` (see `partiesFor`). */
  parties(si: number): string[];
}

export function docFacts(ctx: DocContext): DocFacts {
  let title: { v: Span | undefined } | undefined;
  let lead: { v: DatedAt | undefined } | undefined;
  let foreign: boolean | undefined;
  let titleParties: { v: PartyMentions | undefined } | undefined;
  let ranked: string[] | undefined;
  const bySentence = new Map<number, string[]>();
  const facts: DocFacts & Shared = {
    title: () => (title ??= { v: titleSpan(ctx) }).v,
    lead: () => (lead ??= { v: leadDate(ctx, facts.title()) }).v,
    foreign: () => (foreign ??= foreignContext(ctx)),
    titleParties: () => {
      if (!titleParties) {
        const t = facts.title();
        titleParties = { v: t ? partyMentions(ctx, t, facts.foreign) : undefined };
      }
      return titleParties.v;
    },
    // Over the whole text, one look for a foreign country is cheaper than the partner look-ups it may spare.
    rankedParties: () => (ranked ??= byMentions(partyMentions(ctx, { start: 0, end: ctx.nfc.length }, facts.foreign, facts.foreign()).all)),
    parties: (si) => {
      let names = bySentence.get(si);
      if (!names) bySentence.set(si, (names = partiesFor(ctx, si, facts)));
      return [...names];
    },
  };
  return facts;
}

/** The document-level party mentions `partiesFor` falls back on. */
interface Shared {
  foreign(): boolean;
  titleParties(): PartyMentions | undefined;
  /** The document's party names, most mentioned first (ties in order of first mention). */
  rankedParties(): string[];
}

/** The title paragraph, if the document has one (documentMeta's title, found once per document). */
export function titleSpan(ctx: DocContext): Span | undefined {
  return ctx.titleSpan ?? undefined;
}


let dayWordEnd: RegExp | undefined;

/**
 * The article's event date: the first date after the title, in the first paragraphs, that is
 * a day and month without year (<day part> <d/m>) or a full date led by a day word (<day word>
 * 17/4/2021"); a bare dateline ("25/11/2022 06:10") is the publication, not the event.
 */
export function leadDate(ctx: DocContext, title: Span | undefined): DatedAt | undefined {
  const w = values().words;
  dayWordEnd ??= new RegExp(`${WB}${alt([...w.day, ...w.day_parts])}\\s+$`, 'u');
  const from = title ? title.end : 0;
  const firstPara = spanIndexAt(ctx.paragraphs, from) + 1 || 0;
  const lastPara = ctx.paragraphs[Math.min(ctx.paragraphs.length - 1, firstPara + 3)];
  const until = lastPara ? lastPara.end : ctx.nfc.length;
  for (const d of ctx.dates) {
    if (d.start < from) continue;
    if (d.start >= until) break;
    const worded = /^\p{L}/u.test(ctx.search[d.start]!) || dayWordEnd.test(ctx.search.slice(Math.max(0, d.start - 16), d.start));
    if (d.shape === 'dm' || (d.shape === 'dmy' && worded)) {
      const iso = isoDate(d, ctx.year);
      if (iso) return { iso, sentence: spanIndexAt(ctx.sentences, d.start) };
    }
  }
  return undefined;
}

/** Whether the article names a neighbouring country or a known foreign province (so unknown partner names may be foreign). */
export function foreignContext(ctx: DocContext): boolean {
  if (ctx.places.some((pl) => pl.country !== null)) return true;
  countryAll ??= countryScan();
  countryAll.lastIndex = 0;
  // A country word inside a province's name (`Lào` of `Lào Cai`) does not count.
  const next = (): RegExpExecArray | null => (countryAtWord ? execAtWordStart(countryAll!, ctx.search) : countryAll!.exec(ctx.search));
  for (let m = next(); m; m = next()) {
    const at = m.index;
    if (!ctx.places.some((pl) => pl.start <= at && at < pl.end)) return true;
  }
  return false;
}

let countryAll: RegExp | undefined;

let countryAtWord = false;

/** The country pattern, global; its leading `WB` (if any) left out for `execAtWordStart`. */
function countryScan(): RegExp {
  const src = countryPattern().source;
  countryAtWord = src.startsWith(WB);
  return new RegExp(countryAtWord ? src.slice(WB.length) : src, 'gu');
}

interface PartyMentions {
  /** Party names in text order. */
  names: string[];
  /** Every party mention's name, repeats included (for counting). */
  all: string[];
  /** Provinces skipped because they only locate a sub-provincial unit (`xã X (Nghệ An)`). */
  locators: number;
}

/** Distinct names, most repeated first (ties in order of first appearance). */
function byMentions(all: string[]): string[] {
  const counts = new Map<string, number>();
  for (const n of all) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([n]) => n);
}

/**
 * The parties a span names: its province mentions, minus those in brackets after a
 * sub-provincial unit; and, when the article is about a cross-border partner, capitalised names
 * the gazetteer does not know, after a foreign lead (`Chính quyền tỉnh <Name>`) or joined to a
 * province right before the verb (`<province> <and> <Name> <verb>`, `<Name> <and> <province> <verb>`).
 */
function partyMentions(ctx: DocContext, span: Span, foreign: () => boolean, known?: boolean): PartyMentions {
  const p = agreementPatterns();
  const found: { at: number; name: string }[] = [];
  let locators = 0;
  // Places are in text order and do not overlap.
  const inPlace = (pos: number): boolean => spanIndexAt(ctx.places, pos) >= 0;
  const accept = (name: string): boolean =>
    /\p{Ll}/u.test(name) && !canonicalProvince(name) && !countryPattern().test(name) && !isProvince(name);
  for (let i = firstAtOrAfter(ctx.places, span.start); i < ctx.places.length; i++) {
    const pl = ctx.places[i]!;
    if (pl.end > span.end) break;
    if (ctx.search[pl.start - 1] === '(' || ctx.search.slice(Math.max(span.start, pl.start - 2), pl.start) === '( ') {
      const before = ctx.search.slice(Math.max(span.start, pl.start - 60), pl.start);
      if (pl.country === null && p.locatorBefore.test(before)) {
        locators++;
        continue;
      }
    }
    // A partner name without a level word right after a family name is part of a person's name.
    if (pl.country !== null && pl.level === null && surnameRightBefore(ctx.search.slice(Math.max(span.start, pl.start - 12), pl.start), p.surnameBefore)) continue;
    found.push({ at: pl.start, name: pl.name });
    if (pl.country !== null || known === false) continue;
    // A partner joined to a Vietnamese province next to the verb (in an article about a cross-border partner).
    const a = p.partnerAfter(ctx.search, pl.end);
    if (a && a.end <= span.end) {
      const at = a.end - a.name.length;
      if (!inPlace(at) && accept(a.name) && foreign()) found.push({ at, name: ctx.nfc.slice(at, a.end) });
    }
    const from = Math.max(span.start, pl.start - 60);
    const b = p.verbAhead.test(ctx.search.slice(pl.end, Math.min(span.end, pl.end + 30))) ? p.partnerBefore(ctx.search.slice(from, pl.start)) : null;
    if (b) {
      const at = from + b.start;
      if (!inPlace(at) && accept(b.name) && foreign()) found.push({ at, name: ctx.nfc.slice(at, at + b.name.length) });
    }
  }
  // A lead only yields a partner in an article about a cross-border partner: the one look for a
  // foreign country (memoised per document) is cheaper than scanning the span for leads.
  if (known !== false && foreign()) {
    // Read in a window around the span (a lead starting in it may end after it), not to the end of the text.
    const w = windowOf(ctx.search, span.start, span.end, NAME_MARGIN);
    p.foreignLead.lastIndex = span.start - w.offset;
    for (let m = execAtWordStart(p.foreignLead, w.text); m && m.index + w.offset < span.end; m = execAtWordStart(p.foreignLead, w.text)) {
      const end = w.offset + m.index + m[0].length;
      if (end > span.end) break;
      const at = end - m.groups!.name!.length;
      if (!inPlace(at) && accept(m.groups!.name!)) found.push({ at, name: ctx.nfc.slice(at, end) });
    }
  }
  found.sort((x, y) => x.at - y.at);
  const all = found.map((f) => f.name);
  return { names: [...new Set(all)], all, locators };
}

/**
 * Parties of a signing: those named in its sentence; when the sentence names fewer than it
 * counts (<count> <group noun>, default two), the nearest ones earlier in the paragraph, then
 * the title's, then the document's most mentioned. Sorted. None when the sentence's only places
 * locate sub-provincial units (twinned villages or districts).
 */
function partiesFor(ctx: DocContext, si: number, doc: DocFacts & Shared): string[] {
  const p = agreementPatterns();
  const sent = ctx.sentences[si]!;
  let want: number | undefined;
  p.count.lastIndex = 0;
  const c = execAtWordStart(p.count, ctx.search.slice(sent.start, sent.end));
  if (c) want = p.countOf(c.groups!.n!);
  const names: string[] = [];
  const add = (n: string): void => {
    if (!names.includes(n)) names.push(n);
  };
  const own = partyMentions(ctx, sent, doc.foreign);
  if (own.locators > 0 && own.names.length < 2) return [];
  for (const n of own.names) add(n);
  if (want !== undefined && names.length > want) names.length = want;
  const target = want ?? 2;
  if (names.length < target) {
    const para = ctx.paragraphs[spanIndexAt(ctx.paragraphs, sent.start)];
    if (para && para.start < sent.start) {
      const earlier = partyMentions(ctx, { start: para.start, end: sent.start }, doc.foreign).names.reverse();
      for (const n of earlier) if (names.length < target) add(n);
    }
  }
  if (names.length < target) {
    const inTitle = doc.titleParties();
    if (inTitle) for (const n of inTitle.names) if (names.length < target) add(n);
  }
  if (names.length < target) for (const n of doc.rankedParties()) if (names.length < target) add(n);
  return names.sort(VI.compare);
}

/** `localeCompare(b, 'vi')` without building a collator per comparison. */
const VI = new Intl.Collator('vi');

/**
 * How far past a span a match starting in it may need to read (names of a few words, the
 * look-aheads after a number): a window this much longer gives the same matches as the text.
 */
export const NAME_MARGIN = 160;

/**
 * `text[start - 2, end + margin)` and its offset: a global pattern run from `start` inside it
 * stops at the window's end instead of scanning the rest of the text. The two characters
 * before `start` keep word-boundary look-behinds as they are on the whole text.
 */
export function windowOf(text: string, start: number, end: number, margin: number): { text: string; offset: number } {
  const offset = Math.max(0, start - 2);
  return { text: text.slice(offset, Math.min(text.length, end + margin)), offset };
}

/** A family name, then spaces, right before a place (`Trần Văn Sơn`): the suffix test without a `\s+$` run. */
function surnameRightBefore(before: string, surname: RegExp): boolean {
  const trimmed = before.trimEnd();
  return trimmed.length < before.length && surname.test(trimmed);
}
