/**
 * Properties (fast-check): for any Unicode string `extract` does not throw, every record
 * validates against its zod schema and every evidence slice equals its text; decoding the
 * UTF-8 bytes of any string gives the string back (line ends aside); the number parser reads
 * back what `formatVietnamese` writes; the order of input files changes no record.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { extract } from '../extract.js';
import { agreementSchema, documentSchema, indicatorSchema, legalRefSchema, officialSchema } from '../schema.js';
import { toNfc } from '../text/normalize.js';
import { decode } from '../text/decode.js';
import { formatVietnamese, parseNumber } from '../values/number.js';
import { run } from '../cli/main.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEEDS = join(ROOT, 'fixtures/seeds');
const seedFiles = readdirSync(SEEDS).sort();
const seedText = readFileSync(join(SEEDS, seedFiles[0]!), 'utf8');
const SENTENCES = readFileSync(join(ROOT, 'fixtures/encodings/sentences.txt'), 'utf8');

/** Words and punctuation from our texts, so random strings also look like articles. */
const tokens = [...new Set([...seedText.split(/(\s+|[,.;:()%])/), ...SENTENCES.split(/(\s+|[,.;:()%])/)])].filter(Boolean);
const articleLike = fc.array(fc.oneof(fc.constantFrom(...tokens), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 120 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), articleLike);

function checkResult(text: string): void {
  const r = extract(text, { id: 'p' });
  documentSchema.parse(r.document);
  const nfc = toNfc(text);
  const lists = [
    [r.officials, officialSchema],
    [r.indicators, indicatorSchema],
    [r.agreements, agreementSchema],
    [r.legalRefs, legalRefSchema],
  ] as const;
  for (const [list, schema] of lists) {
    for (const rec of list) {
      schema.parse(rec);
      for (const e of rec.evidence) expect(nfc.slice(e.start, e.end)).toBe(e.text);
    }
  }
}

describe('properties', () => {
  test('extract never throws; records validate; evidence slices equal their text', { timeout: 120_000 }, () => {
    fc.assert(fc.property(anyText, (text) => checkResult(text)), { numRuns: 300 });
  });

  test('decoding the UTF-8 bytes of any string gives it back (line ends unified)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const d = decode(Buffer.from(s, 'utf8'));
        expect(d.lossy).toBe(false);
        expect(d.text).toBe(s.replace(/\r\n?/g, '\n'));
      }),
      { numRuns: 500 },
    );
  });

  test('parseNumber reads back numbers written the Vietnamese way', () => {
    const twoDecimals = fc.integer({ min: 0, max: 999_999_999_999 }).chain((int) => fc.integer({ min: 0, max: 99 }).map((c) => int + c / 100));
    fc.assert(
      fc.property(twoDecimals, (n) => {
        const written = formatVietnamese(n);
        expect(parseNumber(written)?.value, written).toBeCloseTo(n, 6);
      }),
      { numRuns: 1000 },
    );
  });

  test('shuffling the input files changes no record', { timeout: 120_000 }, async () => {
    async function records(paths: string[]): Promise<Map<string, string>> {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      stderr.resume();
      const code = await run([...paths, '--format', 'ndjson'], {
        stdout,
        stderr,
        stdin: new PassThrough(),
        stdoutIsTTY: false,
        stderrIsTTY: false,
        stdinIsTTY: true,
        env: { NO_COLOR: '1' },
        cwd: ROOT,
      });
      expect(code).toBe(0);
      const byKey = new Map<string, string>();
      for (const line of out.trimEnd().split('\n')) {
        const o = JSON.parse(line) as { kind: string; key?: string; id?: string };
        byKey.set(o.kind === 'document' ? `doc:${o.id}` : o.key!, line);
      }
      return byKey;
    }
    const paths = seedFiles.map((f) => join(SEEDS, f));
    const base = await records(paths);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(paths, { minLength: paths.length, maxLength: paths.length }), async (order) => {
        expect(await records(order)).toEqual(base);
      }),
      { numRuns: 4 },
    );
  });
});
