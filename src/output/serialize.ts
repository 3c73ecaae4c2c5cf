/** JSON and YAML serialisations of the whole output tree (deterministic key order). */
import type { Output } from '../schema.js';
// Loaded on the first YAML output only: JSON and NDJSON runs never pay for it.
import { yaml } from '../lazy.js';

export function toJson(out: Output): string {
  return JSON.stringify(out, null, 2) + '\n';
}

export function toYaml(out: Output): string {
  return yaml().stringify(out, { lineWidth: 0, aliasDuplicateObjects: false });
}
