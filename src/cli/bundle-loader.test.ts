/**
 * The binary's loader (dist/, as `npm test` builds it first): the bundle runs from its code
 * cache, and V8 accepts that cache (a rejected one would silently cost start-up time).
 */
import { describe, expect, test } from 'vitest';

describe('bundle loader', () => {
  test('the built code cache is accepted and the bundle exposes the command line', async () => {
    const dist = '../../dist/cli/bundle-loader.js';
    const { loadCli } = (await import(dist)) as typeof import('./bundle-loader.js');
    const cli = loadCli();
    expect(cli.script.cachedDataRejected).toBe(false);
    expect(typeof cli.run).toBe('function');
    expect(cli.processIo().cwd).toBe(process.cwd());
  });
});
