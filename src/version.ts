/** Package name and version, read once from package.json. */
import { readFileSync } from 'node:fs';

let pkg: { name: string; version: string } | undefined;

export function packageInfo(): { name: string; version: string } {
  pkg ??= JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return pkg;
}

export function generator(): string {
  const p = packageInfo();
  return `${p.name}@${p.version}`;
}
