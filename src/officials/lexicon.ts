/**
 * The officials lexicon (data/titles.yaml, data/names.yaml), loaded once and turned into the
 * patterns and look-ups the rules use. Titles are compositional: a position followed by a
 * body (committee, party unit + committee, leveled body + level word, department, ministry),
 * or a standalone title; every piece maps back to its canonical spelling through one table
 * built from the same list as its alternation.
 */
import { z } from 'zod';
import { loadData } from '../text/lexicon.js';
import { alt, boundedMemo, esc, lookup, lookupKey, WB, WE } from '../text/pattern.js';
import { searchForm } from '../text/normalize.js';
import { levelSource, provinceSource } from '../values/place.js';
import { documentWords } from '../document/meta.js';
import { casings, isWordCode } from './chars.js';

const wordList = z.array(z.string().min(1)).min(1);
const forms = z.record(z.string(), wordList);
const byReach = z.object({
  national: forms.default({}),
  province: forms.default({}),
  city: forms.default({}),
  local: forms.default({}),
});

const titlesSchema = z.object({
  positions: forms,
  canonical_casing: z.array(z.string().min(1)),
  committees: byReach,
  party_units: forms,
  party_committees: byReach,
  leveled_bodies: forms,
  levels: z.object({ national: forms.default({}), province: forms, city: forms, local: forms }),
  department_word: wordList,
  ministry_word: wordList,
  agencies: forms,
  unit_words: wordList,
  unit_name_stops: wordList,
  departments: forms,
  ministries: forms,
  standalone: byReach,
  bare_before_name: z.object({ national: forms.default({}), any: forms.default({}) }),
  joiners: wordList,
  honorifics: wordList,
  attendee_list_cues: wordList,
  title_prefixes: z.object({ acting: wordList, new: wordList, former: wordList }),
  current_joiners: wordList,
  appointment_cues: wordList,
  leave_cues: wordList,
  copula_cues: wordList,
  zone_boards: forms,
  zone_suffixes: forms,
  envoys: forms,
  envoy_senders: wordList,
  envoy_at: wordList,
});


const namesSchema = z.object({
  surnames: wordList,
  surname_prefixes: wordList,
  not_name_words: wordList,
  place_names: wordList,
});

/**
 * How far a post reaches: no province, one province, a district or commune of one (`local`),
 * or a city that is either (`city`: decided by the place written after the title).
 */
export type Reach = 'national' | 'province' | 'city' | 'local';
const REACHES = ['national', 'province', 'city', 'local'] as const;

type Forms = Record<string, string[]>;

/** Surface-to-canonical table of one forms map, and its alternation source. */
interface Table {
  source: string;
  canonical: (surface: string) => string | undefined;
}

/** One character of a title phrase as regex source, with the characters it may start on (`' '`: white space). */
interface Piece {
  source: string;
  first: string[];
}

/**
 * The pieces of one title phrase: like `phrase` (spaces, dashes, periods tolerant), but only
 * word-initial and upper-case letters match either case; a lower-case letter inside a word matches
 * as written. <Vice> <chair>, <vice> <Chair> and <VICE> <Chair> match the entry <Vice> <Chair>; an all-caps
 * title is matched by the case-insensitive twin (`titleCaps`), tried only at upper-case candidates.
 */
function titlePieces(word: string): Piece[] {
  const folded = searchForm(word.normalize('NFC')).trim().replace(/\s+/g, ' ').replace(/ ?- ?/g, '-').replace(/\. /g, '.');
  const out: Piece[] = [];
  let initial = true;
  for (const ch of folded) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (ch === ' ') out.push({ source: '\\s+', first: [' '] });
    else if (ch === '-') out.push({ source: '\\s*-\\s*', first: [' ', '-'] });
    else if (ch === '.') out.push({ source: '\\.\\s*', first: ['.'] });
    else if (lo !== up && (initial || ch === up) && lo.length === 1 && up.length === 1) out.push({ source: `[${lo}${up}]`, first: [lo, up] });
    else out.push({ source: esc(ch), first: [ch] });
    initial = !/[\p{L}\p{M}\p{N}]/u.test(ch);
  }
  return out;
}

interface TrieNode {
  /** List index of the phrase ending here, or -1. */
  end: number;
  next: Map<string, { piece: Piece; node: TrieNode }>;
  /** Smallest and largest list index of the phrases through this node. */
  min: number;
  max: number;
  /** List indices of the phrases through this node, in order. */
  through: number[];
}

/**
 * Regex source of phrases (given as pieces, in the order a flat alternation would try them) as
 * a trie: `(?:[bB]í\s+thư(?:\s+[tT]hường\s+trực|)|...)`. The engine then tests each text
 * character once per trie level instead of once per phrase, and the source stays small (V8 stops
 * optimising a pattern of more than about 20 000 characters; it then runs several times slower).
 * Each node tries its branches in list order, so a match is the one the flat alternation finds;
 * where that cannot hold (two branches that may start on the same character, or a phrase ending
 * where others go on, with list ranges that interleave), the node lists its phrases' rests flat.
 */
function trieAlt(phrases: Piece[][]): string {
  const fresh = (): TrieNode => ({ end: -1, next: new Map(), min: Infinity, max: -Infinity, through: [] });
  const root = fresh();
  phrases.forEach((pieces, i) => {
    let node = root;
    const mark = (n: TrieNode): void => {
      n.min = Math.min(n.min, i);
      n.max = Math.max(n.max, i);
      n.through.push(i);
    };
    mark(node);
    for (const piece of pieces) {
      let child = node.next.get(piece.source);
      if (!child) node.next.set(piece.source, (child = { piece, node: fresh() }));
      node = child.node;
      mark(node);
    }
    // A phrase that folds like an earlier one is never reached by the flat alternation either.
    if (node.end < 0) node.end = i;
  });
  const emit = (node: TrieNode, depth: number): string => {
    interface Option {
      min: number;
      max: number;
      first: string[] | null;
      source: string;
    }
    const options: Option[] = [];
    if (node.end >= 0) options.push({ min: node.end, max: node.end, first: null, source: '' });
    for (const { piece, node: child } of node.next.values()) {
      options.push({ min: child.min, max: child.max, first: piece.first, source: piece.source + emit(child, depth + 1) });
    }
    options.sort((a, b) => a.min - b.min);
    for (let a = 0; a < options.length; a++) {
      for (let b = a + 1; b < options.length; b++) {
        const x = options[a]!;
        const y = options[b]!;
        const overlap = x.first === null || y.first === null || x.first.some((c) => y.first!.includes(c));
        if (overlap && x.max > y.min) {
          const rests = [...new Set(node.through.map((i) => phrases[i]!.slice(depth).map((p) => p.source).join('')))];
          return `(?:${rests.join('|')})`;
        }
      }
    }
    if (node.end >= 0 && node.next.size === 0) return '';
    return options.length === 1 ? options[0]!.source : `(?:${options.map((o) => o.source).join('|')})`;
  };
  return emit(root, 0);
}

/** Longest-first alternation of title phrases (see `titlePieces`), as a trie (see `trieAlt`). */
function titleAlt(words: Iterable<string>): string {
  const uniq = [...new Set([...words].map((w) => w.trim()).filter(Boolean))];
  uniq.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  if (uniq.length === 0) return '(?!)';
  const phrases = uniq.map(titlePieces);
  return trieAlt(phrases);
}

function table(...maps: Forms[]): Table {
  const entries: [string, string][] = [];
  for (const m of maps) for (const [canon, list] of Object.entries(m)) for (const s of [canon, ...list]) entries.push([s, canon]);
  const find = lookup(entries);
  // null: looked up, no entry (one probe per call instead of `has` then `get`).
  const memo = boundedMemo(20_000, (surface): string | null => find(surface) ?? null);
  const canonical = (surface: string): string | undefined => memo(surface) ?? undefined;
  return { source: titleAlt(entries.map(([s]) => s)), canonical };
}

function reachTable(r: Record<Reach, Forms>): (canon: string) => Reach | undefined {
  const map = new Map<string, Reach>();
  for (const reach of REACHES) for (const c of Object.keys(r[reach])) map.set(c, reach);
  return (canon) => map.get(canon);
}

export interface OfficialsLexicon {
  /**
   * Sticky: one pattern for every title shape (slots, read by `titleSlots`: std, envoy, sender, pos,
   * unit, party, fixed, zone, agency [+ alevel], org [+ level], dept, min, uw (a unit word whose
   * name the caller reads), bare), tried only where `titleStart` found a start.
   */
  title: RegExp;
  /** The slots of a match of `title` or `titleCaps`. */
  titleSlots: (m: RegExpExecArray) => TitleSlots;
  /**
   * Prefilter: the first two words of every title in any casing (see `trieSource`).
   */
  titleStart: RegExp;
  /** A title prefix (acting, new, former) ending right before a position. */
  prefixBefore: PhraseBefore<'acting' | 'new' | 'former'>;
  /** Canonical spelling of the acting prefix (data `title_prefixes.acting`, capitalised). */
  actingWord: string;
  /** Gap between two titles that ends a former word's reach (`, <current-joiner>`). */
  currentJoiner: RegExp;
  /** An appointment or leave cue ending right before a position. */
  cueBefore: PhraseBefore<'appoint' | 'leave'>;
  /**
   * Sticky, case-insensitive twin of `title`, tried only at an upper-case candidate
   * (`PHÓ CHỦ TỊCH UBND TỈNH ...` in headings and captions); compiled on first use.
   */
  titleCaps: () => RegExp;
  /** Case-insensitive twin of `placeAfter` for upper-case titles. */
  placeAfterCaps: After;
  agencies: Table;
  /** Canonical unit word (`unit_words`) of a surface form. */
  unitWord: (surface: string) => string;
  /** Whether a word (or it and the next) ends a freely named unit (data `unit_name_stops`). */
  isUnitStop: (word: string, next: string) => boolean;
  /** Sticky: a known local place name (data `place_names`) after spaces (slot `pl`). */
  placeNameAfter: RegExp;
  /** Whether capitalised words are a known local place name (data `place_names`). */
  isPlaceName: (words: string) => boolean;
  /** Sticky: a copula (and an honorific) after a title: `<title> <copula> <honorific> <Name>` (slot `h`). */
  copulaAfter: After;
  zones: Table;
  /** Sticky: a zone suffix right after a zone name (slot `suf`). */
  zoneSuffix: After;
  zoneSuffixes: Table;
  envoys: Table;
  /** Canonical envoy sender and `at` word (data `envoy_senders`, `envoy_at`). */
  envoySender: (surface: string) => string;
  envoyAt: string;
  positions: Table;
  committees: Table;
  committeeReach: (canon: string) => Reach | undefined;
  partyUnits: Table;
  partyCommittees: Table;
  partyReach: (canon: string) => Reach | undefined;
  leveled: Table;
  levels: Table;
  levelReach: (canon: string) => Reach | undefined;
  departmentWord: string;
  ministryWord: string;
  departments: Table;
  ministries: Table;
  standalone: Table;
  standaloneReach: (canon: string) => Reach | undefined;
  bare: Table;
  bareReach: (canon: string) => Reach | undefined;
  casing: [RegExp, string][];
  /** A ministry named in running text (<ministry-word> <ministry>), slot `min`. */
  ministry: RegExp;
  /** Sticky: the colon that opens a list of names after a title (<title>: <Name>, <Name>). */
  colonAfter: (text: string, pos: number) => number;
  /** Sticky: the separator between two names of such a list. */
  nameSeparator: (text: string, pos: number) => number;
  /** Sticky: a province (with optional level word) right after a title. */
  placeAfter: After;
  /** Sticky: a province alias starting at a level word (`TP.HCM`). */
  placeAt: RegExp;
  /** A district or commune level word ending right before a place (<local-level> <Place>). */
  localLevelBefore: PhraseBefore<true>;
  /** Gap between two titles of one person (a comma, a joiner word, a dash). */
  joiner: RegExp;
  /** An honorific ending right before a position (spaces between allowed). */
  honorificBefore: PhraseBefore<true>;
  /** An honorific token written as part of a capitalised run (the capitalised forms of data `honorifics`). */
  isHonorificToken: (token: string) => boolean;
  /** <attendee-list-cue> ending a string (tried on the text before each colon). */
  attendeeCue: RegExp;
  /** A photo credit cue (data/document.yaml `photo_credit`) ending a string (tried before each colon): the rest of its line is not running text. */
  credit: RegExp;
  /** Token look-ups (`isSurname`, `isNotNameWord`, `isHonorificToken`, ...) take tokens of the `search` text. */
  isSurname: (token: string) => boolean;
  /** A token glued to an ethnic family-name prefix (data `surname_prefixes`: `<H'><Syllable>`). */
  hasSurnamePrefix: (token: string) => boolean;
  /** Two-word family names (data `surnames` entries with a space). */
  isSurnamePair: (tokens: string) => boolean;
  isNotNameWord: (token: string) => boolean;
}

/** The slots of one `title` match (see `OfficialsLexicon.title`); a slot not written is undefined. */
export interface TitleSlots {
  std: string | undefined;
  envoy: string | undefined;
  sender: string | undefined;
  pos: string | undefined;
  unit: string | undefined;
  party: string | undefined;
  fixed: string | undefined;
  zone: string | undefined;
  agency: string | undefined;
  alevel: string | undefined;
  org: string | undefined;
  level: string | undefined;
  dept: string | undefined;
  min: string | undefined;
  uw: string | undefined;
  bare: string | undefined;
}

/**
 * A pattern source with its named groups turned into numbered ones, and the number of each
 * name. V8 builds a `groups` object on every match of a pattern with named groups; for the
 * title pattern (eighteen names) that costs more than the match itself.
 */
function numberedGroups(source: string): { source: string; slot: (name: string) => number } {
  const slots = new Map<string, number>();
  let out = '';
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      out += ch + source[++i]!;
      continue;
    }
    if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') {
      const named = /^\(\?<([A-Za-z]\w*)>/.exec(source.slice(i, i + 40));
      if (named) {
        slots.set(named[1]!, ++count);
        out += '(';
        i += named[0].length - 1;
        continue;
      }
      if (source[i + 1] !== '?') count++;
    }
    out += ch;
  }
  return {
    source: out,
    slot: (name) => {
      const n = slots.get(name);
      if (n === undefined) throw new Error(`no group named ${name}`);
      return n;
    },
  };
}

/** `TitleSlots` of a match of the numbered title pattern (one object shape for every match). */
function titleSlotsOf(slot: (name: string) => number): (m: RegExpExecArray) => TitleSlots {
  const [std, envoy, sender, pos, unit, party, fixed, zone, agency, alevel, org, level, dept, min, uw, bare] = [
    'std', 'envoy', 'sender', 'pos', 'unit', 'party', 'fixed', 'zone', 'agency', 'alevel', 'org', 'level', 'dept', 'min', 'uw', 'bare',
  ].map(slot) as number[];
  return (m) => ({
    std: m[std!],
    envoy: m[envoy!],
    sender: m[sender!],
    pos: m[pos!],
    unit: m[unit!],
    party: m[party!],
    fixed: m[fixed!],
    zone: m[zone!],
    agency: m[agency!],
    alevel: m[alevel!],
    org: m[org!],
    level: m[level!],
    dept: m[dept!],
    min: m[min!],
    uw: m[uw!],
    bare: m[bare!],
  });
}

/**
 * A match of a pattern after the white space at `pos` (at least one character of it when the
 * space is required); the match's end and groups are those of `<space> <pattern>` at `pos`.
 * The space is skipped by hand: a pattern that opens with a run of space retried at every
 * position of a long run of space backtracks quadratically.
 */
export type After = (text: string, pos: number) => RegExpExecArray | null;

const SPACE = 0x20;
const NEWLINE = 0x0a;
const SPACE_RUN = /\s+/y;

/** Offset of the first character after the white space at `pos` (`pos` itself when there is none). */
function skipSpace(text: string, pos: number): number {
  SPACE_RUN.lastIndex = pos;
  return SPACE_RUN.test(text) ? SPACE_RUN.lastIndex : pos;
}

/** `After` of a sticky pattern that starts on a non-space character. */
function after(re: () => RegExp, spaceRequired: boolean): After {
  return (text, pos) => {
    const at = skipSpace(text, pos);
    if (spaceRequired && at === pos) return null;
    const r = re();
    r.lastIndex = at;
    return r.exec(text);
  };
}

/** Offset after `<spaces> <mark>` at `pos` when a space follows the mark (`[ ]*<mark>(?=[ ])`), else -1. */
function markAfter(text: string, pos: number, mark: string): number {
  let at = pos;
  while (text.charCodeAt(at) === SPACE) at++;
  return text.charCodeAt(at) === mark.charCodeAt(0) && text.charCodeAt(at + 1) === SPACE ? at + 1 : -1;
}

/** The longest lexicon phrase ending at `pos` (spaces before `pos` allowed), at or after `from`. */
export type PhraseBefore<T> = (text: string, pos: number, from: number) => { start: number; value: T } | null;


const NEEDS_KEY = /\s\s|\s-|-\s|\.\s|[^\S ]/u;

/**
 * `lookupKey` of a slice of the `search` text (already folded and NFC): lower case, unless its
 * spacing needs the full normalisation.
 */
export function searchKey(s: string): string {
  const k = s.toLowerCase();
  return NEEDS_KEY.test(k) ? lookupKey(s) : k;
}

/**
 * Strings by shape (length, first and last UTF-16 unit, hashed to 16 bits): a slice of the text
 * whose shape no key has is no key, without taking the slice nor hashing it.
 */
class ShapeFilter {
  private readonly bits = new Uint8Array(1 << 16);

  add(key: string): void {
    this.bits[shapeOf(key, 0, key.length)] = 1;
  }

  /** Whether `text[from, to)` (non-empty) may be a key. */
  mayHave(text: string, from: number, to: number): boolean {
    return this.bits[shapeOf(text, from, to)] === 1;
  }
}

/** Membership in a set of tokens, its shape checked first (most tokens of a text are in none). */
function tokenTest(set: Set<string>): (token: string) => boolean {
  const shapes = new ShapeFilter();
  for (const k of set) shapes.add(k);
  return (token) => token.length > 0 && shapes.mayHave(token, 0, token.length) && set.has(token);
}

function shapeOf(text: string, from: number, to: number): number {
  return ((to - from) * 0x9e5 + text.charCodeAt(from) * 0x3b + text.charCodeAt(to - 1)) & 0xffff;
}

/**
 * A look-up of phrases ending at a position, walking back word by word: one `Map` probe per
 * word instead of a `$`-anchored pattern retried at every offset of a slice. Words are split at
 * spaces (a phrase's own `.`, `/` stay inside its words); a phrase must start a word.
 */
function phraseBefore<T>(entries: readonly (readonly [string, T])[]): PhraseBefore<T> {
  const map = new Map<string, T>();
  const lastWords = new Set<string>();
  const shapes = new ShapeFilter();
  const lastShapes = new ShapeFilter();
  let maxWords = 1;
  // Keys in every casing a text may use (see `casings`): probes are plain slices of the text.
  for (const [w, v] of entries) {
    const key = lookupKey(w);
    for (const k of casings(key)) if (!map.has(k)) map.set(k, v);
    const ws = key.split(' ');
    maxWords = Math.max(maxWords, ws.length);
    for (const k of casings(ws[ws.length - 1]!)) lastWords.add(k);
  }
  for (const k of map.keys()) shapes.add(k);
  for (const k of lastWords) lastShapes.add(k);
  return (text, pos, from) => {
    let end = pos;
    while (end > from && text.charCodeAt(end - 1) === SPACE) end--;
    // Most positions end in no phrase's last word: one probe decides.
    let last = end;
    while (last > from && !isWordBreak(text.charCodeAt(last - 1))) last--;
    while (last < end && !isWordCode(text.charCodeAt(last))) last++;
    if (last === end || !lastShapes.mayHave(text, last, end) || !lastWords.has(text.slice(last, end))) return null;
    let start = end;
    let found: { start: number; value: T } | null = null;
    for (let words = 0; words < maxWords && start > from; words++) {
      let s = start;
      while (s > from && !isWordBreak(text.charCodeAt(s - 1))) s--;
      if (s === start) break;
      // Leading punctuation is not part of the phrase (`(<honorific>`, `"<Honorific>`).
      let w = s;
      while (w < start && !isWordCode(text.charCodeAt(w))) w++;
      if (w < start && (w === 0 || !isWordCode(text.charCodeAt(w - 1))) && shapes.mayHave(text, w, end)) {
        const value = map.get(text.slice(w, end));
        if (value !== undefined) found = { start: w, value };
      }
      if (w > s) break;
      start = s;
      while (start > from && text.charCodeAt(start - 1) === SPACE) start--;
      if (start === s) break;
    }
    return found;
  };
}

/** A space or a line break: what splits the words `phraseBefore` walks over. */
function isWordBreak(c: number): boolean {
  return c === SPACE || c === NEWLINE;
}

/**
 * Regex source of a prefix-free character trie of `words` (a space matches any run of white
 * space): `(?:b(?:í\\s+thư|ộ\\s+trưởng)|c...)`. An entry that starts a longer one ends the branch,
 * since only where a match starts matters.
 */
function trieSource(words: string[]): string {
  // Either case of a letter (every casing, ALL CAPS too): a class costs no more than a literal.
  const charSource = (ch: string): string => {
    if (ch === ' ') return '\\s+';
    const up = ch.toUpperCase();
    return up !== ch && up.length === 1 ? `[${ch}${up}]` : esc(ch);
  };
  interface Node {
    end: boolean;
    next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const w of words) {
    let node = root;
    for (const ch of w) {
      if (node.end) break;
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
    node.next.clear();
  }
  const emit = (node: Node): string => {
    const branches = [...node.next].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ch, child]) => charSource(ch) + emit(child));
    if (node.end || branches.length === 0) return '';
    return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  };
  return emit(root);
}

let lex: OfficialsLexicon | undefined;

export function officialsLexicon(): OfficialsLexicon {
  lex ??= build();
  return lex;
}

function build(): OfficialsLexicon {
  const t = loadData('titles.yaml', titlesSchema);
  const n = loadData('names.yaml', namesSchema);
  const positions = table(t.positions);
  const committees = table(...REACHES.map((r) => t.committees[r]));
  const partyUnits = table(t.party_units);
  const partyCommittees = table(...REACHES.map((r) => t.party_committees[r]));
  const leveled = table(t.leveled_bodies);
  const levels = table(t.levels.national, t.levels.province, t.levels.city, t.levels.local);
  const departments = table(t.departments);
  const agencies = table(t.agencies);
  const unitW = titleAlt(t.unit_words);
  const provinceLevels = titleAlt([t.levels.province, t.levels.city].flatMap((m) => Object.entries(m).flatMap(([k, v]) => [k, ...v])));
  const ministries = table(t.ministries);
  const standalone = table(...REACHES.map((r) => t.standalone[r]));
  const bare = table(t.bare_before_name.national, t.bare_before_name.any);
  const deptW = titleAlt(t.department_word);
  const minW = titleAlt(t.ministry_word);
  const zones = table(t.zone_boards);
  const zoneSuffixes = table(t.zone_suffixes);
  const envoys = table(t.envoys);
  const allLevels = titleAlt([t.levels.national, t.levels.province, t.levels.city, t.levels.local].flatMap((m) => Object.entries(m).flatMap(([k, v]) => [k, ...v])));
  // Standalone titles first (the full Central Committee membership is one title, not the
  // member position + a body); then position + body; a bare position last (kept only before a name).
  // A committee that starts a longer leveled body (<State Bank> / <State Bank> <branch>) yields to it.
  const committeeSurfaces = REACHES.flatMap((r) => Object.entries(t.committees[r]).flatMap(([k, v]) => [k, ...v])).map(lookupKey);
  const tails = new Set<string>();
  for (const surface of Object.entries(t.leveled_bodies).flatMap(([k, v]) => [k, ...v])) {
    const key = lookupKey(surface);
    for (const c of committeeSurfaces) if (key.startsWith(`${c} `)) tails.add(key.slice(c.length + 1));
  }
  const fixedStop = tails.size > 0 ? `(?!\\s+${titleAlt(tails)}${WE})` : '';
  // An envoy is followed by its post's place (<envoy> [<sender>] <at> <Place>); a zone board by
  // the zone's name (a capitalised word, not a level word); a leveled body by its level word
  // or a capitalised word (the province, checked by the caller).
  // No leading word boundary: callers try it only at a word start (a lookbehind costs on every try).
  const titleSource =
    `(?:(?<std>${standalone.source})` +
      `|(?<envoy>${envoys.source})(?:\\s+(?<sender>${titleAlt(t.envoy_senders)}))?\\s+${titleAlt(t.envoy_at)}(?=\\s+\\p{Lu})` +
      `|(?<pos>${positions.source})\\s+(?:` +
      `(?<unit>${partyUnits.source})\\s+(?<party>${partyCommittees.source})` +
      `|(?<fixed>${committees.source})${fixedStop}` +
      `|(?<zone>${zones.source})(?=\\s+\\p{Lu})(?!\\s+${allLevels}${WE})` +
      `|(?<agency>${agencies.source})(?:\\s+(?<alevel>${provinceLevels})(?![\\p{L}\\p{M}\\p{N}]))?` +
      `|(?<org>${leveled.source})(?:\\s+(?<level>${levels.source})|(?=\\s+\\p{Lu}))` +
      `|${deptW}\\s+(?<dept>${departments.source})` +
      `|${minW}\\s+(?<min>${ministries.source})` +
      `|(?<uw>${unitW})(?=\\s+\\p{Lu}))` +
      `|(?<bare>${bare.source}))${WE}`;
  const numbered = numberedGroups(titleSource);
  const title = new RegExp(numbered.source, 'uy');
  // The prefilter: the first two words of every title (a one-word position with the first word
  // of each body it takes), as a case-tolerant character trie: it tests one character class per
  // text position; the full pattern runs only where it matches.
  const formsOf = (...ms: Forms[]): string[] => ms.flatMap((m) => Object.entries(m).flatMap(([k, v]) => [k, ...v]));
  const wordsOf = (surface: string): string[] => searchForm(surface.normalize('NFC')).toLowerCase().trim().split(/\s+/);
  const bodyFirsts = new Set<string>();
  for (const surface of [
    ...formsOf(...REACHES.map((r) => t.committees[r]), t.party_units, t.zone_boards, t.agencies, t.leveled_bodies),
    ...t.department_word,
    ...t.ministry_word,
    ...t.unit_words,
  ]) bodyFirsts.add(wordsOf(surface)[0]!);
  const starts = new Set<string>();
  for (const surface of formsOf(t.positions)) {
    const ws = wordsOf(surface);
    if (ws.length > 1) starts.add(`${ws[0]} ${ws[1]}`);
    else for (const b of bodyFirsts) starts.add(`${ws[0]} ${b}`);
  }
  for (const surface of formsOf(...REACHES.map((r) => t.standalone[r]), t.bare_before_name.national, t.bare_before_name.any, t.envoys)) {
    starts.add(wordsOf(surface).slice(0, 2).join(' '));
  }
  // Without the `u` flag (about a fifth faster a scan): the trie holds only BMP letters and `\s`,
  // so it finds the same matches either way.
  const titleStart = new RegExp(trieSource([...starts]), 'g');
  const prefixes = n.surname_prefixes.map((x) => lookupKey(x));
  // All prefixes end in an apostrophe (`H'`): a token without one needs no look.
  const prefixMark = prefixes.every((x) => x.includes("'")) ? "'" : '';
  const surnames = new Set<string>();
  const surnamePairs = new Set<string>();
  for (const s of n.surnames) for (const k of casings(lookupKey(s))) (s.includes(' ') ? surnamePairs : surnames).add(k);
  // Token sets hold every casing (see `casings`), so a token is looked up as written.
  const spelled = (words: Iterable<string>): Set<string> => new Set([...words].flatMap((w) => casings(lookupKey(w))));
  const isNotNameWord = tokenTest(spelled(n.not_name_words));
  const isHonorificToken = tokenTest(spelled(t.honorifics.filter((h) => !/[\s.]/.test(h))));
  const isSurname = tokenTest(surnames);
  const bareAny = new Set(Object.keys(t.bare_before_name.any));
  // The level and the province start on a letter: the space before them is skipped by `after`.
  const placeAfterSource = `(?:(?:${levelSource()})\\s*)?(?<p>${provinceSource()})${WE}`;
  let titleCaps: RegExp | undefined;
  let placeAfterCaps: RegExp | undefined;
  const placeAfter = new RegExp(placeAfterSource, 'uy');
  const copula = new RegExp(`${alt(t.copula_cues)}(?:\\s+(?<h>${alt(t.honorifics)}))?(?=\\s)`, 'uy');
  const zoneSuffix = new RegExp(`(?<suf>${zoneSuffixes.source})${WE}`, 'uy');
  const nameJoiner = new RegExp(`${alt(t.joiners)}(?=[ ])`, 'uy');
  const unitWords = lookup(t.unit_words.map((w) => [w, w] as [string, string]));
  const unitStops = new Set(t.unit_name_stops.map(lookupKey));
  const placeNames = new Set(n.place_names.map(lookupKey));
  return {
    title,
    titleSlots: titleSlotsOf(numbered.slot),
    titleStart,
    prefixBefore: phraseBefore([
      ...t.title_prefixes.acting.map((w) => [w, 'acting'] as const),
      ...t.title_prefixes.new.map((w) => [w, 'new'] as const),
      ...t.title_prefixes.former.map((w) => [w, 'former'] as const),
    ]),
    actingWord: t.title_prefixes.acting[0]![0]!.toUpperCase() + t.title_prefixes.acting[0]!.slice(1),
    currentJoiner: new RegExp(`^\\s*(?:,\\s*)?${alt(t.current_joiners)}\\s+$`, 'u'),
    cueBefore: phraseBefore([...t.appointment_cues.map((w) => [w, 'appoint'] as const), ...t.leave_cues.map((w) => [w, 'leave'] as const)]),
    copulaAfter: after(() => copula, true),
    zones,
    zoneSuffix: after(() => zoneSuffix, true),
    zoneSuffixes,
    envoys,
    envoySender: (s) => t.envoy_senders.find((x) => lookupKey(x) === lookupKey(s)) ?? s,
    envoyAt: t.envoy_at[0]!,
    titleCaps: () => (titleCaps ??= new RegExp(numbered.source, 'iuy')),
    placeAfterCaps: after(() => (placeAfterCaps ??= new RegExp(placeAfterSource, 'iuy')), false),
    agencies,
    unitWord: (surface) => unitWords(surface) ?? surface,
    isUnitStop: (word, next) => unitStops.has(lookupKey(word)) || (next !== '' && unitStops.has(lookupKey(`${word} ${next}`))),
    placeNameAfter: new RegExp(`[ ]+(?<pl>${alt(n.place_names)})(?![\\p{L}\\p{M}\\p{N}'])`, 'uy'),
    isPlaceName: (words) => placeNames.has(searchKey(words)),
    positions,
    committees,
    committeeReach: reachTable(t.committees),
    partyUnits,
    partyCommittees,
    partyReach: reachTable(t.party_committees),
    leveled,
    levels,
    levelReach: reachTable(t.levels),
    departmentWord: t.department_word[0]!,
    ministryWord: t.ministry_word[0]!,
    departments,
    ministries,
    standalone,
    standaloneReach: reachTable(t.standalone),
    bare,
    bareReach: (c) => (bareAny.has(c) ? undefined : 'national'),
    casing: t.canonical_casing.map((c) => [new RegExp(`^${alt([c])}(?=\\s)`, 'u'), c]),
    ministry: new RegExp(`${WB}${minW}\\s+(?<min>${ministries.source})${WE}`, 'gu'),
    colonAfter: (text, pos) => markAfter(text, pos, ':'),
    nameSeparator: (text, pos) => {
      const comma = markAfter(text, pos, ',');
      if (comma >= 0) return comma;
      let at = pos;
      while (text.charCodeAt(at) === SPACE) at++;
      if (at === pos) return -1;
      nameJoiner.lastIndex = at;
      return nameJoiner.test(text) ? nameJoiner.lastIndex : -1;
    },
    placeAfter: after(() => placeAfter, false),
    placeAt: new RegExp(`(?<p>${provinceSource()})${WE}`, 'uy'),
    localLevelBefore: phraseBefore(Object.entries(t.levels.local).flatMap(([k, v]) => [k, ...v]).map((w) => [w, true] as const)),
    joiner: new RegExp(
      // <,> [<joiner> | <current-joiner>], <-> , <current-joiner>, or <space> <joiner>; one run of space first
      // (two adjacent runs would backtrack quadratically on a long gap of space).
      `^\\s*(?:,\\s*(?:${alt([...t.joiners, ...t.current_joiners])}\\s+)?|-\\s*|${alt(t.current_joiners)}\\s+|(?<=\\s)${alt(t.joiners)}\\s+)$`,
      'u',
    ),
    honorificBefore: phraseBefore(t.honorifics.map((w) => [w, true] as const)),
    isHonorificToken,
    attendeeCue: new RegExp(`${WB}${alt(t.attendee_list_cues)}[ ]*$`, 'u'),
    credit: new RegExp(`${WB}${alt(documentWords().photo_credit)}[ ]*$`, 'u'),
    isSurname,
    hasSurnamePrefix: (tok) => {
      if (prefixMark !== '' && tok.indexOf(prefixMark) < 0) return false;
      const k = tok.toLowerCase();
      return prefixes.some((x) => k.length > x.length && k.startsWith(x));
    },
    isSurnamePair: (toks) => surnamePairs.has(toks),
    isNotNameWord,
  };
}
