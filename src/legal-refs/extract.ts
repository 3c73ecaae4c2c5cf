import type { DocContext } from '../engine/context.js';
import type { Draft, LegalRef } from '../schema.js';

/** References to legal and Party documents in one document. */
export function extractLegalRefs(_ctx: DocContext): Draft<LegalRef>[] {
  return [];
}
