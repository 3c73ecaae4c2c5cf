import type { DocContext } from '../engine/context.js';
import type { Agreement, Draft } from '../schema.js';

/** Inter-provincial and cross-border cooperation instruments of one document. */
export function extractAgreements(_ctx: DocContext): Draft<Agreement>[] {
  return [];
}
