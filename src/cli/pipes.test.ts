/**
 * `extract` between other programs: one document on stdin, a stream of NDJSON documents in and
 * records out as each is done (read before the input is closed), a reader that leaves early
 * (`| head -1`) as a quiet exit 0, and CSV for spreadsheets. Runs the built binary.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/extract.js');
const SEEDS = join(ROOT, 'fixtures/seeds');
const SEED_IDS = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
const seedText = (id: string): string => readFileSync(join(SEEDS, id), 'utf8');

function cli(args: string[], opts: { input?: string; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, input: opts.input ?? '', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

const lines = (s: string): Record<string, unknown>[] => s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const countByKind = (ls: Record<string, unknown>[]): Record<string, number> => ls.reduce<Record<string, number>>((m, l) => ({ ...m, [String(l.kind)]: (m[String(l.kind)] ?? 0) + 1 }), {});
const docLine = (id: string, text: string): string => JSON.stringify({ id, text }) + '\n';

describe('stdin', () => {
  test('`extract -` reads one document: id and path `-` (or --id), the same records as from the file', () => {
    const fromFile = lines(cli([join(SEEDS, SEED_IDS[0]!), '--format', 'ndjson']).stdout);
    const r = cli(['-', '--format', 'ndjson'], { input: seedText(SEED_IDS[0]!) });
    expect(r.code).toBe(0);
    const got = lines(r.stdout);
    expect(got[0]).toMatchObject({ kind: 'document', id: '-', path: '-' });
    expect(countByKind(got)).toEqual(countByKind(fromFile));
    expect(got.slice(1).every((l) => String(l.key).startsWith('-#'))).toBe(true);
    const named = lines(cli(['-', '--id', 'story.txt', '--format', 'ndjson'], { input: seedText(SEED_IDS[0]!) }).stdout);
    expect(named[0]).toMatchObject({ id: 'story.txt' });
  });

  test('--stdin-ndjson: records for each line, ndjson by default, same records as from the files', () => {
    const input = SEED_IDS.map((id) => docLine(id, seedText(id))).join('');
    const r = cli(['--stdin-ndjson'], { input });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const got = lines(r.stdout);
    expect(got.filter((l) => l.kind === 'document').map((l) => l.id)).toEqual(SEED_IDS);
    const fromFiles = lines(cli([SEEDS, '--format', 'ndjson']).stdout);
    const strip = (ls: Record<string, unknown>[]) => ls.filter((l) => l.kind !== 'document');
    expect(strip(got)).toEqual(strip(fromFiles));
  });

  test('--stdin-ndjson writes a document’s lines before the input is closed', async () => {
    const child = spawn(process.execPath, [BIN, '--stdin-ndjson'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const firstLine = new Promise<string>((resolve) => {
      const onData = (d: Buffer): void => {
        out += d.toString('utf8');
        if (out.includes('\n')) {
          child.stdout.off('data', onData);
          resolve(out.slice(0, out.indexOf('\n')));
        }
      };
      child.stdout.on('data', onData);
      // A crash must fail the test at once, not time it out.
      child.on('close', () => resolve(''));
    });
    child.stdin.write(docLine('first', seedText(SEED_IDS[0]!)));
    // The input is still open here: the first document must already be out.
    const first = await firstLine;
    expect(first, `no output line; stderr: ${err}`).not.toBe('');
    expect(JSON.parse(first)).toMatchObject({ kind: 'document', id: 'first' });
    expect(child.exitCode).toBeNull();
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stdin.end(docLine('second', seedText(SEED_IDS[1]!)));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(lines(out).filter((l) => l.kind === 'document').map((l) => l.id)).toEqual(['first', 'second']);
  });

  test('--stdin-ndjson: a malformed line is named by number and skipped; the run goes on and exits 3', () => {
    const input = [docLine('one', seedText(SEED_IDS[0]!)), '{not json\n', '\n', '{"id": "two"}\n', '["id", "text"]\n', docLine('three', seedText(SEED_IDS[1]!))].join('');
    const r = cli(['--stdin-ndjson'], { input });
    expect(r.code).toBe(3);
    const err = r.stderr.trim().split('\n');
    expect(err).toHaveLength(3);
    expect(err[0]).toMatch(/^extract: stdin line 2: not valid JSON/);
    expect(err[1]).toBe('extract: stdin line 4: "text" must be a string');
    expect(err[2]).toBe('extract: stdin line 5: expected an object {"id": "...", "text": "..."}');
    expect(lines(r.stdout).filter((l) => l.kind === 'document').map((l) => l.id)).toEqual(['one', 'three']);
  });

  test('--stdin-ndjson with another format, and with paths (a usage error)', () => {
    const json = cli(['--stdin-ndjson', '--format', 'json'], { input: docLine('one', seedText(SEED_IDS[0]!)) });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).documents[0].id).toBe('one');
    const both = cli(['--stdin-ndjson', SEEDS]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--stdin-ndjson reads documents from stdin only/);
  });
});

describe('a reader that leaves early (`| head -1`)', () => {
  let big: string;
  beforeAll(() => {
    // Enough output to fill the pipe many times over, so writes hit the closed pipe.
    big = mkdtempSync(join(tmpdir(), 'extract-pipes-'));
    for (let i = 0; i < 20; i++) {
      mkdirSync(join(big, `c${i}`));
      cpSync(SEEDS, join(big, `c${i}`), { recursive: true });
    }
  });

  // Streaming formats stop extracting once the reader is gone, so a big corpus stays quick.
  test.each([['ndjson'], ['csv --kinds indicators']])('--format %s | head -1: exit 0, nothing on stderr', (format) => {
    const r = spawnSync('bash', ['-c', `node "${BIN}" "${big}" --format ${format} 2>"${big}/err" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat "${big}/err"`], { env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout.toString('utf8')).toBe('0\n');
  });

  // Formats written at the end: a reader that is gone before the first write (`| true`).
  test.each([['json'], ['pretty'], ['yaml'], ['ndjson']])('--format %s | true (reader gone before any output): exit 0, nothing on stderr', (format) => {
    const r = spawnSync('bash', ['-c', `node "${BIN}" "${SEEDS}" --format ${format} 2>"${big}/err-${format}" | true; echo "\${PIPESTATUS[0]}"; cat "${big}/err-${format}"`], { env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout.toString('utf8')).toBe('0\n');
  });

  test('warnings into a closed pipe (`2>&1 | head -1`) do not crash the run either', () => {
    const empty = mkdtempSync(join(tmpdir(), 'extract-pipes-'));
    for (let i = 0; i < 3000; i++) writeFileSync(join(empty, `e${i}.txt`), '');
    const r = spawnSync('bash', ['-c', `node "${BIN}" "${empty}" --format ndjson 2>&1 >/dev/null | head -1; echo "\${PIPESTATUS[0]}"`], { env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout.toString('utf8')).toMatch(/^extract: [^\n]*e0\.txt[^\n]*\n0\n$/);
  });

  test('--stdin-ndjson | head -1: exit 0, nothing on stderr', () => {
    const input = Array.from({ length: 200 }, (_, i) => docLine(`d${i}`, seedText(SEED_IDS[i % SEED_IDS.length]!))).join('');
    const r = spawnSync('bash', ['-c', `node "${BIN}" --stdin-ndjson 2>"${big}/err2" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat "${big}/err2"`], { input, env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout.toString('utf8')).toBe('0\n');
  });
});

describe('--format csv', () => {
  test('one kind to stdout: header and one row per record, CRLF', () => {
    const r = cli([SEEDS, '--format', 'csv', '--kinds', 'indicators']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\r\n');
    expect(rows[0]).toBe('key,doc,indicator,area,value,upper,unit,period,status,bound,ranks,evidence,rule');
    const n = (JSON.parse(cli([SEEDS, '--format', 'json']).stdout) as { indicators: unknown[] }).indicators.length;
    expect(rows.filter(Boolean)).toHaveLength(n + 1);
    expect(r.stdout.charCodeAt(0)).not.toBe(0xfeff);
  });

  test('-o DIR writes one CSV per kind and documents.csv; --excel starts each with the BOM', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'extract-csv-')), 'tables');
    const r = cli([SEEDS, '--format', 'csv', '-o', dir, '--excel']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['agreements.csv', 'documents.csv', 'indicators.csv', 'legalRefs.csv', 'officials.csv']);
    for (const f of readdirSync(dir)) expect([...readFileSync(join(dir, f)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readFileSync(join(dir, 'documents.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(SEED_IDS.length + 1);
  });

  test('-o FILE with one kind; without a kind or a folder it is a usage error', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'extract-csv-')), 'officials.csv');
    expect(cli([SEEDS, '--format', 'csv', '-k', 'officials', '-o', file]).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(cli([SEEDS, '--format', 'csv', '-k', 'officials']).stdout);
    const bad = cli([SEEDS, '--format', 'csv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/choose one with --kinds/);
    expect(cli([SEEDS, '--excel']).code).toBe(2);
  });
});
