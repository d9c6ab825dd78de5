/** Loading the curated seed graph: validate everything first, then write it in one transaction. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.js';
import type { QueryRunner } from '../neo4j/database.js';
import { hasAnyEntity, writeSeed } from './repository.js';
import { readSeed } from './validate.js';

export const defaultSeedDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'seeds');

export interface SeedSummary {
  sources: number;
  actors: number;
  issues: number;
  proposals: number;
  events: number;
  statements: number;
  citations: number;
  positions: number;
  relations: number;
}

/** Validates the seed folder, then MERGEs it (idempotent). Throws SeedValidationError before writing anything. */
export async function loadSeed(db: QueryRunner, seedDir = defaultSeedDir): Promise<SeedSummary> {
  const rows = readSeed(seedDir);
  await writeSeed(db, rows);
  return {
    sources: rows.sources.length,
    actors: rows.actors.length,
    issues: rows.issues.length,
    proposals: rows.proposals.length,
    events: rows.events.length,
    statements: rows.statements.length,
    citations: rows.citations.length,
    positions: rows.positions.length,
    relations: rows.relations.length,
  };
}

/** Loads the seed when the database holds no stancegraph node; returns whether it did. */
export async function seedIfEmpty(
  db: QueryRunner,
  options: { logger: Logger; progress?: (message: string) => void; seedDir?: string },
): Promise<boolean> {
  if (await hasAnyEntity(db)) return false;
  options.progress?.('database is empty: loading the seed graph from seeds/...');
  const summary = await loadSeed(db, options.seedDir);
  options.logger.info({ seed: summary }, 'seed graph loaded');
  options.progress?.(
    `seed graph loaded: ${summary.actors} actors, ${summary.issues} issues, ${summary.proposals} proposals, ` +
      `${summary.events} events, ${summary.statements} statements, ${summary.positions} positions`,
  );
  return true;
}
