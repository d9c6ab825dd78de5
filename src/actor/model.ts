import type { ActorKind } from '../generated/graphql.js';
import { map, str, strOrNull, strings } from '../shared/rows.js';
import type { Plain } from '../neo4j/records.js';

export interface ActorRecord {
  __typename: 'Actor';
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  description: string | null;
}

export interface RoleRecord {
  title: string;
  holderId: string;
  ofId: string;
}

export interface ActorRelationRecord {
  type: string;
  actorId: string;
  direction: 'OUTGOING' | 'INCOMING';
  evidenceIds: string[];
}

/** The Cypher projection every actor query returns, of the actor bound to `v`. */
export const actorProjectionOf = (v: string) => `${v} {.id, .name, .kind, .aliases, .description}`;
/** The same, `a` bound to the actor. */
export const actorProjection = actorProjectionOf('a');

export function toActor(value: Plain | undefined): ActorRecord {
  const row = map(value);
  return {
    __typename: 'Actor',
    id: str(row.id),
    name: str(row.name),
    kind: str(row.kind) as ActorKind,
    aliases: strings(row.aliases),
    description: strOrNull(row.description),
  };
}

export type ActorConnectionRecord = import('../shared/pagination.js').Connection<ActorRecord>;
