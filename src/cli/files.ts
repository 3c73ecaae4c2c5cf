/**
 * Paths on the command line to a sorted, deterministic list of input files. A folder is walked
 * with fast-glob (`**\/*.txt` by default; hidden folders and node_modules skipped); a file is
 * taken as given. A document's id is its path relative to the root argument it was found
 * under (RECORDS.md); a file given directly has its base name as id.
 */
import { statSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
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
        found = await fg(opts.glob, {
          cwd: abs,
          onlyFiles: true,
          dot: false,
          followSymbolicLinks: true,
          ignore: ['**/node_modules/**', '**/.*/**'],
          suppressErrors: true,
          unique: true,
        });
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

function relativeOrAbs(cwd: string, abs: string, given: string): string {
  if (given.startsWith('/')) return abs;
  const rel = relative(cwd, abs);
  return rel.startsWith('..') ? abs : rel.split(sep).join('/');
}
