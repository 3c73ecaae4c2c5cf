/**
 * Text normalisation.
 *
 * Everything downstream works on two strings of EQUAL LENGTH:
 * - `nfc`: the document as decoded and NFC-normalised; offsets and evidence come from it;
 * - `search`: `nfc` with length-preserving foldings applied (one tone placement, dash and
 *   space variants unified) so that rules match every spelling without offset maps.
 * Because each folding replaces one UTF-16 unit by one UTF-16 unit (or two by two), an index
 * into `search` is the same index into `nfc`.
 */

const COMBINING = /[\u0300-\u036f]/;

/** Tone marks that move between the two vowels of `oa`, `oe`, `uy`. */
const TONES = new Set(['\u0300', '\u0301', '\u0309', '\u0303', '\u0323']);

/**
 * Only a toned a/ă/â/e/ê/y can follow the `o`/`u` of a movable tone, so the pattern names
 * those letters instead of any letter: the callback then runs on candidates only.
 */
const TONED_SECOND = [...'aăâeêyAĂÂEÊY'].flatMap((b) => [...TONES].map((t) => (b + t).normalize('NFC'))).filter((c) => c.length === 1);
// No leading `(?<![qQ])`: a look-behind first is tried at every position; the callback checks it.
const FOLD_RE = new RegExp(`([oOuU])([${TONED_SECOND.join('')}])(?![\\p{L}\\p{M}])`, 'gu');

/**
 * Move the tone mark of a syllable-final `oa`, `oe`, `uy` onto the first vowel (`hoá` → `hóa`,
 * `uỷ` → `ủy`), the placement RECORDS.md makes canonical. Only open syllables change: with a
 * final consonant (`hoàng`, `tuyển`) both styles agree. `qu` + `y` is not the `uy` glide
 * (`quý` stays). Length-preserving.
 */
export function foldTones(s: string): string {
  return s.replace(FOLD_RE, (whole, v1: string, v2: string, at: number) => {
    if (at > 0 && (s[at - 1] === 'q' || s[at - 1] === 'Q')) return whole;
    const base2 = v2.normalize('NFD');
    const b = base2[0]!.toLowerCase();
    const ok = (v1.toLowerCase() === 'o' && (b === 'a' || b === 'e')) || (v1.toLowerCase() === 'u' && b === 'y');
    if (!ok || base2.length < 2) return whole;
    const marks = base2.slice(1);
    const tone = [...marks].find((m) => TONES.has(m));
    if (!tone) return whole;
    const rest = [...marks].filter((m) => m !== tone).join('');
    const out = ((v1 + tone).normalize('NFC') + (base2[0]! + rest).normalize('NFC'));
    return out.length === whole.length ? out : whole;
  });
}

/** Dash-like characters that texts use between words, numbers and names. */
export const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D';
const DASH_RE = new RegExp(`[${DASHES}]`, 'g');
const SPACE_RE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/g;
const ZERO_WIDTH_RE = /[\u200b\u200c\u200d\u2060\ufeff]/g;
const QUOTE_RE = /[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]/g;
const APOS_RE = /[\u2018\u2019\u201a\u201b\u2032]/g;
/** Every character `searchForm` unifies, as one class (the union of the classes above). */
const UNIFY_RE = new RegExp(`[${[DASH_RE, SPACE_RE, ZERO_WIDTH_RE, QUOTE_RE, APOS_RE].map((r) => r.source.slice(1, -1)).join('')}]`, 'g');
const unify = (c: string): string =>
  c.replace(DASH_RE, '-').replace(SPACE_RE, ' ').replace(ZERO_WIDTH_RE, ' ').replace(QUOTE_RE, '"').replace(APOS_RE, "'");

/**
 * The `search` twin of an NFC text: tones folded, every dash variant as `-`, exotic spaces
 * as ` `, zero-width characters as ` `, curly quotes as `"`/`'`. Same length as the input.
 */
export function searchForm(nfc: string): string {
  // One pass for every one-unit substitution (dashes, spaces, zero-width, quotes): the text is
  // scanned once instead of five times, and left as is when it has none of them.
  const out = foldTones(nfc).replace(UNIFY_RE, unify);
  if (out.length !== nfc.length) throw new Error('searchForm must preserve length');
  return out;
}

/** Decoded text to the NFC form all offsets refer to (a leading BOM is dropped). */
export function toNfc(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).normalize('NFC');
}

const EDGE_CHAR = /[\s\p{P}\p{S}]/u;

/**
 * `s` without the characters `edge` accepts at either end (default: spaces, punctuation and
 * symbols). A loop, because `[…]+$` backtracks quadratically on a long run.
 */
export function trimEdges(s: string, edge: RegExp = EDGE_CHAR): string {
  let a = 0;
  let b = s.length;
  while (a < b && edge.test(s[a]!)) a++;
  while (b > a && edge.test(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/**
 * The comparison key of RECORDS.md scoring: NFC, lower case, one tone placement, white space
 * collapsed, dashes unified, edge punctuation dropped.
 */
export function compareKey(s: string): string {
  const nfc = s.normalize('NFC');
  const key = searchForm(nfc).toLowerCase().replace(/\s+/g, ' ');
  return trimEdges(key).trim();
}

/** Canonical display spelling: NFC, tones on the first vowel, dashes and spaces tidied. */
export function canonicalSpelling(s: string): string {
  return foldTones(s.normalize('NFC')).replace(DASH_RE, '-').replace(/\s+/g, ' ').trim();
}

/** Title-case a name as written: `NGUYỄN VĂN AN` → `Nguyễn Văn An`. */
export function titleCase(s: string): string {
  return s
    .split(/(\s+|-)/)
    .map((w) => (/^\s+$|^-$/.test(w) || w.length === 0 ? w : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
}

/** True when `s` contains combining marks (an NFD input). */
export function hasCombining(s: string): boolean {
  return COMBINING.test(s);
}

/** Fold every Vietnamese letter to its base ASCII letter (for loose look-ups only). */
export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}
