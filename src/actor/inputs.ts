/** The actor mutations' inputs, checked at the edge: every failure names the field, e.g. `input.aliases[2]`. */
import { z } from 'zod';
import { ids, name, optional, slug, text } from '../shared/input-fields.js';
import { actorKinds, actorRelationTypes } from '../vocabulary.js';

export const upsertActorInput = z.strictObject({
  id: optional(slug),
  name: name(200),
  kind: z.enum(actorKinds),
  aliases: optional(z.array(name(200)).max(50, 'must hold at most 50 aliases')),
  description: optional(text(2000)),
});

export const mergeActorsInput = z
  .strictObject({ keepId: slug, mergeIds: ids(20).min(1, 'must hold at least one id') })
  .refine((input) => !input.mergeIds.includes(input.keepId), { message: 'must not contain keepId', path: ['mergeIds'] });

export const relateActorsInput = z
  .strictObject({ fromId: slug, type: z.enum(actorRelationTypes), toId: slug, evidence: optional(ids(50)) })
  .refine((input) => input.fromId !== input.toId, { message: 'an actor cannot relate to itself', path: ['toId'] });
