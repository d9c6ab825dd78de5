/**
 * One Neo4j store per size under bench/.data/<size>/, built once and reused: S is the seed graph (loadSeed after
 * applyMigrations, as the service does), M and L are generated. A store counts as built when its manifest
 * bench/.data/<size>.json exists; --regenerate (or a missing manifest) wipes and rebuilds it. The manifest also keeps
 * the load timings and the ids the operations use (picked from the data: high-degree ones included).
 */
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { projectRoot, startBundledNeo4j, type BundledNeo4j } from '../neo4j/launcher.js';
import { createLogger } from '../src/logger.js';
import { Database } from '../src/neo4j/database.js';
import { applyMigrations } from '../src/neo4j/migrations.js';
import { loadSeed } from '../src/seed/loader.js';
import { actorRelationTypes, pathRelationshipTypes } from '../src/vocabulary.js';
import { GENERATOR_VERSION, GeneratedGraph, generatedSizes } from './data/generator.js';
import { loadGeneratedGraph, type PhaseTiming } from './data/load.js';

export const sizeNames = ['S', 'M', 'L'] as const;
export type SizeName = (typeof sizeNames)[number];

export const benchDir = join(projectRoot, 'bench');
export const dataDir = join(benchDir, '.data');
const PASSWORD = 'stancegraph-bench';
/** Our own Bolt ports, away from npm start (7687) and the tests (17687). */
export const neo4jPorts: Record<SizeName, number> = { S: 27687, M: 27688, L: 27689 };
/** Heap and page cache per size: the page cache holds the store (M ~0.4 GB, L ~4 GB on disk), as a deployment would. */
export const neo4jMemory: Record<SizeName, { heapMb: number; pageCacheMb: number }> = {
  S: { heapMb: 1024, pageCacheMb: 256 },
  M: { heapMb: 2048, pageCacheMb: 1024 },
  L: { heapMb: 4096, pageCacheMb: 6144 },
};

export interface Fixtures {
  /** Actors by number of positions, most first (id, positions, statements). */
  actorsByDegree: Array<{ id: string; positions: number; statements: number }>;
  /** Issues by number of positions, most first. */
  issuesByDegree: Array<{ id: string; positions: number }>;
  /** Ids spread over the whole id range, for plain lookups. */
  lookupIds: string[];
  /** Actor pairs connected within 4 hops (for paths). */
  connectedPairs: Array<{ from: string; to: string; length: number }>;
  /** Words to search for, taken from the data. */
  searchQueries: string[];
}

/** Bump when pickFixtures changes: stores keep their data and get new fixtures. */
export const FIXTURES_VERSION = 2;

export interface StoreManifest {
  size: SizeName;
  fixturesVersion: number;
  generatorVersion: number;
  builtAt: string;
  /** Seconds from an empty folder to a loaded, indexed store. */
  buildSeconds: number;
  phases: PhaseTiming[];
  counts: { labels: Record<string, number>; relationships: Record<string, number> };
  storeBytes: number;
  fixtures: Fixtures;
}

export interface OpenStore {
  size: SizeName;
  neo4j: BundledNeo4j;
  manifest: StoreManifest;
}

const manifestPath = (size: SizeName) => join(dataDir, `${size}.json`);

function readManifest(size: SizeName): StoreManifest | null {
  const path = manifestPath(size);
  if (!existsSync(path) || !existsSync(join(dataDir, size))) return null;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as StoreManifest;
  return manifest.size === size && (size === 'S' || manifest.generatorVersion === GENERATOR_VERSION) ? manifest : null;
}

export async function openStore(size: SizeName, options: { regenerate?: boolean; log: (line: string) => void }): Promise<OpenStore> {
  const folder = join(dataDir, size);
  let manifest = options.regenerate ? null : readManifest(size);
  if (!manifest) {
    options.log(`[${size}] building the store in ${folder} (nothing reusable there)`);
    rmSync(folder, { recursive: true, force: true });
    rmSync(manifestPath(size), { force: true });
  }
  const server = await startBundledNeo4j({ port: neo4jPorts[size], dataDir: folder, password: PASSWORD, startTimeoutMs: 600_000, memory: neo4jMemory[size] });
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password), { disableLosslessIntegers: true });
  try {
    if (!manifest) {
      manifest = await build(size, driver, options.log);
      writeFileSync(manifestPath(size), `${JSON.stringify(manifest, null, 2)}\n`);
    } else {
      options.log(`[${size}] reusing the store built ${manifest.builtAt} (${manifest.counts.labels.Statement ?? 0} statements)`);
      if (manifest.fixturesVersion !== FIXTURES_VERSION) {
        manifest = { ...manifest, fixturesVersion: FIXTURES_VERSION, fixtures: await pickFixtures(driver, size) };
        writeFileSync(manifestPath(size), `${JSON.stringify(manifest, null, 2)}\n`);
      }
    }
  } catch (error) {
    await driver.close();
    await server.stop();
    throw error;
  }
  await driver.close();
  return { size, neo4j: server, manifest };
}

async function build(size: SizeName, driver: Driver, log: (line: string) => void): Promise<StoreManifest> {
  const started = performance.now();
  const db = new Database(driver, { timeoutMs: 600_000, logger: createLogger('warn') });
  const runner = db.runner('bench');
  await applyMigrations(runner);
  let phases: PhaseTiming[] = [];
  if (size === 'S') {
    const seedStarted = performance.now();
    const summary = await loadSeed(runner);
    const seconds = (performance.now() - seedStarted) / 1000;
    phases = [{ phase: 'seed', rows: Object.values(summary).reduce((sum, n) => sum + n, 0), seconds: Math.round(seconds * 10) / 10, rowsPerSecond: 0 }];
  } else {
    const planStarted = performance.now();
    const graph = new GeneratedGraph(generatedSizes[size]);
    log(`[${size}] planned the graph in ${((performance.now() - planStarted) / 1000).toFixed(1)} s; loading...`);
    phases = await loadGeneratedGraph(driver, graph);
  }
  const indexStarted = performance.now();
  await runner.exec('awaitIndexes', 'CALL db.awaitIndexes(3600)');
  phases.push({ phase: 'await-indexes', rows: 0, seconds: Math.round((performance.now() - indexStarted) / 100) / 10, rowsPerSecond: 0 });
  const buildSeconds = Math.round((performance.now() - started) / 100) / 10;
  log(`[${size}] store built in ${buildSeconds} s`);
  const counts = await countGraph(driver);
  const fixtures = await pickFixtures(driver, size);
  return {
    size,
    generatorVersion: GENERATOR_VERSION,
    fixturesVersion: FIXTURES_VERSION,
    builtAt: new Date().toISOString(),
    buildSeconds,
    phases,
    counts,
    storeBytes: folderBytes(join(dataDir, size)),
    fixtures,
  };
}

async function read(driver: Driver, cypher: string, params: Record<string, unknown> = {}): Promise<Array<Record<string, unknown>>> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.executeRead((tx) => tx.run(cypher, params), { timeout: 300_000 });
    return result.records.map((record) => record.toObject() as Record<string, unknown>);
  } finally {
    await session.close();
  }
}

/** Counts from Neo4j's count store (constant time, even at L). */
async function countGraph(driver: Driver): Promise<StoreManifest['counts']> {
  const labels: Record<string, number> = {};
  for (const label of ['Entity', 'Actor', 'Issue', 'Proposal', 'Topic', 'Event', 'Source', 'Statement', 'Position']) {
    labels[label] = Number((await read(driver, `MATCH (n:${label}) RETURN count(n) AS count`))[0]?.count ?? 0);
  }
  const relationships: Record<string, number> = {};
  const types = ['HOLDS', 'ON', 'EVIDENCED_BY', 'SAID_BY', 'CITED_IN', 'SUB_ISSUE_OF', 'AUTHORED_BY', 'REVISES', 'ADDRESSES', 'PARTICIPATED_IN', 'HOLDS_ROLE', ...actorRelationTypes];
  for (const type of types) {
    relationships[type] = Number((await read(driver, `MATCH ()-[r:${type}]->() RETURN count(r) AS count`))[0]?.count ?? 0);
  }
  return { labels, relationships };
}

const pathTypes = pathRelationshipTypes.join('|');

export async function pickFixtures(driver: Driver, size: SizeName): Promise<Fixtures> {
  const actorsByDegree = (
    await read(
      driver,
      `MATCH (a:Actor)
       WITH a, COUNT { (a)-[:HOLDS]->() } AS positions
       ORDER BY positions DESC, a.id LIMIT 2000
       RETURN a.id AS id, positions, COUNT { (a)<-[:SAID_BY]-() } AS statements`,
    )
  ).map((row) => ({ id: String(row.id), positions: Number(row.positions), statements: Number(row.statements) }));
  const issuesByDegree = (
    await read(driver, 'MATCH (t:Issue) WITH t, COUNT { (t)<-[:ON]-() } AS positions ORDER BY positions DESC, t.id LIMIT 1000 RETURN t.id AS id, positions')
  ).map((row) => ({ id: String(row.id), positions: Number(row.positions) }));
  const allIds = (await read(driver, 'MATCH (a:Actor) RETURN a.id AS id ORDER BY id')).map((row) => String(row.id));
  const lookupIds = Array.from({ length: Math.min(25, allIds.length) }, (_, i) => allIds[Math.floor((i * allIds.length) / Math.min(25, allIds.length))]!);

  // Connected pairs within 4 hops: the two busiest actors, then the farthest-apart pairs among the candidates.
  const rank = (r: number) => actorsByDegree[Math.min(r, actorsByDegree.length - 1)]?.id ?? '';
  const candidates: Array<[string, string]> =
    size === 'S'
      ? [
          ['jared-kushner', 'volodymyr-zelensky'],
          ['yuri-ushakov', 'ukraine'],
          ['donald-trump', 'vladimir-putin'],
        ]
      : [
          [rank(0), rank(1)],
          ...[40, 300, 900, 1500, 1999].map((far): [string, string] => [rank(0), rank(far)]),
          ...[
            [20, 600],
            [150, 1200],
            [500, 1800],
            [800, 1900],
            [1000, 1998],
          ].map(([x, y]): [string, string] => [rank(x!), rank(y!)]),
        ];
  const found: Fixtures['connectedPairs'] = [];
  for (const [from, to] of candidates) {
    if (!from || !to || from === to) continue;
    const rows = await read(
      driver,
      `MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
       MATCH path = shortestPath((a)-[:${pathTypes}*1..4]-(b))
       RETURN length(path) AS length`,
      { from, to },
    );
    if (rows[0]) found.push({ from, to, length: Number(rows[0].length) });
  }
  const [busiest, ...rest] = found;
  const connectedPairs = size === 'S' ? found : [...(busiest ? [busiest] : []), ...rest.sort((x, y) => y.length - x.length).slice(0, 2)];

  let searchQueries: string[];
  if (size === 'S') {
    searchQueries = ['Zelenskyy', 'NATO membership', 'ceasefire', 'Witkof'];
  } else {
    const top = await read(driver, 'MATCH (a:Actor {id: $id}) RETURN a.name AS name', { id: actorsByDegree[0]?.id ?? '' });
    const topIssue = await read(driver, 'MATCH (t:Issue {id: $id}) RETURN t.name AS name', { id: issuesByDegree[0]?.id ?? '' });
    const name = String(top[0]?.name ?? 'Kovalenko');
    const last = name.split(' ').at(-1) ?? name;
    // One letter changed: the fuzzy match has to find it.
    const typo = last.length > 5 ? `${last.slice(0, -2)}${last.at(-1)}${last.at(-2)}` : last;
    searchQueries = [name, typo, String(topIssue[0]?.name ?? 'Ceasefire').split(' ').slice(0, 2).join(' '), 'security guarantees'];
  }
  return { actorsByDegree, issuesByDegree, lookupIds, connectedPairs, searchQueries };
}

function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}
