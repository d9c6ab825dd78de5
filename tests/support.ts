/** Test helpers: a real service on an ephemeral loopback port, over the test Neo4j, and a GraphQL client. */
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createDriver, Database, type QueryEvent } from '../src/neo4j/database.js';
import { createServer, type StanceServer } from '../src/server.js';

export function testConfig(overrides: Record<string, string> = {}): Config {
  const neo4j = inject('neo4j');
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NEO4J_URI: neo4j.uri,
    NEO4J_USER: neo4j.user,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_DATABASE: neo4j.database,
    ...overrides,
  });
}

export function testDatabase(config: Config = testConfig()): Database {
  return new Database(createDriver(config), {
    database: config.NEO4J_DATABASE,
    timeoutMs: config.NEO4J_QUERY_TIMEOUT_MS,
    logger: createLogger(config.LOG_LEVEL),
  });
}

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; [key: string]: unknown } }>;
  extensions?: Record<string, unknown>;
}

export interface TestService {
  url: string;
  db: Database;
  server: StanceServer;
  /** Cypher round trips made since the last call (counted by the Database's query observer). */
  takeQueryCount(): number;
  gql<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<TData>>;
  close(): Promise<void>;
}

export async function startTestService(config: Config = testConfig()): Promise<TestService> {
  const db = testDatabase(config);
  const events: QueryEvent[] = [];
  db.onQuery((event) => events.push(event));
  const server = await createServer({ config, db, logger: createLogger(config.LOG_LEVEL) });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    db,
    server,
    takeQueryCount: () => events.splice(0).length,
    gql: async (query, variables, headers = {}) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: response.status, ...body } as GraphQLResponse<never>;
    },
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}

/** Runs a typed document (from src/generated/operations.ts) through the GraphQL boundary. */
export async function run<TData, TVariables extends Record<string, unknown>>(
  service: TestService,
  document: import('@graphql-typed-document-node/core').TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<GraphQLResponse<TData>> {
  const { print } = await import('graphql');
  return service.gql<TData>(print(document), variables);
}

/** A loopback port nothing listens on right now (for a test that starts its own Neo4j). */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls until `check` passes: at most `attempts` tries, `delayMs` apart (Neo4j may take a minute on a busy machine). */
export async function eventually(check: () => Promise<boolean> | boolean, attempts = 240, delayMs = 500): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  throw new Error(`condition not met after ${attempts} attempts ${delayMs} ms apart`);
}
