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

/** Whether the character (one UTF-16 unit, or undefined past the text) is a letter, mark or digit. */
export function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c < TABLE_END ? (flags()[c]! & WORD) !== 0 : WORD_RE.test(ch);
}

const LETTER_RE = /[\p{L}\p{M}]/u;

/** Whether the character is a letter or a combining mark. */
export function isLetterChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c < TABLE_END ? (flags()[c]! & LETTER) !== 0 : LETTER_RE.test(ch);
}

/** Whether the character has a distinct lower case (an upper-case letter). */
export function isUpperChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c < TABLE_END ? (flags()[c]! & UPPER) !== 0 : ch !== ch.toLowerCase();
}

/** Whether the character has a distinct upper case (a lower-case letter). */
export function isLowerChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c < TABLE_END ? (flags()[c]! & LOWER) !== 0 : ch !== ch.toUpperCase();
}

/** Whether every letter of `s` is upper case (at least one letter). */
export function isAllCaps(s: string): boolean {
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    if (isLowerChar(s[i])) return false;
    if (isUpperChar(s[i])) letters++;
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
