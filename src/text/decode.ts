/**
 * Bytes to text. UTF-8 is the contract, but real archives also hold UTF-16 files (with a BOM)
 * and files from old Vietnamese software in TCVN3 (ABC), VNI-Windows or Windows-1258. This
 * module turns all of them into the same Unicode text, so a file extracts exactly as its UTF-8
 * twin would:
 *
 * - a BOM picks the encoding (UTF-8, UTF-16 LE/BE) and is dropped;
 * - valid UTF-8 is taken as UTF-8;
 * - otherwise, when most non-ASCII words decode to well-formed Vietnamese syllables under one
 *   legacy table, that table is used and a warning says so;
 * - otherwise what is valid UTF-8 is kept, the rest becomes U+FFFD, and a warning gives the byte
 *   offset of the first bad sequence (`lossy`).
 * Line ends become `\n` (CRLF and lone CR files give the same text, hence the same offsets).
 * `encoding` forces one decoding and skips detection.
 *
 * Tables for TCVN3 and VNI are data (data/encodings/*.yaml); Windows-1258 comes from iconv-lite.
 */
import { TextDecoder } from 'node:util';
import { z } from 'zod';
import { loadData } from './lexicon.js';

// iconv-lite is loaded only when such a file turns up: most runs never need its tables.
import { iconvLite as iconv } from '../lazy.js';

export const ENCODINGS = ['auto', 'utf-8', 'utf-16le', 'utf-16be', 'tcvn3', 'vni', 'windows-1258'] as const;
export type EncodingName = (typeof ENCODINGS)[number];

/** Other spellings accepted by `--encoding`. */
const ALIASES: Record<string, EncodingName> = {
  utf8: 'utf-8',
  utf16le: 'utf-16le',
  'utf-16': 'utf-16le',
  utf16be: 'utf-16be',
  abc: 'tcvn3',
  'tcvn-3': 'tcvn3',
  'vni-windows': 'vni',
  cp1258: 'windows-1258',
  'windows1258': 'windows-1258',
  'win-1258': 'windows-1258',
};

/** The encoding named by a user (case and aliases forgiven), or undefined. */
export function encodingName(s: string): EncodingName | undefined {
  const k = s.trim().toLowerCase();
  return (ENCODINGS as readonly string[]).includes(k) ? (k as EncodingName) : ALIASES[k];
}

export interface DecodeOptions {
  /** Force one decoding (`auto`, the default, sniffs a BOM and detects legacy encodings). */
  encoding?: EncodingName;
}

export interface Decoded {
  text: string;
  /** What was used: `utf-8`, `utf-16le`, `utf-16be`, `tcvn3`, `vni`, `windows-1258`. */
  encoding: string;
  warnings: string[];
  /** Some bytes could not be decoded and were replaced with U+FFFD. */
  lossy: boolean;
}

const LABELS: Record<Exclude<EncodingName, 'auto'>, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  tcvn3: 'TCVN3 (ABC)',
  vni: 'VNI-Windows',
  'windows-1258': 'Windows-1258',
};

type Concrete = Exclude<EncodingName, 'auto'>;

export function decode(bytes: Uint8Array, opts: DecodeOptions = {}): Decoded {
  const forced = opts.encoding && opts.encoding !== 'auto' ? opts.encoding : undefined;
  const bom = sniffBom(bytes);
  if (forced) {
    const body = bom && bom.encoding === forced ? bytes.subarray(bom.length) : bytes;
    return finish(decodeAs(forced, body));
  }
  if (bom) return finish(decodeAs(bom.encoding, bytes.subarray(bom.length)));
  const utf8 = decodeAs('utf-8', bytes);
  if (!utf8.lossy) return finish(utf8);
  // Not valid UTF-8. A mostly-UTF-8 file with a few broken bytes stays UTF-8; otherwise try the
  // legacy tables and keep one only if it reads as Vietnamese.
  const stats = utf8Stats(bytes);
  if (stats.valid < stats.invalid) {
    const legacy = detectLegacy(bytes);
    if (legacy) {
      const d = decodeAs(legacy, bytes);
      d.warnings.unshift(`encoding: detected ${LABELS[legacy]}, converted to Unicode`);
      return finish(d);
    }
  }
  return finish(utf8);
}

function finish(d: Decoded): Decoded {
  // Same text for CRLF, CR and LF files, so offsets agree with the LF twin.
  if (d.text.includes('\r')) d.text = d.text.replace(/\r\n?/g, '\n');
  return d;
}

/** A byte-order mark at the start, and the encoding it names. */
export function sniffBom(b: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** One decoder per encoding and mode: a whole-buffer `decode` keeps no state between calls. */
const decoders = new Map<string, TextDecoder>();
function decoder(enc: 'utf-8' | 'utf-16le' | 'utf-16be', fatal: boolean): TextDecoder {
  const key = `${enc}:${fatal}`;
  let d = decoders.get(key);
  if (!d) decoders.set(key, (d = new TextDecoder(enc, { fatal, ignoreBOM: true })));
  return d;
}

function decodeAs(enc: Concrete, body: Uint8Array): Decoded {
  const warnings: string[] = [];
  switch (enc) {
    case 'utf-8':
    case 'utf-16le':
    case 'utf-16be': {
      try {
        return { text: decoder(enc, true).decode(body), encoding: enc, warnings, lossy: false };
      } catch {
        const text = decoder(enc, false).decode(body);
        const at = enc === 'utf-8' ? firstInvalidUtf8(body) : firstInvalidUtf16(body, enc === 'utf-16le');
        warnings.push(`invalid ${LABELS[enc]} at byte ${at}: undecodable bytes replaced with U+FFFD`);
        return { text, encoding: enc, warnings, lossy: true };
      }
    }
    case 'windows-1258':
      return { text: iconv().decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'windows-1258').normalize('NFC'), encoding: enc, warnings, lossy: false };
    case 'tcvn3':
      return { text: decodeTcvn3(body), encoding: enc, warnings, lossy: false };
    case 'vni':
      return { text: decodeVni(body), encoding: enc, warnings, lossy: false };
  }
}

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const n = utf8SequenceAt(b, i);
    if (n === 0) return i;
    i += n;
  }
  return -1;
}

/**
 * Length of the valid UTF-8 sequence starting at `i`, or 0 if it is invalid (overlong forms,
 * surrogates and code points past U+10FFFF included, as TextDecoder judges them).
 */
function utf8SequenceAt(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) n = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    n = 2;
    if (c === 0xe0) lo = 0xa0;
    if (c === 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 3;
    if (c === 0xf0) lo = 0x90;
    if (c === 0xf4) hi = 0x8f;
  } else return 0;
  if (i + n >= b.length) return 0;
  const second = b[i + 1]!;
  if (second < lo || second > hi) return 0;
  for (let k = 2; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  return n + 1;
}

/** Counts of valid multi-byte sequences and of invalid bytes. */
function utf8Stats(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < b.length) {
    const n = utf8SequenceAt(b, i);
    if (n === 0) {
      invalid++;
      i++;
    } else {
      if (n > 1) valid++;
      i += n;
    }
  }
  return { valid, invalid };
}

function firstInvalidUtf16(b: Uint8Array, le: boolean): number {
  for (let i = 0; i < b.length; i += 2) {
    if (i + 1 >= b.length) return i;
    const u = le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!;
    if (u >= 0xd800 && u <= 0xdbff) {
      const j = i + 2;
      const v = j + 1 < b.length ? (le ? b[j]! | (b[j + 1]! << 8) : (b[j]! << 8) | b[j + 1]!) : -1;
      if (v < 0xdc00 || v > 0xdfff) return i;
      i += 2;
    } else if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Legacy tables (data/encodings/*.yaml)

const hexByte = z.string().regex(/^[0-9A-Fa-f]{2}$/);
const letter = z.string().refine((s) => [...s.normalize('NFC')].length === 1, 'one letter');
const MARK_NAMES = ['circumflex', 'breve', 'horn', 'grave', 'acute', 'hook', 'tilde', 'dot'] as const;
/** Combining characters of each mark, in canonical order (vowel quality before tone). */
const COMBINING: Record<(typeof MARK_NAMES)[number], string> = {
  circumflex: '\u0302',
  breve: '\u0306',
  horn: '\u031b',
  grave: '\u0300',
  acute: '\u0301',
  hook: '\u0309',
  tilde: '\u0303',
  dot: '\u0323',
};

const tcvnSchema = z.object({ name: z.literal('tcvn3'), label: z.string(), bytes: z.record(hexByte, letter) });
const vniSchema = z.object({
  name: z.literal('vni'),
  label: z.string(),
  single: z.record(hexByte, letter),
  marks: z.record(hexByte, z.array(z.enum(MARK_NAMES)).min(1)),
});
const syllableSchema = z.object({
  initials: z.array(z.string().min(1)),
  finals: z.array(z.string().min(1)),
  vowels: z.array(z.string().min(1)),
});

/** Windows-1252 for every byte, the fallback of both font encodings. */
let cp1252: string[] | undefined;
function cp1252Table(): string[] {
  cp1252 ??= [...iconv().decode(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), 'windows-1252')];
  return cp1252;
}

let tcvnTable: string[] | undefined;
/** 256 strings: what each TCVN3 byte decodes to. */
export function tcvn3Table(): string[] {
  if (tcvnTable) return tcvnTable;
  const data = loadData('encodings/tcvn3.yaml', tcvnSchema);
  const t = [...cp1252Table()];
  for (const [hex, ch] of Object.entries(data.bytes)) t[parseInt(hex, 16)] = ch.normalize('NFC');
  tcvnTable = t;
  return t;
}

function decodeTcvn3(b: Uint8Array): string {
  const t = tcvn3Table();
  let out = '';
  for (let i = 0; i < b.length; i++) out += t[b[i]!]!;
  return out;
}

interface VniTables {
  single: Map<number, string>;
  /** Combining marks each mark byte adds. */
  marks: Map<number, string>;
}
let vniTables: VniTables | undefined;
export function vniTablesOf(): VniTables {
  if (vniTables) return vniTables;
  const data = loadData('encodings/vni-windows.yaml', vniSchema);
  const single = new Map<number, string>();
  for (const [hex, ch] of Object.entries(data.single)) single.set(parseInt(hex, 16), ch.normalize('NFC'));
  const marks = new Map<number, string>();
  for (const [hex, list] of Object.entries(data.marks)) marks.set(parseInt(hex, 16), list.map((m) => COMBINING[m]).join(''));
  vniTables = { single, marks };
  return vniTables;
}

/** Vowels a VNI mark byte may follow. */
const VNI_BASES = /^[aeiouyAEIOUY\u01a0\u01a1\u01af\u01b0]$/;

function decodeVni(b: Uint8Array): string {
  const { single, marks } = vniTablesOf();
  const fallback = cp1252Table();
  let out = '';
  let prev = ''; // last letter written, if it can still take marks
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x80) {
      const ch = String.fromCharCode(c);
      out += ch;
      prev = VNI_BASES.test(ch) ? ch : '';
      continue;
    }
    const mark = marks.get(c);
    if (mark !== undefined && prev) {
      const composed = (prev + mark).normalize('NFC');
      if ([...composed].length === 1) {
        out = out.slice(0, out.length - prev.length) + composed;
        prev = '';
        continue;
      }
    }
    const s = single.get(c);
    if (s !== undefined) {
      out += s;
      prev = VNI_BASES.test(s) ? s : '';
      continue;
    }
    out += fallback[c]!;
    prev = '';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Detection

let syllableRe: RegExp | undefined;
/** A toneless, lower-case NFC word that is a well-formed Vietnamese syllable. */
function syllablePattern(): RegExp {
  if (syllableRe) return syllableRe;
  const data = loadData('encodings/syllables.yaml', syllableSchema);
  const alt = (xs: string[]): string =>
    [...xs].map((x) => x.normalize('NFC')).sort((a, b) => b.length - a.length).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  syllableRe = new RegExp(`^(?:${alt(data.initials)})?(?:${alt(data.vowels)})(?:${alt(data.finals)})?$`, 'u');
  return syllableRe;
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Share of non-ASCII words that are well-formed syllables (0 when there are none). */
export function vietnameseScore(text: string): { words: number; score: number } {
  const re = syllablePattern();
  let words = 0;
  let good = 0;
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const w = m[0];
    if (/^[\x00-\x7f]*$/.test(w)) continue;
    words++;
    const nfd = w.toLowerCase().normalize('NFD');
    const tones = nfd.match(TONE_MARKS)?.length ?? 0;
    if (tones > 1) continue;
    if (re.test(nfd.replace(TONE_MARKS, '').normalize('NFC'))) good++;
  }
  return { words, score: words === 0 ? 0 : good / words };
}

const LEGACY: Concrete[] = ['tcvn3', 'vni', 'windows-1258'];

/**
 * The legacy encoding under which the bytes read best as Vietnamese, if it reads well enough:
 * more than half of the non-ASCII words well-formed, and clearly ahead of the others.
 */
export function detectLegacy(bytes: Uint8Array): Concrete | undefined {
  // A sample keeps detection cheap on big files; whole lines are not needed for word shapes.
  const sample = bytes.subarray(0, 64 * 1024);
  let best: { enc: Concrete; score: number } | undefined;
  let second = 0;
  for (const enc of LEGACY) {
    const { words, score } = vietnameseScore(decodeAs(enc, sample).text.normalize('NFC'));
    if (words === 0) continue;
    if (!best || score > best.score) {
      second = best?.score ?? 0;
      best = { enc, score };
    } else if (score > second) second = score;
  }
  if (!best || best.score < 0.5 || best.score - second < 0.1) return undefined;
  return best.enc;
}

// ---------------------------------------------------------------------------------------------
// Binary files

/**
 * True for bytes that are not text: a NUL, or more than 10% control characters, in the first
 * 8 KB. UTF-16 (a BOM, or forced) is text despite its NULs.
 */
export function looksBinary(bytes: Uint8Array, opts: DecodeOptions = {}): boolean {
  if (opts.encoding === 'utf-16le' || opts.encoding === 'utf-16be') return false;
  const bom = sniffBom(bytes);
  if (bom && bom.encoding !== 'utf-8') return false;
  const head = bytes.subarray(0, 8192);
  if (head.length === 0) return false;
  let control = 0;
  for (const c of head) {
    if (c === 0) return true;
    // Tab, LF, VT, FF, CR and ESC (coloured logs) are fine.
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 27) || c === 0x7f) control++;
  }
  return control / head.length > 0.1;
}
