/** The statement domain's records (statements, their citations, the sources cited), parsed by these schemas. */
import { z } from 'zod';
import { actorRecord } from '../actor/model.js';
import type { Connection } from '../shared/pagination.js';
import { optionalText } from '../shared/rows.js';
import { dateSources, reliabilities, statementKinds } from '../vocabulary.js';

const statementFields = {
  id: z.string(),
  text: z.string(),
  kind: z.enum(statementKinds),
  speakerNote: optionalText,
  saidOn: optionalText,
  dateSource: z.enum(dateSources).nullable(),
};

export const statementRecord = z
  .object({ ...statementFields, speakerId: optionalText })
  .transform((statement) => ({ __typename: 'Statement' as const, ...statement }));
export type StatementRecord = z.output<typeof statementRecord>;

/** Where a statement's words stand in a source; its id (`<statement>@<source>`) is stable: one citation per source. */
const citationFields = z.object({ statementId: z.string(), sourceId: z.string(), start: z.number().int(), end: z.number().int() });
const withCitationId = <C extends z.output<typeof citationFields>>(citation: C) => ({ id: `${citation.statementId}@${citation.sourceId}`, ...citation });
export const citationRecord = citationFields.transform(withCitationId);
export type CitationRecord = z.output<typeof citationRecord>;

export const sourceRecord = z
  .object({
    id: z.string(),
    title: z.string(),
    outlet: optionalText,
    publishedOn: optionalText,
    url: optionalText,
    reliability: z.enum(reliabilities),
    reliabilityNote: optionalText,
  })
  .transform((source) => ({ __typename: 'Source' as const, ...source }));
export type SourceRecord = z.output<typeof sourceRecord>;

/** A statement with what a client asked of it (its speaker, its citations and their sources), fetched in one query. */
export interface StatementTree {
  statement: StatementRecord;
  speaker?: z.output<typeof actorRecord> | null;
  citations?: Array<{ citation: CitationRecord; source?: SourceRecord }>;
}

/** Parses what `statementTreeProjection` returns (statement/repository.ts). */
export const statementTree = z
  .object({
    ...statementFields,
    speakerId: optionalText.optional(),
    speaker: actorRecord.nullable().optional(),
    citations: z.array(citationFields.extend({ source: sourceRecord.optional() }).transform(withCitationId)).optional(),
  })
  .transform(({ speaker, citations, speakerId, ...fields }): StatementTree => {
    const tree: StatementTree = {
      statement: { __typename: 'Statement', ...fields, speakerId: speaker !== undefined ? (speaker?.id ?? null) : (speakerId ?? null) },
    };
    if (speaker !== undefined) tree.speaker = speaker;
    if (citations) tree.citations = citations.map(({ source, ...citation }) => ({ citation, ...(source ? { source } : {}) }));
    return tree;
  });

export type StatementConnectionRecord = Connection<StatementRecord>;
export type SourceConnectionRecord = Connection<SourceRecord>;
