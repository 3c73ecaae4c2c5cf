/**
 * `npm run bench`: throughput, memory and start-up of `extract`, in one run.
 *
 *   node dist/bench/run.js [--mb 200] [--jobs N] [--out bench-out]
 *
 * Builds (or reuses) a deterministic corpus of `--mb` MB (10^6 bytes) from our dev corpus, then
 * measures, each in a fresh process: the floor (read + decode + NFC + one trivial regex),
 * `extract --jobs 1` and `extract --jobs N` (NDJSON to /dev/null, every kind on) as MB/s and
 * peak RSS; and start-up: `node -e 0`, `extract --version` and the five seeds (median of 7).
 * Prints a table and writes the figures as JSON to `<out>/bench-<mb>mb.json`.
 * These are benchmark figures, never test assertions.
 */
import { spawn } from 'node:child_process';
import { openSync, readFileSync, rmSync, writeFileSync, mkdirSync, closeSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from './corpus.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/extract.js');
const FLOOR = fileURLToPath(new URL('./floor.js', import.meta.url));
const RSS = new URL('./rss.js', import.meta.url).href;

interface Args {
  mb: number;
  jobs: number;
  out: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { mb: 200, jobs: availableParallelism(), out: join(ROOT, 'bench-out') };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--mb' && v) (a.mb = Number(v)), i++;
    else if (k === '--jobs' && v) (a.jobs = Number(v)), i++;
    else if (k === '--out' && v) (a.out = resolve(v)), i++;
    else throw new Error(`unknown argument '${k}' (use --mb N, --jobs N, --out DIR)`);
  }
  if (!(a.mb > 0) || !Number.isInteger(a.jobs) || a.jobs < 1) throw new Error('--mb must be > 0 and --jobs a positive integer');
  return a;
}

interface Timed {
  seconds: number;
  peakRssMb: number | null;
  code: number | null;
}

/** Run a command with stdout to /dev/null; wall time and (with `rss`) peak RSS of the process. */
async function timed(args: string[], opts: { rss?: boolean; tmp: string }): Promise<Timed> {
  const rssFile = join(opts.tmp, `rss-${process.pid}-${Date.now()}.ndjson`);
  const devnull = openSync('/dev/null', 'w');
  const argv = opts.rss ? ['--import', RSS, ...args] : args;
  const t0 = performance.now();
  const code = await new Promise<number | null>((res, rej) => {
    const child = spawn(process.execPath, argv, {
      stdio: ['ignore', devnull, 'inherit'],
      env: { ...process.env, EXTRACT_BENCH_RSS: opts.rss ? rssFile : '', NO_COLOR: '1' },
    });
    child.on('error', rej);
    child.on('close', (c) => res(c));
  });
  const seconds = (performance.now() - t0) / 1000;
  closeSync(devnull);
  let peakRssMb: number | null = null;
  if (opts.rss) {
    try {
      const line = readFileSync(rssFile, 'utf8').trim().split('\n').pop()!;
      peakRssMb = (JSON.parse(line) as { maxRssKb: number }).maxRssKb / 1024;
    } catch {
      peakRssMb = null;
    }
    rmSync(rssFile, { force: true });
  }
  return { seconds, peakRssMb, code };
}

async function median(n: number, args: string[], tmp: string): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push((await timed(args, { tmp })).seconds);
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)]!;
}

function machine(): Record<string, unknown> {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1]!.trim();
  } catch {
    /* not Linux */
  }
  return { nproc: availableParallelism(), cpu, node: process.version, os: `${platform()} ${release()}`, memGb: Math.round((totalmem() / 2 ** 30) * 10) / 10 };
}

const r2 = (x: number): number => Math.round(x * 100) / 100;
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Other processes on the machine skew every figure: the load average is recorded with them.
  const loadBefore = r2(loadavg()[0]!);
  mkdirSync(args.out, { recursive: true });
  const tmp = args.out;
  process.stderr.write(`bench: corpus of ${args.mb} MB…\n`);
  const corpus = buildCorpus(join(args.out, `corpus-${args.mb}mb`), args.mb);
  const mb = corpus.bytes / 1e6;
  process.stderr.write(`bench: ${corpus.files} files, ${mb.toFixed(1)} MB${corpus.reused ? ' (reused)' : ''}\n`);

  const run = async (label: string, argv: string[]): Promise<Timed & { mbPerS: number }> => {
    process.stderr.write(`bench: ${label}…\n`);
    const t = await timed(argv, { rss: true, tmp });
    if (t.code !== 0) throw new Error(`${label} exited with ${t.code}`);
    return { ...t, mbPerS: mb / t.seconds };
  };
  const floor = await run('floor', [FLOOR, corpus.dir]);
  const extract = (jobs: number): string[] => [BIN, corpus.dir, '--format', 'ndjson', '--quiet', '--jobs', String(jobs)];
  const jobs1 = await run('extract --jobs 1', extract(1));
  const jobsN = await run(`extract --jobs ${args.jobs}`, extract(args.jobs));

  process.stderr.write('bench: start-up (median of 7)…\n');
  const nodeBare = await median(7, ['-e', '0'], tmp);
  const version = await median(7, [BIN, '--version'], tmp);
  const seeds = await median(7, [BIN, join(ROOT, 'fixtures/seeds'), '--format', 'ndjson'], tmp);

  const report = {
    date: new Date().toISOString(),
    machine: { ...machine(), loadAverage1mBefore: loadBefore, loadAverage1mAfter: r2(loadavg()[0]!) },
    corpus: { files: corpus.files, mb: r2(mb), seed: corpus.seed },
    floor: { seconds: r2(floor.seconds), mbPerS: r2(floor.mbPerS), peakRssMb: floor.peakRssMb && r2(floor.peakRssMb) },
    jobs1: { seconds: r2(jobs1.seconds), mbPerS: r2(jobs1.mbPerS), peakRssMb: jobs1.peakRssMb && r2(jobs1.peakRssMb) },
    jobsN: { jobs: args.jobs, seconds: r2(jobsN.seconds), mbPerS: r2(jobsN.mbPerS), peakRssMb: jobsN.peakRssMb && r2(jobsN.peakRssMb) },
    ratios: { extractOverFloor: r2(jobs1.mbPerS / floor.mbPerS), jobsNOverJobs1: r2(jobsN.mbPerS / jobs1.mbPerS) },
    startup: {
      nodeSeconds: r3(nodeBare),
      versionSeconds: r3(version),
      seedsSeconds: r3(seeds),
      versionOverNode: r2(version / nodeBare),
      seedsOverNode: r2(seeds / nodeBare),
    },
  };
  const rows: [string, string, string, string][] = [
    ['run', 'MB/s', 'peak RSS MB', 'seconds'],
    ['floor (read+NFC+regex)', String(report.floor.mbPerS), String(report.floor.peakRssMb), String(report.floor.seconds)],
    ['extract --jobs 1', String(report.jobs1.mbPerS), String(report.jobs1.peakRssMb), String(report.jobs1.seconds)],
    [`extract --jobs ${args.jobs}`, String(report.jobsN.mbPerS), String(report.jobsN.peakRssMb), String(report.jobsN.seconds)],
  ];
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(' | ') + ' |';
  const table = [line(rows[0]!), '|' + w.map((n, i) => (i === 0 ? '-'.repeat(n + 2) : '-'.repeat(n + 1) + ':')).join('|') + '|', ...rows.slice(1).map(line)];
  const m = report.machine as unknown as { nproc: number; cpu: string; node: string };
  const text = [
    `corpus: ${corpus.files} files, ${report.corpus.mb} MB (seed ${corpus.seed}); machine: ${m.nproc} cores, ${m.cpu}, Node ${m.node}; load average ${loadBefore} before, ${report.machine.loadAverage1mAfter} after`,
    '',
    ...table,
    '',
    `extract --jobs 1 / floor: ${report.ratios.extractOverFloor}   extract --jobs ${args.jobs} / --jobs 1: ${report.ratios.jobsNOverJobs1}`,
    `start-up: node -e 0 ${report.startup.nodeSeconds}s · extract --version ${report.startup.versionSeconds}s (${report.startup.versionOverNode}×) · five seeds ${report.startup.seedsSeconds}s (${report.startup.seedsOverNode}×)`,
  ].join('\n');
  process.stdout.write(text + '\n');
  const file = join(args.out, `bench-${args.mb}mb.json`);
  writeFileSync(file, JSON.stringify({ ...report, table: text }, null, 2) + '\n');
  process.stderr.write(`bench: written ${file}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
