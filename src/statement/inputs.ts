/** The statement and source mutations' inputs, checked at the edge: every failure names the field. */
import { z } from 'zod';
import { date, ids, name, optional, slug, text } from '../shared/input-fields.js';
import { dateSources, reliabilities, statementKinds } from '../vocabulary.js';

export const addSourceInput = z.strictObject({
  id: optional(slug),
  title: name(500),
  outlet: optional(name(200)),
  publishedOn: optional(date),
  url: optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000)),
  text: text(500_000),
  reliability: z.enum(reliabilities),
  reliabilityNote: optional(text(2000)),
});

export const recordStatementInput = z
  .strictObject({
    id: optional(slug),
    text: text(5000),
    kind: z.enum(statementKinds),
    speakerId: optional(slug),
    speakerNote: optional(name(300)),
    saidOn: optional(date),
    dateSource: optional(z.enum(dateSources)),
    sourceIds: optional(ids(20)),
    citations: optional(
      z
        .array(
          z.strictObject({
            sourceId: slug,
            match: optional(text(5000)),
            occurrence: optional(z.number().int().min(1).max(1000)),
          }),
        )
        .max(20),
    ),
  })
  .refine((input) => (input.sourceIds?.length ?? 0) + (input.citations?.length ?? 0) > 0, {
    message: 'a statement needs at least one source (sourceIds or citations)',
    path: ['sourceIds'],
  });
