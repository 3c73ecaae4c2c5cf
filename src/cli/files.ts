/**
 * Paths on the command line to a sorted, deterministic list of input files. A folder is walked
 * with fast-glob (`**\/*.txt` by default; hidden folders and node_modules skipped); a file is
 * taken as given. A document's id is its path relative to the root argument it was found
 * under (RECORDS.md); a file given directly has its base name as id.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';

export interface InputFile {
  id: string;
  /** Path as the user would write it (relative to cwd when given relative). */
  path: string;
  abs: string;
}

export interface Walk {
  files: InputFile[];
  /** Paths that could not be read or do not exist, with the reason. */
  errors: string[];
}

export async function walk(paths: string[], opts: { glob: string; cwd: string }): Promise<Walk> {
  const files: InputFile[] = [];
  const errors: string[] = [];
  for (const p of paths) {
    const abs = resolve(opts.cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      errors.push(`${p}: ${code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
      continue;
    }
    if (st.isDirectory()) {
      let found: string[];
      try {
        found = await listFolder(abs, opts.glob, p, errors);
      } catch (err) {
        errors.push(`${p}: cannot list folder: ${(err as Error).message}`);
        continue;
      }
      found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const rel of found) {
        const fileAbs = resolve(abs, rel);
        files.push({ id: rel.split(sep).join('/'), path: relativeOrAbs(opts.cwd, fileAbs, p), abs: fileAbs });
      }
    } else {
      files.push({ id: basename(abs), path: p, abs });
    }
  }
  return { files, errors };
}

const IGNORE = ['**/node_modules/**', '**/.*/**'];

/**
 * Files under `root` matching `glob`, following symbolic links to folders once each. fast-glob
 * itself would follow a link loop (`a -> ..`) some 40 levels deep, and two such links
 * exponentially, so it lists without following links; each linked folder is then walked on its
 * own (the glob applies inside it as from the link) unless it is, contains or lies inside a
 * folder already walked: such a link is a loop or a second path to the same files and is
 * reported once. Links to files are kept; broken ones too, so reading them says why.
 */
async function listFolder(root: string, glob: string, display: string, errors: string[]): Promise<string[]> {
  const walked: string[] = [];
  const out: string[] = [];
  const inside = (a: string, b: string): boolean => a === b || a.startsWith(b.endsWith(sep) ? b : b + sep);
  const visit = async (dir: string, prefix: string): Promise<void> => {
    walked.push(realpathSync(dir));
    const common = { cwd: dir, dot: false, followSymbolicLinks: false, ignore: IGNORE, suppressErrors: true, unique: true, onlyFiles: false, objectMode: true } as const;
    for (const e of await fg(glob, common)) {
      if (e.dirent.isFile()) out.push(prefix + e.path);
      else if (e.dirent.isSymbolicLink()) {
        let target;
        try {
          target = statSync(join(dir, e.path));
        } catch {
          out.push(prefix + e.path); // dangling or looping link: reading it will say which
          continue;
        }
        if (target.isFile()) out.push(prefix + e.path);
      }
    }
    const links = (await fg('**', common)).filter((e) => e.dirent.isSymbolicLink()).map((e) => e.path).sort();
    for (const link of links) {
      let real: string;
      try {
        real = realpathSync(join(dir, link));
        if (!statSync(real).isDirectory()) continue;
      } catch {
        continue;
      }
      if (walked.some((w) => inside(real, w) || inside(w, real))) {
        errors.push(`${join(display, prefix + link)}: symbolic link loop (or a second path to a folder already read), not followed`);
        continue;
      }
      await visit(join(dir, link), `${prefix}${link}/`);
    }
  };
  await visit(root, '');
  return out;
}

function relativeOrAbs(cwd: string, abs: string, given: string): string {
  if (given.startsWith('/')) return abs;
  const rel = relative(cwd, abs);
  return rel.startsWith('..') ? abs : rel.split(sep).join('/');
}
