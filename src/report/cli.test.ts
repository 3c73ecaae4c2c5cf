/**
 * `extract report` as a user runs it: the built binary (npm test builds first) for files,
 * stdout, stdin, exit codes and determinism; `run()` in-process for the terminal case.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { run } from '../cli/main.js';
import type { Io } from '../cli/io.js';
import { KINDS, outputSchema } from '../schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/extract.js');

function cli(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'extract-report-cli-'));

/** `data-kind`/`data-key` pairs of the highlights, keys unescaped. */
function highlightKeys(html: string): [string, string][] {
  return [...html.matchAll(/<mark class="hl" data-kind="([a-z_]+)" data-key="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')]);
}

describe('extract report', () => {
  test('-o writes one page with every record of the JSON output as a highlight; two runs are identical', () => {
    const dir = tmp();
    const a = cli(['report', 'fixtures/seeds', '-o', join(dir, 'a.html')]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe('');
    expect(a.stderr).toMatch(/^extract: wrote .*a\.html: 5 documents, \d+ records\n$/);
    const b = cli(['report', 'fixtures/seeds', '-o', join(dir, 'b.html')]);
    const html = readFileSync(join(dir, 'a.html'), 'utf8');
    expect(readFileSync(join(dir, 'b.html'), 'utf8')).toBe(html);
    expect(b.code).toBe(0);
    const json = outputSchema.parse(JSON.parse(cli(['fixtures/seeds', '--format', 'json']).stdout));
    const pairs = highlightKeys(html);
    for (const { kind, key } of KINDS) {
      expect(new Set(pairs.filter(([k]) => k === kind).map(([, k]) => k)), kind).toEqual(new Set(json[key].map((r) => r.key)));
    }
  });

  test('without -o the page goes to stdout when redirected; -q keeps stderr empty', () => {
    const dir = tmp();
    cli(['report', 'fixtures/seeds', '-q', '-o', join(dir, 'r.html')]);
    const r = cli(['report', 'fixtures/seeds', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stdout).toBe(readFileSync(join(dir, 'r.html'), 'utf8'));
  });

  test('stdin is one document, named with --id', () => {
    const text = readFileSync(join(ROOT, 'fixtures/seeds/000_529f232f53dd2013.txt'), 'utf8');
    const r = cli(['report', '-', '--id', 'piped.txt', '-q'], text);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<h2 id="doc-0-h">piped.txt');
    expect(highlightKeys(r.stdout).every(([, key]) => key.startsWith('piped.txt#'))).toBe(true);
  });

  test('--gold adds the score and the eval marks', () => {
    const r = cli(['report', 'fixtures/seeds', '--gold', 'fixtures/gold', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Evaluation against gold');
    expect(r.stdout).toMatch(/5 documents with gold/);
    expect(r.stdout).toMatch(/data-eval="(ok|spurious|wrong)"/);
  });

  test('a missing path next to a good one: exit 3, the page is still written', () => {
    const dir = tmp();
    const r = cli(['report', 'fixtures/seeds/000_529f232f53dd2013.txt', 'no/such/file.txt', '-o', join(dir, 'r.html')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no\/such\/file\.txt: no such file/);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('000_529f232f53dd2013.txt');
  });

  test('a binary file is skipped as `extract` skips it: exit 3, named on stderr, not on the page', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'blob.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3, 0, 0, 0, 0]));
    const r = cli(['report', join(dir, 'blob.txt'), 'fixtures/seeds/000_529f232f53dd2013.txt', '-o', join(dir, 'r.html')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/blob\.txt: binary/);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).not.toContain('blob.txt');
    expect(html).toContain('000_529f232f53dd2013.txt');
  });

  test('usage errors exit 2 and write nothing', () => {
    const dir = tmp();
    const noInput = cli(['report', 'no/such/folder', '-o', join(dir, 'r.html')]);
    expect(noInput.code).toBe(2);
    const badGold = cli(['report', 'fixtures/seeds', '--gold', 'no/such/gold', '-o', join(dir, 'r.html')]);
    expect(badGold.code).toBe(2);
    expect(badGold.stderr).toMatch(/--gold no\/such\/gold: not a folder/);
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
  });

  test('a terminal on stdout without -o is a usage error (an HTML page is not for reading there)', async () => {
    const out = new PassThrough();
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (c) => (stderr += c));
    const io: Io = { stdout: out, stderr: err, stdin: new PassThrough(), stdoutIsTTY: true, stderrIsTTY: false, stdinIsTTY: true, env: {}, cwd: ROOT };
    expect(await run(['report', 'fixtures/seeds'], io)).toBe(2);
    expect(stderr).toMatch(/give -o FILE/);
    expect(out.read()).toBeNull();
  });
});
