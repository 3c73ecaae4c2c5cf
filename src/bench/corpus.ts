/**
 * The benchmark corpus: a deterministic archive of article-like files built from our own dev
 * corpus (fixtures/dev/*.txt). Paragraphs are drawn with a seeded PRNG and varied (numbers,
 * years, person names from fixtures/bench/names.yaml, provinces from data/provinces.yaml), then
 * packed into files of 2-20 KB until the requested size is reached. Same seed and size, same
 * bytes, on every machine.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEED = 0x5eed2024;
/** Bump when the generator changes, so a cached corpus is rebuilt. */
const GENERATOR_VERSION = 1;

/** mulberry32: a small, fast, well-spread 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Names {
  surnames: string[];
  middles: string[];
  givens: string[];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function provinceNames(): string[] {
  const raw = parse(readFileSync(join(ROOT, 'data/provinces.yaml'), 'utf8')) as Record<string, { name: string }[]>;
  const out = new Set<string>();
  for (const list of Object.values(raw)) if (Array.isArray(list)) for (const p of list) if (p?.name) out.add(p.name.normalize('NFC'));
  return [...out].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** A paragraph varier: swaps provinces, person names and numbers with seeded choices. */
export function varier(rand: () => number): (para: string) => string {
  const names = parse(readFileSync(join(ROOT, 'fixtures/bench/names.yaml'), 'utf8')) as Names;
  const provinces = provinceNames();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const re = new RegExp(
    [
      `(?<prov>(?<![\\p{L}])(?:${provinces.map(escapeRe).join('|')})(?![\\p{L}]))`,
      `(?<person>(?<![\\p{L}])(?:${names.surnames.map(escapeRe).join('|')})(?:[ ]\\p{Lu}\\p{Ll}*){1,3}(?![\\p{L}]))`,
      `(?<num>(?<![\\d/:])\\d+(?:[.,]\\d+)*(?![\\d/:]))`,
    ].join('|'),
    'gu',
  );
  const digits = (len: number, firstNonZero: boolean): string => {
    let s = '';
    for (let i = 0; i < len; i++) s += String(i === 0 && firstNonZero ? 1 + Math.floor(rand() * 9) : Math.floor(rand() * 10));
    return s;
  };
  return (para) =>
    para.normalize('NFC').replace(re, (m: string, ...args: unknown[]) => {
      const g = args[args.length - 1] as Record<string, string | undefined>;
      if (g.prov) return pick(provinces);
      if (g.person) {
        const parts = m.split(' ').length;
        const given = [pick(names.surnames)];
        if (parts >= 3) given.push(pick(names.middles));
        given.push(pick(names.givens));
        return given.join(' ');
      }
      if (/^(?:19|20)\d\d$/.test(m)) return String(2016 + Math.floor(rand() * 10));
      // Same shape (separators kept), new digits.
      return m.replace(/\d+/g, (d, off: number) => digits(d.length, off === 0 ? d[0] !== '0' : false));
    });
}

export interface CorpusInfo {
  dir: string;
  files: number;
  bytes: number;
  mb: number;
  seed: number;
  reused: boolean;
}

/** Build (or reuse) a corpus of about `mb` MB (10^6 bytes) under `dir`. */
export function buildCorpus(dir: string, mb: number): CorpusInfo {
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusInfo & { version: number };
    if (m.version === GENERATOR_VERSION && m.mb === mb && m.seed === SEED) return { ...m, dir, reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rand = prng(SEED);
  const vary = varier(rand);
  const devDir = join(ROOT, 'fixtures/dev');
  const docs = readdirSync(devDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(devDir, f), 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0));
  const titles = docs.map((d) => d[0]!);
  const paragraphs = docs.flatMap((d) => d.slice(1)).filter((p) => p.length >= 60);
  const target = mb * 1_000_000;
  let bytes = 0;
  let files = 0;
  while (bytes < target) {
    const size = 2048 + Math.floor(rand() * (20480 - 2048));
    const day = 1 + Math.floor(rand() * 28);
    const month = 1 + Math.floor(rand() * 12);
    const year = 2016 + Math.floor(rand() * 10);
    const parts = [vary(titles[Math.floor(rand() * titles.length)]!), `${day}/${month}/${year}`];
    let len = Buffer.byteLength(parts.join('\n'));
    while (len < size) {
      const p = vary(paragraphs[Math.floor(rand() * paragraphs.length)]!);
      parts.push(p);
      len += Buffer.byteLength(p) + 1;
    }
    const text = parts.join('\n') + '\n';
    const sub = join(dir, String(Math.floor(files / 1000)).padStart(4, '0'));
    if (files % 1000 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `doc${String(files).padStart(7, '0')}.txt`), text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  const info = { dir, files, bytes, mb, seed: SEED, reused: false };
  writeFileSync(manifestPath, JSON.stringify({ ...info, version: GENERATOR_VERSION }, null, 2) + '\n');
  return info;
}
