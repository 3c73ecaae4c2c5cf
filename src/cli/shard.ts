/**
 * `--shard K/N`: the K-th of N deterministic slices of the input, so N machines (GNU parallel
 * --sshlogin, a batch array job, a streaming mapper) can split one archive and the union of
 * their NDJSON equals the single run's. A document belongs to a slice by a stable hash of its
 * id (RECORDS.md: the path relative to the root argument), never by position or by the
 * machine, so every shard agrees without talking to the others.
 */
import { UsageError } from './io.js';

export interface Shard {
  /** 1-based slice number, 1 ≤ k ≤ n. */
  k: number;
  n: number;
}

/** Parse `K/N` (1 ≤ K ≤ N); a usage error names the option. */
export function parseShard(s: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(s);
  if (!m) throw new UsageError(`--shard: expected K/N such as 2/8, got '${s}'`);
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--shard: N must be at least 1, got '${s}'`);
  if (k < 1 || k > n) throw new UsageError(`--shard: K must be between 1 and N, got '${s}'`);
  return { k, n };
}

/**
 * FNV-1a (32-bit) of the id's UTF-8 bytes, then murmur3's final mix so that ids differing in
 * one trailing digit (`a001.txt`, `a002.txt`) still land far apart. Stable across machines,
 * Node versions and runs; not cryptographic (it only needs to spread ids evenly).
 */
export function stableHash(id: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(id, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The 1-based slice an id falls in among `n`. */
export function shardOf(id: string, n: number): number {
  return (stableHash(id) % n) + 1;
}

/** Whether a document id belongs to this shard (every id does when no shard is given). */
export function inShard(id: string, shard: Shard | undefined): boolean {
  return !shard || shard.n === 1 || shardOf(id, shard.n) === shard.k;
}
