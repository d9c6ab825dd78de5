/** The ingestion and review mutations' inputs, checked at the edge: every failure names the field. */
import { z } from 'zod';
import { date, name, optional, slug, text } from '../shared/input-fields.js';
import { actorKinds, dateSources, reliabilities, stances, statementKinds } from '../vocabulary.js';

/** HTML is reduced to its article before the text limit applies; the page itself may be larger. */
export const MAX_HTML_CHARS = 5_000_000;

export const ingestArticleInput = z
  .strictObject({
    id: optional(slug),
    // The article checks (empty, binary, size, script) come after HTML is reduced: see ./article.ts.
    text: optional(z.string().max(MAX_HTML_CHARS, `must be at most ${MAX_HTML_CHARS} characters`)),
    html: optional(z.string().max(MAX_HTML_CHARS, `must be at most ${MAX_HTML_CHARS} characters`)),
    title: optional(name(500)),
    outlet: optional(name(200)),
    url: optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000)),
    publishedOn: optional(date),
    reliability: z.enum(reliabilities),
    reliabilityNote: optional(text(2000)),
  })
  .refine((input) => (input.text === null) !== (input.html === null), { message: 'give exactly one of text and html', path: ['text'] });
export type IngestArticleInput = z.output<typeof ingestArticleInput>;

const newActor = z.strictObject({
  name: name(200),
  kind: z.enum(actorKinds),
  aliases: optional(z.array(name(200)).max(50, 'must hold at most 50 aliases')),
  description: optional(text(2000)),
});

const offset = z.number().int().min(0, 'must be 0 or more');

export const candidateEdits = z
  .strictObject({
    start: optional(offset),
    end: optional(offset),
    statementKind: optional(z.enum(statementKinds)),
    speakerId: optional(slug),
    newSpeaker: optional(newActor),
    speakerNote: optional(name(300)),
    saidOn: optional(date),
    dateSource: optional(z.enum(dateSources)),
    positions: optional(
      z
        .array(
          z.strictObject({
            suggestion: optional(z.number().int().min(0, 'must be 0 or more')),
            holderId: optional(slug),
            topicId: optional(slug),
            stance: optional(z.enum(stances)),
            condition: optional(text(1000)),
            summary: optional(text(1000)),
          }),
        )
        .max(20, 'must hold at most 20 positions'),
    ),
    actor: optional(newActor),
    sameAsActorId: optional(slug),
  })
  .refine((edits) => !(edits.speakerId && edits.newSpeaker), { message: 'give speakerId or newSpeaker, not both', path: ['newSpeaker'] })
  .refine((edits) => !(edits.actor && edits.sameAsActorId), { message: 'give actor or sameAsActorId, not both', path: ['sameAsActorId'] });
export type CandidateEdits = z.output<typeof candidateEdits>;

export const rejectReason = text(2000);
