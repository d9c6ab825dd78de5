/** The per-request context: a query runner named after the operation, repositories, and fresh DataLoaders. */
import { createActorLoaders } from './actor/loaders.js';
import { ActorRepository } from './actor/repository.js';
import { AnalyticsRepository } from './analytics/repository.js';
import { authenticate, type ApiKey, type Viewer } from './auth/viewer.js';
import { ChangeRepository } from './curation/repository.js';
import { createEventLoaders } from './event/loaders.js';
import { EventRepository } from './event/repository.js';
import { createIngestionLoaders } from './ingestion/loaders.js';
import { IngestionRepository } from './ingestion/repository.js';
import type { IngestionService } from './ingestion/service.js';
import type { Logger } from './logger.js';
import type { Database, QueryRunner, RequestBudget } from './neo4j/database.js';
import { networkReads, type NetworkReads } from './network/reads.js';
import { NetworkRepository } from './network/repository.js';
import type { NetworkService } from './network/service.js';
import { createNodeLoaders } from './node/loaders.js';
import { NodeRepository } from './node/repository.js';
import { createPositionLoaders } from './position/loaders.js';
import { PositionRepository } from './position/repository.js';
import { SearchRepository } from './search/repository.js';
import { createStatementLoaders } from './statement/loaders.js';
import { StatementRepository } from './statement/repository.js';
import { createTopicLoaders } from './topic/loaders.js';
import { TopicRepository } from './topic/repository.js';

export interface ContextDeps {
  db: Database;
  logger: Logger;
  apiKeys: readonly ApiKey[];
  /** Coalitions and centrality, shared by every request (src/network/service.ts). */
  network: NetworkService;
  /** Article ingestion: the extraction worker and its gazetteer (src/ingestion/service.ts). */
  ingestion: IngestionService;
}

export interface RequestInfo {
  operationName?: string;
  authorization?: string;
  /** The request's deadline and read limits, shared by every query it makes (src/http/graphql.ts creates it). */
  budget?: RequestBudget;
}

export function createRepositories(db: QueryRunner) {
  return {
    actors: new ActorRepository(db),
    topics: new TopicRepository(db),
    positions: new PositionRepository(db),
    statements: new StatementRepository(db),
    events: new EventRepository(db),
    nodes: new NodeRepository(db),
    search: new SearchRepository(db),
    analytics: new AnalyticsRepository(db),
    changes: new ChangeRepository(db),
    network: new NetworkRepository(db),
    ingestion: new IngestionRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

function createLoaders(repositories: Repositories) {
  const actors = createActorLoaders(repositories.actors);
  const topics = createTopicLoaders(repositories.topics);
  const statements = createStatementLoaders(repositories.statements);
  return {
    ...actors,
    ...topics,
    ...statements,
    // Position lists fetch the subtree a client asks for and fill these loaders with it (position/lookahead.ts).
    ...createPositionLoaders(repositories.positions, { ...actors, ...topics, ...statements }),
    ...createEventLoaders(repositories.events),
    ...createNodeLoaders(repositories.nodes),
    ...createIngestionLoaders(repositories.ingestion),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  viewer: Viewer;
  db: QueryRunner;
  logger: Logger;
  repositories: Repositories;
  loaders: Loaders;
  /** The network analytics and this request's view of the graph version (read once per request). */
  network: NetworkReads;
  ingestion: IngestionService;
  /** This request's deadline and read limits. */
  budget: RequestBudget | undefined;
}

export function createContext(deps: ContextDeps, request: RequestInfo = {}): Context {
  const db = deps.db.runner(request.operationName, request.budget);
  const repositories = createRepositories(db);
  return {
    viewer: authenticate(request.authorization, deps.apiKeys),
    db,
    logger: deps.logger,
    repositories,
    loaders: createLoaders(repositories),
    network: networkReads(deps.network, repositories.network, request.budget),
    ingestion: deps.ingestion,
    budget: request.budget,
  };
}
