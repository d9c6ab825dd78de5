/** The seed loader's Cypher: batched MERGE on ids (UNWIND, one query per kind), all in one transaction. */
import { z } from 'zod';
import type { QueryRunner, Tx } from '../neo4j/database.js';
import { actorRelationTypes } from '../vocabulary.js';
import type { SeedRows } from './validate.js';

export async function writeSeed(db: QueryRunner, rows: SeedRows): Promise<void> {
  await db.writeTransaction('loadSeed', async (tx) => {
    await tx.exec(
      'seedSources',
      `UNWIND $rows AS row
       MERGE (n:Entity:Source {id: row.id})
       SET n.title = row.title, n.outlet = row.outlet, n.publishedOn = date(row.publishedOn), n.url = row.url,
           n.reliability = row.reliability, n.reliabilityNote = row.reliabilityNote, n.text = row.text, n.file = row.file`,
      { rows: rows.sources },
    );
    await tx.exec(
      'seedActors',
      `UNWIND $rows AS row
       MERGE (n:Entity:Actor {id: row.id})
       SET n.name = row.name, n.kind = row.kind, n.aliases = row.aliases, n.description = row.description,
           n.searchKey = row.searchKey`,
      { rows: rows.actors },
    );
    await tx.exec(
      'seedRoles',
      `UNWIND $rows AS row
       MATCH (a:Actor {id: row.actor}), (o:Actor {id: row.of})
       MERGE (a)-[r:HOLDS_ROLE {title: row.title}]->(o)`,
      { rows: rows.roles },
    );
    await tx.exec(
      'seedIssues',
      `UNWIND $rows AS row
       MERGE (n:Entity:Topic:Issue {id: row.id})
       SET n.name = row.name, n.description = row.description
       WITH n, row WHERE row.parent IS NOT NULL
       MATCH (p:Issue {id: row.parent})
       MERGE (n)-[:SUB_ISSUE_OF]->(p)`,
      { rows: rows.issues },
    );
    await tx.exec(
      'seedProposals',
      `UNWIND $rows AS row
       MERGE (n:Entity:Topic:Proposal {id: row.id})
       SET n.name = row.name, n.description = row.description, n.date = date(row.date), n.dateSource = row.dateSource
       WITH n, row
       CALL (n, row) {
         UNWIND row.authors AS authorId
         MATCH (a:Actor {id: authorId})
         MERGE (n)-[:AUTHORED_BY]->(a)
       }
       CALL (n, row) {
         UNWIND row.addresses AS issueId
         MATCH (i:Issue {id: issueId})
         MERGE (n)-[:ADDRESSES]->(i)
       }`,
      { rows: rows.proposals },
    );
    // After every proposal exists, so a proposal may revise one defined after it.
    await tx.exec(
      'seedRevisions',
      `UNWIND $rows AS row
       UNWIND row.revises AS revisedId
       MATCH (n:Proposal {id: row.id}), (r:Proposal {id: revisedId})
       MERGE (n)-[:REVISES]->(r)`,
      { rows: rows.proposals },
    );
    await tx.exec(
      'seedStatements',
      `UNWIND $rows AS row
       MERGE (n:Entity:Statement {id: row.id})
       SET n.text = row.text, n.kind = row.kind, n.saidOn = date(row.saidOn), n.dateSource = row.dateSource,
           n.speakerNote = row.speakerNote
       WITH n, row WHERE row.speaker IS NOT NULL
       MATCH (a:Actor {id: row.speaker})
       MERGE (n)-[:SAID_BY]->(a)`,
      { rows: rows.statements },
    );
    await tx.exec(
      'seedCitations',
      `UNWIND $rows AS row
       MATCH (s:Statement {id: row.statement}), (src:Source {id: row.source})
       MERGE (s)-[c:CITED_IN]->(src)
       SET c.start = row.start, c.end = row.end`,
      { rows: rows.citations },
    );
    await tx.exec(
      'seedEvents',
      `UNWIND $rows AS row
       MERGE (n:Entity:Event {id: row.id})
       SET n.name = row.name, n.kind = row.kind, n.date = date(row.date), n.dateSource = row.dateSource,
           n.endDate = date(row.endDate), n.place = row.place, n.description = row.description
       WITH n, row
       CALL (n, row) {
         UNWIND row.participants AS participant
         MATCH (a:Actor {id: participant.actor})
         MERGE (a)-[p:PARTICIPATED_IN]->(n)
         SET p.role = participant.role
       }
       CALL (n, row) {
         UNWIND row.evidence AS statementId
         MATCH (s:Statement {id: statementId})
         MERGE (n)-[:EVIDENCED_BY]->(s)
       }`,
      { rows: rows.events },
    );
    await tx.exec(
      'seedPositions',
      `UNWIND $rows AS row
       MATCH (a:Actor {id: row.actor}), (t:Topic {id: row.topic})
       MERGE (n:Entity:Position {id: row.id})
       SET n.stance = row.stance, n.summary = row.summary, n.condition = row.condition,
           n.validFrom = date(row.validFrom), n.validTo = date(row.validTo)
       MERGE (a)-[:HOLDS]->(n)
       MERGE (n)-[:ON]->(t)
       WITH n, row
       UNWIND row.evidence AS statementId
       MATCH (s:Statement {id: statementId})
       MERGE (n)-[:EVIDENCED_BY]->(s)`,
      { rows: rows.positions },
    );
    await writeRelations(tx, rows.relations);
  });
}

/** Relationship types cannot be parameters: one query per type, the type taken from the fixed list. */
async function writeRelations(tx: Tx, relations: SeedRows['relations']): Promise<void> {
  for (const type of actorRelationTypes) {
    const rows = relations.filter((relation) => relation.type === type);
    if (rows.length === 0) continue;
    await tx.exec(
      `seedRelations${type}`,
      `UNWIND $rows AS row
       MATCH (a:Actor {id: row.from}), (b:Actor {id: row.to})
       MERGE (a)-[r:${type}]->(b)
       SET r.evidence = row.evidence`,
      { rows },
    );
  }
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
