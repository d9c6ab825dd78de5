/** Graph walks between actors: relations, roles, shared events and shared proposals. */
import { z } from 'zod';
import { int, type QueryRunner } from '../neo4j/database.js';
import { nodeRef, type NodeRef } from '../node/repository.js';
import { pathRelationshipTypes } from '../vocabulary.js';

/** What a path may walk; interpolated from this fixed list only. */
const pathPattern = pathRelationshipTypes.join('|');
/** Variable-length bounds cannot be parameters: the bound is looked up here, never built from input. */
const hopPatterns: Record<number, string> = { 1: '*1..1', 2: '*1..2', 3: '*1..3', 4: '*1..4', 5: '*1..5', 6: '*1..6' };

const pathRow = z.object({
  nodes: z.array(nodeRef),
  steps: z.array(z.object({ type: z.enum(pathRelationshipTypes), fromId: z.string(), toId: z.string(), forward: z.boolean() })),
});

export interface PathRow {
  nodes: NodeRef[];
  steps: z.output<typeof pathRow>['steps'];
}

export class AnalyticsRepository {
  constructor(private readonly db: QueryRunner) {}

  async shortestPaths(from: string, to: string, maxHops: number, limit: number): Promise<PathRow[]> {
    const hops = hopPatterns[maxHops];
    if (!hops) throw new RangeError(`maxHops out of range: ${maxHops}`);
    const rows = await this.db.read(
      'shortestPaths',
      `MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
       MATCH path = allShortestPaths((a)-[:${pathPattern}${hops}]-(b))
       WITH path LIMIT $limit
       RETURN [n IN nodes(path) | {id: n.id, labels: labels(n)}] AS nodes,
              [i IN range(0, size(relationships(path)) - 1) |
                {type: type(relationships(path)[i]), fromId: nodes(path)[i].id, toId: nodes(path)[i + 1].id,
                 forward: startNode(relationships(path)[i]) = nodes(path)[i]}] AS steps`,
      { from, to, limit: int(limit) },
      pathRow,
    );
    return rows.map((row) => ({ nodes: row.nodes.filter((ref): ref is NodeRef => ref !== null), steps: row.steps }));
  }
}
