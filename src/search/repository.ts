/** Full text over actors (names + aliases), issues, proposals, events and statement text. */
import { z } from 'zod';
import { int, type QueryRunner } from '../neo4j/database.js';
import { nodeRef } from '../node/repository.js';
import { optionalText } from '../shared/rows.js';
import type { SearchHitRecord } from './model.js';

const searchRow = z.object({ ref: nodeRef, score: z.number(), snippet: optionalText });

export class SearchRepository {
  constructor(private readonly db: QueryRunner) {}

  async search(luceneQuery: string, limit: number): Promise<SearchHitRecord[]> {
    const rows = await this.db.read(
      'search',
      `CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $limit}) YIELD node, score
       RETURN {id: node.id, labels: labels(node)} AS ref, score,
              coalesce(node.text, CASE WHEN size(coalesce(node.aliases, [])) > 0
                THEN node.name + ' (' + reduce(joined = '', alias IN node.aliases |
                  joined + CASE WHEN joined = '' THEN '' ELSE ', ' END + alias) + ')'
                ELSE node.name END) AS snippet`,
      { query: luceneQuery, limit: int(limit) },
      searchRow,
    );
    return rows.flatMap(({ ref, score, snippet }) => (ref ? [{ ref, score, snippet }] : []));
  }
}
