import type { Stance } from '../generated/graphql.js';
import type { Plain } from '../neo4j/records.js';
import { map, str, strOrNull } from '../shared/rows.js';

export interface PositionRecord {
  __typename: 'Position';
  id: string;
  actorId: string;
  topicId: string;
  stance: Stance;
  summary: string | null;
  condition: string | null;
  validFrom: string | null;
  validTo: string | null;
}

/** `p` bound to the position, reached from actor `a` and topic `t`. */
export const positionProjection = 'p {.id, .stance, .summary, .condition, validFrom: toString(p.validFrom), validTo: toString(p.validTo), actorId: a.id, topicId: t.id}';

export function toPosition(value: Plain | undefined): PositionRecord {
  const row = map(value);
  return {
    __typename: 'Position',
    id: str(row.id),
    actorId: str(row.actorId),
    topicId: str(row.topicId),
    stance: str(row.stance) as Stance,
    summary: strOrNull(row.summary),
    condition: strOrNull(row.condition),
    validFrom: strOrNull(row.validFrom),
    validTo: strOrNull(row.validTo),
  };
}
