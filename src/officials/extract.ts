import type { DocContext } from '../engine/context.js';
import type { Draft, Official } from '../schema.js';
import { findMentions } from './rules.js';
import { resolveOfficials } from './resolve.js';

/** Officials of one document: one record per person, all mentions merged. */
export function extractOfficials(ctx: DocContext): Draft<Official>[] {
  return resolveOfficials(ctx, findMentions(ctx));
}
