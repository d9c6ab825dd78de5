/** Which kind each id is: node(id), search hits and path nodes are resolved through their domain's loader. */
import type { QueryRunner } from '../neo4j/database.js';
import { str, strings } from '../shared/rows.js';
import { nodeKinds, type NodeKind } from '../vocabulary.js';

export type { NodeKind };


export interface NodeRef {
  id: string;
  kind: NodeKind;
}

export function kindOfLabels(labels: readonly string[]): NodeKind | null {
  return nodeKinds.find((kind) => labels.includes(kind)) ?? null;
}

export class NodeRepository {
  constructor(private readonly db: QueryRunner) {}

  async refsByIds(ids: readonly string[]): Promise<NodeRef[]> {
    const rows = await this.db.read('nodeKinds', 'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, labels(n) AS labels', { ids });
    return rows.flatMap((row) => {
      const kind = kindOfLabels(strings(row.labels));
      return kind ? [{ id: str(row.id), kind }] : [];
    });
  }
}
