/**
 * Character tests on one UTF-16 unit by table (Latin and Vietnamese letters, combining marks,
 * digits all sit below U+2000): the hot loops of the officials rules test a character at every
 * step, and a Unicode property regex per character costs far more than an array load.
 */
const WORD = 1;
const UPPER = 2;
const LOWER = 4;
const LETTER = 8;
const TABLE_END = 0x2000;

let table: Uint8Array | undefined;

function flags(): Uint8Array {
  if (table) return table;
  table = new Uint8Array(TABLE_END);
  for (let c = 0; c < TABLE_END; c++) {
    const ch = String.fromCharCode(c);
    let f = 0;
    if (/[\p{L}\p{M}\p{N}]/u.test(ch)) f |= WORD;
    if (/[\p{L}\p{M}]/u.test(ch)) f |= LETTER;
    if (ch !== ch.toLowerCase()) f |= UPPER;
    if (ch !== ch.toUpperCase()) f |= LOWER;
    table[c] = f;
  }
  return table;
}

const WORD_RE = /[\p{L}\p{M}\p{N}]/u;
const LETTER_RE = /[\p{L}\p{M}]/u;

// The tests take a UTF-16 code (`text.charCodeAt(i)`, NaN past the text): reading `text[i]`
// allocates a new string for every character above U+00FF, which is most Vietnamese letters.

/** Whether the code is a letter, mark or digit. */
export function isWordCode(c: number): boolean {
  return c < TABLE_END ? (flags()[c]! & WORD) !== 0 : c >= TABLE_END && WORD_RE.test(String.fromCharCode(c));
}

/** Whether the code is a letter or a combining mark. */
export function isLetterCode(c: number): boolean {
  return c < TABLE_END ? (flags()[c]! & LETTER) !== 0 : c >= TABLE_END && LETTER_RE.test(String.fromCharCode(c));
}

/** Whether the code has a distinct lower case (an upper-case letter). */
export function isUpperCode(c: number): boolean {
  if (c < TABLE_END) return (flags()[c]! & UPPER) !== 0;
  if (!(c >= TABLE_END)) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

/** Whether the code has a distinct upper case (a lower-case letter). */
export function isLowerCode(c: number): boolean {
  if (c < TABLE_END) return (flags()[c]! & LOWER) !== 0;
  if (!(c >= TABLE_END)) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toUpperCase();
}

/** Whether every letter of `s` is upper case (at least one letter). */
export function isAllCaps(s: string): boolean {
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isLowerCode(c)) return false;
    if (isUpperCode(c)) letters++;
  }
  return letters > 0;
}

/**
 * The spellings of a lower-case key a text may use: as is, capitalised, every word
 * capitalised, and upper case (so a look-up needs no case folding of the text).
 */
export function casings(key: string): string[] {
  const cap = (w: string): string => (w.length > 0 ? w[0]!.toUpperCase() + w.slice(1) : w);
  return [...new Set([key, cap(key), key.split(' ').map(cap).join(' '), key.toUpperCase()])];
}
