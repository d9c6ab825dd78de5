/** The position domain's records (an actor's stance on a topic), parsed by these schemas. */
import { z } from 'zod';
import type { ActorRecord } from '../actor/model.js';
import type { StatementTree } from '../statement/model.js';
import type { TopicRecord } from '../topic/model.js';
import type { Connection } from '../shared/pagination.js';
import { optionalText } from '../shared/rows.js';
import { stances } from '../vocabulary.js';

export const positionRecord = z
  .object({
    id: z.string(),
    actorId: z.string(),
    topicId: z.string(),
    stance: z.enum(stances),
    summary: optionalText,
    condition: optionalText,
    validFrom: optionalText,
    validTo: optionalText,
  })
  .transform((position) => ({ __typename: 'Position' as const, ...position }));
export type PositionRecord = z.output<typeof positionRecord>;

/** A position with what a client asked of it (its topic, holder and evidence), fetched in the same query. */
export interface PositionTree {
  position: PositionRecord;
  topic?: TopicRecord;
  actor?: ActorRecord;
  evidence?: StatementTree[];
}

export type PositionConnectionRecord = Connection<PositionRecord>;

/** A change of stance (Query.shifts): the actor's position before and the one after, on one topic. */
export const stanceShiftRecord = z
  // `on` is after.validFrom, never null: a shift starts from a position dated in the window.
  .object({ actorId: z.string(), topicId: z.string(), before: positionRecord, after: positionRecord, on: z.string() })
  .transform(({ actorId, topicId, before, after, on }) => ({
    id: `${before.id}>${after.id}`,
    actorId,
    topicId,
    before,
    after,
    on,
    fromStance: before.stance,
    toStance: after.stance,
  }));
export type StanceShiftRecord = z.output<typeof stanceShiftRecord>;

export type StanceShiftConnectionRecord = Connection<StanceShiftRecord>;
