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
 * - official/appointed-to: <Name> [, <title>,] <appointment-cue> <title> (personnel news: the post
 *   after the cue is the person's); a leave cue before a title makes it former;
 * - official/title-is-name: <title> [<place>] <copula> [<honorific>] <Name>.
 * Every title may follow a prefix: acting (kept in the title), new (dropped), former (the title
 * and those joined to it by a comma are skipped, until a current-joiner (`, <current-joiner> <title>`).
 * Titles may be written in lower case (<vice> <chair> <committee> <level>) or ALL CAPS (headings,
 * captions); a bare position only capitalised. Bodies: department-type agencies of a province
 * (<position> <agency> [<level>] [<Province>]: the place is not part of the title), freely named
 * central units (<position> <unit-word> <Unit name> [(<parent>)]: national), foreign governors
 * (<governor> [<level>] <Foreign-province> <Latin or hyphenated Name>).
 * Near-misses: a title with no name (<honorific> <title> <Province> <verb>), groups
 * (<plural-honorific> <title> ...), districts after a level word, photo credits, former posts.
 */
import { boundedMemo, detached } from '../text/pattern.js';
import type { DocContext, Span } from '../engine/context.js';
import { spanIndexAt } from '../engine/context.js';
import { canonicalProvince, isCity } from '../values/place.js';
import { officialsLexicon, type Reach, type TitleSlots } from './lexicon.js';
import { lastNameIn, nameAfter, nameBefore, personName, runAfter, splitPlaceName, type NameHit } from './names.js';
import { canonicalSpelling } from '../text/normalize.js';
import { isUpperCode, isWordCode } from './chars.js';

export interface TitleHit {
  start: number;
  /** Start of the title with its prefix word (acting, new, former), else `start`. */
  lead: number;
  /** Written after a former prefix or a leave cue: not a current post. */
  former: boolean;
  /** The name after it follows a copula (`<title> <copula> <honorific> <Name>`). */
  copula: boolean;
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
  /** The province written after the title is a foreign one (names there may be Latin-script). */
  foreign: boolean;
  /**
   * A city post written without its city (`<Secretary> <City-committee> <Name>`): the centrally run
   * city named last before it, when that is the last place named before it; else null.
   */
  cityHint: string | null;
}

export type RuleId =
  | 'official/title-before-name'
  | 'official/title-after-name'
  | 'official/attendee-list'
  | 'official/title-colon-names'
  | 'official/appointed-to'
  | 'official/title-is-name';

export interface Mention {
  name: NameHit;
  titles: TitleHit[];
  start: number;
  end: number;
  rule: RuleId;
  /** Province of the attendee-list header the mention sits in. */
  headerProvince: string | null;
}

/** A title with the canonical casing of its head noun (data `canonical_casing`); memoised, a few hundred distinct titles per archive. */
const casedTitle = boundedMemo(5000, (title) => {
  let out = title;
  for (const [re, fix] of officialsLexicon().casing) out = out.replace(re, fix);
  return out;
});

/** Memo of `spaced` by its first, then its second part (bounded). */
const spacedMemo = new Map<string, Map<string, string>>();

/**
 * `<a> <b>` of two canonical pieces, the same string every time: the memo of `joinedTitle`
 * then finds it by a hash already computed instead of copying a new concatenation per title.
 */
function spaced(a: string, b: string): string {
  let byB = spacedMemo.get(a);
  let out = byB?.get(b);
  if (out === undefined) {
    if (spacedMemo.size >= 5000) (spacedMemo.clear(), (byB = undefined));
    if (!byB) spacedMemo.set(a, (byB = new Map()));
    out = `${a} ${b}`;
    byB.set(b, out);
  }
  return out;
}

/** Canonical title and reach from the slots of one title match. */
function composeTitle(g: TitleSlots): { canonical: string; reach: Reach | null; bare: boolean } | null {
  const lx = officialsLexicon();
  if (g.std) {
    const c = lx.standalone.canonical(g.std)!;
    return { canonical: c, reach: lx.standaloneReach(c) ?? 'national', bare: false };
  }
  if (g.bare) {
    const c = lx.bare.canonical(g.bare)!;
    return { canonical: c, reach: lx.bareReach(c) ?? null, bare: true };
  }
  if (g.envoy) {
    const envoy = lx.envoys.canonical(g.envoy)!;
    const sender = g.sender ? ` ${lx.envoySender(g.sender)}` : '';
    return { canonical: `${envoy}${sender} ${lx.envoyAt}`, reach: 'national', bare: false };
  }
  const pos = lx.positions.canonical(g.pos!)!;
  let body: string;
  let reach: Reach;
  if (g.zone) {
    body = lx.zones.canonical(g.zone)!;
    reach = 'province';
  } else if (g.agency) {
    body = lx.agencies.canonical(g.agency)!;
    reach = 'province';
  } else if (g.uw) {
    // The unit's name is read by the caller (`unitNameEnd`); national unless a province follows.
    body = lx.unitWord(g.uw);
    reach = 'national';
  } else if (g.unit) {
    const party = lx.partyCommittees.canonical(g.party!)!;
    body = spaced(lx.partyUnits.canonical(g.unit)!, party);
    reach = lx.partyReach(party) ?? 'province';
  } else if (g.fixed) {
    body = lx.committees.canonical(g.fixed)!;
    reach = lx.committeeReach(body) ?? 'province';
  } else if (g.org) {
    const org = lx.leveled.canonical(g.org)!;
    const level = g.level ? lx.levels.canonical(g.level)! : null;
    body = level ? spaced(org, level) : org;
    reach = level ? (lx.levelReach(level) ?? 'province') : 'province';
  } else if (g.dept) {
    body = spaced(lx.departmentWord, lx.departments.canonical(g.dept)!);
    reach = 'province';
  } else {
    body = spaced(lx.ministryWord, lx.ministries.canonical(g.min!)!);
    reach = 'national';
  }
  return { canonical: joinedTitle(pos, body), reach, bare: false };
}

/** Memo of `joinedTitle` by position, then body (a few hundred pairs; bounded). */
const joinedMemo = new Map<string, Map<string, string>>();
let joinedCount = 0;

/** `<position> <body>` with a head noun written twice (<position ending in board-word> <board-word> <name>) read once, canonically cased. */
function joinedTitle(pos: string, body: string): string {
  let byBody = joinedMemo.get(pos);
  let out = byBody?.get(body);
  if (out === undefined) {
    const posLast = pos.slice(pos.lastIndexOf(' ') + 1);
    const bodyFirst = body.split(' ', 1)[0]!;
    let rest = body;
    if (pos.includes(' ') && body.includes(' ') && posLast.toLowerCase() === bodyFirst.toLowerCase()) rest = body.slice(bodyFirst.length + 1);
    out = casedTitle(`${pos} ${rest}`);
    if (joinedCount >= 5000) (joinedMemo.clear(), (joinedCount = 0), (byBody = undefined));
    if (!byBody) joinedMemo.set(detached(pos), (byBody = new Map()));
    byBody.set(detached(body), out);
    joinedCount++;
  }
  return out;
}

/**
 * Spans that are not running text: a photo credit to the end of its line. (Related-news
 * headlines are kept: they name the site's own officials, and gold counts them.)
 */
export function excludedSpans(ctx: DocContext, colons: number[]): Span[] {
  const lx = officialsLexicon();
  const out: Span[] = [];
  let lastPara = -1;
  for (const c of colons) {
    const cue = cueBeforeColon(ctx.search, c, lx.credit);
    if (cue < 0) continue;
    const pi = spanIndexAt(ctx.paragraphs, cue);
    if (pi < 0 || pi === lastPara) continue;
    lastPara = pi;
    out.push({ start: cue, end: ctx.paragraphs[pi]!.end });
  }
  return out;
}

/** Offsets of every colon: credits and attendee lists both end their cue with one, and colons are rare. */
function colonsOf(search: string): number[] {
  const out: number[] = [];
  for (let i = search.indexOf(':'); i >= 0; i = search.indexOf(':', i + 1)) out.push(i);
  return out;
}

/** Start of the cue (`re`, anchored at the end) written right before the colon at `colon`, or -1. */
function cueBeforeColon(search: string, colon: number, re: RegExp): number {
  const from = Math.max(0, colon - 32);
  const m = re.exec(search.slice(from, colon));
  return m ? from + m.index : -1;
}


const SPACE = 0x20;

/** Whether the two characters at `pos` are upper-case letters (an ALL-CAPS candidate). */
function capsAt(search: string, pos: number): boolean {
  return isUpperCode(search.charCodeAt(pos)) && isUpperCode(search.charCodeAt(pos + 1));
}

/** Every title in the text with its place and the name written after it. */
export function findTitles(ctx: DocContext): TitleHit[] {
  const lx = officialsLexicon();
  const out: TitleHit[] = [];
  const search = ctx.search;
  let lastEnd = 0;
  const re = lx.titleStart;
  re.lastIndex = 0;
  for (let cand = re.exec(search); cand; cand = re.exec(search)) {
    const start = cand.index;
    if (start < lastEnd || (start > 0 && isWordCode(search.charCodeAt(start - 1)))) continue;
    lx.title.lastIndex = start;
    let m = lx.title.exec(search);
    // An upper-case heading or caption: the case-insensitive twin (rare, compiled on first use).
    const caps = !m && capsAt(search, start);
    if (caps) {
      const rc = lx.titleCaps();
      rc.lastIndex = start;
      m = rc.exec(search);
    }
    if (!m) continue;
    const g = lx.titleSlots(m);
    // A bare position stands for a title only when capitalised (`<Chair> <Name>`, not a common noun).
    if (g.bare && !isUpperCode(search.charCodeAt(start))) continue;
    lastEnd = start + m[0].length;
    const composed = composeTitle(g);
    if (!composed) continue;
    let end = start + m[0].length;
    let reach = composed.reach;
    let province: string | null = null;
    let canonical = composed.canonical;
    let name: NameHit | null = null;
    let place: RegExpExecArray | null = null;
    let foreign = false;
    let cityHint: string | null = null;
    const placeAfter = caps ? lx.placeAfterCaps : lx.placeAfter;
    if (g.uw) {
      // <unit-word> <Name of the unit>: the name is part of the title.
      const unitEnd = unitNameEnd(ctx, end);
      if (unitEnd < 0) continue;
      canonical = `${canonical} ${canonicalSpelling(ctx.nfc.slice(end, unitEnd).trim().replace(/\s+/g, ' '))}`;
      end = unitEnd;
      lastEnd = end;
    }
    if (g.envoy || g.zone) {
      // <envoy> <at> <Place> [<Name>], <zone-board> <Zone> [<suffix>] [<Province>] [<Name>].
      const named = namedPlaceAfter(ctx, end, Boolean(g.zone));
      if (!named) continue;
      if (named.placeText === null) {
        // <zone-board> <Province>: the province's own board; no level word is added (as written).
        province = named.province;
      } else {
        canonical = `${canonical} ${named.placeText}`;
        province = g.zone ? named.province : null;
      }
      end = named.end;
      name = named.name;
    } else {
      // A province right after the title, or an alias that starts with the level word (`UBND TP.HCM`).
      // The level word, when written, ends the match.
      const lv = g.level ?? g.alevel;
      const levelAt = lv ? start + m[0].length - lv.length : -1;
      if (levelAt >= 0) {
        lx.placeAt.lastIndex = levelAt;
        place = lx.placeAt.exec(search);
      }
      if (!place) {
        place = placeAfter(search, end);
      }
      const abroad = place ? null : foreignPlaceAt(ctx, levelAt >= 0 ? levelAt : end);
      if (place) {
        end = place.index + place[0].length;
        // <city-level> <Province>, <committee> <Province> name the province; <ward-level> <Province-name> names a ward.
        if (reach !== 'local') province = canonicalProvince(place.groups!.p!) ?? null;
        if (reach === 'city' || (g.uw && province)) reach = 'province';
      } else if (abroad) {
        // <title> [<level>] <Foreign-province>: a partner province's official.
        end = abroad.end;
        province = abroad.name;
        foreign = true;
        if (reach === 'city' || reach === 'national') reach = 'province';
      } else if (g.org && !g.level) {
        continue; // a leveled body with neither level word nor province: not a post
      }
      if (reach === 'city') {
        reach = 'local';
        if (!g.level) cityHint = cityBefore(ctx, start);
      }
      if (reach === 'local' && !place) {
        // A known district or city name (<local-level> <Place>): never the start of a person's name.
        lx.placeNameAfter.lastIndex = end;
        const known = lx.placeNameAfter.exec(search);
        if (known && !isWordCode(search.charCodeAt(known.index + known[0].length))) end = known.index + known[0].length;
        const toks = runAfter(search, end);
        if (known) {
          name = toks.length > 0 ? nameAfter(ctx.nfc, toks) : null;
        } else if (toks.length > 0) {
          // A city/district/commune name, then maybe the person's name.
          const split = splitPlaceName(ctx.nfc, toks);
          name = split.name;
          if (split.placeLen > 0) end = toks[split.placeLen - 1]!.end;
        }
      } else {
        const toks = runAfter(search, end);
        if (toks.length > 0) name = nameAfter(ctx.nfc, toks, foreign);
      }
    }
    let copula = false;
    if (!name && !composed.bare) {
      // <title> [<place>] <copula> [<honorific>] <Name>
      const c = lx.copulaAfter(search, end);
      if (c) {
        const toks = runAfter(search, c.index + c[0].length);
        name = toks.length > 0 ? nameAfter(ctx.nfc, toks, Boolean(c.groups!.h)) : null;
        copula = name !== null;
      }
    }
    if (composed.bare && !name) continue;
    let bare = composed.bare;
    if (bare && reach === 'national') {
      // <delegation> of <ministry-word> <Ministry> led by <bare-position> <Name>: the sentence's ministry.
      const ministry = ministryBefore(ctx, start);
      if (ministry) (canonical = `${canonical} ${lx.ministryWord} ${ministry}`), (bare = false);
    }
    // A prefix word right before the title: acting, new, former.
    let lead = start;
    let former = false;
    const pre = start > 1 && search.charCodeAt(start - 1) === SPACE ? lx.prefixBefore(search, start, Math.max(0, start - 16)) : null;
    if (pre && prefixIsWord(search, pre.start)) {
      lead = pre.start;
      if (pre.value === 'former') former = true;
      else if (pre.value === 'acting') canonical = `${lx.actingWord} ${canonical}`;
    }
    out.push({ start, lead, former, copula, end, canonical, reach, bare, province, nameAfter: name, foreign, cityHint });
  }
  return out;
}

/** A foreign province (with its level word) starting right at `pos` after spaces, or null. */
function foreignPlaceAt(ctx: DocContext, pos: number): { name: string; end: number } | null {
  let at = pos;
  while (ctx.search.charCodeAt(at) === SPACE) at++;
  const k = firstPlaceFrom(ctx, at);
  const p = ctx.places[k];
  return p && p.start === at && p.country !== null ? { name: p.name, end: p.end } : null;
}

/**
 * The centrally run city a city post without its city belongs to: the last Vietnamese place
 * named before `pos`, when it is such a city (an article about two places names the city it
 * is at right before); else null (the document's main province decides).
 */
function cityBefore(ctx: DocContext, pos: number): string | null {
  for (let k = firstPlaceFrom(ctx, pos) - 1; k >= 0; k--) {
    const p = ctx.places[k]!;
    if (p.country !== null) continue;
    return isCity(p.name) ? p.name : null;
  }
  return null;
}

const SPACE_WORD = /[ ]([\p{L}\p{M}\p{N}]+(?:[&'][\p{L}\p{M}\p{N}]+)*)/uy;

/**
 * End of the name of a freely named unit (`<Unit-word> <Name>`) starting after `pos`: a
 * capitalised first word, then words up to a punctuation mark or bracket, a stop word, a level
 * word or province, a title, or a person's name; at most 12 words. -1 when there is none.
 */
function unitNameEnd(ctx: DocContext, pos: number): number {
  const lx = officialsLexicon();
  const search = ctx.search;
  let end = -1;
  for (let words = 0; words < 12; words++) {
    SPACE_WORD.lastIndex = pos;
    const w = SPACE_WORD.exec(search);
    if (!w) break;
    const word = w[1]!;
    const at = pos + 1;
    if (words === 0) {
      if (word[0] === word[0]!.toLowerCase()) return -1;
    } else {
      SPACE_WORD.lastIndex = at + word.length;
      if (lx.isUnitStop(word, SPACE_WORD.exec(search)?.[1] ?? '')) break;
      if (lx.placeAfter(search, pos)) break;
      lx.title.lastIndex = at;
      if (word[0] !== word[0]!.toLowerCase() && lx.title.exec(search)) break;
      const toks = runAfter(search, pos);
      if (toks.length >= 2 && personName(ctx.nfc, toks, 0, Math.min(5, toks.length), false)) break;
    }
    end = at + word.length;
    pos = end;
  }
  return end;
}

/**
 * A prefix word at `at` counts when written in lower case, or capitalised at the start of a
 * sentence or clause: a capitalised word after a letter belongs to a name or place (<Place> <Prefix-word>).
 */
function prefixIsWord(search: string, at: number): boolean {
  if (!isUpperCode(search.charCodeAt(at))) return true;
  let i = at;
  while (i > 0 && search.charCodeAt(i - 1) === SPACE) i--;
  return i === 0 || !isWordCode(search.charCodeAt(i - 1));
}

interface NamedPlace {
  /** The place written as part of the title (zone or envoy place), null: a province instead. */
  placeText: string | null;
  /** Province written after the place (or instead of it). */
  province: string | null;
  end: number;
  name: NameHit | null;
}

/**
 * The capitalised place after a zone board or an envoy (<Zone>, <Country>), cut before a
 * province (zones) and before a person's name, then a zone suffix and a province.
 */
function namedPlaceAfter(ctx: DocContext, end: number, zone: boolean): NamedPlace | null {
  const lx = officialsLexicon();
  if (zone) {
    const direct = lx.placeAfter(ctx.search, end);
    if (direct) {
      const p = direct.index + direct[0].length;
      const toks = runAfter(ctx.search, p);
      return { placeText: null, province: canonicalProvince(direct.groups!.p!) ?? null, end: p, name: toks.length > 0 ? nameAfter(ctx.nfc, toks) : null };
    }
  }
  let toks = runAfter(ctx.search, end);
  if (toks.length === 0) return null;
  if (zone) {
    // <Zone> <Province>: the zone's name stops where a province starts.
    for (let k = 1; k < toks.length; k++) {
      lx.placeAt.lastIndex = toks[k]!.start;
      if (lx.placeAt.exec(ctx.search)) {
        toks = toks.slice(0, k);
        break;
      }
    }
  }
  const split = splitPlaceName(ctx.nfc, toks);
  if (split.placeLen === 0) return null;
  let stop = toks[split.placeLen - 1]!.end;
  let placeText = canonicalSpelling(ctx.nfc.slice(toks[0]!.start, stop));
  let name = split.name;
  let province: string | null = null;
  if (zone && !name) {
    const suf = lx.zoneSuffix(ctx.search, stop);
    if (suf) {
      placeText = `${placeText} ${lx.zoneSuffixes.canonical(suf.groups!.suf!)!}`;
      stop = suf.index + suf[0].length;
    }
    const p = lx.placeAfter(ctx.search, stop);
    if (p) {
      province = canonicalProvince(p.groups!.p!) ?? null;
      stop = p.index + p[0].length;
    }
    const rest = runAfter(ctx.search, stop);
    name = rest.length > 0 ? nameAfter(ctx.nfc, rest) : null;
  }
  return { placeText, province, end: stop, name };
}

/** The last ministry named earlier in the sentence holding `pos`, canonical, or null. */
function ministryBefore(ctx: DocContext, pos: number): string | null {
  const lx = officialsLexicon();
  const si = spanIndexAt(ctx.sentences, pos);
  if (si < 0) return null;
  const slice = ctx.search.slice(Math.max(ctx.sentences[si]!.start, pos - 300), pos);
  let found: string | null = null;
  // An exec loop, not matchAll: matchAll clones this large pattern on every call.
  const re = lx.ministry;
  re.lastIndex = 0;
  for (let m = re.exec(slice); m; m = re.exec(slice)) found = lx.ministries.canonical(m.groups!.min!) ?? found;
  return found;
}

/**
 * Names listed after a title and a colon (<title>: <Name>, <Name>): each
 * a valid name, separated by a comma or a joiner; the list stops at the first run that is not a name.
 */
function namesAfterColon(ctx: DocContext, t: TitleHit): NameHit[] {
  const lx = officialsLexicon();
  const colon = lx.colonAfter(ctx.search, t.end);
  if (colon < 0) return [];
  const out: NameHit[] = [];
  let pos = colon;
  for (;;) {
    const toks = runAfter(ctx.search, pos);
    if (toks.length === 0 || toks.length > 5) break;
    const after = toks[toks.length - 1]!.end;
    const name = nameAfter(ctx.nfc, toks, true);
    if (!name) break;
    out.push(name);
    const sep = lx.nameSeparator(ctx.search, after);
    if (sep < 0) break;
    pos = sep;
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
function findHeaders(ctx: DocContext, colons: number[]): Header[] {
  const lx = officialsLexicon();
  const out: Header[] = [];
  for (const c of colons) {
    const cue = cueBeforeColon(ctx.search, c, lx.attendeeCue);
    if (cue < 0) continue;
    const colon = c + 1;
    const pi = spanIndexAt(ctx.paragraphs, cue);
    if (pi < 0) continue;
    const para = ctx.paragraphs[pi]!;
    const si = spanIndexAt(ctx.sentences, cue);
    const sentStart = si >= 0 ? ctx.sentences[si]!.start : para.start;
    // The list runs to the end of the sentence that holds the colon (within the paragraph).
    const ci = spanIndexAt(ctx.sentences, colon - 1);
    const end = ci >= 0 ? Math.min(para.end, ctx.sentences[ci]!.end) : para.end;
    // The header's province: the last place between the sentence start and the cue.
    let province: string | null = null;
    const from = Math.max(sentStart, cue - 200);
    for (let k = firstPlaceFrom(ctx, from); k < ctx.places.length && ctx.places[k]!.start < cue; k++) {
      if (ctx.places[k]!.end <= cue) province = ctx.places[k]!.name;
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

/** Whether a title of the chain names a foreign province. */
function chainIsForeign(chain: TitleHit[]): boolean {
  for (const t of chain) if (t.foreign) return true;
  return false;
}

/** All mentions of the document, in text order. */
export function findMentions(ctx: DocContext): Mention[] {
  const lx = officialsLexicon();
  const titles = findTitles(ctx);
  if (titles.length === 0) return [];
  const colons = colonsOf(ctx.search);
  const headers = findHeaders(ctx, colons);
  const excluded = excludedSpans(ctx, colons);
  const mentions: Mention[] = [];
  let i = 0;
  while (i < titles.length) {
    // A chain: titles joined by a comma, a joiner word or a dash, ended by one followed by a name.
    // A former prefix reaches the titles joined after it, until a current-joiner (`, <current-joiner>`).
    const chain = [titles[i]!];
    const current = [!titles[i]!.former];
    while (!chain[chain.length - 1]!.nameAfter && i + 1 < titles.length) {
      const prev = chain[chain.length - 1]!;
      const next = titles[i + 1]!;
      if (next.lead < prev.end) break;
      const gap = ctx.search.slice(prev.end, next.lead);
      if (!lx.joiner.test(gap)) break;
      current.push(!next.former && (current[current.length - 1]! || lx.currentJoiner.test(gap)));
      chain.push(next);
      i++;
    }
    i++;
    const first = chain[0]!;
    const last = chain[chain.length - 1]!;
    const lineStart = lineStartOf(ctx, first.lead);
    const after = last.nameAfter;
    // The name before the chain matters unless a lone title has its name after it.
    const before = after && chain.length === 1 ? null : nameBefore(ctx.nfc, ctx.search, first.lead, lineStart, chainIsForeign(chain));
    const header = headerAt(headers, first.lead);
    const push = (name: NameHit, from: number, to: number, rule: RuleId): void => {
      const ts: TitleHit[] = [];
      for (let k = from; k < to; k++) if (current[k]) ts.push(chain[k]!);
      if (ts.length === 0 || (excluded.length > 0 && overlapsAny(excluded, name.start, name.start + 1))) return;
      const start = Math.min(name.start, chain[from]!.lead);
      const end = Math.max(name.end, chain[to - 1]!.end);
      const inList = header !== null && name.start >= header.start && name.start < header.end;
      mentions.push({ name, titles: ts, start, end, rule: inList ? 'official/attendee-list' : rule, headerProvince: inList ? header.province : null });
    };
    const afterRule: RuleId = last.copula ? 'official/title-is-name' : 'official/title-before-name';
    if (after && before && chain.length > 1) {
      push(before, 0, chain.length - 1, 'official/title-after-name');
      push(after, chain.length - 1, chain.length, afterRule);
    } else if (after) {
      push(after, 0, chain.length, afterRule);
    } else if (before) {
      push(before, 0, chain.length, 'official/title-after-name');
    } else {
      // <Name> ... <appointment-cue> <title>; a leave cue (<leave-cue> <title>) ends a post.
      const cue = lx.cueBefore(ctx.search, first.lead, Math.max(lineStart, first.lead - 48));
      if (cue?.value === 'appoint') {
        const cueStart = cue.start;
        const si = spanIndexAt(ctx.sentences, cueStart);
        const from = Math.max(si >= 0 ? ctx.sentences[si]!.start : lineStart, cueStart - 200);
        const name = lastNameIn(ctx.nfc, ctx.search, from, cueStart);
        if (name) push(name, 0, chain.length, 'official/appointed-to');
      } else if (!cue && chain.length === 1) {
        for (const name of namesAfterColon(ctx, first)) push(name, 0, 1, 'official/title-colon-names');
      }
    }
  }
  return mentions;
}
