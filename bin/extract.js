#!/usr/bin/env node
// The `extract` command. `--version` is answered without loading the library (start-up time);
// everything else runs the bundled command line (dist/bundle/cli.cjs with its code cache: one
// file, already compiled, loads fastest; see src/cli/bundle-loader.ts).
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
} else {
  const { loadCli } = await import('../dist/cli/bundle-loader.js');
  const { run, processIo } = loadCli();
  process.exitCode = await run(argv, processIo());
}
