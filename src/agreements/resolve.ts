/**
 * Context an agreement mention borrows from the rest of the article: the title (parties of
 * <count> <group noun>), the lead date (when a signing "at the meeting" gives no date of its own) and
 * the parties themselves.
 */
import { spanIndexAt, type DocContext, type Span } from '../engine/context.js';
import { documentMeta } from '../document/meta.js';
import { isoDate } from '../values/date.js';
import { values } from '../values/lexicon.js';
import { alt, WB } from '../text/pattern.js';
import { canonicalProvince, countryPattern, isProvince } from '../values/place.js';
import { agreementPatterns } from './rules.js';

export interface DatedAt {
  iso: string;
  /** Index of the sentence the date was read from. */
  sentence: number;
}

/** The title paragraph, if the document has one. */
export function titleSpan(ctx: DocContext): Span | undefined {
  const title = documentMeta(ctx.nfc, ctx.paragraphs).title;
  if (!title) return undefined;
  return ctx.paragraphs.find((p) => ctx.nfc.slice(p.start, p.end).trim() === title);
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
  countryAll ??= new RegExp(countryPattern().source, 'gu');
  countryAll.lastIndex = 0;
  // A country word inside a province's name (`Lào` of `Lào Cai`) does not count.
  for (let m = countryAll.exec(ctx.search); m; m = countryAll.exec(ctx.search)) {
    const at = m.index;
    if (!ctx.places.some((pl) => pl.start <= at && at < pl.end)) return true;
  }
  return false;
}

let countryAll: RegExp | undefined;

interface PartyMentions {
  /** Party names in text order. */
  names: string[];
  /** Every party mention's name, repeats included (for counting). */
  all: string[];
  /** Provinces skipped because they only locate a sub-provincial unit (`xã X (Nghệ An)`). */
  locators: number;
}

/**
 * The parties a span names: its province mentions, minus those in brackets after a
 * sub-provincial unit; and, when the article is about a cross-border partner, capitalised names
 * the gazetteer does not know, after a foreign lead (`Chính quyền tỉnh <Name>`) or joined to a
 * province right before the verb (`<province> <and> <Name> <verb>`, `<Name> <and> <province> <verb>`).
 */
function partyMentions(ctx: DocContext, span: Span, foreign: boolean): PartyMentions {
  const p = agreementPatterns();
  const found: { at: number; name: string }[] = [];
  let locators = 0;
  const inPlace = (pos: number): boolean => ctx.places.some((pl) => pl.start <= pos && pos < pl.end);
  const accept = (name: string): boolean =>
    /\p{Ll}/u.test(name) && !canonicalProvince(name) && !countryPattern().test(name) && !isProvince(name);
  for (const pl of ctx.places) {
    if (pl.start < span.start) continue;
    if (pl.end > span.end) break;
    if (ctx.search[pl.start - 1] === '(' || ctx.search.slice(Math.max(span.start, pl.start - 2), pl.start) === '( ') {
      const before = ctx.search.slice(Math.max(span.start, pl.start - 60), pl.start);
      if (pl.country === null && p.locatorBefore.test(before)) {
        locators++;
        continue;
      }
    }
    // A partner name without a level word right after a family name is part of a person's name.
    if (pl.country !== null && pl.level === null && p.surnameBefore.test(ctx.search.slice(Math.max(span.start, pl.start - 12), pl.start))) continue;
    found.push({ at: pl.start, name: pl.name });
    if (!foreign || pl.country !== null) continue;
    // A partner joined to a Vietnamese province next to the verb.
    p.partnerAfter.lastIndex = pl.end;
    const a = p.partnerAfter.exec(ctx.search);
    if (a && pl.end + a[0].length <= span.end) {
      const at = pl.end + a[0].length - a.groups!.name!.length;
      if (!inPlace(at) && accept(a.groups!.name!)) found.push({ at, name: ctx.nfc.slice(at, at + a.groups!.name!.length) });
    }
    const b = p.partnerBefore.exec(ctx.search.slice(Math.max(span.start, pl.start - 60), pl.start));
    if (b && p.verbAhead.test(ctx.search.slice(pl.end, Math.min(span.end, pl.end + 30)))) {
      const at = pl.start - b[0].length + (b[0].length - b[0].trimStart().length) + b[0].trimStart().indexOf(b.groups!.name!);
      if (!inPlace(at) && accept(b.groups!.name!)) found.push({ at, name: ctx.nfc.slice(at, at + b.groups!.name!.length) });
    }
  }
  if (foreign) {
    p.foreignLead.lastIndex = span.start;
    for (let m = p.foreignLead.exec(ctx.search); m && m.index < span.end; m = p.foreignLead.exec(ctx.search)) {
      const end = m.index + m[0].length;
      if (end > span.end) break;
      const at = end - m.groups!.name!.length;
      if (!inPlace(at) && accept(m.groups!.name!)) found.push({ at, name: ctx.nfc.slice(at, end) });
    }
  }
  found.sort((x, y) => x.at - y.at);
  const names: string[] = [];
  for (const f of found) if (!names.includes(f.name)) names.push(f.name);
  return { names, all: found.map((f) => f.name), locators };
}

/**
 * Parties of a signing: those named in its sentence; when the sentence names fewer than it
 * counts (<count> <group noun>, default two), the nearest ones earlier in the paragraph, then
 * the title's, then the document's most mentioned. Sorted. None when the sentence's only places
 * locate sub-provincial units (twinned villages or districts).
 */
export function partiesFor(ctx: DocContext, si: number, foreign: boolean, title: Span | undefined): string[] {
  const p = agreementPatterns();
  const sent = ctx.sentences[si]!;
  let want: number | undefined;
  p.count.lastIndex = 0;
  const c = p.count.exec(ctx.search.slice(sent.start, sent.end));
  if (c) want = p.countOf(c.groups!.n!);
  const names: string[] = [];
  const add = (n: string): void => {
    if (!names.includes(n)) names.push(n);
  };
  const own = partyMentions(ctx, sent, foreign);
  if (own.locators > 0 && own.names.length < 2) return [];
  for (const n of own.names) add(n);
  if (want !== undefined && names.length > want) names.length = want;
  const target = want ?? 2;
  if (names.length < target) {
    const para = ctx.paragraphs[spanIndexAt(ctx.paragraphs, sent.start)];
    if (para && para.start < sent.start) {
      const earlier = partyMentions(ctx, { start: para.start, end: sent.start }, foreign).names.reverse();
      for (const n of earlier) if (names.length < target) add(n);
    }
  }
  if (names.length < target && title) {
    for (const n of partyMentions(ctx, title, foreign).names) if (names.length < target) add(n);
  }
  if (names.length < target) {
    const counts = new Map<string, number>();
    for (const n of partyMentions(ctx, { start: 0, end: ctx.nfc.length }, foreign).all) counts.set(n, (counts.get(n) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([n]) => n);
    for (const n of ranked) if (names.length < target) add(n);
  }
  return names.sort((a, b) => a.localeCompare(b, 'vi'));
}
