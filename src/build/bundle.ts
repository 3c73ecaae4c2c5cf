/**
 * Build step (`npm run build`): the command line and its worker as two single-file bundles
 * (dist/bundle/cli.js, dist/bundle/worker.js), made by esbuild from tsc's output. A short run
 * spends much of its life loading modules: one file instead of some 150 (ours, zod, commander,
 * chalk, js-yaml...) starts markedly faster. The library (dist/index.js) is not bundled.
 *
 * The bundles sit two folders below the package root, like dist/<dir>/<module>.js, so paths
 * built from `import.meta.url` (data/, dist/data-cache/) resolve the same from either.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../', import.meta.url));

await build({
  entryPoints: { cli: `${dist}cli/entry.js`, worker: `${dist}cli/worker.js` },
  outdir: `${dist}bundle`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS dependencies (commander, iconv-lite...) call require(): give them one.
  banner: { js: "import { createRequire as __extractRequire } from 'node:module'; const require = __extractRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
});
