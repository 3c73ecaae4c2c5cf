/** What bin/extract.js loads: the command line and the process's streams (bundled, see build/bundle.ts). */
export { run } from './main.js';
export { processIo } from './io.js';
