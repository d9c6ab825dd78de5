/**
 * Test helpers: a real service on an ephemeral loopback port, over the test Neo4j, a GraphQL client, and the
 * headless Chromium the browser tests drive.
 */
import { accessSync, constants, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { delimiter, join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
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

/** Names a Chromium or Chrome goes by on PATH (Debian: chromium; Ubuntu: chromium-browser). */
const chromiumNames = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

const installChromium =
  'install it (Debian/Ubuntu: `sudo apt-get install chromium`; Fedora: `sudo dnf install chromium`) ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable ' +
  '(macOS: CHROMIUM_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH, else the first Chromium or Chrome on PATH; a clear error naming how to get one otherwise. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM_PATH) {
    if (isExecutableFile(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file: ${installChromium}`);
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter((entry) => entry.length > 0)) {
    for (const name of chromiumNames) {
      if (isExecutableFile(join(dir, name))) return join(dir, name);
    }
  }
  throw new Error(`The browser tests need Chromium and found none on PATH (looked for ${chromiumNames.join(', ')}): ${installChromium}`);
}

export const browserTimeoutMs = 20_000;

/**
 * Where Chromium sends every request that is not for loopback: a privileged port on loopback where no proxy
 * listens, so such requests fail (and whatever might listen there is on this machine). Not request interception
 * (`context.route`): with it, Playwright answers CORS preflights itself, so a page would never see the service's.
 */
const nowhere = 'http://127.0.0.1:9';

/** Headless Chromium, offline: no sandbox (containers, root), no GPU, no background requests of its own. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: browserTimeoutMs,
    // Naming 127.0.0.1 in `bypass` keeps Playwright from sending loopback through the proxy too.
    proxy: { server: nowhere, bypass: '127.0.0.1' },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The network requests the context's pages make for anything but 127.0.0.1 (each fails at the proxy that is not there). */
export function recordOffLoopback(context: BrowserContext): string[] {
  const offLoopback: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (/^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1') offLoopback.push(request.url());
  });
  return offLoopback;
}
