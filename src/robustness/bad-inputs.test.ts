/**
 * The bar of issue 5: a folder of messy inputs (made by fixtures/bad/make.mjs, never committed
 * as binaries) runs to the end with one clear stderr line per bad file, every good file's
 * records present (the same as its clean seed's), and exit 3.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, ftruncateSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/extract.js');
const SEEDS = join(ROOT, 'fixtures/seeds');

interface Line {
  kind: string;
  doc?: string;
  id?: string;
  key?: string;
  [k: string]: unknown;
}

function cli(args: string[], input = ''): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** Records of one document, without what names the document (doc id, key prefix). */
function recordsOf(lines: Line[], doc: string): unknown[] {
  return lines
    .filter((l) => l.kind !== 'document' && l.doc === doc)
    .map((l) => ({ ...l, doc: '', key: String(l.key).slice(doc.length) }));
}

describe('a folder of bad inputs', () => {
  test('runs to the end: one stderr line per bad file, all good records, exit 3', { timeout: 180_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-bad-'));
    const gen = spawnSync(process.execPath, [join(ROOT, 'fixtures/bad/make.mjs'), join(dir, 'in'), '--giant-mb', '3']);
    expect(gen.status, gen.stderr.toString()).toBe(0);
    const manifest = JSON.parse(gen.stdout.toString()) as { good: { file: string; seed: string }[]; bad: Record<string, string> };

    const r = cli([join(dir, 'in'), '--format', 'ndjson', '--max-bytes', '2MB']);
    expect(r.code).toBe(3);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Line);
    const stderr = r.stderr.trimEnd().split('\n');

    for (const [file, message] of Object.entries(manifest.bad)) {
      const about = stderr.filter((l) => l.startsWith('extract: ') && l.includes(`/in/${file}:`));
      expect(about, `stderr about ${file}`).toHaveLength(1);
      expect(about[0]).toContain(message);
    }
    // Nothing else on stderr but the bad files and the three legacy-encoding notes.
    const explained = stderr.filter((l) => Object.keys(manifest.bad).some((f) => l.includes(`/in/${f}:`)) || l.includes(': encoding: detected '));
    expect(stderr.filter((l) => !explained.includes(l))).toEqual([]);
    expect(stderr.filter((l) => l.includes(': encoding: detected '))).toHaveLength(3);

    // Good files: exactly the records of their seed extracted alone.
    const seedRuns = new Map<string, Line[]>();
    for (const { file, seed } of manifest.good) {
      if (!seedRuns.has(seed)) seedRuns.set(seed, cli([join(SEEDS, seed), '--format', 'ndjson']).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Line));
      expect(lines.some((l) => l.kind === 'document' && l.id === file), `document ${file}`).toBe(true);
      expect(recordsOf(lines, file), `records of ${file}`).toEqual(recordsOf(seedRuns.get(seed)!, seed));
    }
    // Bad files left no records; empty and invalid-UTF-8 files are still documents.
    for (const file of Object.keys(manifest.bad)) expect(recordsOf(lines, file).filter((x) => file !== 'invalid-utf8.txt' || !x)).toEqual([]);
    expect(lines.find((l) => l.kind === 'document' && l.id === 'empty.txt')?.warnings).toEqual(['empty file']);
  });

  test('the default --max-bytes (64 MB) skips a bigger file before reading it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-big-'));
    const big = join(dir, 'big.txt');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 65 * 1024 * 1024); // sparse: no disk used, but stat says 65 MB
    closeSync(fd);
    copyFileSync(join(SEEDS, '000_529f232f53dd2013.txt'), join(dir, 'ok.txt'));
    const r = cli([dir, '--format', 'ndjson']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('big.txt: 65 MB is over --max-bytes (64 MB), skipped');
    expect(r.stdout).toContain('"id":"ok.txt"');
  });

  test('one long line under the limit is extracted, not hung on', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-line-'));
    const sentences = readFileSync(join(ROOT, 'fixtures/encodings/sentences.txt'), 'utf8').replace(/\n/g, ' ');
    writeFileSync(join(dir, 'line.txt'), sentences.repeat(Math.ceil(256_000 / sentences.length)));
    const r = cli([join(dir, 'line.txt'), '--format', 'ndjson', '--max-bytes', '1MB']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.split('\n')[0]!)).toMatchObject({ kind: 'document', id: 'line.txt' });
  });

  test('stdin: over --max-bytes is skipped with a message; binary stdin too', () => {
    const big = cli(['-', '--max-bytes', '1K'], 'x'.repeat(5000));
    expect(big.code).toBe(3);
    expect(big.stderr).toContain('-: stdin is over --max-bytes (1 KB), skipped');
    const bin = spawnSync(process.execPath, [BIN, '-'], { input: Buffer.from([0, 1, 2, 3, 0, 0]) });
    expect(bin.status).toBe(3);
    expect(bin.stderr.toString()).toContain('-: binary input, skipped');
  });

  test('--encoding forces a decoding; an unknown one is a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-enc-'));
    writeFileSync(join(dir, 'a.txt'), Buffer.from('Ng\u00e0y h\u00f4m nay', 'utf16le'));
    const r = cli([join(dir, 'a.txt'), '--encoding', 'utf-16le', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents[0].title).toBe('Ng\u00e0y h\u00f4m nay');
    const bad = cli([join(dir, 'a.txt'), '--encoding', 'ebcdic']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--encoding: unknown encoding 'ebcdic'");
  });
});
