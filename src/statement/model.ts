import type { DateSource, Reliability, StatementKind } from '../generated/graphql.js';
import type { Plain } from '../neo4j/records.js';
import { actorProjectionOf, toActor, type ActorRecord } from '../actor/model.js';
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

/**
 * A statement's own properties, `s` bound. Dates travel as ISO strings (toString in Cypher): cheaper than the driver's
 * temporal objects, which the API turns into the same strings anyway.
 */
const statementFields = '.id, .text, .kind, .speakerNote, saidOn: toString(s.saidOn), .dateSource';
/** `s` bound to the statement. */
export const statementProjection = `s {${statementFields}, speakerId: [(s)-[:SAID_BY]->(sp) | sp.id][0]}`;
/**
 * `src` bound to the source. Without its text: an article is kilobytes, and most reads want its title. The text comes
 * through its own loader when `Source.text`, `Citation.excerpt` or `Citation.context` is asked.
 */
export const sourceProjection = 'src {.id, .title, .outlet, publishedOn: toString(src.publishedOn), .url, .reliability, .reliabilityNote}';

/** Evidence order (earliest first, undated first, then id), `s` bound to the statement. */
export const evidenceOrder = "coalesce(toString(s.saidOn), '0000-00-00'), s.id";
/** Citation order within a statement (by the source's date, then id), `src` bound to the source. */
export const citationOrder = 'src.publishedOn, src.id';

/** What to fetch with a statement, from the fields a client asks (see position/include.ts). */
export interface StatementInclude {
  speaker: boolean;
  /** Its citations, and with `source`, each citation's source. */
  citations: { source: boolean } | null;
}

/** A statement with what was asked of it, fetched in the same query. */
export interface StatementTree {
  statement: StatementRecord;
  speaker?: ActorRecord | null;
  citations?: Array<{ citation: CitationRecord; source?: SourceRecord }>;
}

/** `statementProjection` plus the speaker and citations (with sources) when asked; `s` bound to the statement. */
export function statementTreeProjection(include: StatementInclude): string {
  // With the speaker asked, its id comes from the speaker's map (one expansion of SAID_BY, not two).
  const extras = [
    include.speaker
      ? `speaker: [(s)-[:SAID_BY]->(speaker_:Actor) | ${actorProjectionOf('speaker_')}][0]`
      : 'speakerId: [(s)-[:SAID_BY]->(sp) | sp.id][0]',
  ];
  if (include.citations) {
    const source = include.citations.source ? `, source: ${sourceProjection}` : '';
    extras.push(
      `citations: COLLECT { MATCH (s)-[cited_:CITED_IN]->(src:Source) WITH cited_, src ORDER BY ${citationOrder}
         RETURN {statementId: s.id, sourceId: src.id, start: cited_.start, end: cited_.end${source}} }`,
    );
  }
  return `s {${statementFields}, ${extras.join(', ')}}`;
}

export function toStatementTree(value: Plain | undefined): StatementTree {
  const row = map(value);
  const tree: StatementTree = { statement: toStatement(value) };
  if ('speaker' in row) {
    tree.speaker = row.speaker === null ? null : toActor(row.speaker);
    tree.statement.speakerId = tree.speaker?.id ?? null;
  }
  if (Array.isArray(row.citations)) {
    tree.citations = row.citations.map((citation) => {
      const fields = map(citation);
      return { citation: toCitation(citation), ...(fields.source ? { source: toSource(fields.source) } : {}) };
    });
  }
  return tree;
}

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
