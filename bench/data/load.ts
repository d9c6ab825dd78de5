/**
 * Writes a GeneratedGraph into an empty Neo4j, in batches (UNWIND, one transaction per batch), with a progress bar.
 * Labels, properties and relationship types are the seed loader's (src/seed/repository.ts): :Entity on every node,
 * dates as date(), Actor.searchKey, CITED_IN {start, end}, HOLDS_ROLE {title}, relations {evidence}. The store is
 * empty and ids are unique by construction, so nodes are CREATEd rather than MERGEd; lookups go through :Entity,
 * whose id is indexed by a uniqueness constraint.
 */
import { SingleBar, Presets } from 'cli-progress';
import type { Driver } from 'neo4j-driver';
import type { GeneratedGraph, Row } from './generator.js';

export interface PhaseTiming {
  phase: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

const cypher = {
  sources: `UNWIND $rows AS row
    CREATE (n:Entity:Source {id: row.id})
    SET n.title = row.title, n.outlet = row.outlet, n.publishedOn = date(row.publishedOn), n.url = row.url,
        n.reliability = row.reliability, n.reliabilityNote = row.reliabilityNote, n.text = row.text, n.file = row.file`,
  actors: `UNWIND $rows AS row
    CREATE (n:Entity:Actor {id: row.id})
    SET n.name = row.name, n.kind = row.kind, n.aliases = row.aliases, n.description = row.description, n.searchKey = row.searchKey`,
  roles: `UNWIND $rows AS row
    MATCH (a:Entity {id: row.actor}), (o:Entity {id: row.of})
    CREATE (a)-[:HOLDS_ROLE {title: row.title}]->(o)`,
  issues: `UNWIND $rows AS row
    CREATE (n:Entity:Topic:Issue {id: row.id})
    SET n.name = row.name, n.description = row.description`,
  subIssues: `UNWIND $rows AS row
    WITH row WHERE row.parent IS NOT NULL
    MATCH (n:Entity {id: row.id}), (p:Entity {id: row.parent})
    CREATE (n)-[:SUB_ISSUE_OF]->(p)`,
  proposals: `UNWIND $rows AS row
    CREATE (n:Entity:Topic:Proposal {id: row.id})
    SET n.name = row.name, n.description = row.description, n.date = date(row.date), n.dateSource = row.dateSource
    WITH n, row
    CALL (n, row) {
      UNWIND row.authors AS authorId
      MATCH (a:Entity {id: authorId})
      CREATE (n)-[:AUTHORED_BY]->(a)
    }
    CALL (n, row) {
      UNWIND row.addresses AS issueId
      MATCH (i:Entity {id: issueId})
      CREATE (n)-[:ADDRESSES]->(i)
    }`,
  revisions: `UNWIND $rows AS row
    UNWIND row.revises AS revisedId
    MATCH (n:Entity {id: row.id}), (r:Entity {id: revisedId})
    CREATE (n)-[:REVISES]->(r)`,
  statements: `UNWIND $rows AS row
    CREATE (n:Entity:Statement {id: row.id})
    SET n.text = row.text, n.kind = row.kind, n.saidOn = date(row.saidOn), n.dateSource = row.dateSource, n.speakerNote = row.speakerNote
    WITH n, row WHERE row.speaker IS NOT NULL
    MATCH (a:Entity {id: row.speaker})
    CREATE (n)-[:SAID_BY]->(a)`,
  citations: `UNWIND $rows AS row
    MATCH (s:Entity {id: row.statement}), (src:Entity {id: row.source})
    CREATE (s)-[:CITED_IN {start: row.start, end: row.end}]->(src)`,
  events: `UNWIND $rows AS row
    CREATE (n:Entity:Event {id: row.id})
    SET n.name = row.name, n.kind = row.kind, n.date = date(row.date), n.dateSource = row.dateSource,
        n.endDate = date(row.endDate), n.place = row.place, n.description = row.description
    WITH n, row
    CALL (n, row) {
      UNWIND row.participants AS participant
      MATCH (a:Entity {id: participant.actor})
      CREATE (a)-[:PARTICIPATED_IN {role: participant.role}]->(n)
    }
    CALL (n, row) {
      UNWIND row.evidence AS statementId
      MATCH (s:Entity {id: statementId})
      CREATE (n)-[:EVIDENCED_BY]->(s)
    }`,
  positions: `UNWIND $rows AS row
    MATCH (a:Entity {id: row.actor}), (t:Entity {id: row.topic})
    CREATE (n:Entity:Position {id: row.id})
    SET n.stance = row.stance, n.summary = row.summary, n.condition = row.condition,
        n.validFrom = date(row.validFrom), n.validTo = date(row.validTo)
    CREATE (a)-[:HOLDS]->(n)
    CREATE (n)-[:ON]->(t)
    WITH n, row
    UNWIND row.evidence AS statementId
    MATCH (s:Entity {id: statementId})
    CREATE (n)-[:EVIDENCED_BY]->(s)`,
  relations: (type: string) => `UNWIND $rows AS row
    MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
    CREATE (a)-[:${type} {evidence: row.evidence}]->(b)`,
};

/** Relation types come from the generator's fixed list; checked again here because they are interpolated. */
const safeType = /^[A-Z_]+$/;

export async function loadGeneratedGraph(driver: Driver, graph: GeneratedGraph, batchSize = 10_000): Promise<PhaseTiming[]> {
  const timings: PhaseTiming[] = [];
  const spec = graph.spec;

  const phase = async (name: string, total: number, batches: Iterable<Row[]>, query: string | ((rows: Row[]) => string)) => {
    const bar = new SingleBar(
      {
        format: `${name.padEnd(12)} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}`,
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 15_000,
        etaBuffer: 20,
      },
      Presets.shades_classic,
    );
    const started = performance.now();
    bar.start(total, 0, { rate: '0' });
    let done = 0;
    const session = driver.session();
    try {
      for (const rows of batches) {
        const text = typeof query === 'string' ? query : query(rows);
        await session.executeWrite((tx) => tx.run(text, { rows }), { timeout: 120_000 });
        done += rows.length;
        const seconds = (performance.now() - started) / 1000;
        bar.update(done, { rate: Math.round(done / Math.max(seconds, 0.001)).toLocaleString('en-US') });
      }
    } finally {
      await session.close();
      bar.stop();
    }
    const seconds = (performance.now() - started) / 1000;
    timings.push({ phase: name, rows: done, seconds: round(seconds), rowsPerSecond: Math.round(done / Math.max(seconds, 0.001)) });
  };

  // Source texts are long: smaller batches keep each transaction's state small.
  await phase('sources', spec.sources, graph.sourceRows(200), cypher.sources);
  await phase('actors', spec.actors, graph.actorRows(batchSize), cypher.actors);
  await phase('roles', spec.roles, graph.roleRows(batchSize), cypher.roles);
  const relations = graph.relationRows();
  const relationCount = [...relations.values()].reduce((sum, rows) => sum + rows.length, 0);
  await phase('relations', relationCount, relationBatches(relations, batchSize), (rows) => cypher.relations(String(rows[0]?.__type)));
  await phase('issues', spec.issues, graph.issueRows(batchSize), cypher.issues);
  await phase('sub-issues', spec.issues, graph.issueRows(batchSize), cypher.subIssues);
  await phase('proposals', spec.proposals, graph.proposalRows(Math.min(batchSize, 2_000)), cypher.proposals);
  await phase('revisions', spec.proposals, graph.proposalRows(batchSize), cypher.revisions);
  await phase('statements', spec.statements, graph.statementRows(batchSize), cypher.statements);
  await phase('citations', graph.citationCount, graph.citationRows(batchSize), cypher.citations);
  await phase('events', spec.events, graph.eventRows(Math.min(batchSize, 2_000)), cypher.events);
  await phase('positions', spec.positions, graph.positionRows(Math.min(batchSize, 5_000)), cypher.positions);
  return timings;

  /** Batches of one relation type each, tagged with it: the query is chosen per batch (a type cannot be a parameter). */
  function* relationBatches(byType: Map<string, Row[]>, size: number): Generator<Row[]> {
    for (const [type, rows] of byType) {
      if (!safeType.test(type)) throw new Error(`unexpected relation type ${type}`);
      for (let start = 0; start < rows.length; start += size) {
        yield rows.slice(start, start + size).map((row) => ({ ...row, __type: type }));
      }
    }
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
