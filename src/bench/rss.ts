/**
 * Preloaded by the benchmark (`node --import dist/bench/rss.js …`): on exit, append the
 * process's peak resident set size (all threads, workers included) to the file named by
 * EXTRACT_BENCH_RSS, so the bench measures RSS without an external `time` tool.
 */
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.EXTRACT_BENCH_RSS;
if (file && isMainThread) {
  process.on('exit', () => {
    // maxRSS is in kilobytes (getrusage).
    appendFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }) + '\n');
  });
}
