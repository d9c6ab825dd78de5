/** The actor domain's records: what its queries return (parsed by these schemas) and what its resolvers receive. */
import { z } from 'zod';
import type { Connection } from '../shared/pagination.js';
import { optionalText, textList } from '../shared/rows.js';
import { actorKinds, actorRelationTypes, relationDirections } from '../vocabulary.js';

export const actorRecord = z
  .object({ id: z.string(), name: z.string(), kind: z.enum(actorKinds), aliases: textList, description: optionalText })
  .transform((actor) => ({ __typename: 'Actor' as const, ...actor }));
export type ActorRecord = z.output<typeof actorRecord>;

/** A role, with its stable id (holder, organisation, title). */
export const roleRecord = z.object({ id: z.string(), title: z.string(), holderId: z.string(), ofId: z.string() });
export type RoleRecord = z.output<typeof roleRecord>;

/** A relation read from `fromId` to `toId`, with its stable id (`<from>:<TYPE>:<to>`). */
export const actorRelationRecord = z.object({
  id: z.string(),
  type: z.enum(actorRelationTypes),
  fromId: z.string(),
  toId: z.string(),
  evidenceIds: textList,
});
export type ActorRelationRecord = z.output<typeof actorRelationRecord>;

/** A relation seen from one of its ends: the other end and the way the type reads. */
export const relationEdgeRow = z.object({
  sortKey: z.array(z.string()),
  node: actorRelationRecord,
  actorId: z.string(),
  direction: z.enum(relationDirections),
});
export type RelationEdgeRecord = Omit<z.output<typeof relationEdgeRow>, 'sortKey'> & { cursor: string };

export type ActorConnectionRecord = Connection<ActorRecord>;
export type RelationConnectionRecord = Connection<ActorRelationRecord>;
export type ActorRelationConnectionRecord = Connection<ActorRelationRecord> & { edges: RelationEdgeRecord[] };
export type RoleConnectionRecord = Connection<RoleRecord>;

/** What relateActors answers: the relation, read from `fromId`, and the audit record. */
export interface ActorRelationPayloadRecord {
  fromId: string;
  relation: ActorRelationRecord;
  change: import('../curation/model.js').ChangeRecord;
}
