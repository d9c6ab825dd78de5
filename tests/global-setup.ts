/**
 * Starts the test Neo4j (own port and folder, so `npm start`'s database is never touched) unless
 * NEO4J_URI is set, applies migrations and loads the seed graph, and stops Neo4j afterwards.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { projectRoot, startBundledNeo4j, type BundledNeo4j } from '../neo4j/launcher.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createDriver, Database } from '../src/neo4j/database.js';
import { applyMigrations } from '../src/neo4j/migrations.js';
import { loadSeed } from '../src/seed/loader.js';
import { buildExplorer } from '../scripts/build-explorer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string; database?: string };
  }
}

type Connection = { uri: string; user: string; password: string; database?: string };

/**
 * Each vitest project (vitest.config.ts: the shared files, then the quiet ones) runs the global setup: the first
 * starts Neo4j and loads the seed, the others share it (kept on globalThis, which the projects' setups share), and
 * the last teardown stops it.
 */
interface Shared {
  started: Promise<Connection>;
  users: number;
  bundled?: BundledNeo4j;
  /** The explorer's bundle (build/explorer/), built once for the browser tests: what `npm start` serves. */
  explorer?: Promise<unknown>;
}
const shared = globalThis as typeof globalThis & { stancegraphTestNeo4j?: Shared };

export async function setup(project: TestProject): Promise<void> {
  const state = (shared.stancegraphTestNeo4j ??= { started: start(), users: 0 });
  state.users += 1;
  state.explorer ??= buildExplorer();
  project.provide('neo4j', await state.started);
  await state.explorer;
}

async function start(): Promise<Connection> {
  let connection: { uri: string; user: string; password: string; database?: string };
  if (process.env.NEO4J_URI) {
    connection = {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE || undefined,
    };
  } else {
    const dataDir = process.env.NEO4J_TEST_DATA ?? join(projectRoot, '.neo4j', 'test');
    // A fresh store per run: the test database holds only what this run puts there.
    rmSync(dataDir, { recursive: true, force: true });
    const started = Date.now();
    const bundled = await startBundledNeo4j({
      port: Number(process.env.NEO4J_TEST_PORT ?? 17687),
      dataDir,
      password: 'stancegraph-test',
      onOutput: (line) => {
        if (line.startsWith('NEO4J') || line.startsWith('[neo4j-launcher]')) console.log(`[test neo4j] ${line}`);
      },
    });
    console.log(`[test neo4j] ready after ${((Date.now() - started) / 1000).toFixed(1)}s`);
    shared.stancegraphTestNeo4j!.bundled = bundled;
    connection = { uri: bundled.uri, user: bundled.user, password: bundled.password };
  }

  const config = loadConfig({ NEO4J_URI: connection.uri, NEO4J_USER: connection.user, NEO4J_PASSWORD: connection.password, NEO4J_DATABASE: connection.database });
  const db = new Database(createDriver(config), { database: connection.database, timeoutMs: 120_000, logger: createLogger('warn') });
  try {
    const runner = db.runner('test-setup');
    await applyMigrations(runner);
    await loadSeed(runner, process.env.SEED_DIR || undefined);
  } finally {
    await db.close();
  }
  return connection;
}

export async function teardown(): Promise<void> {
  const state = shared.stancegraphTestNeo4j;
  if (!state) return;
  state.users -= 1;
  if (state.users > 0) return;
  shared.stancegraphTestNeo4j = undefined;
  await state.bundled?.stop();
}
