import type { DocContext } from '../engine/context.js';
import type { Draft, Official } from '../schema.js';

/** Officials of one document: one record per person, all mentions merged. */
export function extractOfficials(_ctx: DocContext): Draft<Official>[] {
  return [];
}
