import type { DocContext } from '../engine/context.js';
import type { Draft, Indicator } from '../schema.js';

/** Economic indicators of one document: one record per figure. */
export function extractIndicators(_ctx: DocContext): Draft<Indicator>[] {
  return [];
}
