/** Which kind each id is: node(id), search hits and path nodes are resolved through their kind's loader. */
import { z } from 'zod';
import type { QueryRunner } from '../neo4j/database.js';
import { textList } from '../shared/rows.js';
import { nodeKinds, type NodeKind } from '../vocabulary.js';

export interface NodeRef {
  id: string;
  kind: NodeKind;
}

/** The kind of a node from its labels (every stancegraph node has one of nodeKinds beside :Entity). */
export function kindOfLabels(labels: readonly string[]): NodeKind | null {
  return nodeKinds.find((kind) => labels.includes(kind)) ?? null;
}

/** `{id, labels}` of a node, parsed into a reference (null for a node of no known kind). */
export const nodeRef = z.object({ id: z.string(), labels: textList }).transform(({ id, labels }): NodeRef | null => {
  const kind = kindOfLabels(labels);
  return kind ? { id, kind } : null;
});

export class NodeRepository {
  constructor(private readonly db: QueryRunner) {}

  async refsByIds(ids: readonly string[]): Promise<NodeRef[]> {
    const rows = await this.db.read('nodeKinds', 'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN {id: n.id, labels: labels(n)} AS ref', { ids }, z.object({ ref: nodeRef }));
    return rows.flatMap((row) => (row.ref ? [row.ref] : []));
  }
}
