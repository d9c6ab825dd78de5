/**
 * Full text over actors (names + aliases), issues, proposals, events and statement text, through the `entity_search`
 * index. A search ranks at most SEARCH_WINDOW hits: exact names first, then score, then id.
 */
import { z } from 'zod';
import { int, type QueryRunner } from '../neo4j/database.js';
import { nodeRef } from '../node/repository.js';
import type { CursorKey } from '../shared/pagination.js';
import { countRow, optionalText, textList } from '../shared/rows.js';
import { isExactMatch } from './exact.js';
import type { SearchHitRecord, SearchRequest } from './model.js';

/** How many hits a search ranks and counts: the best by text score, so the work stays bounded. */
export const SEARCH_WINDOW = 1000;
/**
 * How many of the best text matches a search narrowed to some kinds looks through for its SEARCH_WINDOW hits. The
 * index cannot filter by label, and statements outnumber the rest: at the benchmark's M size the 1,000 best matches of
 * "security guarantees" held no actor, the 10,000 best more than 20.
 */
export const FILTERED_SEARCH_SCAN = 10_000;
/**
 * How many nodes holding the query as a phrase in a name or alias are read to find the exact ones. Among them an exact
 * name is the shortest field, which the index scores highest, so it is never beyond the first few.
 */
const NAME_CANDIDATES = 100;

const candidateRow = z.object({ id: z.string(), names: textList });
const searchRow = z.object({ ref: nodeRef, score: z.number(), rank: z.number().int(), snippet: optionalText });

/**
 * The hits of a search, as `node, score`: the index's best matches (streamed best first), of the kinds asked, the first
 * SEARCH_WINDOW of them. Page and count read the same hits, so totalCount is what the pages walk through.
 */
function searchHits(request: SearchRequest): string {
  return request.labels === null
    ? `CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $window}) YIELD node, score`
    : `CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $scan}) YIELD node, score
       WHERE any(label IN labels(node) WHERE label IN $labels)
       WITH node, score LIMIT $window`;
}

function hitParams(request: SearchRequest) {
  return { query: request.luceneQuery, labels: request.labels, window: int(SEARCH_WINDOW), scan: int(FILTERED_SEARCH_SCAN) };
}

/** After the cursor's key in the order (rank, score descending, id): a fixed fragment over parameters. */
const afterHit = 'WHERE rank > $afterRank OR rank = $afterRank AND (score < $afterScore OR score = $afterScore AND node.id > $afterId)';

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
      `${searchHits(request)}
       WITH node, score, CASE WHEN node.id IN $exactIds THEN 0 ELSE 1 END AS rank
       ${after ? afterHit : ''}
       WITH node, score, rank ORDER BY rank, score DESC, node.id LIMIT $limit
       RETURN {id: node.id, labels: labels(node)} AS ref, score, rank,
              coalesce(node.text, CASE WHEN size(coalesce(node.aliases, [])) > 0
                THEN node.name + ' (' + reduce(joined = '', alias IN node.aliases |
                  joined + CASE WHEN joined = '' THEN '' ELSE ', ' END + alias) + ')'
                ELSE node.name END) AS snippet`,
      {
        ...hitParams(request),
        exactIds: request.exactIds,
        afterRank: after?.[0] ?? null,
        afterScore: after?.[1] ?? null,
        afterId: after?.[2] ?? null,
        limit: int(limit),
      },
      searchRow,
    );
    return rows.flatMap(({ ref, score, rank, snippet }) => (ref ? [{ ref, score, exact: rank === 0, snippet }] : []));
  }

  async count(request: SearchRequest): Promise<number> {
    const rows = await this.db.read('countSearch', `${searchHits(request)} RETURN count(node) AS count`, hitParams(request), countRow);
    return rows[0]?.count ?? 0;
  }
}
