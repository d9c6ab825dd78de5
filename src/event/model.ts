/** The event domain's records, parsed by these schemas. */
import { z } from 'zod';
import type { Connection } from '../shared/pagination.js';
import { optionalText } from '../shared/rows.js';
import { dateSources, eventKinds } from '../vocabulary.js';

export const eventRecord = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(eventKinds).nullable(),
    date: optionalText,
    dateSource: z.enum(dateSources).nullable(),
    endDate: optionalText,
    place: optionalText,
    description: optionalText,
  })
  .transform((event) => ({ __typename: 'Event' as const, ...event }));
export type EventRecord = z.output<typeof eventRecord>;

/** An actor's part in an event, with its stable id (`<event>:<actor>`). */
export const participationRecord = z.object({ id: z.string(), actorId: z.string(), eventId: z.string(), role: optionalText });
export type ParticipationRecord = z.output<typeof participationRecord>;

export type EventConnectionRecord = Connection<EventRecord>;
export type ParticipationConnectionRecord = Connection<ParticipationRecord>;

