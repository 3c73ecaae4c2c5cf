/**
 * Faults on output, with the built binary: a folder given as --out, a read-only folder, a full
 * disk (a file-size limit makes the write fail with EFBIG, as ENOSPC would), SIGINT and SIGTERM
 * halfway. The previous output file must survive every failure, no temporary file may be left,
 * and ndjson on stdout must end on a line boundary.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/extract.js');
const SEEDS = join(ROOT, 'fixtures/seeds');

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'extract-faults-'));
  chmodSync(d, 0o755);
  return d;
}

/** A folder whose first file (empty: its warning shows the run has started) precedes many seeds. */
function bigInput(copies: number): string {
  const dir = join(tmp(), 'in');
  mkdirSync(dir);
  writeFileSync(join(dir, '0000-empty.txt'), '');
  const seeds = readdirSync(SEEDS).sort();
  for (let i = 0; i < copies; i++) copyFileSync(join(SEEDS, seeds[i % seeds.length]!), join(dir, `${String(i + 1).padStart(4, '0')}.txt`));
  return dir;
}

/** Start the binary, send `signal` once the first warning is on stderr, collect the outcome. */
function interrupt(args: string[], signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string; sent: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      if (!sent && stderr.includes('empty file')) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('close', (code) => resolve({ code, stdout, stderr, sent }));
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** As root, the read-only test runs the binary as `nobody`, which needs to read the checkout. */
const canDropToNobody = !asRoot || spawnSync(process.execPath, [BIN, '--help'], { uid: 65534, gid: 65534 }).status === 0;

describe('faults on output', () => {
  test('a folder given as --out: usage error before any work, the folder untouched', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'keep.txt'), 'x');
    const r = spawnSync(process.execPath, [BIN, SEEDS, '-o', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toContain('is a folder');
    expect(readdirSync(dir)).toEqual(['keep.txt']);
  });

  test.skipIf(!canDropToNobody)('a read-only folder: clear error, previous file intact, no temporary file', () => {
    const dir = tmp();
    const out = join(dir, 'out.json');
    writeFileSync(out, 'previous');
    chmodSync(out, 0o644);
    chmodSync(dir, 0o555);
    // root ignores permissions: run as `nobody` then.
    const r = spawnSync(process.execPath, [BIN, SEEDS, '-o', out], asRoot ? { uid: 65534, gid: 65534 } : {});
    chmodSync(dir, 0o755);
    expect(r.status).not.toBe(0);
    expect(r.stderr.toString()).toMatch(/cannot write .*out\.json: permission denied/);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  test('a full disk (the write fails halfway): clear error, previous file intact, no temporary file', () => {
    const dir = tmp();
    const out = join(dir, 'out.json');
    writeFileSync(out, 'previous');
    // `ulimit -f 8`: writes past 8 KB fail with EFBIG, like ENOSPC on a full disk.
    const r = spawnSync('sh', ['-c', `ulimit -f 8; exec "${process.execPath}" "${BIN}" "${SEEDS}" -o "${out}"`]);
    expect(r.status).toBe(3);
    expect(r.stderr.toString()).toMatch(/cannot write .*out\.json: .*(EFBIG|no space)/);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  test('SIGINT during a run with -o: exit 130, no output file, the previous one intact', { timeout: 120_000 }, async () => {
    const input = bigInput(1500);
    const dir = tmp();
    const out = join(dir, 'out.json');
    writeFileSync(out, 'previous');
    const r = await interrupt([input, '-o', out], 'SIGINT');
    expect(r.sent).toBe(true);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(`interrupted by SIGINT: ${out} not written`);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  test('SIGTERM during ndjson to stdout: exit 143, output ends on a line boundary, every line whole', { timeout: 120_000 }, async () => {
    const input = bigInput(1500);
    const r = await interrupt([input, '--format', 'ndjson'], 'SIGTERM');
    expect(r.sent).toBe(true);
    expect(r.code).toBe(143);
    expect(r.stderr).toContain('interrupted by SIGTERM');
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string; id?: string });
    expect(lines[0]!.kind).toBe('document');
    // Stopped early: not every document was written.
    expect(lines.filter((l) => l.kind === 'document').length).toBeLessThan(1501);
  });
});
