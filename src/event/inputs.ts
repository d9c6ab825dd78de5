/** The event mutation's input, checked at the edge: every failure names the field. */
import { z } from 'zod';
import { date, ids, name, optional, slug, text } from '../shared/input-fields.js';
import { dateSources, eventKinds } from '../vocabulary.js';

export const recordEventInput = z
  .strictObject({
    id: optional(slug),
    name: name(300),
    kind: optional(z.enum(eventKinds)),
    date: optional(date),
    dateSource: optional(z.enum(dateSources)),
    endDate: optional(date),
    place: optional(name(300)),
    description: optional(text(4000)),
    participants: optional(z.array(z.strictObject({ actorId: slug, role: optional(name(200)) })).max(200)),
    evidence: optional(ids(100)),
  })
  .refine((input) => !input.date || !input.endDate || input.endDate >= input.date, { message: 'must not be before date', path: ['endDate'] });
