/**
 * Writes a GeneratedGraph into an empty Neo4j through the seed's writer (src/seed/graph-writer.ts, the one owner of
 * the graph's labels, properties and relationship types): its steps in its order, each in batches (one transaction
 * per batch), with a progress bar and the rows per second of each step.
 */
import { SingleBar, Presets } from 'cli-progress';
import type { Driver } from 'neo4j-driver';
import { graphSteps, writeBatch, type GraphStep, type StepRows } from '../../src/seed/graph-writer.js';
import type { GeneratedGraph } from './generator.js';

export interface PhaseTiming {
  phase: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

/** A step's rows: how many, and the batches they come in. */
type StepInput<S extends GraphStep> = { total: number; batches: Iterable<Array<StepRows[S]>> };

export async function loadGeneratedGraph(driver: Driver, graph: GeneratedGraph, batchSize = 10_000): Promise<PhaseTiming[]> {
  const spec = graph.spec;
  const relations = graph.relationRows();
  // Source texts are long, proposals and events link many nodes each: smaller batches keep each transaction small.
  // Generators: a step's rows are made while it is written (citations need the offsets found writing sources).
  const inputs: { [S in GraphStep]: StepInput<S> } = {
    sources: { total: spec.sources, batches: graph.sourceRows(200) },
    actors: { total: spec.actors, batches: graph.actorRows(batchSize) },
    roles: { total: spec.roles, batches: graph.roleRows(batchSize) },
    issues: { total: spec.issues, batches: graph.issueRows(batchSize) },
    subIssues: { total: spec.issues, batches: graph.issueRows(batchSize) },
    proposals: { total: spec.proposals, batches: graph.proposalRows(Math.min(batchSize, 2_000)) },
    revisions: { total: spec.proposals, batches: graph.proposalRows(batchSize) },
    statements: { total: spec.statements, batches: graph.statementRows(batchSize) },
    citations: { total: graph.citationCount, batches: graph.citationRows(batchSize) },
    events: { total: spec.events, batches: graph.eventRows(Math.min(batchSize, 2_000)) },
    positions: { total: spec.positions, batches: graph.positionRows(Math.min(batchSize, 5_000)) },
    relations: { total: relations.length, batches: chunks(relations, batchSize) },
  };

  const timings: PhaseTiming[] = [];
  for (const step of graphSteps) timings.push(await loadStep(driver, step, inputs[step]));
  return timings;
}

async function loadStep<S extends GraphStep>(driver: Driver, step: S, input: StepInput<S>): Promise<PhaseTiming> {
  const bar = new SingleBar(
    {
      format: `${step.padEnd(12)} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}`,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 15_000,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  const started = performance.now();
  const rate = (rows: number) => Math.round(rows / Math.max((performance.now() - started) / 1000, 0.001));
  bar.start(input.total, 0, { rate: '0' });
  let done = 0;
  const session = driver.session();
  try {
    for (const rows of input.batches) {
      await session.executeWrite(
        (tx) => writeBatch(async (name, cypher, params) => tx.run(`/* bench.${name} */ ${cypher}`, params), step, rows),
        { timeout: 120_000 },
      );
      done += rows.length;
      bar.update(done, { rate: rate(done).toLocaleString('en-US') });
    }
  } finally {
    await session.close();
    bar.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  return { phase: step, rows: done, seconds: Math.round(seconds * 10) / 10, rowsPerSecond: rate(done) };
}

function* chunks<T>(rows: T[], size: number): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
