/** Full text over actors (names + aliases), issues, proposals, events and statement text. */
import { int } from '../neo4j/database.js';
import type { QueryRunner } from '../neo4j/database.js';
import { kindOfLabels, type NodeRef } from '../node/repository.js';
import { num, str, strOrNull, strings } from '../shared/rows.js';

export interface SearchRow {
  ref: NodeRef;
  score: number;
  snippet: string | null;
}

export class SearchRepository {
  constructor(private readonly db: QueryRunner) {}

  async search(luceneQuery: string, limit: number): Promise<SearchRow[]> {
    const rows = await this.db.read(
      'search',
      `CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $limit}) YIELD node, score
       RETURN node.id AS id, labels(node) AS labels, score,
              coalesce(node.text, CASE WHEN size(coalesce(node.aliases, [])) > 0
                THEN node.name + ' (' + reduce(joined = '', alias IN node.aliases |
                  joined + CASE WHEN joined = '' THEN '' ELSE ', ' END + alias) + ')'
                ELSE node.name END) AS snippet`,
      { query: luceneQuery, limit: int(limit) },
    );
    return rows.flatMap((row) => {
      const kind = kindOfLabels(strings(row.labels));
      return kind ? [{ ref: { id: str(row.id), kind }, score: num(row.score), snippet: strOrNull(row.snippet) }] : [];
    });
  }
}
