/** The actor domain's records: what its queries return (parsed by these schemas) and what its resolvers receive. */
import { z } from 'zod';
import type { Connection } from '../shared/pagination.js';
import { optionalText, textList } from '../shared/rows.js';
import { actorKinds, actorRelationTypes } from '../vocabulary.js';

export const actorRecord = z
  .object({ id: z.string(), name: z.string(), kind: z.enum(actorKinds), aliases: textList, description: optionalText })
  .transform((actor) => ({ __typename: 'Actor' as const, ...actor }));
export type ActorRecord = z.output<typeof actorRecord>;

export const roleRecord = z.object({ title: z.string(), holderId: z.string(), ofId: z.string() });
export type RoleRecord = z.output<typeof roleRecord>;

export const actorRelationRecord = z.object({
  type: z.enum(actorRelationTypes),
  actorId: z.string(),
  direction: z.enum(['OUTGOING', 'INCOMING']),
  evidenceIds: textList,
});
export type ActorRelationRecord = z.output<typeof actorRelationRecord>;

export type ActorConnectionRecord = Connection<ActorRecord>;

/** What relateActors answers: the relation as seen from `fromId`, and the audit record. */
export interface ActorRelationPayloadRecord {
  fromId: string;
  relation: ActorRelationRecord;
  change: import('../curation/model.js').ChangeRecord;
}
