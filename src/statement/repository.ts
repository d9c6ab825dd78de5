/** Statements, their citations and sources. Cypher batched by id lists. */
import { int } from '../neo4j/database.js';
import type { Reliability, StatementKind } from '../generated/graphql.js';
import type { QueryRunner } from '../neo4j/database.js';
import type { CursorKey } from '../shared/pagination.js';
import { num, str } from '../shared/rows.js';
import { toEvent, eventProjection, type EventRecord } from '../event/model.js';
import {
  citationOrder,
  evidenceOrder,
  sourceProjection,
  statementProjection,
  toCitation,
  toSource,
  toStatement,
  type CitationRecord,
  type SourceRecord,
  type StatementRecord,
} from './model.js';

export interface StatementListFilter {
  speakerId: string | null;
  topicId: string | null;
  sourceId: string | null;
  kinds: StatementKind[] | null;
  from: string | null;
  to: string | null;
  reliability: Reliability[] | null;
  /** A Lucene query already made safe (see search/lucene.ts), or null. */
  search: string | null;
}

const statementWhere = `
  s:Statement
  AND ($speakerId IS NULL OR EXISTS { (s)-[:SAID_BY]->(:Actor {id: $speakerId}) })
  AND ($topicId IS NULL OR EXISTS { (:Topic {id: $topicId})<-[:ON]-(:Position)-[:EVIDENCED_BY]->(s) })
  AND ($sourceId IS NULL OR EXISTS { (s)-[:CITED_IN]->(:Source {id: $sourceId}) })
  AND ($kinds IS NULL OR s.kind IN $kinds)
  AND ($from IS NULL OR s.saidOn >= date($from))
  AND ($to IS NULL OR s.saidOn <= date($to))
  AND ($reliability IS NULL OR EXISTS { MATCH (s)-[:CITED_IN]->(src:Source) WHERE src.reliability IN $reliability })`;

/** Newest first; undated last. The sort key is a string so that the cursor can carry it. */
const statementSortDate = "coalesce(toString(s.saidOn), '0000-00-00')";
const afterStatement = '($afterDate IS NULL OR sortDate < $afterDate OR (sortDate = $afterDate AND s.id > $afterId))';

export class StatementRepository {
  constructor(private readonly db: QueryRunner) {}

  async byIds(ids: readonly string[]): Promise<StatementRecord[]> {
    const rows = await this.db.read('statementsByIds', `UNWIND $ids AS id MATCH (s:Statement {id: id}) RETURN ${statementProjection} AS statement`, { ids });
    return rows.map((row) => toStatement(row.statement));
  }

  async list(filter: StatementListFilter, limit: number, after: CursorKey | null): Promise<Array<StatementRecord & { sortDate: string }>> {
    const { match, params } = this.listMatch(filter);
    const rows = await this.db.read(
      'listStatements',
      `${match}
       WHERE ${statementWhere}
       WITH s, ${statementSortDate} AS sortDate
       WHERE ${afterStatement}
       RETURN ${statementProjection} AS statement, sortDate
       ORDER BY sortDate DESC, s.id
       LIMIT $limit`,
      { ...params, afterDate: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
    );
    return rows.map((row) => ({ ...toStatement(row.statement), sortDate: str(row.sortDate) }));
  }

  async count(filter: StatementListFilter): Promise<number> {
    const { match, params } = this.listMatch(filter);
    const rows = await this.db.read('countStatements', `${match} WHERE ${statementWhere} RETURN count(s) AS count`, params);
    return num(rows[0]?.count);
  }

  /** A full-text filter starts from the index; otherwise from the label. */
  private listMatch(filter: StatementListFilter): { match: string; params: Record<string, unknown> } {
    if (filter.search) {
      return {
        match: "CALL db.index.fulltext.queryNodes('entity_search', $search) YIELD node AS s WITH s",
        params: { ...filter },
      };
    }
    return { match: 'MATCH (s:Statement) WITH s', params: { ...filter } };
  }

  /** Statements by speaker, newest first: one page per speaker, in one query. */
  async bySpeakers(ids: readonly string[], limit: number, after: CursorKey | null): Promise<Array<{ key: string; value: StatementRecord & { sortDate: string } }>> {
    const rows = await this.db.read(
      'statementsBySpeakers',
      `UNWIND $ids AS id
       CALL (id) {
         MATCH (s:Statement)-[:SAID_BY]->(:Actor {id: id})
         WITH s, ${statementSortDate} AS sortDate
         WHERE ${afterStatement}
         RETURN s, sortDate ORDER BY sortDate DESC, s.id LIMIT $limit
       }
       RETURN id AS key, ${statementProjection} AS statement, sortDate`,
      { ids, limit: int(limit), afterDate: after?.[0] ?? null, afterId: after?.[1] ?? null },
    );
    return rows.map((row) => ({ key: str(row.key), value: { ...toStatement(row.statement), sortDate: str(row.sortDate) } }));
  }

  async countBySpeakers(ids: readonly string[]): Promise<Array<{ key: string; value: number }>> {
    const rows = await this.db.read(
      'countStatementsBySpeakers',
      'UNWIND $ids AS id RETURN id AS key, COUNT { (:Statement)-[:SAID_BY]->(:Actor {id: id}) } AS count',
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: num(row.count) }));
  }

  /** Statements cited in each source, in reading order (by offset): one page per source, in one query. */
  async bySources(ids: readonly string[], limit: number, after: CursorKey | null): Promise<Array<{ key: string; value: StatementRecord & { start: number } }>> {
    const rows = await this.db.read(
      'statementsBySources',
      `UNWIND $ids AS id
       CALL (id) {
         MATCH (s:Statement)-[c:CITED_IN]->(:Source {id: id})
         WHERE $afterStart IS NULL OR c.start > $afterStart OR (c.start = $afterStart AND s.id > $afterId)
         RETURN s, c.start AS start ORDER BY c.start, s.id LIMIT $limit
       }
       RETURN id AS key, ${statementProjection} AS statement, start`,
      { ids, limit: int(limit), afterStart: after?.[0] ?? null, afterId: after?.[1] ?? null },
    );
    return rows.map((row) => ({ key: str(row.key), value: { ...toStatement(row.statement), start: num(row.start) } }));
  }

  async countBySources(ids: readonly string[]): Promise<Array<{ key: string; value: number }>> {
    const rows = await this.db.read(
      'countStatementsBySources',
      'UNWIND $ids AS id RETURN id AS key, COUNT { (:Statement)-[:CITED_IN]->(:Source {id: id}) } AS count',
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: num(row.count) }));
  }

  /** The evidence of each position, earliest first. */
  async evidenceOf(ids: readonly string[]): Promise<Array<{ key: string; value: StatementRecord }>> {
    const rows = await this.db.read(
      'positionEvidence',
      `UNWIND $ids AS id
       MATCH (:Position {id: id})-[:EVIDENCED_BY]->(s:Statement)
       RETURN id AS key, ${statementProjection} AS statement
       ORDER BY ${evidenceOrder}`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: toStatement(row.statement) }));
  }

  /** Statements that report each event. */
  async evidenceOfEvents(ids: readonly string[]): Promise<Array<{ key: string; value: StatementRecord }>> {
    const rows = await this.db.read(
      'eventEvidence',
      `UNWIND $ids AS id
       MATCH (:Event {id: id})-[:EVIDENCED_BY]->(s:Statement)
       RETURN id AS key, ${statementProjection} AS statement
       ORDER BY ${statementSortDate}, s.id`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: toStatement(row.statement) }));
  }

  async citationsOf(ids: readonly string[]): Promise<Array<{ key: string; value: CitationRecord }>> {
    const rows = await this.db.read(
      'statementCitations',
      `UNWIND $ids AS id
       MATCH (:Statement {id: id})-[c:CITED_IN]->(src:Source)
       RETURN id AS key, {statementId: id, sourceId: src.id, start: c.start, end: c.end} AS citation
       ORDER BY ${citationOrder}`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: toCitation(row.citation) }));
  }

  async eventsReporting(ids: readonly string[]): Promise<Array<{ key: string; value: EventRecord }>> {
    const rows = await this.db.read(
      'statementEvents',
      `UNWIND $ids AS id
       MATCH (e:Event)-[:EVIDENCED_BY]->(:Statement {id: id})
       RETURN id AS key, ${eventProjection} AS event ORDER BY e.date, e.id`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: toEvent(row.event) }));
  }

  async sourcesByIds(ids: readonly string[]): Promise<SourceRecord[]> {
    const rows = await this.db.read('sourcesByIds', `UNWIND $ids AS id MATCH (src:Source {id: id}) RETURN ${sourceProjection} AS source`, { ids });
    return rows.map((row) => toSource(row.source));
  }

  /** The full text of each source (kept out of `sourcesByIds`: it is the one large property). */
  async sourceTexts(ids: readonly string[]): Promise<Array<{ id: string; text: string }>> {
    const rows = await this.db.read('sourceTexts', 'UNWIND $ids AS id MATCH (src:Source {id: id}) RETURN id, src.text AS text', { ids });
    return rows.map((row) => ({ id: str(row.id), text: str(row.text) }));
  }

  /** Sources, newest first; undated last. */
  async listSources(limit: number, after: CursorKey | null): Promise<SourceRecord[]> {
    const rows = await this.db.read(
      'listSources',
      `MATCH (src:Source)
       WITH src, coalesce(toString(src.publishedOn), '0000-00-00') AS sortDate
       WHERE $afterDate IS NULL OR sortDate < $afterDate OR (sortDate = $afterDate AND src.id > $afterId)
       RETURN ${sourceProjection} AS source
       ORDER BY sortDate DESC, src.id
       LIMIT $limit`,
      { afterDate: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
    );
    return rows.map((row) => toSource(row.source));
  }

  async countSources(): Promise<number> {
    const rows = await this.db.read('countSources', 'MATCH (src:Source) RETURN count(src) AS count');
    return num(rows[0]?.count);
  }
}
