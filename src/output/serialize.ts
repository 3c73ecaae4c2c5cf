/** JSON and YAML serialisations of the whole output tree (deterministic key order). */
import { stringify } from 'yaml';
import type { Output } from '../schema.js';

export function toJson(out: Output): string {
  return JSON.stringify(out, null, 2) + '\n';
}

export function toYaml(out: Output): string {
  return stringify(out, { lineWidth: 0, aliasDuplicateObjects: false });
}
