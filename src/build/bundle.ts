/**
 * Build step (`npm run build`): the command line and its worker as single-file bundles
 * (dist/bundle/cli.cjs, dist/bundle/worker.js), made by esbuild from tsc's output, then V8's
 * code cache of the command line (dist/bundle/cli.cache). A short run spends most of its life
 * loading and compiling code: one file instead of some 150 modules (ours, zod, commander,
 * chalk, js-yaml...), with its functions already compiled, starts markedly faster. The library
 * (dist/index.js) is not bundled.
 *
 * The command line is CommonJS so that it can be loaded through `vm.Script` with a code cache
 * (see cli/bundle-loader.ts); `import.meta.url` becomes the bundle's own URL. The bundles sit
 * two folders below the package root, like dist/<dir>/<module>.js, so paths built from
 * `import.meta.url` (data/, dist/data-cache/, ./worker.js) resolve the same from either.
 */
import { build } from 'esbuild';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../cli/write.js';

const dist = fileURLToPath(new URL('../', import.meta.url));
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none' } as const;

await build({
  ...common,
  entryPoints: [`${dist}cli/entry.js`],
  outfile: `${dist}bundle/cli.cjs`,
  format: 'cjs',
  define: { 'import.meta.url': '__extractMetaUrl' },
  banner: { js: "const __extractMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: [`${dist}cli/worker.js`],
  outfile: `${dist}bundle/worker.js`,
  format: 'esm',
  // CommonJS dependencies (commander, iconv-lite...) call require(): give them one.
  banner: { js: "import { createRequire as __extractRequire } from 'node:module'; const require = __extractRequire(import.meta.url);" },
});

// The code cache holds what a real run compiles: warm up on the bundled seeds (when this is
// the repository, not an installed package), output thrown away.
const { loadCli, CODE_CACHE } = await import('../cli/bundle-loader.js');
const cli = loadCli({ codeCache: false });
const seeds = fileURLToPath(new URL('../../fixtures/seeds', import.meta.url));
if (existsSync(seeds)) {
  const tmp = mkdtempSync(join(tmpdir(), 'extract-build-'));
  try {
    const io = { ...cli.processIo(), stderrIsTTY: false, stdoutIsTTY: false };
    await cli.run([seeds, '--quiet', '-o', join(tmp, 'warm.json')], io);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
writeFileAtomic(CODE_CACHE, cli.script.createCachedData());
