/**
 * The person-name recogniser: a run of 2 to 5 capitalised syllables that starts with a family
 * name (or follows an honorific), is not a province or country, and holds no organisation word.
 * Runs are read forward after a title (<title> <Name>) and backward before a separator
 * (<Name>, <title>). Near-misses: district names after a level word (<local-level> <Place>),
 * a capitalised sentence start (<Preposition> <Province>, <title>), bylines.
 */
import { isSpaceCode } from '../text/chars.js';
import { detached } from '../text/pattern.js';
import { canonicalProvince } from '../values/place.js';
import { canonicalSpelling, compareKey, titleCase } from '../text/normalize.js';
import { officialsLexicon } from './lexicon.js';
import { isAllCaps, isLetterCode, isUpperCode, isWordCode } from './chars.js';

/**
 * One capitalised syllable, with the apostrophe of `H'Hen`, `K'Ting`, and the lower-case
 * hyphenated syllables of a transliterated foreign name (`Xổm-phết`).
 */
const SYL = "\\p{Lu}[\\p{L}\\p{M}]*(?:'[\\p{L}\\p{M}]+)?(?:-\\p{Ll}[\\p{L}\\p{M}]*){0,6}";
/**
 * A run of capitalised syllables right after `pos` (sticky), separated by one or two spaces; the
 * run may start on the next line (a caption: `<title>` / `<Name> <verb>`).
 */
const FORWARD = new RegExp(`(?:[ ]{1,2}|[ ]{0,2}\\r?\\n[ ]{0,2})(${SYL}(?:[ ]{1,2}${SYL}){0,8})(?![\\p{L}\\p{M}\\p{N}'])`, 'uy');
/** Every capitalised run (for the look-back of personnel news). */
const RUN = new RegExp(`${SYL}(?:[ ]{1,2}${SYL}){0,8}(?![\\p{L}\\p{M}\\p{N}'])`, 'gu');

export interface NameHit {
  /** Output form: NFC, title-cased, canonical tone placement. */
  text: string;
  /** Comparison key for merging mentions. */
  key: string;
  start: number;
  end: number;
}

export interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * A new empty token list shaped like a filled one. V8 gives an empty `[]` an array shape of its
 * own; a hot site compiled for one shape is thrown away and recompiled when the other arrives,
 * and on a corpus those late recompilations cost more CPU than the rules themselves.
 */
const NO_TOKENS: Token[] = [{ text: '', start: 0, end: 0 }].slice(1);
const noTokens = (): Token[] => NO_TOKENS.slice();

const SPACE = 0x20;
const COMMA = 0x2c;
const DASH = 0x2d;
const PAREN = 0x28;
const APOSTROPHE = 0x27;
const PERIOD = 0x2e;
const SLASH = 0x2f;
const COLON = 0x3a;
const SEMICOLON = 0x3b;

/**
 * The syllables of a run matched by `FORWARD` or `RUN` (syllables joined by one or two spaces),
 * split at its spaces.
 */
function tokensOf(run: string, offset: number): Token[] {
  const out = noTokens();
  let start = 0;
  for (let i = 0; i <= run.length; i++) {
    if (i < run.length && run.charCodeAt(i) !== SPACE) continue;
    if (i > start) out.push({ text: run.slice(start, i), start: offset + start, end: offset + i });
    start = i + 1;
  }
  return out;
}

/** What a run of tokens is, whoever reads it: one memo look-up per candidate name. */
interface RunInfo {
  /** A province or a known local place (data `place_names`). */
  place: boolean;
  /** Output form and comparison key when it is a name. */
  text: string;
  key: string;
}

/**
 * Memo of `runInfo` by the run's raw spelling (bounded: cleared when full). Every producer of
 * tokens splits its run at its spaces, and the run's `search` form is that of its `nfc` slice,
 * so the raw slice decides the tokens, and with them all of `RunInfo`.
 */
const runs = new Map<string, RunInfo>();

function runInfo(nfc: string, toks: Token[], from: number, to: number): RunInfo {
  const raw = nfc.slice(toks[from]!.start, toks[to - 1]!.end);
  let info = runs.get(raw);
  if (info === undefined) {
    let whole = toks[from]!.text;
    let caps = isAllCaps(whole);
    for (let k = from + 1; k < to; k++) {
      whole += ` ${toks[k]!.text}`;
      caps &&= isAllCaps(toks[k]!.text);
    }
    const place = canonicalProvince(whole) !== undefined || officialsLexicon().isPlaceName(whole);
    const flat = raw.replace(/\s+/g, ' ');
    const text = canonicalSpelling(caps ? titleCase(flat) : flat);
    info = { place, text, key: compareKey(text) };
    if (runs.size >= 20_000) runs.clear();
    // detached: `raw` is a slice of the document; a memo key must not keep the document alive.
    runs.set(detached(raw), info);
  }
  return info;
}

/**
 * The person's name `toks[from, to)` forms (see the module comment), or null; `strong` waives
 * the family-name check. A one-syllable name is one glued to an ethnic prefix after an honorific
 * (<honorific> <K'Syllable>).
 */
export function personName(nfc: string, toks: Token[], from: number, to: number, strong: boolean): NameHit | null {
  const lx = officialsLexicon();
  const n = to - from;
  if (n > 5 || n <= 0) return null;
  const first = toks[from]!.text;
  if (n === 1) {
    if (!strong || !lx.hasSurnamePrefix(first) || lx.isNotNameWord(first)) return null;
  } else {
    for (let k = from; k < to; k++) if (lx.isNotNameWord(toks[k]!.text)) return null;
    const surname = lx.isSurname(first) || lx.isSurnamePair(`${first} ${toks[from + 1]!.text}`) || lx.hasSurnamePrefix(first);
    if (!surname && !strong) return null;
  }
  const info = runInfo(nfc, toks, from, to);
  if (n > 1 && info.place) return null;
  return { text: info.text, key: info.key, start: toks[from]!.start, end: toks[to - 1]!.end };
}

/** Tokens of the capitalised run right after `pos`, cut at the first organisation word. */
export function runAfter(search: string, pos: number): Token[] {
  FORWARD.lastIndex = pos;
  const m = FORWARD.exec(search);
  if (!m) return noTokens();
  // The run (group 1, not named: V8 builds a `groups` object per match) ends the match.
  const run = m[1]!;
  const toks = tokensOf(run, pos + m[0].length - run.length);
  const lx = officialsLexicon();
  for (let k = 0; k < toks.length; k++) if (lx.isNotNameWord(toks[k]!.text)) return toks.slice(0, k);
  return toks;
}

/** A name right after a title (no honorific between): `<title> <Name>`. */
export function nameAfter(nfc: string, toks: Token[], strong = false): NameHit | null {
  const lx = officialsLexicon();
  let i = 0;
  while (i < toks.length && lx.isHonorificToken(toks[i]!.text)) i++;
  let rest = toks.slice(i, i + 5);
  // An upper-case run longer than a name (a heading: <TITLE> <NAME> <VERB> ...): the usual three syllables.
  if (toks.length - i > 4 && rest.every((t) => isAllCaps(t.text))) rest = rest.slice(0, 3);
  return personName(nfc, rest, 0, rest.length, strong || i > 0);
}

/**
 * A local place then a name (<local-level> <Place> <Name>): of the ways to split the run,
 * keep one whose tail is a name; prefer a three-syllable name, then four, two, five, and the
 * shorter place. Returns the place tokens count and the name (null: all of it is a place).
 */
export function splitPlaceName(nfc: string, toks: Token[]): { placeLen: number; name: NameHit | null } {
  const rank = [0, 0, 3, 1, 2, 4]; // by name length: 3 best, then 4, 2, 5
  let best: { placeLen: number; score: number; name: NameHit } | null = null;
  for (let p = 0; p <= Math.min(4, toks.length - 2); p++) {
    const restLen = toks.length - p;
    // A level word is followed by its place name: a short run is all place (<ward-level> <two-syllable place>).
    if (restLen > 5 || (p === 0 && restLen < 3)) continue;
    const name = personName(nfc, toks, p, toks.length, false);
    if (!name) continue;
    const score = rank[restLen]! * 10 + (p === 0 ? 5 : p);
    if (!best || score < best.score) best = { placeLen: p, score, name };
  }
  if (!best) return { placeLen: Math.min(toks.length, 4), name: null };
  return { placeLen: best.placeLen, name: best.name };
}

/** A letter, mark or apostrophe (inside a syllable). */
const isSyllableCode = (c: number): boolean => c === APOSTROPHE || isLetterCode(c);
/** A character that glues a run to the word before it (`PGS.TS <Name>`). */
const isWordishCode = (c: number): boolean => c === PERIOD || c === APOSTROPHE || c === SLASH || isWordCode(c);

/**
 * The capitalised run that ends right before a separator (`,`, `-`, `(`) ending at `end`,
 * read backward by hand: a `$`-anchored pattern would be retried at every start position.
 */
function runBefore(search: string, end: number, from: number): Token[] {
  let i = end;
  while (i > from && search.charCodeAt(i - 1) === SPACE) i--;
  const sep = i > 0 ? search.charCodeAt(i - 1) : -1;
  if (sep !== COMMA && sep !== DASH && sep !== PAREN) return noTokens();
  i--;
  while (i > from && search.charCodeAt(i - 1) === SPACE) i--;
  const toks = noTokens();
  while (toks.length < 9) {
    let s = i;
    while (s > from && isSyllableCode(search.charCodeAt(s - 1))) s--;
    if (s === i) break;
    // One capitalised syllable (`SYL`): an upper-case start, at most one inner apostrophe.
    if (!isUpperCode(search.charCodeAt(s)) || search.charCodeAt(i - 1) === APOSTROPHE) break;
    let apostrophes = 0;
    for (let k = s; k < i; k++) if (search.charCodeAt(k) === APOSTROPHE) apostrophes++;
    if (apostrophes > 1) break;
    // Collected last syllable first; reversed below.
    toks.push({ text: search.slice(s, i), start: s, end: i });
    // One or two spaces to the previous syllable; anything else ends the run.
    let j = s;
    while (j > from && j > s - 2 && search.charCodeAt(j - 1) === SPACE) j--;
    if (j === s || (j > from && search.charCodeAt(j - 1) === SPACE)) break;
    i = j;
  }
  toks.reverse();
  // The run must not continue a word (`PGS.TS <Name>` keeps `TS` out).
  while (toks.length > 0 && toks[0]!.start > 0 && isWordishCode(search.charCodeAt(toks[0]!.start - 1))) toks.shift();
  return toks;
}

/** Whether `[from, pos)` ends in `:` or `;` and white space (a list item starts at `pos`). */
function listMarkBefore(search: string, pos: number, from: number): boolean {
  let i = pos;
  while (i > from && isSpaceCode(search.charCodeAt(i - 1))) i--;
  const c = search.charCodeAt(i - 1);
  return i > from && (c === COLON || c === SEMICOLON);
}

/**
 * A name ending right before `end` and a separator (`<Name>, <title>`, `<Name> - <title>`,
 * `<Name> (<title>`), with whether an honorific precedes it.
 */
export function nameBefore(nfc: string, search: string, end: number, lineStart: number, strongHint = false): NameHit | null {
  let toks = runBefore(search, end, Math.max(lineStart, end - 120));
  if (toks.length === 0) return null;
  const lx = officialsLexicon();
  let cut = -1;
  for (let k = 0; k < toks.length; k++) if (lx.isNotNameWord(toks[k]!.text)) cut = k;
  if (cut >= 0) toks = toks.slice(cut + 1);
  let strong = strongHint;
  while (toks.length > 0 && lx.isHonorificToken(toks[0]!.text)) {
    toks = toks.slice(1);
    strong = true;
  }
  if (toks.length === 0) return null;
  // An honorific, or the start of a list item (<cue>: <Name>, ...; <Name>, ...).
  const leadFrom = Math.max(lineStart, toks[0]!.start - 40);
  if (!strong) strong = lx.honorificBefore(search, toks[0]!.start, leadFrom) !== null || listMarkBefore(search, toks[0]!.start, leadFrom);
  const whole = personName(nfc, toks, 0, toks.length, strong);
  if (whole) return whole;
  // A capitalised phrase before the name (<Newspaper> <Province> <Name>): the longest tail that is a name.
  for (let s = Math.max(1, toks.length - 5); s < toks.length - 1; s++) {
    const tail = personName(nfc, toks, s, toks.length, false);
    if (tail) return tail;
  }
  return null;
}

/**
 * The last person's name written in `[from, to)` (personnel news: `<Name> ... <appointment-cue>`):
 * capitalised runs split at organisation words, each part a name by family name or honorific.
 */
export function lastNameIn(nfc: string, search: string, from: number, to: number): NameHit | null {
  const lx = officialsLexicon();
  let best: NameHit | null = null;
  const slice = search.slice(from, to);
  // An exec loop, not matchAll: matchAll clones the pattern on every call.
  RUN.lastIndex = 0;
  for (let m = RUN.exec(slice); m; m = RUN.exec(slice)) {
    const at = from + m.index;
    if (at > 0 && isWordishCode(search.charCodeAt(at - 1))) continue;
    let part = noTokens();
    const parts: Token[][] = [];
    for (const t of tokensOf(m[0], at)) {
      if (lx.isNotNameWord(t.text)) {
        if (part.length > 0) parts.push(part);
        part = noTokens();
      } else part.push(t);
    }
    if (part.length > 0) parts.push(part);
    for (let p of parts) {
      let strong = false;
      while (p.length > 0 && lx.isHonorificToken(p[0]!.text)) (p = p.slice(1)), (strong = true);
      if (p.length === 0) continue;
      strong ||= lx.honorificBefore(search, p[0]!.start, Math.max(from, p[0]!.start - 40)) !== null;
      best = personName(nfc, p, 0, p.length, strong) ?? best;
    }
  }
  return best;
}
