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

/**
 * Parties of a signing: the provinces named in its sentence; when the sentence names fewer
 * than it counts (<count> <group noun>, default two), the nearest ones earlier in the paragraph, then
 * the title's, then the document's most mentioned. Sorted.
 */
export function partiesFor(ctx: DocContext, si: number, cueStart: number, title: Span | undefined): string[] {
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
  for (const pl of ctx.places) if (pl.start >= sent.start && pl.end <= sent.end) add(pl.name);
  if (want !== undefined && names.length > want) names.length = want;
  const target = want ?? 2;
  if (names.length < target) {
    const para = ctx.paragraphs[spanIndexAt(ctx.paragraphs, sent.start)];
    const earlier = ctx.places.filter((pl) => para && pl.start >= para.start && pl.end <= sent.start).reverse();
    for (const pl of earlier) if (names.length < target) add(pl.name);
  }
  if (names.length < target && title) {
    for (const pl of ctx.places) if (pl.start >= title.start && pl.end <= title.end && names.length < target) add(pl.name);
  }
  if (names.length < target) {
    const counts = new Map<string, number>();
    for (const pl of ctx.places) counts.set(pl.name, (counts.get(pl.name) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([n]) => n);
    for (const n of ranked) if (names.length < target) add(n);
  }
  void cueStart;
  return names.sort((a, b) => a.localeCompare(b, 'vi'));
}
