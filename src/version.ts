/** Package name and version, read once from package.json. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let pkg: { name: string; version: string } | undefined;

/**
 * The package's root folder: the nearest folder above this module holding package.json. The
 * module runs from dist/ (tsc), dist/bundle/ (the bundled binary) and src/ (tests).
 */
export function packageRoot(): string {
  let dir = new URL('./', import.meta.url);
  for (let up = 0; up < 4; up++) {
    if (existsSync(new URL('package.json', dir))) return fileURLToPath(dir);
    dir = new URL('../', dir);
  }
  throw new Error(`package.json not found above ${fileURLToPath(import.meta.url)}`);
}

export function packageInfo(): { name: string; version: string } {
  pkg ??= JSON.parse(readFileSync(packageRoot() + 'package.json', 'utf8')) as { name: string; version: string };
  return pkg;
}

export function generator(): string {
  const p = packageInfo();
  return `${p.name}@${p.version}`;
}
