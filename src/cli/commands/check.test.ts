/**
 * `extract check` and `extract diff` as a user runs them (the built binary): a baseline made
 * with --update, a deliberately edited copy of a seed (a figure changed, a person removed, an
 * agreement added), the exact report lines and exit codes, --update, --strict, --tolerance,
 * --format json, and the project's own committed baselines.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, test } from 'vitest';
import { run } from '../main.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin/extract.js');
const SEEDS = join(ROOT, 'fixtures/seeds');
const EDITS = parseYaml(readFileSync(join(ROOT, 'fixtures/cli/check-edits.yaml'), 'utf8')) as {
  doc: string;
  figure: { from: string; to: string; value_from: number; value_to: number };
  append: string;
  append_parties: string[];
};

function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: '',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

type Rec = { key: string; doc: string; name?: string; value?: number };
type Out = { officials: Rec[]; indicators: Rec[]; agreements: Rec[]; legalRefs: Rec[] };

/** A temp folder with `corpus/` (a copy of the seeds) and `snap/seeds.json` made by --update. */
function workspace(): { dir: string; baseline: Out } {
  const dir = mkdtempSync(join(tmpdir(), 'extract-check-'));
  cpSync(SEEDS, join(dir, 'corpus'), { recursive: true });
  const r = cli(['check', 'corpus', '--baseline', 'snap/seeds.json', '--update'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return { dir, baseline: JSON.parse(readFileSync(join(dir, 'snap/seeds.json'), 'utf8')) as Out };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Change one figure, remove one person (every mention of the name), append an agreement. */
function editSeed(dir: string, baseline: Out): { figure: Rec; person: Rec } {
  const file = join(dir, 'corpus', EDITS.doc);
  let text = readFileSync(file, 'utf8').normalize('NFC');
  const figure = baseline.indicators.find((r) => r.doc === EDITS.doc && r.value === EDITS.figure.value_from);
  const person = baseline.officials.find((r) => r.doc === EDITS.doc);
  expect(figure, 'the seed yields the figure the edit changes').toBeDefined();
  expect(person, 'the seed yields an official to remove').toBeDefined();
  expect(text).toContain(EDITS.figure.from);
  text = text.replace(EDITS.figure.from, EDITS.figure.to);
  text = text.replace(new RegExp(escapeRe(person!.name!), 'giu'), '');
  writeFileSync(file, text.trimEnd() + '\n' + EDITS.append);
  return { figure: figure!, person: person! };
}

const changeLines = (stdout: string): string[] => stdout.split('\n').filter((l) => /^ {2}[~+-] /.test(l));

describe('extract check', () => {
  let ws: { dir: string; baseline: Out };
  beforeAll(() => {
    ws = workspace();
  });

  test('--update writes exactly what `--format json` prints, and an unchanged corpus passes', () => {
    const json = cli(['corpus', '--format', 'json'], { cwd: ws.dir });
    expect(readFileSync(join(ws.dir, 'snap/seeds.json'), 'utf8')).toBe(json.stdout);
    const r = cli(['check', 'corpus', '--baseline', 'snap/seeds.json'], { cwd: ws.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const n = Object.values(ws.baseline).filter(Array.isArray).slice(1).flat().length;
    expect(r.stdout).toBe(`no changes (5 documents, ${n} records)\n`);
  });

  test('a figure changed, a person removed, an agreement added: exact lines, exit 1; --update then exit 0', () => {
    const { dir, baseline } = workspace();
    const { figure, person } = editSeed(dir, baseline);
    const r = cli(['check', 'corpus', '--baseline', 'snap/seeds.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(EDITS.doc);
    const changes = changeLines(r.stdout);
    expect(changes).toHaveLength(3);
    expect(changes[0]).toMatch(new RegExp(`^  - ${escapeRe(person.key)}(  \\(.*\\))?$`));
    expect(changes[1]).toBe(`  ~ ${figure.key}`);
    expect(changes[2]).toMatch(new RegExp(`^  \\+ ${escapeRe(`${EDITS.doc}#agreement/${EDITS.append_parties.join('+')}/`)}`));
    const at = lines.indexOf(`  ~ ${figure.key}`);
    expect(lines[at + 1]).toBe(`      value ${EDITS.figure.value_from} → ${EDITS.figure.value_to}`);
    expect(lines.at(-2)).toBe('3 changes in 1 of 5 documents: 1 added, 1 removed, 1 changed');

    const json = JSON.parse(cli(['check', 'corpus', '--baseline', 'snap/seeds.json', '--format', 'json'], { cwd: dir }).stdout);
    expect(json).toMatchObject({ baseline: 'snap/seeds.json', changed: true, summary: { added: 1, removed: 1, changed: 1, documents: 1 } });
    const changed = json.documents[0].changes.find((c: { op: string }) => c.op === 'changed');
    expect(changed).toMatchObject({ kind: 'indicator', key: figure.key });
    expect(changed.fields[0]).toEqual({ field: 'value', from: EDITS.figure.value_from, to: EDITS.figure.value_to });

    // Within tolerance the figure is not a change; the person and the agreement still are.
    const tol = cli(['check', 'corpus', '--baseline', 'snap/seeds.json', '--tolerance', '5%'], { cwd: dir });
    expect(tol.code, tol.stderr).toBe(1);
    expect(tol.stdout).not.toContain(figure.key);
    expect(changeLines(tol.stdout)).toHaveLength(2);

    // Removing the name moved later evidence: a change only under --strict.
    const strict = JSON.parse(cli(['check', 'corpus', '--baseline', 'snap/seeds.json', '--strict', '--format', 'json'], { cwd: dir }).stdout);
    expect(strict.summary.changed).toBeGreaterThan(1);

    const up = cli(['check', 'corpus', '--baseline', 'snap/seeds.json', '--update'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toBe('');
    expect(up.stderr).toBe('extract: updated snap/seeds.json: 3 changes in 1 of 5 documents: 1 added, 1 removed, 1 changed\n');
    expect(cli(['check', 'corpus', '--baseline', 'snap/seeds.json', '--update'], { cwd: dir }).stderr).toMatch(/^extract: snap\/seeds\.json is up to date: no changes \(5 documents, \d+ records\)\n$/);
    const again = cli(['check', 'corpus', '--baseline', 'snap/seeds.json'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^no changes/);
  }, 120_000); // eight runs of the binary

  test('extract diff between two saved outputs gives the same report as check', () => {
    const { dir, baseline } = workspace();
    editSeed(dir, baseline);
    const b = cli(['corpus', '--format', 'ndjson'], { cwd: dir });
    writeFileSync(join(dir, 'today.ndjson'), b.stdout);
    const d = cli(['diff', 'snap/seeds.json', 'today.ndjson'], { cwd: dir });
    const c = cli(['check', 'corpus', '--baseline', 'snap/seeds.json'], { cwd: dir });
    expect(d.code, d.stderr).toBe(1);
    expect(d.stdout).toBe(c.stdout);
    const same = cli(['diff', 'snap/seeds.json', 'snap/seeds.json', '--format', 'json'], { cwd: dir });
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ a: 'snap/seeds.json', b: 'snap/seeds.json', changed: false, documents: [] });
  }, 60_000);

  test('a document removed from the corpus is reported as removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-check-'));
    const r = cli(['check', join(SEEDS, EDITS.doc), '--baseline', join(ws.dir, 'snap/seeds.json')], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^001_bbe31a76d1084824\.txt {2}\(document removed\)$/m);
    expect(r.stdout).not.toMatch(/^000_529f232f53dd2013\.txt/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/ in 4 of 5 documents: .*; 4 documents removed$/);
  });

  test('colour only when asked for (FORCE_COLOR), never under NO_COLOR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-check-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ schemaVersion: 1, generator: 'x', documents: [{ id: 'a' }], officials: [], indicators: [], agreements: [], legalRefs: [] }));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ schemaVersion: 1, generator: 'x', documents: [{ id: 'b' }], officials: [], indicators: [], agreements: [], legalRefs: [] }));
    expect(cli(['diff', 'a.json', 'b.json'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(cli(['diff', 'a.json', 'b.json'], { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  test.each([
    [['check', 'corpus', '--baseline', 'missing.json'], /baseline missing\.json does not exist: create it with --update/],
    [['check', 'corpus', '--baseline', 'corpus'], /cannot read baseline corpus: is a folder/],
    [['check', 'corpus', '--baseline', 'snap/seeds.json', '--tolerance', 'lots'], /--tolerance lots/],
    [['check', '--baseline', 'snap/seeds.json'], /name the files or folders/],
    [['check', 'corpus'], /required option '-b, --baseline <file>'/],
    [['check', 'corpus', '--baseline', 'snap/seeds.json', '--format', 'yaml'], /--format/],
    [['diff', 'snap/seeds.json'], /missing required argument/],
    [['diff', 'snap/seeds.json', 'nope.json'], /nope\.json: no such file/],
    [['diff', 'snap/seeds.json', 'corpus/000_529f232f53dd2013.txt'], /not valid JSON/],
  ])('usage error, exit 2: %j', (args, message) => {
    const r = cli(args, { cwd: ws.dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  test('--update does not write when some input is unreadable (exit 3)', () => {
    const before = readFileSync(join(ws.dir, 'snap/seeds.json'), 'utf8');
    const r = cli(['check', 'corpus', 'gone', '--baseline', 'snap/seeds.json', '--update'], { cwd: ws.dir });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('not updating snap/seeds.json');
    expect(readFileSync(join(ws.dir, 'snap/seeds.json'), 'utf8')).toBe(before);
  });

  test('a broken baseline is a usage error, and --update replaces it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-check-'));
    writeFileSync(join(dir, 'b.json'), '{ "documents": ');
    expect(cli(['check', SEEDS, '--baseline', 'b.json'], { cwd: dir }).code).toBe(2);
    expect(cli(['check', SEEDS, '--baseline', 'b.json', '--update'], { cwd: dir }).code).toBe(0);
    expect(cli(['check', SEEDS, '--baseline', 'b.json'], { cwd: dir }).code).toBe(0);
  });
});

describe('in-process, through run(argv, io)', () => {
  test('diff writes its JSON report to the given stdout and resolves to the exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-check-'));
    const tree = (title: string) => JSON.stringify({ schemaVersion: 1, generator: 'x', documents: [{ id: 'a', title }], officials: [], indicators: [], agreements: [], legalRefs: [] });
    writeFileSync(join(dir, 'a.json'), tree('Old'));
    writeFileSync(join(dir, 'b.json'), tree('New'));
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const io = { stdout, stderr, stdin: new PassThrough(), stdoutIsTTY: false, stderrIsTTY: false, stdinIsTTY: true, env: {}, cwd: dir };
    expect(await run(['diff', 'a.json', 'b.json', '--format', 'json'], io)).toBe(1);
    expect(JSON.parse(out).documents[0].changes[0]).toEqual({ op: 'changed', kind: 'document', key: 'a', fields: [{ field: 'title', from: 'Old', to: 'New' }] });
    expect(await run(['diff', 'a.json', 'a.json'], io)).toBe(0);
  });
});

describe('the project’s committed baselines (refresh with `npm run baseline`)', () => {
  // The seeds baseline is always there; the dev one once the dev corpus has settled.
  for (const [corpus, baseline, required] of [
    ['fixtures/seeds', 'fixtures/baselines/seeds.json', true],
    ['fixtures/dev', 'fixtures/baselines/dev.json', false],
  ] as const) {
    test.runIf(required || existsSync(join(ROOT, baseline)))(`${corpus} matches ${baseline}`, () => {
      const r = cli(['check', corpus, '--baseline', baseline]);
      expect(r.stdout + r.stderr).toMatch(/^no changes/);
      expect(r.code, r.stderr).toBe(0);
    });
  }
});
