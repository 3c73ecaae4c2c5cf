/**
 * `--shard K/N`: parsing, the stable hash, and the promise of the README recipe: N shards run
 * with GNU parallel give, together, exactly the single run's NDJSON.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { inShard, parseShard, shardOf, stableHash } from './shard.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/extract.js');

describe('parseShard', () => {
  test.each([
    ['1/3', { k: 1, n: 3 }],
    ['3/3', { k: 3, n: 3 }],
    [' 2 / 8 ', { k: 2, n: 8 }],
    ['1/1', { k: 1, n: 1 }],
  ])('%s', (s, want) => expect(parseShard(s)).toEqual(want));

  test.each(['0/3', '4/3', '1/0', '3', 'a/b', '-1/3', '1/3/5'])('rejects %s', (s) => {
    expect(() => parseShard(s)).toThrow(/--shard/);
  });
});

describe('stable hash', () => {
  test('fixed values: the same id lands in the same slice on every machine and release', () => {
    // Changing these breaks running shards of one archive with two versions: change on purpose only.
    expect(stableHash('')).toBe(2872998923);
    expect(stableHash('a.txt')).toBe(2006642658);
    expect(stableHash('tin/2024/bài-viết.txt')).toBe(2903079447);
    expect(shardOf('a.txt', 7)).toBe((2006642658 % 7) + 1);
    expect(shardOf('a.txt', 1)).toBe(1);
  });

  test('spreads similar ids evenly', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf(`0000/doc${String(i).padStart(7, '0')}.txt`, 4) - 1]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });

  test('every id is in exactly one of N slices', () => {
    for (const id of ['a', 'b.txt', 'x/y/z.txt', 'bài-viết.txt']) {
      const owners = [1, 2, 3, 4, 5].filter((k) => inShard(id, { k, n: 5 }));
      expect(owners).toHaveLength(1);
    }
    expect(inShard('anything', undefined)).toBe(true);
  });
});

function hasParallel(): boolean {
  return spawnSync('parallel', ['--version'], { encoding: 'utf8' }).status === 0;
}

describe('--shard with GNU parallel (built binary)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-shard-'));
  cpSync(join(ROOT, 'fixtures/seeds'), join(dir, 'seeds'), { recursive: true });
  mkdirSync(join(dir, 'dev'));
  for (const f of readdirSync(join(ROOT, 'fixtures/dev')).filter((f) => f.endsWith('.txt'))) cpSync(join(ROOT, 'fixtures/dev', f), join(dir, 'dev', f));

  test('GNU parallel is installed (.ci/run installs it)', () => {
    expect(hasParallel()).toBe(true);
  });

  test('3 shards run by parallel: their NDJSON union equals the single run, with no document twice', () => {
    const single = spawnSync(process.execPath, [BIN, dir, '--format', 'ndjson', '--quiet'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(single.status).toBe(0);
    // One output file per shard, as separate machines would write them.
    const outDir = mkdtempSync(join(tmpdir(), 'extract-shard-out-'));
    const par = spawnSync(
      'parallel',
      ['--halt', 'now,fail=1', `${process.execPath} ${BIN} ${dir} --format ndjson --quiet --shard {}/3 > ${outDir}/part-{}.ndjson`, ':::', '1', '2', '3'],
      { encoding: 'utf8' },
    );
    expect(par.stderr).toBe('');
    expect(par.status).toBe(0);
    const parts = [1, 2, 3].map((k) => spawnSync('cat', [join(outDir, `part-${k}.ndjson`)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).stdout);
    const lines = (s: string): string[] => s.split('\n').filter((l) => l.length > 0);
    const docIds = (s: string): string[] => lines(s).map((l) => JSON.parse(l) as { kind: string; id: string }).filter((r) => r.kind === 'document').map((r) => r.id);
    // Each shard got some documents, and no document is in two shards.
    for (const p of parts) expect(docIds(p).length).toBeGreaterThan(0);
    const all = parts.flatMap(docIds);
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(docIds(single.stdout).sort());
    // The union of lines is exactly the single run's lines.
    expect(parts.flatMap(lines).sort()).toEqual(lines(single.stdout).sort());
  });

  test('a shard keeps the input order of its documents', () => {
    const r = spawnSync(process.execPath, [BIN, dir, '--format', 'ndjson', '--shard', '2/3'], { encoding: 'utf8' });
    const ids = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; id: string }).filter((x) => x.kind === 'document').map((x) => x.id);
    expect(ids).toEqual([...ids].sort());
    for (const id of ids) expect(shardOf(id, 3)).toBe(2);
  });

  test('--stdin-ndjson --shard K/N: the three slices of one stream add up to the whole', () => {
    const docs = readdirSync(join(dir, 'dev'))
      .sort()
      .map((f) => JSON.stringify({ id: f, text: readFileSync(join(dir, 'dev', f), 'utf8') }))
      .join('\n');
    const run = (extra: string[]): string[] => {
      const r = spawnSync(process.execPath, [BIN, '--stdin-ndjson', '--quiet', ...extra], { input: docs, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      expect(r.status).toBe(0);
      return r.stdout.split('\n').filter(Boolean);
    };
    const whole = run([]);
    const parts = [1, 2, 3].map((k) => run(['--shard', `${k}/3`]));
    for (const p of parts) expect(p.length).toBeGreaterThan(0);
    expect(parts.flat().sort()).toEqual([...whole].sort());
  });

  test('--shard 4/3 is a usage error', () => {
    const r = spawnSync(process.execPath, [BIN, dir, '--shard', '4/3'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--shard/);
  });
});
