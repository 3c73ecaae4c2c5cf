/** JSON and YAML serialisations of the whole output tree (deterministic key order). */
import { createRequire } from 'node:module';
import type { Output } from '../schema.js';

// `yaml` is loaded on the first YAML output only: JSON and NDJSON runs never pay for it
// (start-up time). Its Node entry is CommonJS, so a synchronous require works.
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

export function toJson(out: Output): string {
  return JSON.stringify(out, null, 2) + '\n';
}

export function toYaml(out: Output): string {
  return yaml().stringify(out, { lineWidth: 0, aliasDuplicateObjects: false });
}
