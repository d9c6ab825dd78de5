/**
 * The statement domain's Cypher: every query that returns statements, their citations or the sources cited, and the
 * curators' writes of sources and statements. Named, parameterized, batched by id lists; rows parsed by ./model.ts.
 */
import { z } from 'zod';
import { actorProjection } from '../actor/repository.js';
import { assertExist, audit, newId, stamp } from '../curation/repository.js';
import type { Author, ChangeRecord } from '../curation/model.js';
import { badUserInput, notFound } from '../errors.js';
import { int, type QueryRunner, type Tx } from '../neo4j/database.js';
import { slugify } from '../shared/input-fields.js';
import { keyset } from '../neo4j/keyset.js';
import type { CursorKey, PageArgs, SortedRow } from '../shared/pagination.js';
import { count, countRow, keyed, sortedRow, type Keyed } from '../shared/rows.js';
import type { Reliability, StatementKind } from '../vocabulary.js';
import type { addSourceInput, recordStatementInput } from './inputs.js';
import { isInsideQuotation, locate } from './locate.js';
import { citationRecord, sourceRecord, statementRecord, type CitationRecord, type SourceRecord, type StatementRecord } from './model.js';

/**
 * A statement's own properties, `s` bound. Dates travel as ISO strings (toString in Cypher): cheaper than the driver's
 * temporal objects, which the API turns into the same strings anyway.
 */
const statementFields = '.id, .text, .kind, .speakerNote, saidOn: toString(s.saidOn), .dateSource';
/** `s` bound to the statement; parsed by `statementRecord`. */
const statementProjection = `s {${statementFields}, speakerId: [(s)-[:SAID_BY]->(sp) | sp.id][0]}`;
/**
 * `src` bound to the source; parsed by `sourceRecord`. Without its text: an article is kilobytes, and most reads want
 * its title. The text comes through its own loader when `Source.text`, `Citation.excerpt` or `Citation.context` is asked.
 */
const sourceProjection = 'src {.id, .title, .outlet, publishedOn: toString(src.publishedOn), .url, .reliability, .reliabilityNote}';
/** Citation order within a statement (by the source's date, then id), `src` bound to the source. */
const citationOrder = 'src.publishedOn, src.id';

/** What to fetch with a statement, from the fields a client asks below it (see position/lookahead.ts). */
export interface StatementInclude {
  speaker: boolean;
  /** Its citations, and with `source`, each citation's source. */
  citations: { source: boolean } | null;
}

/**
 * The statement bound to `s` with the speaker and citations (with sources) asked; parsed by `statementTree`. With the
 * speaker asked, its id comes from the speaker's map (one expansion of SAID_BY, not two).
 */
export function statementTreeProjection(include: StatementInclude): string {
  const extras = [include.speaker ? `speaker: [(s)-[:SAID_BY]->(speaker_:Actor) | ${actorProjection('speaker_')}][0]` : 'speakerId: [(s)-[:SAID_BY]->(sp) | sp.id][0]'];
  if (include.citations) {
    const source = include.citations.source ? `, source: ${sourceProjection}` : '';
    extras.push(
      `citations: COLLECT { MATCH (s)-[cited_:CITED_IN]->(src:Source) WITH cited_, src ORDER BY ${citationOrder}
         RETURN {statementId: s.id, sourceId: src.id, start: cited_.start, end: cited_.end${source}} }`,
    );
  }
  return `s {${statementFields}, ${extras.join(', ')}}`;
}

const statementRow = z.object({ statement: statementRecord });
const datedStatementRow = z.object({ statement: statementRecord, sortDate: z.string() });
const sourceRow = z.object({ source: sourceRecord });
const sourceTextRow = z.object({ id: z.string(), text: z.string() });

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
/** Nested lists of statements (`s` bound): newest first, undated last, then id. */
const newestStatementsFirst = keyset([{ expr: statementSortDate, desc: true }, { expr: 's.id' }]);
const afterStatement = '($afterDate IS NULL OR sortDate < $afterDate OR (sortDate = $afterDate AND s.id > $afterId))';

export class StatementRepository {
  constructor(private readonly db: QueryRunner) {}

  async byIds(ids: readonly string[]): Promise<StatementRecord[]> {
    const rows = await this.db.read('statementsByIds', `UNWIND $ids AS id MATCH (s:Statement {id: id}) RETURN ${statementProjection} AS statement`, { ids }, statementRow);
    return rows.map((row) => row.statement);
  }

  async list(filter: StatementListFilter, limit: number, after: CursorKey | null): Promise<Array<StatementRecord & { sortDate: string }>> {
    const rows = await this.db.read(
      'listStatements',
      `${listMatch(filter)}
       WHERE ${statementWhere}
       WITH s, ${statementSortDate} AS sortDate
       WHERE ${afterStatement}
       RETURN ${statementProjection} AS statement, sortDate
       ORDER BY sortDate DESC, s.id
       LIMIT $limit`,
      { ...filter, afterDate: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
      datedStatementRow,
    );
    return rows.map((row) => ({ ...row.statement, sortDate: row.sortDate }));
  }

  async count(filter: StatementListFilter): Promise<number> {
    const rows = await this.db.read('countStatements', `${listMatch(filter)} WHERE ${statementWhere} RETURN count(s) AS count`, { ...filter }, countRow);
    return rows[0]?.count ?? 0;
  }

  /** Statements by speaker, newest first: one page per speaker, in one query. */
  async bySpeakers(ids: readonly string[], limit: number, after: CursorKey | null): Promise<Array<Keyed<StatementRecord & { sortDate: string }>>> {
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
      datedStatementRow.extend({ key: z.string() }),
    );
    return rows.map((row) => ({ key: row.key, value: { ...row.statement, sortDate: row.sortDate } }));
  }

  async countBySpeakers(ids: readonly string[]): Promise<Array<Keyed<number>>> {
    return this.db.read(
      'countStatementsBySpeakers',
      'UNWIND $ids AS id RETURN id AS key, COUNT { (:Statement)-[:SAID_BY]->(:Actor {id: id}) } AS value',
      { ids },
      keyed(count),
    );
  }

  /** Statements cited in each source, in reading order (by offset): one page per source, in one query. */
  async bySources(ids: readonly string[], limit: number, after: CursorKey | null): Promise<Array<Keyed<StatementRecord & { start: number }>>> {
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
      z.object({ key: z.string(), statement: statementRecord, start: z.number().int() }),
    );
    return rows.map((row) => ({ key: row.key, value: { ...row.statement, start: row.start } }));
  }

  async countBySources(ids: readonly string[]): Promise<Array<Keyed<number>>> {
    return this.db.read(
      'countStatementsBySources',
      'UNWIND $ids AS id RETURN id AS key, COUNT { (:Statement)-[:CITED_IN]->(:Source {id: id}) } AS value',
      { ids },
      keyed(count),
    );
  }

  /** A page of the statements that report each event, newest first. */
  async evidenceOfEvents(ids: readonly string[], page: PageArgs): Promise<Array<Keyed<SortedRow<StatementRecord>>>> {
    return this.db.read(
      'eventEvidence',
      `UNWIND $ids AS id
       CALL (id) {
         MATCH (:Event {id: id})-[:EVIDENCED_BY]->(s:Statement)
         WITH s, ${newestStatementsFirst.column}
         WHERE ${newestStatementsFirst.after}
         RETURN s, sortKey ORDER BY ${newestStatementsFirst.order} LIMIT $limit
       }
       RETURN id AS key, sortKey, ${statementProjection} AS node`,
      { ids, after: page.after, limit: int(page.limit) },
      sortedRow(statementRecord),
    );
  }

  async countEvidenceOfEvents(ids: readonly string[]): Promise<Array<Keyed<number>>> {
    return this.db.read('countEventEvidence', 'UNWIND $ids AS id RETURN id AS key, COUNT { (:Event {id: id})-[:EVIDENCED_BY]->(:Statement) } AS value', { ids }, keyed(count));
  }

  async citationsOf(ids: readonly string[]): Promise<Array<Keyed<CitationRecord>>> {
    return this.db.read(
      'statementCitations',
      `UNWIND $ids AS id
       MATCH (:Statement {id: id})-[c:CITED_IN]->(src:Source)
       RETURN id AS key, {statementId: id, sourceId: src.id, start: c.start, end: c.end} AS value
       ORDER BY ${citationOrder}`,
      { ids },
      keyed(citationRecord),
    );
  }

  async sourcesByIds(ids: readonly string[]): Promise<SourceRecord[]> {
    const rows = await this.db.read('sourcesByIds', `UNWIND $ids AS id MATCH (src:Source {id: id}) RETURN ${sourceProjection} AS source`, { ids }, sourceRow);
    return rows.map((row) => row.source);
  }

  /** The full text of each source (kept out of `sourcesByIds`: it is the one large property). */
  async sourceTexts(ids: readonly string[]): Promise<Array<{ id: string; text: string }>> {
    return this.db.read('sourceTexts', 'UNWIND $ids AS id MATCH (src:Source {id: id}) RETURN id, src.text AS text', { ids }, sourceTextRow);
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
      sourceRow,
    );
    return rows.map((row) => row.source);
  }

  async countSources(): Promise<number> {
    const rows = await this.db.read('countSources', 'MATCH (src:Source) RETURN count(src) AS count', {}, countRow);
    return rows[0]?.count ?? 0;
  }

  addSource(author: Author, input: z.output<typeof addSourceInput>): Promise<{ source: SourceRecord; change: ChangeRecord }> {
    return this.db.writeTransaction('addSource', (tx) => addSourceIn(tx, author, input));
  }

  /** Records a statement citing its sources; each citation's offsets are found by looking for the words in the source. */
  recordStatement(author: Author, input: z.output<typeof recordStatementInput>): Promise<{ statement: StatementRecord; change: ChangeRecord }> {
    return this.db.writeTransaction('recordStatement', (tx) => recordStatementIn(tx, author, input));
  }
}

/** A full-text filter starts from the index; otherwise from the label. */
function listMatch(filter: StatementListFilter): string {
  return filter.search ? "CALL db.index.fulltext.queryNodes('entity_search', $search) YIELD node AS s WITH s" : 'MATCH (s:Statement) WITH s';
}

/** addSource inside a caller's transaction (ingestArticle stores the source with its candidates). */
export async function addSourceIn(tx: Tx, author: Author, input: z.output<typeof addSourceInput>): Promise<{ source: SourceRecord; change: ChangeRecord }> {
  const id = await newId(tx, input.id ?? slugify(`${input.title}${input.publishedOn ? `-${input.publishedOn}` : ''}`, 'source'), input.id ? 'input.id' : 'input.title');
  const rows = await tx.run(
    'addSource',
    `CREATE (n:Entity:Source {id: $id})
     SET n.title = $title, n.outlet = $outlet, n.publishedOn = date($publishedOn), n.url = $url, n.text = $text,
         n.reliability = $reliability, n.reliabilityNote = $reliabilityNote, ${stamp}
     WITH n AS src
     RETURN ${sourceProjection} AS source`,
    { ...input, id, by: author.label },
    sourceRow,
  );
  return { source: rows[0]!.source, change: await audit(tx, author, 'addSource', [id], { ...input, text: `(${input.text.length} characters)` }) };
}

/** A new statement's id when none is given: its speaker and its first eight words. */
export function statementSlug(speakerId: string | null, text: string): string {
  return slugify(`${speakerId ?? 'statement'} ${text.split(/\s+/).slice(0, 8).join(' ')}`, 'statement');
}

/** recordStatement inside a caller's transaction (acceptCandidate records the statement with its speaker and positions). */
export async function recordStatementIn(
  tx: Tx,
  author: Author,
  input: z.output<typeof recordStatementInput>,
  /** Where the words stand, per source, when the caller knows it to the character (a reviewed candidate): not searched. */
  exact: ReadonlyMap<string, { start: number; end: number }> = new Map(),
): Promise<{ statement: StatementRecord; change: ChangeRecord }> {
  const id = await newId(tx, input.id ?? statementSlug(input.speakerId, input.text), input.id ? 'input.id' : 'input.text');
  if (input.speakerId) await assertExist(tx, 'Actor', [input.speakerId], 'input.speakerId');
  const wanted = [
    ...(input.sourceIds ?? []).map((sourceId, index) => ({ sourceId, match: null as string | null, occurrence: 1, argument: `input.sourceIds[${index}]` })),
    ...(input.citations ?? []).map((citation, index) => ({
      sourceId: citation.sourceId,
      match: citation.match,
      occurrence: citation.occurrence ?? 1,
      argument: `input.citations[${index}]`,
    })),
  ];
  const seen = new Set<string>();
  for (const citation of wanted) {
    if (seen.has(citation.sourceId)) throw badUserInput(citation.argument, `source "${citation.sourceId}" is cited twice`);
    seen.add(citation.sourceId);
  }
  const texts = await tx.run('sourceTexts', 'UNWIND $ids AS id MATCH (src:Source {id: id}) RETURN id, src.text AS text', { ids: [...seen] }, sourceTextRow);
  const textOf = new Map(texts.map((row) => [row.id, row.text]));
  const citations = wanted.map((citation) => {
    const text = textOf.get(citation.sourceId);
    if (text === undefined) throw notFound(citation.argument, `no source with id "${citation.sourceId}"`);
    const known = exact.get(citation.sourceId);
    const span = known && text.slice(known.start, known.end) === input.text ? known : locate(text, citation.match ?? input.text, citation.occurrence);
    if (!span) throw badUserInput(citation.argument, `the words are not in source "${citation.sourceId}" (quotes and whitespace may differ; nothing else)`);
    if (input.kind === 'QUOTE' && !isInsideQuotation(text, span)) {
      throw badUserInput(citation.argument, `a QUOTE must be words inside quotation marks in source "${citation.sourceId}"`);
    }
    return { sourceId: citation.sourceId, start: span.start, end: span.end };
  });
  const rows = await tx.run(
    'recordStatement',
    `CREATE (n:Entity:Statement {id: $id})
     SET n.text = $text, n.kind = $kind, n.speakerNote = $speakerNote, n.saidOn = date($saidOn), n.dateSource = $dateSource, ${stamp}
     WITH n
     CALL (n) {
       MATCH (speaker:Actor {id: $speakerId})
       MERGE (n)-[:SAID_BY]->(speaker)
     }
     CALL (n) {
       UNWIND $citations AS citation
       MATCH (src:Source {id: citation.sourceId})
       CREATE (n)-[:CITED_IN {start: citation.start, end: citation.end}]->(src)
     }
     WITH n AS s
     RETURN ${statementProjection} AS statement`,
    { ...input, id, citations, by: author.label },
    statementRow,
  );
  const targets = [id, ...(input.speakerId ? [input.speakerId] : []), ...citations.map((citation) => citation.sourceId)];
  return { statement: rows[0]!.statement, change: await audit(tx, author, 'recordStatement', targets, input) };
}
