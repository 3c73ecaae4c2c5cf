/**
 * The reorder buffer, the worker pool, and `--jobs N` end to end: output identical to
 * `--jobs 1` byte for byte, in every format, with problems reported in input order.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { IN_PROCESS_MAX_FILES, ordered, ownedBytes, parseJobs, WINDOW_PER_JOB, workersFor, WorkerPool } from './pool.js';
import { batches, batchSize, runTasks } from './pipeline.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/extract.js');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('ordered (reorder buffer)', () => {
  test('emits in source order although tasks finish in another order', async () => {
    const delays = [30, 1, 20, 5, 0, 12, 3, 25, 2, 8];
    const seen: number[] = [];
    const finished: number[] = [];
    await ordered(
      delays,
      4,
      async (d, i) => {
        await sleep(d);
        finished.push(i);
        return i;
      },
      (r) => void seen.push(r),
    );
    expect(seen).toEqual(delays.map((_, i) => i));
    expect(finished).not.toEqual(seen); // they really did finish out of order
  });

  test('never has more than `window` tasks started and not yet emitted', async () => {
    let started = 0;
    let emitted = 0;
    let worst = 0;
    await ordered(
      Array.from({ length: 50 }, (_, i) => i),
      3,
      async (i) => {
        started++;
        worst = Math.max(worst, started - emitted);
        await sleep(i % 4);
        return i;
      },
      () => void emitted++,
    );
    expect(emitted).toBe(50);
    expect(worst).toBeLessThanOrEqual(3);
    expect(worst).toBe(3);
  });

  test('back-pressure: while emit is blocked, no further input is pulled', async () => {
    let pulled = 0;
    function* source(): Generator<number> {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield i;
      }
    }
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run = ordered(source(), 5, async (i) => i, async (i) => {
      if (i === 0) await gate; // the reader of stdout is slow
    });
    await sleep(20);
    expect(pulled).toBeLessThanOrEqual(5);
    release();
    await run;
    expect(pulled).toBe(100);
  });

  test('a failing task is rethrown at its turn, after the results before it', async () => {
    const seen: number[] = [];
    await expect(
      ordered(
        [0, 1, 2, 3, 4],
        4,
        async (i) => {
          await sleep(i === 3 ? 0 : 10);
          if (i === 3) throw new Error('boom at 3');
          return i;
        },
        (r) => void seen.push(r),
      ),
    ).rejects.toThrow('boom at 3');
    expect(seen).toEqual([0, 1, 2]);
  });
});

describe('WorkerPool', () => {
  // A worker that doubles numbers, fails on 13, and answers slowly on even inputs.
  const code = `
    const { parentPort } = require('node:worker_threads');
    parentPort.on('message', ({ seq, task: n }) => {
      const reply = () => parentPort.postMessage(n === 13 ? { seq, ok: false, error: 'unlucky ' + n } : { seq, ok: true, value: n * 2 });
      if (n % 2 === 0) setTimeout(reply, 5); else reply();
    });`;
  const spawn = (): Worker => new Worker(code, { eval: true });

  test('runs tasks on several workers; with ordered(), results come back in order', async () => {
    const pool = new WorkerPool<number, number>(3, spawn);
    const out: number[] = [];
    try {
      await ordered(
        Array.from({ length: 40 }, (_, i) => (i === 13 ? 40 : i)),
        8,
        (n) => pool.run(n),
        (r) => void out.push(r),
      );
    } finally {
      await pool.close();
    }
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => (i === 13 ? 80 : i * 2)));
  });

  test('a task error rejects that task only', async () => {
    const pool = new WorkerPool<number, number>(2, spawn);
    try {
      const [a, b, c] = await Promise.allSettled([pool.run(1), pool.run(13), pool.run(2)]);
      expect(a).toEqual({ status: 'fulfilled', value: 2 });
      expect(b.status).toBe('rejected');
      expect((b as PromiseRejectedResult).reason.message).toBe('unlucky 13');
      expect(c).toEqual({ status: 'fulfilled', value: 4 });
    } finally {
      await pool.close();
    }
  });

  test('a worker that dies rejects its pending tasks instead of hanging', async () => {
    const pool = new WorkerPool<number, number>(1, () => new Worker(`process.exit(7)`, { eval: true }));
    await expect(pool.run(1)).rejects.toThrow(/exit code 7/);
    await pool.close();
  });

  test('ownedBytes copies a slice of a shared buffer, keeps a whole one', () => {
    const whole = new Uint8Array(8);
    expect(ownedBytes(whole)).toBe(whole);
    const slice = Buffer.from('small string in the shared pool');
    const owned = ownedBytes(slice);
    expect(owned.byteOffset).toBe(0);
    expect(owned.buffer.byteLength).toBe(slice.length);
    expect(Buffer.from(owned).toString()).toBe('small string in the shared pool');
  });

  test('--jobs parsing and when workers are used', () => {
    expect(parseJobs('3')).toBe(3);
    expect(() => parseJobs('0')).toThrow(/positive/);
    expect(() => parseJobs('two')).toThrow(/positive/);
    expect(workersFor(4, IN_PROCESS_MAX_FILES)).toBe(0);
    expect(workersFor(1, 1000)).toBe(0);
    expect(workersFor(4, 1000)).toBe(4);
  });
});

describe('batches of documents for the workers', () => {
  test('consecutive groups in source order, the last one shorter, read lazily', async () => {
    let read = 0;
    async function* source(): AsyncGenerator<number> {
      for (let i = 0; i < 7; i++) {
        read++;
        yield i;
      }
    }
    const it = batches(source(), 3)[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual([0, 1, 2]);
    expect(read).toBe(3); // nothing read past the first batch yet
    expect((await it.next()).value).toEqual([3, 4, 5]);
    expect((await it.next()).value).toEqual([6]);
    expect((await it.next()).done).toBe(true);
  });

  test('batch size: 8 on a large or unknown run, smaller when a small run would leave a worker idle', () => {
    expect(batchSize(2, Infinity)).toBe(8);
    expect(batchSize(2, 100_000)).toBe(8);
    expect(batchSize(2, 2 * WINDOW_PER_JOB * 3)).toBe(3);
    expect(batchSize(4, 20)).toBe(1);
    expect(batchSize(2, 1)).toBe(1);
  });

  test('a document that breaks the extractor is reported alone; the rest of its batch is extracted', () => {
    const text = new TextEncoder().encode('Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Quảng Trị, cho biết GRDP tăng 7,5%.\n');
    const ok = { id: 'a.txt', path: 'a.txt', decode: {}, bytes: text };
    // Neither bytes nor a file: reading it throws inside the worker's task.
    const broken = { id: 'b.txt', path: 'b.txt', decode: {} };
    const replies = runTasks([ok, broken, { ...ok, id: 'c.txt', path: 'c.txt' }]);
    expect(replies).toHaveLength(3);
    expect('result' in replies[0]! && replies[0].result.document.id).toBe('a.txt');
    expect(replies[1]).toEqual({ error: expect.any(String) });
    expect('result' in replies[2]! && replies[2].result.document.id).toBe('c.txt');
    expect('result' in replies[2]! && replies[2].result.officials.length).toBeGreaterThan(0);
  });
});

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input: '', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** An archive larger than the in-process threshold: the dev corpus and the seeds, in folders. */
function archive(): string {
  const dir = mkdtempSync(join(tmpdir(), 'extract-jobs-'));
  cpSync(join(ROOT, 'fixtures/seeds'), join(dir, 'seeds'), { recursive: true });
  mkdirSync(join(dir, 'dev'));
  for (const f of readdirSync(join(ROOT, 'fixtures/dev')).filter((f) => f.endsWith('.txt'))) cpSync(join(ROOT, 'fixtures/dev', f), join(dir, 'dev', f));
  return dir;
}

describe('extract --jobs N (built binary)', () => {
  const dir = archive();
  const files = readdirSync(join(dir, 'dev')).length + readdirSync(join(dir, 'seeds')).length;

  test('the archive is large enough to use workers', () => {
    expect(files).toBeGreaterThan(IN_PROCESS_MAX_FILES);
  });

  test.each(['ndjson', 'json', 'yaml'])('--format %s: --jobs 3 output equals --jobs 1 byte for byte', (format) => {
    const one = cli([dir, '--format', format, '--jobs', '1', '--quiet']);
    const three = cli([dir, '--format', format, '--jobs', '3', '--quiet']);
    expect(one.code).toBe(0);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(three.code).toBe(0);
    expect(three.stdout).toBe(one.stdout);
  });

  test('-o file.ndjson: the file from --jobs 2 (lines sent as bytes) equals --jobs 1 and stdout', () => {
    const out = mkdtempSync(join(tmpdir(), 'extract-jobs-out-'));
    expect(cli([dir, '--format', 'ndjson', '--jobs', '1', '-o', join(out, 'one.ndjson')]).code).toBe(0);
    expect(cli([dir, '--format', 'ndjson', '--jobs', '2', '-o', join(out, 'two.ndjson')]).code).toBe(0);
    const one = readFileSync(join(out, 'one.ndjson'));
    expect(one.length).toBeGreaterThan(1000);
    expect(readFileSync(join(out, 'two.ndjson')).equals(one)).toBe(true);
    expect(one.toString('utf8')).toBe(cli([dir, '--format', 'ndjson', '--jobs', '2', '--quiet']).stdout);
  });

  test('ndjson keeps input order: document lines follow the sorted file list', () => {
    const lines = cli([dir, '--format', 'ndjson', '--jobs', '2']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; id: string });
    const ids = lines.filter((l) => l.kind === 'document').map((l) => l.id);
    expect(ids).toHaveLength(files);
    expect(ids).toEqual([...ids].sort());
  });

  test('an unreadable file among many: same stdout and stderr as --jobs 1, exit 3', () => {
    const bad = mkdtempSync(join(tmpdir(), 'extract-jobs-bad-'));
    cpSync(dir, bad, { recursive: true });
    writeFileSync(join(bad, 'dev', 'b00_binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 0]));
    const one = cli([bad, '--format', 'ndjson', '--jobs', '1']);
    const two = cli([bad, '--format', 'ndjson', '--jobs', '2']);
    expect(one.code).toBe(3);
    expect(two.code).toBe(3);
    expect(two.stderr).toContain('b00_binary.txt');
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout).toBe(one.stdout);
  });

  test('--jobs 0 is a usage error', () => {
    const r = cli([dir, '--jobs', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs/);
    expect(r.stdout).toBe('');
  });
});
