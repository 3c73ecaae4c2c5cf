#!/usr/bin/env node
// The `extract` command. `--version` is answered without loading the library (start-up time).
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
} else {
  const { run } = await import('../dist/cli/main.js');
  const { processIo } = await import('../dist/cli/io.js');
  process.exitCode = await run(argv, processIo());
}
