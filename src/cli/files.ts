/**
 * Paths on the command line to a deterministic stream of input files. A folder is walked depth
 * first, each folder's entries in sorted order, and its files are matched against the glob
 * (`**\/*.txt` by default; hidden folders and node_modules skipped); a file is taken as given.
 * The order is that of sorting every relative path as a string, but nothing is listed ahead:
 * memory stays that of one folder's entries whatever the size of the archive. A document's id
 * is its path relative to the root argument it was found under (RECORDS.md); a file given
 * directly has its base name as id.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

export interface InputFile {
  id: string;
  /** Path as the user would write it (relative to cwd when given relative). */
  path: string;
  abs: string;
}

/** One step of a walk: a file to read, or a path that cannot be used and why. */
export type WalkItem = { file: InputFile; error?: undefined } | { error: string; file?: undefined };

/** The walk as a lazy, ordered stream: each folder is read when the walk reaches it. */
export function* walkItems(paths: string[], opts: { glob: string; cwd: string }): Generator<WalkItem> {
  const matches = picomatch(opts.glob, { dot: false });
  for (const p of paths) {
    const abs = resolve(opts.cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      yield { error: `${p}: ${code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message}` };
      continue;
    }
    if (!st.isDirectory()) {
      yield { file: { id: basename(abs), path: p, abs } };
      continue;
    }
    for (const item of walkFolder(abs, p, matches)) {
      if (item.error !== undefined) yield { error: item.error };
      else {
        const fileAbs = resolve(abs, item.rel);
        yield { file: { id: item.rel.split(sep).join('/'), path: relativeOrAbs(opts.cwd, fileAbs, p), abs: fileAbs } };
      }
    }
  }
}

/** Folders never walked: hidden ones and node_modules. */
function skippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

interface Entry {
  name: string;
  /** Sort key: a folder sorts as `name/`, so the walk's order is that of full paths. */
  key: string;
  kind: 'file' | 'folder' | 'link-folder';
}

/**
 * Files under `root` matching the glob, in the order of their sorted relative paths. Symbolic
 * links to files are kept (broken ones too, so reading them says why); a link to a folder is
 * walked once, the glob applying inside it as from the link, unless it is, contains or lies
 * inside a folder already walked: such a link is a loop or a second path to the same files and
 * is reported once.
 */
function* walkFolder(root: string, display: string, matches: (rel: string) => boolean): Generator<{ rel: string; error?: undefined } | { error: string; rel?: undefined }> {
  const walked: string[] = [];
  const inside = (a: string, b: string): boolean => a === b || a.startsWith(b.endsWith(sep) ? b : b + sep);
  // `base` is the folder the glob is matched from (the root, or a linked folder).
  function* visit(dir: string, prefix: string, base: string): Generator<{ rel: string; error?: undefined } | { error: string; rel?: undefined }> {
    let dirents: Dirent[];
    try {
      dirents = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      yield { error: `${join(display, prefix)}: cannot list folder: ${(err as Error).message}` };
      return;
    }
    const entries: Entry[] = [];
    for (const d of dirents) {
      if (d.isDirectory()) {
        if (!skippedFolder(d.name)) entries.push({ name: d.name, key: d.name + '/', kind: 'folder' });
      } else if (d.isSymbolicLink()) {
        let target;
        try {
          target = statSync(join(dir, d.name));
        } catch {
          entries.push({ name: d.name, key: d.name, kind: 'file' }); // dangling or looping link: reading it says which
          continue;
        }
        if (target.isDirectory()) {
          if (!skippedFolder(d.name)) entries.push({ name: d.name, key: d.name + '/', kind: 'link-folder' });
        } else entries.push({ name: d.name, key: d.name, kind: 'file' });
      } else if (d.isFile()) entries.push({ name: d.name, key: d.name, kind: 'file' });
    }
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const e of entries) {
      const rel = prefix + e.name;
      if (e.kind === 'file') {
        if (matches(relative(base, join(dir, e.name)).split(sep).join('/'))) yield { rel };
      } else if (e.kind === 'folder') {
        yield* visit(join(dir, e.name), rel + '/', base);
      } else {
        const linked = join(dir, e.name);
        let real: string;
        try {
          real = realpathSync(linked);
        } catch {
          continue;
        }
        if (walked.some((w) => inside(real, w) || inside(w, real))) {
          yield { error: `${join(display, rel)}: symbolic link loop (or a second path to a folder already read), not followed` };
          continue;
        }
        walked.push(real);
        yield* visit(linked, rel + '/', linked);
      }
    }
  }
  walked.push(realpathSync(root));
  yield* visit(root, '', root);
}

function relativeOrAbs(cwd: string, abs: string, given: string): string {
  if (given.startsWith('/')) return abs;
  const rel = relative(cwd, abs);
  return rel.startsWith('..') ? abs : rel.split(sep).join('/');
}
