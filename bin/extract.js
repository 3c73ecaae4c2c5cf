#!/usr/bin/env node
// The `extract` command. `--version` is answered without loading the library (start-up time);
// everything else runs the bundled command line (dist/bundle/cli.js, one file: faster to load).
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
} else {
  const { run, processIo } = await import('../dist/bundle/cli.js');
  process.exitCode = await run(argv, processIo());
}
