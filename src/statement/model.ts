import type { DateSource, Reliability, StatementKind } from '../generated/graphql.js';
import type { Plain } from '../neo4j/records.js';
import { map, num, str, strOrNull } from '../shared/rows.js';

export interface StatementRecord {
  __typename: 'Statement';
  id: string;
  text: string;
  kind: StatementKind;
  speakerId: string | null;
  speakerNote: string | null;
  saidOn: string | null;
  dateSource: DateSource | null;
}

export interface CitationRecord {
  statementId: string;
  sourceId: string;
  start: number;
  end: number;
}

export interface SourceRecord {
  __typename: 'Source';
  id: string;
  title: string;
  outlet: string | null;
  publishedOn: string | null;
  url: string | null;
  reliability: Reliability;
  reliabilityNote: string | null;
}

/** `s` bound to the statement. */
export const statementProjection = 's {.id, .text, .kind, .speakerNote, .saidOn, .dateSource, speakerId: [(s)-[:SAID_BY]->(sp) | sp.id][0]}';
/**
 * `src` bound to the source. Without its text: an article is kilobytes, and most reads want its title. The text comes
 * through its own loader when `Source.text`, `Citation.excerpt` or `Citation.context` is asked.
 */
export const sourceProjection = 'src {.id, .title, .outlet, .publishedOn, .url, .reliability, .reliabilityNote}';

export function toStatement(value: Plain | undefined): StatementRecord {
  const row = map(value);
  return {
    __typename: 'Statement',
    id: str(row.id),
    text: str(row.text),
    kind: str(row.kind) as StatementKind,
    speakerId: strOrNull(row.speakerId),
    speakerNote: strOrNull(row.speakerNote),
    saidOn: strOrNull(row.saidOn),
    dateSource: strOrNull(row.dateSource) as DateSource | null,
  };
}

export function toCitation(value: Plain | undefined): CitationRecord {
  const row = map(value);
  return { statementId: str(row.statementId), sourceId: str(row.sourceId), start: num(row.start), end: num(row.end) };
}

export function toSource(value: Plain | undefined): SourceRecord {
  const row = map(value);
  return {
    __typename: 'Source',
    id: str(row.id),
    title: str(row.title),
    outlet: strOrNull(row.outlet),
    publishedOn: strOrNull(row.publishedOn),
    url: strOrNull(row.url),
    reliability: str(row.reliability) as Reliability,
    reliabilityNote: strOrNull(row.reliabilityNote),
  };
}

export type StatementConnectionRecord = import('../shared/pagination.js').Connection<StatementRecord>;
export type SourceConnectionRecord = import('../shared/pagination.js').Connection<SourceRecord>;
