/** Review candidates as the repository returns them: rows parsed here, at the boundary. */
import { z } from 'zod';
import type { ActorRecord } from '../actor/model.js';
import type { ChangeRecord } from '../curation/model.js';
import type { PositionRecord } from '../position/model.js';
import type { Connection } from '../shared/pagination.js';
import type { SourceRecord, StatementRecord } from '../statement/model.js';
import { actorKinds, candidateKinds, candidateStatuses, dateSources, stances, statementKinds, type CandidateKind } from '../vocabulary.js';

/** An actor as suggested: linked (`actorId`), or a name and kind to create one from, or an unnamed speaker's note. */
export const suggestedActor = z.object({
  name: z.string().nullable(),
  actorId: z.string().nullable(),
  kind: z.enum(actorKinds).nullable(),
  note: z.string().nullable(),
  rule: z.string().nullable(),
  confidence: z.number().nullable(),
});
export type SuggestedActorRecord = z.output<typeof suggestedActor>;

export const suggestedStance = z.object({
  holder: suggestedActor,
  topicId: z.string(),
  stance: z.enum(stances),
  condition: z.string().nullable(),
  rule: z.string(),
  confidence: z.number(),
});
export type SuggestedStanceRecord = z.output<typeof suggestedStance>;

/** JSON kept in one property (Neo4j properties hold no maps), parsed with its schema when read. */
const json = <S extends z.ZodType>(schema: S) =>
  z.string().transform((value, context): z.output<S> => {
    const parsed = schema.safeParse(JSON.parse(value));
    if (parsed.success) return parsed.data;
    context.addIssue({ code: 'custom', message: parsed.error.message });
    return z.NEVER;
  });

export const candidateRecord = z.object({
  id: z.string(),
  kind: z.enum(candidateKinds),
  status: z.enum(candidateStatuses),
  sourceId: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  rule: z.string(),
  confidence: z.number(),
  statementKind: z.enum(statementKinds).nullable(),
  speaker: json(suggestedActor.nullable()),
  saidOn: z.string().nullable(),
  dateSource: z.enum(dateSources).nullable(),
  stances: json(z.array(suggestedStance)),
  actor: json(suggestedActor.nullable()),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  resultId: z.string().nullable(),
  ingestedAt: z.string(),
  ingestedMillis: z.number().int(),
});
export type CandidateRecord = z.output<typeof candidateRecord>;

/** A candidate as written (JSON properties still objects). */
export interface NewCandidate {
  id: string;
  kind: CandidateKind;
  start: number;
  end: number;
  text: string;
  rule: string;
  confidence: number;
  statementKind: 'QUOTE' | 'REPORTED' | null;
  speaker: SuggestedActorRecord | null;
  saidOn: string | null;
  dateSource: 'ARTICLE' | 'EVENT' | null;
  stances: SuggestedStanceRecord[];
  actor: SuggestedActorRecord | null;
}

/** What one ingestion found, for the payload. */
export interface ExtractionSummary {
  quotes: number;
  attributed: number;
  actorsLinked: number;
  actorsNew: number;
  stances: number;
  candidates: number;
  milliseconds: number;
}

export type SuggestedStanceNode = SuggestedStanceRecord & { index: number };
export type CandidateConnectionRecord = Connection<CandidateRecord>;

export interface IngestPayloadRecord {
  source: SourceRecord;
  extraction: ExtractionSummary;
  change: ChangeRecord;
}

export interface CandidatePayloadRecord {
  candidate: CandidateRecord;
  statement: StatementRecord | null;
  actors: ActorRecord[];
  positions: PositionRecord[];
  change: ChangeRecord;
}
