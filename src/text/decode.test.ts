/**
 * Decoding: every way a Vietnamese text reaches us as bytes gives the same text (hence the same
 * records) as its UTF-8 NFC twin. Legacy tables are checked by round trips: our own sentences
 * (fixtures/encodings/sentences.txt) are encoded with the inverse of each table and decoded back.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { decode, detectLegacy, encodingName, firstInvalidUtf8, looksBinary, tcvn3Table, vniTablesOf, vietnameseScore } from './decode.js';
import { extract } from '../extract.js';

const SENTENCES = readFileSync(fileURLToPath(new URL('../../fixtures/encodings/sentences.txt', import.meta.url)), 'utf8');
const SEED = readFileSync(fileURLToPath(new URL('../../fixtures/seeds/000_529f232f53dd2013.txt', import.meta.url)), 'utf8');
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Inverse of the TCVN3 table. Toned capitals have no byte: they are written as the small letter. */
function encodeTcvn3(text: string): Uint8Array {
  const t = tcvn3Table();
  const inv = new Map<string, number>();
  for (let i = 0x80; i < 256; i++) if (!inv.has(t[i]!)) inv.set(t[i]!, i);
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const b = inv.get(ch) ?? inv.get(ch.toLowerCase());
      if (b === undefined) throw new Error(`no TCVN3 byte for ${ch}`);
      out.push(b);
    }
  }
  return Uint8Array.from(out);
}

/** What TCVN3 keeps of a text: toned capitals become small letters. */
function tcvn3View(text: string): string {
  const t = new Set(tcvn3Table());
  return [...text.normalize('NFC')].map((ch) => (ch.codePointAt(0)! < 0x80 || t.has(ch) ? ch : ch.toLowerCase())).join('');
}

/** Inverse of the VNI tables: a single byte when there is one, else base vowel + mark byte. */
function encodeVni(text: string): Uint8Array {
  const { single, marks } = vniTablesOf();
  const singles = new Map([...single].map(([b, ch]) => [ch, b]));
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    const s = singles.get(ch);
    if (s !== undefined) {
      out.push(s);
      continue;
    }
    const nfd = ch.normalize('NFD');
    // ơ and ư are single bytes that take the tone mark after them.
    const base = nfd.includes('\u031b') ? (nfd[0]! + '\u031b').normalize('NFC') : nfd[0]!;
    const baseByte = base.codePointAt(0)! < 0x80 ? base.codePointAt(0)! : singles.get(base);
    if (baseByte === undefined) throw new Error(`no VNI base for ${ch}`);
    const upper = base !== base.toLowerCase();
    const mark = [...marks].find(([b, m]) => (base + m).normalize('NFC') === ch && (upper ? b < 0xe0 : b >= 0xe0));
    if (!mark) throw new Error(`no VNI mark for ${ch}`);
    out.push(baseByte, mark[0]);
  }
  return Uint8Array.from(out);
}

/** Windows-1258 keeps â ê ô ơ ư ă đ whole and writes tones as combining marks after them. */
function encode1258(text: string): Buffer {
  const cp = [...text.normalize('NFC')]
    .map((ch) => {
      const nfd = ch.normalize('NFD');
      const tone = nfd.replace(/[^\u0300\u0301\u0303\u0309\u0323]/g, '');
      return nfd.replace(TONES, '').normalize('NFC') + tone;
    })
    .join('');
  return iconv.encode(cp, 'windows-1258');
}

const utf16 = (s: string, le: boolean): Uint8Array => {
  const b = Buffer.from(s, 'utf16le');
  if (!le) b.swap16();
  return Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), b]);
};

describe('Unicode inputs decode to the same text', () => {
  const nfc = SENTENCES.normalize('NFC');
  test.each([
    ['UTF-8', Buffer.from(nfc)],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(nfc)])],
    ['UTF-16 LE with BOM', utf16(nfc, true)],
    ['UTF-16 BE with BOM', utf16(nfc, false)],
    ['CRLF line ends', Buffer.from(nfc.replace(/\n/g, '\r\n'))],
    ['CR line ends', Buffer.from(nfc.replace(/\n/g, '\r'))],
  ])('%s', (_name, bytes) => {
    const d = decode(bytes);
    expect(d.text).toBe(nfc);
    expect(d.warnings).toEqual([]);
    expect(d.lossy).toBe(false);
  });

  test('NFD, UTF-16, CRLF and BOM twins of a seed give the same records as the UTF-8 NFC file', () => {
    const base = extract(decode(Buffer.from(SEED.normalize('NFC'))).text, { id: 'doc' });
    const twins = [
      Buffer.from(SEED.normalize('NFD')),
      utf16(SEED, true),
      utf16(SEED.normalize('NFD').replace(/\n/g, '\r\n'), false),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SEED.replace(/\n/g, '\r\n'))]),
    ];
    for (const bytes of twins) {
      const r = extract(decode(bytes).text, { id: 'doc' });
      expect({ ...r, document: { ...r.document, sha256: '' } }).toEqual({ ...base, document: { ...base.document, sha256: '' } });
    }
  });
});

describe('invalid UTF-8', () => {
  test('valid parts are kept; the warning names the byte offset of the first bad sequence', () => {
    const good = Buffer.from('Thu ng\u00e2n s\u00e1ch ');
    const bytes = Buffer.concat([good, Buffer.from([0xc3, 0x28]), Buffer.from(' \u0111\u1ea1t 100 t\u1ef7 \u0111\u1ed3ng')]);
    const d = decode(bytes);
    expect(d.lossy).toBe(true);
    expect(d.text.startsWith('Thu ng\u00e2n s\u00e1ch \ufffd(')).toBe(true);
    expect(d.text.endsWith('100 t\u1ef7 \u0111\u1ed3ng')).toBe(true);
    expect(d.warnings).toEqual([`invalid UTF-8 at byte ${good.length}: undecodable bytes replaced with U+FFFD`]);
  });

  test.each([
    [[0x61, 0x80], 1],
    [[0xe0, 0x80, 0x80], 0], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // past U+10FFFF
    [[0x61, 0xe1, 0xba], 1], // cut short at the end
    [[0x61, 0xe1, 0xba, 0xa1], -1],
  ])('firstInvalidUtf8(%j) = %i', (bytes, at) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
  });

  test('a UTF-8 file with a few broken bytes stays UTF-8 (no legacy guess)', () => {
    const bytes = Buffer.concat([Buffer.from(SENTENCES), Buffer.from([0xff]), Buffer.from(SENTENCES)]);
    const d = decode(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.lossy).toBe(true);
  });
});

describe('legacy Vietnamese encodings', () => {
  test('TCVN3: round trip of our sentences, detected with a warning', () => {
    const d = decode(encodeTcvn3(SENTENCES));
    expect(d.encoding).toBe('tcvn3');
    expect(d.text).toBe(tcvn3View(SENTENCES));
    expect(d.warnings).toEqual(['encoding: detected TCVN3 (ABC), converted to Unicode']);
    expect(d.lossy).toBe(false);
  });

  test('VNI-Windows: round trip of our sentences, detected with a warning', () => {
    const bytes = encodeVni(SENTENCES);
    expect(bytes.length).toBeGreaterThan(Buffer.byteLength(SENTENCES, 'latin1')); // two-byte letters
    const d = decode(bytes);
    expect(d.encoding).toBe('vni');
    expect(d.text).toBe(SENTENCES.normalize('NFC'));
    expect(d.warnings).toEqual(['encoding: detected VNI-Windows, converted to Unicode']);
  });

  test('Windows-1258: round trip of our sentences, detected with a warning', () => {
    const d = decode(encode1258(SENTENCES));
    expect(d.encoding).toBe('windows-1258');
    expect(d.text).toBe(SENTENCES.normalize('NFC'));
    expect(d.warnings).toEqual(['encoding: detected Windows-1258, converted to Unicode']);
  });

  test('every toned letter survives each table (all 134 precomposed letters)', () => {
    const letters: string[] = [];
    for (const base of ['a', '\u0103', '\u00e2', 'e', '\u00ea', 'i', 'o', '\u00f4', '\u01a1', 'u', '\u01b0', 'y']) {
      for (const tone of ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323']) {
        const ch = (base.normalize('NFD') + tone).normalize('NFC');
        letters.push(ch, ch.toUpperCase());
      }
    }
    letters.push('\u0111', '\u0110');
    const all = letters.join(' ');
    expect(decode(encodeVni(all), { encoding: 'vni' }).text).toBe(all);
    expect(decode(encode1258(all), { encoding: 'windows-1258' }).text).toBe(all);
    expect(decode(encodeTcvn3(all), { encoding: 'tcvn3' }).text).toBe(tcvn3View(all));
  });

  test('--encoding forces a table (no detection, no warning)', () => {
    const bytes = encodeVni(SENTENCES);
    expect(decode(bytes, { encoding: 'vni' })).toMatchObject({ encoding: 'vni', warnings: [], text: SENTENCES.normalize('NFC') });
    // Forced to the wrong one: taken as asked.
    expect(decode(bytes, { encoding: 'tcvn3' }).encoding).toBe('tcvn3');
    expect(decode(Buffer.from(SENTENCES), { encoding: 'utf-8' }).text).toBe(SENTENCES);
  });

  test('a wrong table reads badly, so detection can tell them apart', () => {
    const vni = encodeVni(SENTENCES);
    expect(vietnameseScore(decode(vni, { encoding: 'vni' }).text).score).toBeGreaterThan(0.9);
    expect(vietnameseScore(decode(vni, { encoding: 'tcvn3' }).text).score).toBeLessThan(0.5);
    expect(vietnameseScore(decode(vni, { encoding: 'windows-1258' }).text).score).toBeLessThan(0.5);
    const tcvn = encodeTcvn3(SENTENCES);
    expect(vietnameseScore(decode(tcvn, { encoding: 'vni' }).text).score).toBeLessThan(0.5);
  });

  test('Latin-1 text that is not Vietnamese is not mistaken for a legacy encoding', () => {
    const bytes = Buffer.from('Der B\u00fcrgermeister \u00fcbergab die Stra\u00dfe; na\u00efve fa\u00e7ade, \u00e9t\u00e9 \u00e0 Gen\u00e8ve.', 'latin1');
    expect(detectLegacy(bytes)).toBeUndefined();
    const d = decode(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.lossy).toBe(true);
  });

  test('encoding names and aliases', () => {
    expect(encodingName('UTF8')).toBe('utf-8');
    expect(encodingName('abc')).toBe('tcvn3');
    expect(encodingName('VNI-Windows')).toBe('vni');
    expect(encodingName('cp1258')).toBe('windows-1258');
    expect(encodingName('latin-9')).toBeUndefined();
  });
});

describe('binary sniffing', () => {
  test('NUL bytes or many control characters are binary; text, UTF-16 and legacy bytes are not', () => {
    expect(looksBinary(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe(true);
    expect(looksBinary(Uint8Array.from(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 0x41))))).toBe(true);
    expect(looksBinary(Buffer.from(SENTENCES))).toBe(false);
    expect(looksBinary(utf16(SENTENCES, true))).toBe(false);
    expect(looksBinary(Buffer.from(SENTENCES, 'utf16le'), { encoding: 'utf-16le' })).toBe(false);
    expect(looksBinary(encodeTcvn3(SENTENCES))).toBe(false);
    expect(looksBinary(encodeVni(SENTENCES))).toBe(false);
    expect(looksBinary(new Uint8Array(0))).toBe(false);
  });
});
