/**
 * Full text over actors (names + aliases), issues, proposals, events and statement text, through the `entity_search`
 * index. A search ranks its best SEARCH_WINDOW text matches: exact names first, then score, then id.
 */
import { z } from 'zod';
import { int, type QueryRunner } from '../neo4j/database.js';
import { nodeRef } from '../node/repository.js';
import type { CursorKey } from '../shared/pagination.js';
import { countRow, optionalText, textList } from '../shared/rows.js';
import { isExactMatch } from './exact.js';
import type { SearchHitRecord, SearchRequest } from './model.js';

/** How many of the best text matches a search ranks and counts: Lucene collects them by score, so work stays bounded. */
export const SEARCH_WINDOW = 1000;
/**
 * How many nodes holding the query as a phrase in a name or alias are read to find the exact ones. Among them an exact
 * name is the shortest field, which the index scores highest, so it is never beyond the first few.
 */
const NAME_CANDIDATES = 100;

const candidateRow = z.object({ id: z.string(), names: textList });
const searchRow = z.object({ ref: nodeRef, score: z.number(), rank: z.number().int(), snippet: optionalText });

/** The hits a search keeps: the kind filter and the cursor, fixed fragments over parameters, only those set. */
function searchWhere(request: SearchRequest, after: CursorKey | null): string {
  const conditions: string[] = [];
  if (request.labels !== null) conditions.push('any(label IN labels(node) WHERE label IN $labels)');
  if (after !== null) {
    conditions.push('(rank > $afterRank OR rank = $afterRank AND (score < $afterScore OR score = $afterScore AND node.id > $afterId))');
  }
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

export class SearchRepository {
  constructor(private readonly db: QueryRunner) {}

  /** Ids of the nodes whose name or one of whose aliases is the query (see ./exact.ts). */
  async exactMatchIds(query: string, namePhrase: string): Promise<string[]> {
    const rows = await this.db.read(
      'searchNameCandidates',
      `CALL db.index.fulltext.queryNodes('entity_search', $phrase, {limit: $limit}) YIELD node
       RETURN node.id AS id, [name IN [node.name] + coalesce(node.aliases, []) WHERE name IS NOT NULL] AS names`,
      { phrase: namePhrase, limit: int(NAME_CANDIDATES) },
      candidateRow,
    );
    return rows.filter((row) => isExactMatch(query, row.names)).map((row) => row.id);
  }

  /** A page of hits ordered by (rank, score descending, id), after the cursor's key; rank 0 is an exact match. */
  async page(request: SearchRequest, limit: number, after: CursorKey | null): Promise<SearchHitRecord[]> {
    const rows = await this.db.read(
      'search',
      `CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $window}) YIELD node, score
       WITH node, score, CASE WHEN node.id IN $exactIds THEN 0 ELSE 1 END AS rank
       ${searchWhere(request, after)}
       WITH node, score, rank ORDER BY rank, score DESC, node.id LIMIT $limit
       RETURN {id: node.id, labels: labels(node)} AS ref, score, rank,
              coalesce(node.text, CASE WHEN size(coalesce(node.aliases, [])) > 0
                THEN node.name + ' (' + reduce(joined = '', alias IN node.aliases |
                  joined + CASE WHEN joined = '' THEN '' ELSE ', ' END + alias) + ')'
                ELSE node.name END) AS snippet`,
      {
        query: request.luceneQuery,
        window: int(SEARCH_WINDOW),
        exactIds: request.exactIds,
        labels: request.labels,
        afterRank: after?.[0] ?? null,
        afterScore: after?.[1] ?? null,
        afterId: after?.[2] ?? null,
        limit: int(limit),
      },
      searchRow,
    );
    return rows.flatMap(({ ref, score, rank, snippet }) => (ref ? [{ ref, score, exact: rank === 0, snippet }] : []));
  }

  /** How many of the window's hits the kind filter keeps. */
  async count(request: SearchRequest): Promise<number> {
    const rows = await this.db.read(
      'countSearch',
      `CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $window}) YIELD node
       ${searchWhere(request, null)}
       RETURN count(node) AS count`,
      { query: request.luceneQuery, window: int(SEARCH_WINDOW), labels: request.labels },
      countRow,
    );
    return rows[0]?.count ?? 0;
  }
}
