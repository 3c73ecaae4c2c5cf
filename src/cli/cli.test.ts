/**
 * The built binary as a user runs it: exit codes, stdout/stderr discipline, formats, stdin,
 * determinism. `npm test` builds first, so dist/ is current.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { outputSchema } from '../schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/extract.js');
const SEEDS = join(ROOT, 'fixtures/seeds');

function cli(args: string[], opts: { input?: string | Buffer; cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

describe('extract (default command)', () => {
  test('json when piped: a valid output tree with every evidence slice equal to its text', () => {
    const r = cli([SEEDS]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = outputSchema.parse(JSON.parse(r.stdout));
    expect(out.documents.map((d) => d.id)).toEqual(['000_529f232f53dd2013.txt', '001_bbe31a76d1084824.txt', '002_21df68ff757c5cb6.txt', '003_c5d376b14e6dff08.txt', '004_b967613f8851448f.txt']);
    const texts = new Map(out.documents.map((d) => [d.id, readFileSync(join(SEEDS, d.id), 'utf8').normalize('NFC')]));
    for (const list of [out.officials, out.indicators, out.agreements, out.legalRefs]) {
      for (const rec of list) {
        for (const e of rec.evidence) expect(texts.get(rec.doc)!.slice(e.start, e.end)).toBe(e.text);
      }
    }
  });

  test('two runs are byte-identical, in every format', () => {
    for (const f of ['json', 'yaml', 'ndjson', 'pretty']) {
      const a = cli([SEEDS, '--format', f]);
      const b = cli([SEEDS, '--format', f]);
      expect(a.code).toBe(0);
      expect(a.stdout.length).toBeGreaterThan(0);
      expect(a.stdout).toBe(b.stdout);
    }
  });

  test('yaml is the same tree as json', () => {
    const j = JSON.parse(cli([SEEDS, '--format', 'json']).stdout);
    const y = parseYaml(cli([SEEDS, '--format', 'yaml']).stdout);
    expect(y).toEqual(j);
  });

  test('ndjson: a document line first, then its records, each with a kind', () => {
    const lines = cli([SEEDS, '--format', 'ndjson']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].kind).toBe('document');
    const kinds = new Set(lines.map((l) => l.kind));
    for (const k of kinds) expect(['document', 'official', 'indicator', 'agreement', 'legal_ref']).toContain(k);
    let doc = '';
    for (const l of lines) {
      if (l.kind === 'document') doc = l.id;
      else expect(l.doc).toBe(doc);
    }
    expect(lines.filter((l) => l.kind === 'document')).toHaveLength(5);
  });

  test('pretty output has no colour codes under NO_COLOR', () => {
    const r = cli([SEEDS, '--format', 'pretty']);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout).toContain('000_529f232f53dd2013.txt');
  });

  test('--kinds keeps only the chosen kinds', () => {
    const out = JSON.parse(cli([SEEDS, '--kinds', 'legalRefs']).stdout);
    expect(out.officials).toEqual([]);
    expect(out.indicators).toEqual([]);
    expect(out.agreements).toEqual([]);
  });

  test('stdin: `-` reads one document with id `-`, or the --id given', () => {
    const text = readFileSync(join(SEEDS, '003_c5d376b14e6dff08.txt'));
    const a = JSON.parse(cli(['-'], { input: text }).stdout);
    expect(a.documents).toHaveLength(1);
    expect(a.documents[0].id).toBe('-');
    const b = JSON.parse(cli(['-', '--id', 'bai-viet.txt'], { input: text }).stdout);
    expect(b.documents[0].id).toBe('bai-viet.txt');
    const fromFile = JSON.parse(cli([join(SEEDS, '003_c5d376b14e6dff08.txt')]).stdout);
    const strip = (o: any) => ({ ...o, documents: o.documents.map((d: any) => ({ ...d, id: '', path: '' })) });
    const norm = (o: any) => JSON.stringify(strip(o)).replaceAll('bai-viet.txt#', '#').replaceAll('003_c5d376b14e6dff08.txt#', '#').replaceAll('"doc":"bai-viet.txt"', '"doc":""').replaceAll('"doc":"003_c5d376b14e6dff08.txt"', '"doc":""');
    expect(norm(b)).toBe(norm(fromFile));
  });

  test('-o writes the file atomically and nothing to stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
    const out = join(dir, 'out.json');
    const r = cli([SEEDS, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(outputSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).documents).toHaveLength(5);
  });

  test('a missing path: named on stderr, other files still extracted, exit 3', () => {
    const r = cli([SEEDS, 'no/such/folder']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no/such/folder');
    expect(JSON.parse(r.stdout).documents).toHaveLength(5);
  });

  test('no input found: exit 2 with a message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-empty-'));
    const r = cli([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no input/);
    expect(r.stdout).toBe('');
  });

  test('usage errors exit 2', () => {
    expect(cli([SEEDS, '--format', 'xml']).code).toBe(2);
    expect(cli([SEEDS, '--kinds', 'people']).code).toBe(2);
    expect(cli(['--no-such-flag']).code).toBe(2);
  });

  test('--glob and folder walking: sorted ids relative to the root, hidden folders skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-walk-'));
    mkdirSync(join(dir, 'b'));
    mkdirSync(join(dir, '.hidden'));
    cpSync(join(SEEDS, '000_529f232f53dd2013.txt'), join(dir, 'b', 'z.txt'));
    cpSync(join(SEEDS, '000_529f232f53dd2013.txt'), join(dir, 'a.md'));
    cpSync(join(SEEDS, '000_529f232f53dd2013.txt'), join(dir, '.hidden', 'x.txt'));
    writeFileSync(join(dir, 'c.txt'), 'Không có gì.');
    expect(JSON.parse(cli([dir]).stdout).documents.map((d: any) => d.id)).toEqual(['b/z.txt', 'c.txt']);
    expect(JSON.parse(cli([dir, '--glob', '**/*.md']).stdout).documents.map((d: any) => d.id)).toEqual(['a.md']);
  });

  test('--version and --help go to stdout with exit 0', () => {
    const v = cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const h = cli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--format');
  });

  test('schema prints a JSON Schema of the output', () => {
    const s = JSON.parse(cli(['schema']).stdout);
    expect(s.type).toBe('object');
    expect(Object.keys(s.properties)).toEqual(['schemaVersion', 'generator', 'documents', 'officials', 'indicators', 'agreements', 'legalRefs']);
  });
});

describe('extract eval', () => {
  test('scores the seeds against their gold and lists findings', () => {
    const r = cli(['eval', '--gold', 'fixtures/gold', 'fixtures/seeds']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^documents with gold: 5/);
    for (const k of ['officials', 'titlePairs', 'indicators', 'agreements', 'legalRefs']) expect(r.stdout).toContain(k);
  });
  test('--json and --min-f1', () => {
    const j = JSON.parse(cli(['eval', '--gold', 'fixtures/gold', 'fixtures/seeds', '--json']).stdout);
    expect(j.kinds.officials.gold).toBe(20);
    const strict = cli(['eval', '--gold', 'fixtures/gold', 'fixtures/seeds', '--min-f1', '1.01']);
    expect(strict.code).toBe(2);
    const impossible = cli(['eval', '--gold', 'fixtures/gold', 'fixtures/seeds', '--min-f1', '1']);
    const perfect = Object.values(j.kinds as Record<string, { f1: number }>).every((k) => k.f1 === 1);
    expect(impossible.code).toBe(perfect ? 0 : 1);
  });
  test('a gold folder that does not exist is a usage error', () => {
    expect(cli(['eval', '--gold', 'nope']).code).toBe(2);
  });
});
