/**
 * Fast look-up of many lexicon phrases in a text: the text is cut once into word tokens
 * (letters, marks, digits), and each phrase list is a map from its first word to its phrases,
 * longest first. Matching is linear in the number of tokens, where one big regex alternation
 * would try every phrase at every character. Words compare in the folded, lower-case `search`
 * form; between two words the text must have only spaces, or the same single punctuation mark
 * the phrase has there (`<word> - <word>`, `<word>, <word>`, `<word>/<word>`).
 */
import { searchForm } from '../text/normalize.js';
import type { Span } from '../engine/context.js';

export interface Token extends Span {
  /** Lower-case folded word. */
  key: string;
}

interface Phrase<V> {
  keys: string[];
  /** Separator class before each key after the first: ' ', or the punctuation mark. */
  seps: string[];
  value: V;
  length: number;
}

export interface PhraseHit<V> extends Span {
  value: V;
  /** Index of the first and one past the last token. */
  from: number;
  to: number;
}

/** Whether a UTF-16 unit is part of a word: ASCII letters and digits, Latin letters with
 * diacritics (Latin-1 to Latin Extended, Vietnamese in U+1E00-U+1EFF) and combining marks. */
function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  return (c >= 0x300 && c <= 0x36f) || (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x370 && c <= 0x1fff && c !== 0x2000);
}

/** Word spans of a text. Kept apart from `toLowerCase` on purpose: in one function with it,
 * V8's optimised `charCodeAt` loop fell onto a slow path (about 300 times slower, measured). */
function wordSpans(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isWordUnit(text.charCodeAt(i))) i++;
    out.push({ start, end: i, key: '' });
  }
  return out;
}

function tokensOf(text: string): Token[] {
  const out = wordSpans(text);
  const lower = text.toLowerCase();
  const same = lower.length === text.length;
  for (const t of out) t.key = same ? lower.slice(t.start, t.end) : text.slice(t.start, t.end).toLowerCase();
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

let lastText: string | null = null;
let lastTokens: Token[] = [];

/** Word tokens of a `search` text (the last text's tokens are kept for the next caller). */
export function tokenize(search: string): Token[] {
  if (search !== lastText) {
    lastTokens = tokensOf(search);
    lastText = search;
  }
  return lastTokens;
}

export class PhraseSet<V> {
  private readonly byFirst = new Map<string, Phrase<V>[]>();

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
      const p: Phrase<V> = { keys: toks.map((t) => t.key), seps, value, length: folded.length };
      const list = this.byFirst.get(p.keys[0]!) ?? [];
      list.push(p);
      this.byFirst.set(p.keys[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length || b.length - a.length);
  }

  firstWords(): Iterable<string> {
    return this.byFirst.keys();
  }

  /** The longest phrase starting at token `i`, or null. */
  matchAt(search: string, tokens: Token[], i: number): PhraseHit<V> | null {
    const list = this.byFirst.get(tokens[i]!.key);
    if (!list) return null;
    for (const p of list) {
      if (i + p.keys.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < p.keys.length && ok; k++) {
        const a = tokens[i + k - 1]!;
        const b = tokens[i + k]!;
        ok = b.key === p.keys[k] && sepBetween(search, a.end, b.start) === p.seps[k - 1];
      }
      if (ok) {
        const last = tokens[i + p.keys.length - 1]!;
        return { start: tokens[i]!.start, end: last.end, value: p.value, from: i, to: i + p.keys.length };
      }
    }
    return null;
  }

  /** Non-overlapping longest matches, left to right. */
  findAll(search: string): PhraseHit<V>[] {
    const tokens = tokenize(search);
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

/** Index of the first span with `start >= pos` in a list sorted by start. */
export function lowerBound(list: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last span inside `[from, to)` that `keep` accepts, by binary search then a walk back. */
export function lastWithin<T extends Span>(list: readonly T[], from: number, to: number, keep: (x: T) => boolean = () => true): T | null {
  for (let i = lowerBound(list, to) - 1; i >= 0; i--) {
    const x = list[i]!;
    if (x.start < from) return null;
    if (x.end <= to && keep(x)) return x;
  }
  return null;
}

/** The first span inside `[from, to)` that `keep` accepts. */
export function firstWithin<T extends Span>(list: readonly T[], from: number, to: number, keep: (x: T) => boolean = () => true): T | null {
  for (let i = lowerBound(list, from); i < list.length; i++) {
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
  private readonly firstKeys = new Map<string, number[]>();

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

  scan(search: string): Record<K, PhraseHit<unknown>[]> {
    const tokens = tokenize(search);
    const hits: PhraseHit<unknown>[][] = this.kinds.map(() => []);
    const nextFree = new Int32Array(this.kinds.length);
    for (let i = 0; i < tokens.length; i++) {
      const ks = this.firstKeys.get(tokens[i]!.key);
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
