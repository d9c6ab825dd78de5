/** The position mutations' inputs, checked at the edge: every failure names the field. */
import { z } from 'zod';
import { date, ids, optional, slug, text } from '../shared/input-fields.js';
import { stances } from '../vocabulary.js';

export const setPositionInput = z
  .strictObject({
    id: optional(slug),
    actorId: slug,
    topicId: slug,
    stance: z.enum(stances),
    summary: text(500),
    condition: optional(text(1000)),
    evidence: ids(100).min(1, 'a position needs at least one evidence statement'),
  })
  .refine((input) => input.stance !== 'CONDITIONAL' || input.condition !== null, {
    message: 'a CONDITIONAL position needs a condition',
    path: ['condition'],
  });

export const retractPositionInput = z.strictObject({ id: slug, validTo: optional(date) });
