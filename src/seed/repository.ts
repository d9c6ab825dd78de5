/** The seed loader's database side: the graph written in one transaction (its shape is graph-writer.ts's), and counts. */
import { z } from 'zod';
import type { QueryRunner } from '../neo4j/database.js';
import { writeGraph } from './graph-writer.js';
import type { SeedRows } from './validate.js';

/**
 * How long the seed's one transaction may take. It is the service's own work at start, not a request: a slow or busy
 * machine (seen: a two-core box under load took over 10 s, the query timeout) must still be able to load it.
 */
export const SEED_TIMEOUT_MS = 120_000;

/** MERGEs the validated seed rows, all or nothing: loading the same seed again changes nothing. */
export async function writeSeed(db: QueryRunner, rows: SeedRows): Promise<void> {
  await db.writeTransaction('loadSeed', (tx) => writeGraph((name, cypher, params) => tx.exec(`seed.${name}`, cypher, params), rows), {
    timeoutMs: SEED_TIMEOUT_MS,
  });
}

export async function hasAnyEntity(db: QueryRunner): Promise<boolean> {
  const rows = await db.read('hasAnyEntity', 'MATCH (n:Entity) RETURN n.id AS id LIMIT 1', {}, z.object({ id: z.unknown() }));
  return rows.length > 0;
}

export interface GraphCounts {
  labels: Record<string, number>;
  relationships: Record<string, number>;
}

/** Nodes per label and relationships per type (stancegraph's own, reached from :Entity nodes). */
export async function countGraph(db: QueryRunner): Promise<GraphCounts> {
  return db.readTransaction('countGraph', async (tx) => {
    const labelRows = await tx.run(
      'countLabels',
      'MATCH (n:Entity) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label',
      {},
      z.object({ label: z.string(), count: z.number() }),
    );
    const typeRows = await tx.run(
      'countRelationships',
      'MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS type, count(*) AS count ORDER BY type',
      {},
      z.object({ type: z.string(), count: z.number() }),
    );
    return {
      labels: Object.fromEntries(labelRows.map((row) => [row.label, row.count])),
      relationships: Object.fromEntries(typeRows.map((row) => [row.type, row.count])),
    };
  });
}
