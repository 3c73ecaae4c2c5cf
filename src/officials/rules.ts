/**
 * Mentions of officials: a chain of titles with a name before it or after it.
 *
 * Shapes (corpus: fixtures/corpus/officials/<rule>.yaml):
 * - official/title-before-name: <title> [<place>] <Name>
 *     <position> <committee> <Province> <Name>, <position> <people's-committee> <district-level> <District> <Name>,
 *     <title>, <title> <Name>, <bare-position> <Name> (data `bare_before_name`);
 * - official/title-after-name: [<honorific>] <Name> (, | - | "(") <title> {(, | <joiner>) <title>}
 *     <honorific> <Name>, <standalone-title>, <position> <committee> <Province>; <honorific> <Name> (<title>);
 * - official/title-colon-names: <title>: <Name>{(, | <joiner>) <Name>}
 *     <title>: <Name>, <Name>; ... (one title shared by a list of names);
 * - official/attendee-list: the same items inside a list opened by <attendee-list-cue>`:`, whose
 *   header may name the province once for all (<side-of> <level> <Province> <cue>: <Name>, <title>; <Name>, <title>).
 * Near-misses: a title with no name (<honorific> <title> <Province> <verb>), groups
 * (<plural-honorific> <title> ...), districts after a level word, photo credits.
 */
import type { DocContext, Span } from '../engine/context.js';
import { spanIndexAt } from '../engine/context.js';
import { canonicalProvince } from '../values/place.js';
import { officialsLexicon, type Reach } from './lexicon.js';
import { nameAfter, nameBefore, runAfter, splitPlaceName, type NameHit } from './names.js';

export interface TitleHit {
  start: number;
  /** End of the title with its place (<title> <Province>). */
  end: number;
  canonical: string;
  /** null: a bare position (data `bare_before_name`), whose reach the full title gives. */
  reach: Reach | null;
  bare: boolean;
  /** Province written in or after the title. */
  province: string | null;
  /** The name written right after the title, if any. */
  nameAfter: NameHit | null;
}

export type RuleId = 'official/title-before-name' | 'official/title-after-name' | 'official/attendee-list' | 'official/title-colon-names';

export interface Mention {
  name: NameHit;
  titles: TitleHit[];
  start: number;
  end: number;
  rule: RuleId;
  /** Province of the attendee-list header the mention sits in. */
  headerProvince: string | null;
}

interface Groups {
  std?: string;
  pos?: string;
  unit?: string;
  party?: string;
  fixed?: string;
  org?: string;
  level?: string;
  deptw?: string;
  dept?: string;
  minw?: string;
  min?: string;
  bare?: string;
}

/** Canonical title and reach from the slots of one title match. */
function composeTitle(g: Groups): { canonical: string; reach: Reach | null; bare: boolean } | null {
  const lx = officialsLexicon();
  if (g.std) {
    const c = lx.standalone.canonical(g.std)!;
    return { canonical: c, reach: lx.standaloneReach(c) ?? 'national', bare: false };
  }
  if (g.bare) {
    const c = lx.bare.canonical(g.bare)!;
    return { canonical: c, reach: lx.bareReach(c) ?? null, bare: true };
  }
  const pos = lx.positions.canonical(g.pos!)!;
  let body: string;
  let reach: Reach;
  if (g.unit) {
    const party = lx.partyCommittees.canonical(g.party!)!;
    body = `${lx.partyUnits.canonical(g.unit)!} ${party}`;
    reach = lx.partyReach(party) ?? 'province';
  } else if (g.fixed) {
    body = lx.committees.canonical(g.fixed)!;
    reach = lx.committeeReach(body) ?? 'province';
  } else if (g.org) {
    const org = lx.leveled.canonical(g.org)!;
    const level = g.level ? lx.levels.canonical(g.level)! : null;
    body = level ? `${org} ${level}` : org;
    reach = level ? (lx.levelReach(level) ?? 'province') : 'province';
  } else if (g.dept) {
    body = `${lx.departmentWord} ${lx.departments.canonical(g.dept)!}`;
    reach = 'province';
  } else {
    body = `${lx.ministryWord} ${lx.ministries.canonical(g.min!)!}`;
    reach = 'national';
  }
  let canonical = `${pos} ${body}`;
  for (const [re, fix] of lx.casing) canonical = canonical.replace(re, fix);
  return { canonical, reach, bare: false };
}

/**
 * Spans that are not running text: a photo credit to the end of its line. (Related-news
 * headlines are kept: they name the site's own officials, and gold counts them.)
 */
export function excludedSpans(ctx: DocContext): Span[] {
  const lx = officialsLexicon();
  const out: Span[] = [];
  for (const p of ctx.paragraphs) {
    const body = ctx.search.slice(p.start, p.end);
    lx.credit.lastIndex = 0;
    const m = lx.credit.exec(body);
    if (m) out.push({ start: p.start + m.index, end: p.end });
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Every title in the text with its place and the name written after it. */
export function findTitles(ctx: DocContext): TitleHit[] {
  const lx = officialsLexicon();
  const out: TitleHit[] = [];
  let lastEnd = 0;
  for (const cand of ctx.search.matchAll(lx.titleStart)) {
    const start = cand.index!;
    if (start < lastEnd || (start > 0 && WORD_CHAR.test(ctx.search[start - 1]!))) continue;
    lx.title.lastIndex = start;
    const m = lx.title.exec(ctx.search);
    if (!m) continue;
    lastEnd = start + m[0].length;
    const g = m.groups as Groups;
    const composed = composeTitle(g);
    if (!composed) continue;
    let end = start + m[0].length;
    let reach = composed.reach;
    let province: string | null = null;
    // A province right after the title, or an alias that starts with the level word (`UBND TP.HCM`).
    // The level word, when written, ends the match.
    const levelAt = g.level ? start + m[0].length - g.level.length : -1;
    let place: RegExpExecArray | null = null;
    if (levelAt >= 0) {
      lx.placeAt.lastIndex = levelAt;
      place = lx.placeAt.exec(ctx.search);
    }
    if (!place) {
      lx.placeAfter.lastIndex = end;
      place = lx.placeAfter.exec(ctx.search);
    }
    if (place) {
      end = place.index + place[0].length;
      // <city-level> <Province>, <committee> <Province> name the province; <ward-level> <Province-name> names a ward.
      if (reach !== 'local') province = canonicalProvince(place.groups!.p!) ?? null;
      if (reach === 'city') reach = 'province';
    } else if (g.org && !g.level) {
      continue; // a leveled body with neither level word nor province: not a post
    }
    if (reach === 'city') reach = 'local';
    let name: NameHit | null = null;
    const toks = runAfter(ctx.search, end);
    if (toks.length > 0) {
      if (reach === 'local' && !place) {
        // A city/district/commune name, then maybe the person's name.
        const split = splitPlaceName(ctx.nfc, toks);
        name = split.name;
        if (split.placeLen > 0) end = toks[split.placeLen - 1]!.end;
      } else {
        name = nameAfter(ctx.nfc, toks);
      }
    }
    if (composed.bare && !name) continue;
    let canonical = composed.canonical;
    let bare = composed.bare;
    if (bare && reach === 'national') {
      // <delegation> of <ministry-word> <Ministry> led by <bare-position> <Name>: the sentence's ministry.
      const ministry = ministryBefore(ctx, start);
      if (ministry) (canonical = `${canonical} ${lx.ministryWord} ${ministry}`), (bare = false);
    }
    out.push({ start, end, canonical, reach, bare, province, nameAfter: name });
  }
  return out;
}

/** The last ministry named earlier in the sentence holding `pos`, canonical, or null. */
function ministryBefore(ctx: DocContext, pos: number): string | null {
  const lx = officialsLexicon();
  const si = spanIndexAt(ctx.sentences, pos);
  if (si < 0) return null;
  const slice = ctx.search.slice(Math.max(ctx.sentences[si]!.start, pos - 300), pos);
  let found: string | null = null;
  lx.ministry.lastIndex = 0;
  for (const m of slice.matchAll(lx.ministry)) found = lx.ministries.canonical(m.groups!.min!) ?? found;
  return found;
}

/**
 * Names listed after a title and a colon (<title>: <Name>, <Name>): each
 * a valid name, separated by a comma or a joiner; the list stops at the first run that is not a name.
 */
function namesAfterColon(ctx: DocContext, t: TitleHit): NameHit[] {
  const lx = officialsLexicon();
  lx.colonAfter.lastIndex = t.end;
  const colon = lx.colonAfter.exec(ctx.search);
  if (!colon) return [];
  const out: NameHit[] = [];
  let pos = colon.index + colon[0].length;
  for (;;) {
    const toks = runAfter(ctx.search, pos);
    if (toks.length === 0 || toks.length > 5) break;
    const after = toks[toks.length - 1]!.end;
    const name = nameAfter(ctx.nfc, toks, true);
    if (!name) break;
    out.push(name);
    lx.nameSeparator.lastIndex = after;
    const sep = lx.nameSeparator.exec(ctx.search);
    if (!sep) break;
    pos = sep.index + sep[0].length;
  }
  return out;
}

interface Header {
  /** Offset of the colon. */
  start: number;
  end: number;
  province: string | null;
}

/** Attendee lists: the cue and colon, the header's province, the list's extent (its sentence). */
function findHeaders(ctx: DocContext): Header[] {
  const lx = officialsLexicon();
  const out: Header[] = [];
  for (const m of ctx.search.matchAll(lx.attendeeCue)) {
    const colon = m.index! + m[0].length;
    const pi = spanIndexAt(ctx.paragraphs, m.index!);
    if (pi < 0) continue;
    const para = ctx.paragraphs[pi]!;
    const si = spanIndexAt(ctx.sentences, m.index!);
    const sentStart = si >= 0 ? ctx.sentences[si]!.start : para.start;
    // The list runs to the end of the sentence that holds the colon (within the paragraph).
    const ci = spanIndexAt(ctx.sentences, colon - 1);
    const end = ci >= 0 ? Math.min(para.end, ctx.sentences[ci]!.end) : para.end;
    // The header's province: the last place between the sentence start and the cue.
    let province: string | null = null;
    const from = Math.max(sentStart, m.index! - 200);
    for (let k = firstPlaceFrom(ctx, from); k < ctx.places.length && ctx.places[k]!.start < m.index!; k++) {
      if (ctx.places[k]!.end <= m.index!) province = ctx.places[k]!.name;
    }
    out.push({ start: colon, end, province });
  }
  return out;
}

/** Index of the first place mention starting at or after `pos` (places are in text order). */
function firstPlaceFrom(ctx: DocContext, pos: number): number {
  let lo = 0;
  let hi = ctx.places.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.places[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The header whose list holds `pos` (headers are in text order), or null. */
function headerAt(headers: Header[], pos: number): Header | null {
  let lo = 0;
  let hi = headers.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (headers[mid]!.start <= pos) (last = mid), (lo = mid + 1);
    else hi = mid - 1;
  }
  return last >= 0 && pos < headers[last]!.end ? headers[last]! : null;
}

function lineStartOf(ctx: DocContext, pos: number): number {
  const i = spanIndexAt(ctx.paragraphs, pos);
  return i >= 0 ? ctx.paragraphs[i]!.start : 0;
}

/** Whether `[start, end)` overlaps one of `spans` (sorted by start, not overlapping each other). */
export function overlapsAny(spans: Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < end) (last = mid), (lo = mid + 1);
    else hi = mid - 1;
  }
  return last >= 0 && spans[last]!.end > start;
}

/** All mentions of the document, in text order. */
export function findMentions(ctx: DocContext): Mention[] {
  const lx = officialsLexicon();
  const titles = findTitles(ctx);
  const headers = findHeaders(ctx);
  const excluded = excludedSpans(ctx);
  const mentions: Mention[] = [];
  let i = 0;
  while (i < titles.length) {
    // A chain: titles joined by a comma, a joiner word or a dash, ended by one followed by a name.
    const chain = [titles[i]!];
    while (!chain[chain.length - 1]!.nameAfter && i + 1 < titles.length) {
      const prev = chain[chain.length - 1]!;
      const next = titles[i + 1]!;
      if (next.start < prev.end || !lx.joiner.test(ctx.search.slice(prev.end, next.start))) break;
      chain.push(next);
      i++;
    }
    i++;
    const first = chain[0]!;
    const last = chain[chain.length - 1]!;
    const before = nameBefore(ctx.nfc, ctx.search, first.start, lineStartOf(ctx, first.start));
    const after = last.nameAfter;
    const header = headerAt(headers, first.start);
    const push = (name: NameHit, ts: TitleHit[], rule: RuleId): void => {
      if (ts.length === 0 || overlapsAny(excluded, name.start, name.start + 1)) return;
      const start = Math.min(name.start, ts[0]!.start);
      const end = Math.max(name.end, ts[ts.length - 1]!.end);
      const inList = header !== null && name.start >= header.start && name.start < header.end;
      mentions.push({ name, titles: ts, start, end, rule: inList ? 'official/attendee-list' : rule, headerProvince: inList ? header.province : null });
    };
    if (after && before && chain.length > 1) {
      push(before, chain.slice(0, -1), 'official/title-after-name');
      push(after, [last], 'official/title-before-name');
    } else if (after) {
      push(after, chain, 'official/title-before-name');
    } else if (before) {
      push(before, chain, 'official/title-after-name');
    } else if (chain.length === 1) {
      for (const name of namesAfterColon(ctx, first)) push(name, chain, 'official/title-colon-names');
    }
  }
  return mentions;
}
