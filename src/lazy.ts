/**
 * CommonJS packages loaded on first use (start-up time): a run that never needs one (YAML
 * output, a legacy-encoded file) never pays for loading it. Their Node entries are CommonJS,
 * so a synchronous require works from ESM.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/** `name`, required on the first call and kept. */
export function lazyRequire<T>(name: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(name) as T);
}

/** `yaml`: YAML output, and data files js-yaml refuses. */
export const yaml = lazyRequire<typeof import('yaml')>('yaml');

/** `iconv-lite`: Windows-1258 files and the CP1252 view of TCVN3/VNI bytes. */
export const iconvLite = lazyRequire<typeof import('iconv-lite')>('iconv-lite');
