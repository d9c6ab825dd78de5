import type { DateSource } from '../generated/graphql.js';
import type { Plain } from '../neo4j/records.js';
import { map, str, strOrNull } from '../shared/rows.js';

export interface EventRecord {
  __typename: 'Event';
  id: string;
  name: string;
  kind: string | null;
  date: string | null;
  dateSource: DateSource | null;
  endDate: string | null;
  place: string | null;
  description: string | null;
}

export interface ParticipationRecord {
  actorId: string;
  eventId: string;
  role: string | null;
}

/** `e` bound to the event. */
export const eventProjection = 'e {.id, .name, .kind, date: toString(e.date), .dateSource, endDate: toString(e.endDate), .place, .description}';

export function toEvent(value: Plain | undefined): EventRecord {
  const row = map(value);
  return {
    __typename: 'Event',
    id: str(row.id),
    name: str(row.name),
    kind: strOrNull(row.kind),
    date: strOrNull(row.date),
    dateSource: strOrNull(row.dateSource) as DateSource | null,
    endDate: strOrNull(row.endDate),
    place: strOrNull(row.place),
    description: strOrNull(row.description),
  };
}

export type EventConnectionRecord = import('../shared/pagination.js').Connection<EventRecord>;
