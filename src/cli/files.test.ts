/**
 * The streaming walk: the order is exactly that of the sorted relative paths (a folder sorts
 * as `name/`), folders are read only when the walk reaches them, and links to folders are
 * walked once (a loop is reported, not followed).
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { walkItems, type InputFile } from './files.js';

/** The whole walk at once: its files and its problems. */
async function walk(paths: string[], opts: { glob: string; cwd: string }): Promise<{ files: InputFile[]; errors: string[] }> {
  const files: InputFile[] = [];
  const errors: string[] = [];
  for (const item of walkItems(paths, opts)) {
    if (item.file) files.push(item.file);
    else errors.push(item.error);
  }
  return { files, errors };
}

function tree(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'extract-files-'));
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'x');
  }
  return dir;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

describe('walk', () => {
  test('the order of the sorted relative paths, even where a folder name prefixes a file name', async () => {
    const names = ['a.txt', 'a/x.txt', 'a-b.txt', 'a b/c.txt', 'a0/d.txt', 'b/a/z.txt', 'b/a.txt', 'b/a-1.txt', 'B.txt', 'đ/e.txt', 'z.txt'];
    const dir = tree(names);
    const w = await walk([dir], { glob: '**/*.txt', cwd: '/' });
    expect(w.files.map((f) => f.id)).toEqual([...names].sort(byCodeUnits));
    expect(w.errors).toEqual([]);
  });

  test('lazy: a file added to a later folder after the walk started is found', () => {
    const dir = tree(['a/1.txt', 'b/2.txt']);
    const it = walkItems([dir], { glob: '**/*.txt', cwd: '/' });
    expect(it.next().value?.file?.id).toBe('a/1.txt');
    writeFileSync(join(dir, 'b', '3.txt'), 'x');
    expect([...it].map((i) => i.file?.id)).toEqual(['b/2.txt', 'b/3.txt']);
  });

  test('hidden folders, hidden files and node_modules are skipped; the glob is matched from the root', async () => {
    const dir = tree(['.git/a.txt', 'node_modules/p/b.txt', 'x/.c.txt', 'x/d.txt', 'e.md', 'f.txt']);
    expect((await walk([dir], { glob: '**/*.txt', cwd: '/' })).files.map((f) => f.id)).toEqual(['f.txt', 'x/d.txt']);
    expect((await walk([dir], { glob: '*.txt', cwd: '/' })).files.map((f) => f.id)).toEqual(['f.txt']);
  });

  test('a link to an outside folder is walked at its place; a link back up or to a folder already in the walk is reported, not followed', async () => {
    const dir = tree(['in/a.txt', 'z/b.txt']);
    const outside = tree(['c.txt']);
    symlinkSync(outside, join(dir, 'm'));
    symlinkSync(dir, join(dir, 'in', 'up'));
    symlinkSync(join(dir, 'z'), join(dir, 'y'));
    const w = await walk([dir], { glob: '**/*.txt', cwd: '/' });
    expect(w.files.map((f) => f.id)).toEqual(['in/a.txt', 'm/c.txt', 'z/b.txt']);
    expect(w.errors).toHaveLength(2);
    expect(w.errors[0]).toMatch(/in\/up: symbolic link loop/);
    expect(w.errors[1]).toMatch(/\/y: symbolic link loop \(or a second path/);
  });
});
