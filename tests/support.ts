/**
 * Test helpers: a real service on an ephemeral loopback port over the test Neo4j, a GraphQL client for typed
 * documents (tests/operations/*.graphql, generated into tests/generated/operations.ts), the data a test file
 * owns, the one way tests run Cypher of their own, and the headless Chromium the browser tests drive.
 */
import { randomUUID } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { delimiter, join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { Browser, BrowserContext } from 'playwright-core';
import { expect, inject } from 'vitest';
import { z } from 'zod';
import { loadConfig, type Config } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createDriver, Database, type Params, type QueryEvent } from '../src/neo4j/database.js';
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
    // Tests share two cores with a Neo4j and each other: a request's deadline (and each transaction's timeout) gets
    // room for that. Tests of timeouts set their own.
    NEO4J_QUERY_TIMEOUT_MS: process.env.TEST_QUERY_TIMEOUT_MS ?? '30000',
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

// ---------------------------------------------------------------------------------------------------------------
// GraphQL over HTTP

export type Variables = Record<string, unknown>;

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; [key: string]: unknown } }>;
  extensions?: Record<string, unknown>;
}

/** POSTs one operation to `${url}/graphql`. The answer is typed by the caller: by its document, as `run` does. */
export async function postGraphQL<TData>(url: string, query: string, variables?: Variables, headers: Record<string, string> = {}): Promise<GraphQLResponse<TData>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
  return { status: response.status, ...body };
}

/** The Authorization header of a curator's token; none for null (an anonymous client). */
export function bearer(token: string | null): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Runs a typed document (from tests/generated/operations.ts) through the GraphQL boundary of the service at `url`. */
export function run<TData, TVariables extends Variables>(
  service: { url: string },
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  return postGraphQL<TData>(service.url, print(document), variables, headers);
}

/** The data of an answer that must carry no error (the errors are the failure message otherwise). */
export function dataOf<TData>(response: GraphQLResponse<TData>): TData {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  if (response.data == null) throw new Error(`no data in ${JSON.stringify(response)}`);
  return response.data;
}

// ---------------------------------------------------------------------------------------------------------------
// The service

export interface TestService {
  url: string;
  db: Database;
  server: StanceServer;
  /** Cypher round trips made since the last call (counted by the Database's query observer). */
  takeQueryCount(): number;
  /** Sends a document as text: for the documents a test builds or spoils on purpose. Typed ones go through `run`. */
  gql<TData = Record<string, unknown>>(query: string, variables?: Variables, headers?: Record<string, string>): Promise<GraphQLResponse<TData>>;
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
    gql: (query, variables, headers) => postGraphQL(url, query, variables, headers),
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The data a test file owns

/**
 * A test file's own service and data. The ids and tokens exist as soon as the file loads (case tables name them);
 * `start()` in beforeAll starts a service that accepts exactly these tokens, `cleanup()` in afterAll deletes every
 * node whose id starts with the prefix, and every audit record naming one, then closes the service. Other files
 * run meanwhile on the same database, so a file writes only under its prefix and reads the seed as shared.
 */
export interface OwnedData {
  /** `${label}-` and 8 random hex digits: no other file, and no other run, writes ids starting with it. */
  readonly prefix: string;
  /** API tokens the service accepts (STANCEGRAPH_API_KEYS), valid for this file only. */
  readonly tokens: { readonly editor: string; readonly admin: string };
  /** An id this file owns: `${prefix}-${name}`. */
  readonly id: (name: string) => string;
  /** The running service (after `start()`). */
  readonly service: TestService;
  /** Starts the service (in beforeAll). */
  start(): Promise<TestService>;
  /** Sends a typed document with a token: the editor's unless given, none for null. */
  readonly run: <TData, TVariables extends Variables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, token?: string | null) => Promise<GraphQLResponse<TData>>;
  /** As `run`, for an operation that must succeed: its data. */
  readonly ok: <TData, TVariables extends Variables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, token?: string | null) => Promise<TData>;
  /** An anonymous client's read that must succeed: its data. */
  readonly read: <TData, TVariables extends Variables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables) => Promise<TData>;
  /** Deletes what the file wrote (its nodes and their audit records) and closes the service (in afterAll). */
  cleanup(): Promise<void>;
}

export function ownedData(label: string): OwnedData {
  const prefix = `${label}-${randomUUID().slice(0, 8)}`;
  const tokens = { editor: `editor-${randomUUID()}`, admin: `admin-${randomUUID()}` };
  let started: TestService | undefined;
  const service = (): TestService => {
    if (!started) throw new Error(`${prefix}: start() the service in beforeAll first`);
    return started;
  };
  return {
    prefix,
    tokens,
    id: (name) => `${prefix}-${name}`,
    get service() {
      return service();
    },
    start: async () => (started = await startTestService(testConfig({ STANCEGRAPH_API_KEYS: `editor:${tokens.editor},admin:${tokens.admin}` }))),
    run: (document, variables, token = tokens.editor) => run(service(), document, variables, bearer(token)),
    ok: async (document, variables, token = tokens.editor) => dataOf(await run(service(), document, variables, bearer(token))),
    read: async (document, variables) => dataOf(await run(service(), document, variables)),
    cleanup: async () => {
      if (!started) return;
      await cypherWrite(
        started.db,
        'cleanupOwnedData',
        'MATCH (n) WHERE n.id STARTS WITH $prefix OR (n:Change AND any(t IN n.targetIds WHERE t STARTS WITH $prefix)) DETACH DELETE n',
        { prefix },
      );
      await started.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Cypher of the tests' own: checking what the API wrote, cleaning up after it

/** A row of a test's own query: its columns by name, as the driver converts them (numbers, strings, lists, maps). */
export type CypherRow = Record<string, unknown>;

/**
 * The one way tests query Neo4j directly (the API's own Cypher stays in its repositories). Only these three functions
 * know QueryRunner's signature, so a change to it is made here once.
 */
/** Any row: the tests read the columns they asked for, and assert on them. */
const anyRow = z.record(z.string(), z.unknown());

export function cypher(db: Database, name: string, query: string, params: Params = {}): Promise<CypherRow[]> {
  return db.runner('tests').read(name, query, params, anyRow);
}

export function cypherWrite(db: Database, name: string, query: string, params: Params = {}): Promise<CypherRow[]> {
  return db.runner('tests').writeTransaction(name, (tx) => tx.run(name, query, params, anyRow));
}

/** Several reads in one transaction, seeing one snapshot of the graph. */
export function cypherSnapshot<T>(
  db: Database,
  name: string,
  work: (read: (name: string, query: string, params?: Params) => Promise<CypherRow[]>) => Promise<T>,
): Promise<T> {
  return db.runner('tests').readTransaction(name, (tx) => work((queryName, query, params = {}) => tx.run(queryName, query, params, anyRow)));
}

// ---------------------------------------------------------------------------------------------------------------
// The headless Chromium the browser tests drive

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

/** Headless Chromium, offline: no sandbox (containers, root), no GPU (WebGL on the CPU), no background requests of its own. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: browserTimeoutMs,
    // Naming 127.0.0.1 in `bypass` keeps Playwright from sending loopback through the proxy too.
    proxy: { server: nowhere, bypass: '127.0.0.1' },
    // WebGL (the explorer's graphs, drawn by sigma) runs on SwiftShader, the CPU renderer, since there is no GPU. Not
    // --disable-gpu: with it each WebGL frame is read back for software compositing and Chromium warns on the console
    // ("GPU stall due to ReadPixels"), which the browser tests count as a problem.
    args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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

// ---------------------------------------------------------------------------------------------------------------
// Tests that start their own Neo4j

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
