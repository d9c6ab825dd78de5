/** The event domain's records, parsed by these schemas. */
import { z } from 'zod';
import type { Connection } from '../shared/pagination.js';
import { optionalText } from '../shared/rows.js';
import { dateSources } from '../vocabulary.js';

export const eventRecord = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: optionalText,
    date: optionalText,
    dateSource: z.enum(dateSources).nullable(),
    endDate: optionalText,
    place: optionalText,
    description: optionalText,
  })
  .transform((event) => ({ __typename: 'Event' as const, ...event }));
export type EventRecord = z.output<typeof eventRecord>;

export const participationRecord = z.object({ actorId: z.string(), eventId: z.string(), role: optionalText });
export type ParticipationRecord = z.output<typeof participationRecord>;

export type EventConnectionRecord = Connection<EventRecord>;

/** The sort key of the events list (oldest first, undated last), as its cursors carry it. */
export function eventSortKey(event: EventRecord): [string, string] {
  return [event.date ?? '9999-12-31', event.id];
}
