/** The per-request context: a query runner named after the operation, and fresh repositories and DataLoaders. */
import type { Database, QueryRunner } from './neo4j/database.js';
import type { Logger } from './logger.js';

export interface Context {
  db: QueryRunner;
  logger: Logger;
}

export interface ContextDeps {
  db: Database;
  logger: Logger;
}

export function createContext(deps: ContextDeps, operationName?: string): Context {
  const db = deps.db.runner(operationName);
  return { db, logger: deps.logger };
}
