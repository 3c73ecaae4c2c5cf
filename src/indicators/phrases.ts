/**
 * Fast look-up of many lexicon phrases in a text: the text is cut once into word tokens
 * (letters, marks, digits), and each phrase list is a map from its first word to its phrases,
 * longest first. Matching is linear in the number of tokens, where one big regex alternation
 * would try every phrase at every character. Words compare in the folded, lower-case `search`
 * form; between two words the text must have only spaces, or the same single punctuation mark
 * the phrase has there (`<word> - <word>`, `<word>, <word>`, `<word>/<word>`).
 */
import { searchForm } from '../text/normalize.js';
import { firstAtOrAfter, type Span } from '../engine/context.js';

export interface Token extends Span {
  /** Hash of the lower-case folded word (see `keyHash`); equal words have equal hashes. */
  hash: number;
}

/** Lower-case code units below U+2000 (the letters a folded text has), built once. */
let LOWER: Uint16Array | undefined;
function lowerTable(): Uint16Array {
  if (LOWER) return LOWER;
  LOWER = new Uint16Array(0x2000);
  for (let c = 0; c < 0x2000; c++) {
    const l = String.fromCharCode(c).toLowerCase();
    LOWER[c] = l.length === 1 ? l.charCodeAt(0) : c;
  }
  return LOWER;
}

/** FNV-1a step over one lower-cased code unit. */
function hashStep(h: number, c: number, lower: Uint16Array): number {
  return Math.imul(h ^ (c < 0x2000 ? lower[c]! : c), 16777619);
}

const HASH_SEED = 2166136261 | 0;
/** Hashes are kept to 30 bits: small integers stay unboxed in V8 (map keys, object fields). */
const HASH_MASK = 0x3fffffff;

/** Hash of a word as tokens carry it. */
export function keyHash(word: string): number {
  const lower = lowerTable();
  let h = HASH_SEED;
  for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i), lower);
  return h & HASH_MASK;
}

/** The lower-case word of a token. */
export function tokenKey(search: string, t: Token): string {
  return search.slice(t.start, t.end).toLowerCase();
}

/** Whether a token is `key`, a word whose units are their own lower case, without a string. */
function tokenIs(search: string, t: Token, key: string): boolean {
  if (t.end - t.start !== key.length) return false;
  const lower = lowerTable();
  for (let k = 0; k < key.length; k++) {
    const c = search.charCodeAt(t.start + k);
    if ((c < 0x2000 ? lower[c]! : c) !== key.charCodeAt(k)) return false;
  }
  return true;
}

interface Phrase<V> {
  keys: string[];
  hashes: number[];
  /** Separator class before each key after the first: ' ', or the punctuation mark. */
  seps: string[];
  value: V;
  length: number;
  /** Every unit of every key is its own lower case (`tokenIs` can confirm the words). */
  plainKeys: boolean;
}

export interface PhraseHit<V> extends Span {
  value: V;
  /** Index of the first and one past the last token. */
  from: number;
  to: number;
}

/** Whether a UTF-16 unit is part of a word: ASCII letters and digits, Latin letters with
 * diacritics (Latin-1 to Latin Extended, Vietnamese in U+1E00-U+1EFF) and combining marks. */
export function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  return (c >= 0x300 && c <= 0x36f) || (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x370 && c <= 0x1fff && c !== 0x2000);
}

/** `isWordUnit` of the code units below U+2000, as a table (1 = word unit). */
let WORD: Uint8Array | undefined;
function wordTable(): Uint8Array {
  if (WORD) return WORD;
  WORD = new Uint8Array(0x2000);
  for (let c = 0; c < 0x2000; c++) WORD[c] = isWordUnit(c) ? 1 : 0;
  return WORD;
}

/** Word tokens of `text[from, to)`, appended to `out`, each with the hash of its lower-case
 * form computed in the same pass (no string per word; `isWordUnit` and `hashStep` inlined as
 * table look-ups: no word unit is at or above U+2000). */
function pushTokens(text: string, from: number, to: number, out: Token[]): void {
  const lower = lowerTable();
  const word = wordTable();
  let i = from;
  while (i < to) {
    let c = text.charCodeAt(i);
    if (c >= 0x2000 || word[c] === 0) {
      i++;
      continue;
    }
    const start = i;
    let h = HASH_SEED;
    do {
      h = Math.imul(h ^ lower[c]!, 16777619);
      if (++i >= to) break;
      c = text.charCodeAt(i);
    } while (c < 0x2000 && word[c] === 1);
    out.push({ start, end: i, hash: h & HASH_MASK });
  }
}

function tokensOf(text: string): Token[] {
  const out: Token[] = [];
  pushTokens(text, 0, text.length, out);
  return out;
}

/** Separator class of the text between two words, or null when it cannot join a phrase. */
function sepClass(gap: string): string | null {
  let mark = '';
  for (const ch of gap) {
    if (ch === ' ' || ch === '\t') continue;
    if (ch === '\n' || ch === '\r' || mark !== '') return null;
    mark = ch;
  }
  return mark === '' ? ' ' : mark;
}

/** `sepClass` of `text.slice(from, to)` without making the slice. */
function sepBetween(text: string, from: number, to: number): string | null {
  if (to - from === 1 && text.charCodeAt(from) === 32) return ' ';
  return sepClass(text.slice(from, to));
}

/** Word tokens of a `search` text: all of it, or only the given ranges (sorted, disjoint;
 * words cut by a range edge are cut too, so ranges should end at word edges). */
export function tokenize(search: string, ranges?: readonly Span[]): Token[] {
  if (!ranges) return tokensOf(search);
  const out: Token[] = [];
  for (const r of ranges) pushTokens(search, r.start, r.end, out);
  return out;
}

export class PhraseSet<V> {
  private readonly byFirst = new Map<number, Phrase<V>[]>();

  constructor(entries: Iterable<[string, V]>) {
    for (const [surface, value] of entries) {
      const folded = searchForm(surface.normalize('NFC')).trim();
      const toks = tokensOf(folded);
      if (toks.length === 0) continue;
      const seps: string[] = [];
      for (let i = 1; i < toks.length; i++) {
        const c = sepClass(folded.slice(toks[i - 1]!.end, toks[i]!.start));
        if (c === null) throw new Error(`lexicon phrase "${surface}": unsupported separator`);
        seps.push(c);
      }
      const keys = toks.map((t) => tokenKey(folded, t));
      const lower = lowerTable();
      const plainKeys = keys.every((k) => [...k].every((ch) => ch.length === 1 && ch.charCodeAt(0) < 0x2000 && ch !== '\u03c3' && lower[ch.charCodeAt(0)] === ch.charCodeAt(0)));
      const p: Phrase<V> = { keys, hashes: toks.map((t) => t.hash), seps, value, length: folded.length, plainKeys };
      const list = this.byFirst.get(p.hashes[0]!) ?? [];
      list.push(p);
      this.byFirst.set(p.hashes[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length || b.length - a.length);
  }

  firstWords(): Iterable<number> {
    return this.byFirst.keys();
  }

  /** The longest phrase starting at token `i`, or null. */
  matchAt(search: string, tokens: Token[], i: number): PhraseHit<V> | null {
    const list = this.byFirst.get(tokens[i]!.hash);
    if (!list) return null;
    for (const p of list) {
      if (i + p.keys.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < p.keys.length && ok; k++) {
        const a = tokens[i + k - 1]!;
        const b = tokens[i + k]!;
        ok = b.hash === p.hashes[k] && sepBetween(search, a.end, b.start) === p.seps[k - 1];
      }
      // Hashes matched: confirm the words themselves.
      for (let k = 0; k < p.keys.length && ok; k++) {
        ok = p.plainKeys ? tokenIs(search, tokens[i + k]!, p.keys[k]!) : tokenKey(search, tokens[i + k]!) === p.keys[k];
      }
      if (ok) {
        const last = tokens[i + p.keys.length - 1]!;
        return { start: tokens[i]!.start, end: last.end, value: p.value, from: i, to: i + p.keys.length };
      }
    }
    return null;
  }

  /** Non-overlapping longest matches, left to right. */
  findAll(search: string, tokens: Token[] = tokenize(search)): PhraseHit<V>[] {
    const out: PhraseHit<V>[] = [];
    for (let i = 0; i < tokens.length; ) {
      const hit = this.matchAt(search, tokens, i);
      if (hit) {
        out.push(hit);
        i = hit.to;
      } else i++;
    }
    return out;
  }
}

/** The last span inside `[from, to)` that `keep` accepts, by binary search then a walk back. */
export function lastWithin<T extends Span>(list: readonly T[], from: number, to: number, keep: (x: T) => boolean = () => true): T | null {
  for (let i = firstAtOrAfter(list, to) - 1; i >= 0; i--) {
    const x = list[i]!;
    if (x.start < from) return null;
    if (x.end <= to && keep(x)) return x;
  }
  return null;
}

/** The first span inside `[from, to)` that `keep` accepts. */
export function firstWithin<T extends Span>(list: readonly T[], from: number, to: number, keep: (x: T) => boolean = () => true): T | null {
  for (let i = firstAtOrAfter(list, from); i < list.length; i++) {
    const x = list[i]!;
    if (x.start >= to) return null;
    if (x.end <= to && keep(x)) return x;
  }
  return null;
}

/** Whether some span lies inside `[from, to)`. */
export function anyWithin(list: readonly Span[], from: number, to: number): boolean {
  return firstWithin(list, from, to) !== null;
}

/**
 * Several phrase lists scanned in one pass over the tokens: each list keeps its own
 * left-to-right, longest-first, non-overlapping matches.
 */
export class PhraseScanner<K extends string> {
  private readonly kinds: K[];
  private readonly sets: PhraseSet<unknown>[] = [];
  /** For each first word, the indices of the lists that have a phrase starting with it. */
  private readonly firstKeys = new Map<number, number[]>();

  constructor(lists: Record<K, Iterable<[string, unknown]>>) {
    this.kinds = Object.keys(lists) as K[];
    this.kinds.forEach((kind, k) => {
      const set = new PhraseSet<unknown>(lists[kind]);
      this.sets.push(set);
      for (const key of set.firstWords()) {
        const ks = this.firstKeys.get(key) ?? [];
        ks.push(k);
        this.firstKeys.set(key, ks);
      }
    });
  }

  set(kind: K): PhraseSet<unknown> {
    return this.sets[this.kinds.indexOf(kind)]!;
  }

  scan(search: string, tokens: Token[] = tokenize(search)): Record<K, PhraseHit<unknown>[]> {
    const hits: PhraseHit<unknown>[][] = this.kinds.map(() => []);
    const nextFree = new Int32Array(this.kinds.length);
    for (let i = 0; i < tokens.length; i++) {
      const ks = this.firstKeys.get(tokens[i]!.hash);
      if (ks === undefined) continue;
      for (const k of ks) {
        if (i < nextFree[k]!) continue;
        const hit = this.sets[k]!.matchAt(search, tokens, i);
        if (hit) {
          hits[k]!.push(hit);
          nextFree[k] = hit.to;
        }
      }
    }
    const out = {} as Record<K, PhraseHit<unknown>[]>;
    this.kinds.forEach((kind, k) => (out[kind] = hits[k]!));
    return out;
  }
}

/** Whether a UTF-16 unit is in the regex class `\s`. */
export function isSpaceUnit(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * What a pattern of lexicon phrases can end with: the hashes of the phrases' last words (by
 * length), and the last characters of phrases that end with a mark. A cheap necessary test
 * before running an end-anchored pattern built from the same phrases.
 */
export class LastWords {
  private readonly hashes = new Set<number>();
  private readonly lengths: number[] = [];
  private readonly lastUnits = new Set<number>();
  private readonly marks = new Set<number>();

  constructor(phrases: Iterable<string>) {
    for (const surface of phrases) {
      const folded = searchForm(surface.normalize('NFC')).trim();
      if (folded === '') continue;
      const last = folded.charCodeAt(folded.length - 1);
      if (isWordUnit(last)) {
        const t = tokensOf(folded).pop()!;
        this.hashes.add(t.hash);
        if (!this.lengths.includes(t.end - t.start)) this.lengths.push(t.end - t.start);
        this.lastUnits.add(lowerTable()[last]!);
      } else this.marks.add(last);
    }
  }

  /** Whether `text[0, end)` ends with one of the phrases' last words (case-folded) or marks. */
  endsAt(text: string, end: number): boolean {
    if (end <= 0) return false;
    const c = text.charCodeAt(end - 1);
    if (!isWordUnit(c)) return this.marks.has(c);
    const lower = lowerTable();
    if (!this.lastUnits.has(lower[c]!)) return false;
    for (const n of this.lengths) {
      if (n > end) continue;
      let h = HASH_SEED;
      for (let i = end - n; i < end; i++) h = hashStep(h, text.charCodeAt(i), lower);
      if (this.hashes.has(h & HASH_MASK)) return true;
    }
    return false;
  }

  /** Whether `text` can end with a phrase, then spaces (`<phrases>\s*$`). */
  endsText(text: string): boolean {
    let j = text.length;
    while (j > 0 && isSpaceUnit(text.charCodeAt(j - 1))) j--;
    return this.endsAt(text, j);
  }
}

/** `re.test(text)` for an end-anchored pattern `<phrases>\s*$`, skipped when `last` says it cannot match. */
export function testTail(last: LastWords, re: RegExp, text: string): boolean {
  return last.endsText(text) && re.test(text);
}

/**
 * Where a sticky pattern matches and reaches `text.length`, tried only at word starts and at
 * the given punctuation marks, leftmost first: the same answer as an end-anchored search when
 * every match starts at a word or one of those marks, without trying every position.
 */
export function matchToEnd(text: string, sticky: RegExp, marks: string): RegExpExecArray | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const wordStart = isWordUnit(c) && (i === 0 || !isWordUnit(text.charCodeAt(i - 1)));
    if (!wordStart && !marks.includes(text[i]!)) continue;
    sticky.lastIndex = i;
    const m = sticky.exec(text);
    if (m) return m;
  }
  return null;
}

/** Spans of a sticky pattern whose matches start with one of `firsts`, found by `indexOf`. */
export function spansOf(text: string, sticky: RegExp, firsts: readonly string[]): Span[] {
  const out: Span[] = [];
  for (const f of firsts) {
    for (let i = text.indexOf(f); i >= 0; i = text.indexOf(f, i + 1)) {
      sticky.lastIndex = i;
      const m = sticky.exec(text);
      if (m) out.push({ start: i, end: i + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
