/**
 * `npx tsx bench/profile.ts [--size M] [--seconds 8] [--concurrency 16] [--ops actor,issue]`: where stancegraph's time
 * goes, two ways.
 *
 * 1. CPU: stancegraph as it ships (src/main.ts, a child process) runs under `node --cpu-prof` while autocannon plays
 *    each operation for a few seconds; the profile's self time is summed per function and per package.
 * 2. Neo4j: every Cypher query stancegraph sends for one request of each operation is captured (an in-process server
 *    over a driver that records each tx.run) and re-run with PROFILE: db hits, rows, and the operators worth a look
 *    (label scans where an index seek was expected, cartesian products, eager). The floor's single query for the same
 *    request is profiled alongside.
 *
 * Writes bench/results/profile-<size>-<timestamp>.json (+ the .cpuprofile) and prints a summary.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j, { type Driver, type ManagedTransaction, type ProfiledPlan, type Session } from 'neo4j-driver';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { Database } from '../src/neo4j/database.js';
import { createServer } from '../src/server.js';
import { floorOperations } from './floor/operations.js';
import { measure, sendOnce } from './measure.js';
import { buildOperations, endCursorOf, operationNames, pageRequest, PAGES, type PageCursors } from './operations.js';
import { startServer } from './servers.js';
import { benchDir, openStore, type SizeName } from './store.js';

const { values: flags } = parseArgs({
  options: {
    size: { type: 'string', default: 'M' },
    seconds: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '16' },
    ops: { type: 'string', default: operationNames.join(',') },
  },
});
const size = flags.size as SizeName;
const selected = new Set(flags.ops.split(','));
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outDir = join(benchDir, 'results');
const profileDir = join(outDir, `profile-${size}-${stamp}`);
mkdirSync(profileDir, { recursive: true });

const store = await openStore(size, { log: console.log });
const report: Record<string, unknown> = { size, stamp };
try {
  // ------------------------------------------------------------------ 1. CPU profile of the shipped process
  const server = await startServer('stancegraph', store.neo4j, { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
  const cursors: PageCursors = { stancegraph: [], floor: [null] };
  let after: string | null = null;
  for (let page = 0; page < PAGES; page++) {
    cursors.stancegraph.push(after);
    const response = await sendOnce(server.url, pageRequest('stancegraph', after));
    after = endCursorOf((response.body as { data: unknown }).data);
    if (!after) break;
  }
  const operations = buildOperations(store.manifest.fixtures, cursors).filter((operation) => selected.has(operation.name));
  const load: Record<string, unknown> = {};
  for (const operation of operations) {
    const plan = operation.plans.stancegraph!;
    const result = await measure(server.url, plan.requests, { connections: Number(flags.concurrency), durationSec: Number(flags.seconds), pid: server.pid });
    load[operation.name] = result;
    console.log(`load ${operation.name.padEnd(9)} ${result.reqPerSec} req/s p50 ${result.p50} ms (errors ${result.httpErrors} http, ${result.bodyErrors} graphql)`);
    // Requests cut off at the end (the busiest ids take seconds) keep the server busy: let them drain first.
    await new Promise((resolve) => setTimeout(resolve, 15_000));
  }
  await server.stop();
  const profileFile = readdirSync(profileDir).find((file) => file.endsWith('.cpuprofile'));
  report.load = load;
  report.cpu = profileFile ? summariseCpuProfile(join(profileDir, profileFile)) : 'no profile written';

  // ------------------------------------------------------------------ 2. The Cypher of each operation, PROFILEd
  const driver = neo4j.driver(store.neo4j.uri, neo4j.auth.basic(store.neo4j.user, store.neo4j.password), { disableLosslessIntegers: true });
  try {
    report.cypher = await profileCypher(driver, operations);
  } finally {
    await driver.close();
  }
} finally {
  await store.neo4j.stop();
}
const out = join(outDir, `profile-${size}-${stamp}.json`);
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
printSummary(report);
console.log(`\nprofile: ${out}\ncpu profile: ${profileDir}`);

// ---------------------------------------------------------------------------------------------------- CPU

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

function packageOf(url: string): string {
  if (!url) return '(native / gc / idle)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.indexOf('/src/');
  if (src >= 0) return `stancegraph ${url.slice(src + 1)}`;
  return url.replace(/^file:\/\//, '');
}

function summariseCpuProfile(path: string) {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { nodes: CpuNode[]; startTime: number; endTime: number; samples: number[] };
  const totalSamples = profile.samples.length;
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(totalSamples, 1);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/main\//, '')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
    const pkg = packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
  }
  const idle = (byFunction.get('(idle)') ?? 0) + (byFunction.get('(program)') ?? 0);
  const busy = totalSamples - idle;
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([name, hits]) => ({ name, ms: Math.round(hits * msPerSample), shareOfBusy: Math.round((hits / Math.max(busy, 1)) * 1000) / 10 }));
  return { file: path, seconds: Math.round((profile.endTime - profile.startTime) / 1e5) / 10, busyShare: Math.round((busy / totalSamples) * 1000) / 10, topFunctions: top(byFunction, 30), byPackage: top(byPackage, 25) };
}

// ---------------------------------------------------------------------------------------------------- Cypher

interface Captured {
  cypher: string;
  params: Record<string, unknown>;
}

/** A driver whose transactions record every query before running it (the Database sees an ordinary driver). */
function recordingDriver(real: Driver, captured: Captured[]): Driver {
  const wrapTx = (tx: ManagedTransaction): ManagedTransaction =>
    ({
      run: (cypher: string, params: Record<string, unknown>) => {
        captured.push({ cypher, params });
        return tx.run(cypher, params);
      },
    }) as unknown as ManagedTransaction;
  return {
    session: (config: Parameters<Driver['session']>[0]) => {
      const session: Session = real.session(config);
      return {
        executeRead: <T>(work: (tx: ManagedTransaction) => Promise<T>, options?: object) => session.executeRead((tx) => work(wrapTx(tx)), options),
        executeWrite: <T>(work: (tx: ManagedTransaction) => Promise<T>, options?: object) => session.executeWrite((tx) => work(wrapTx(tx)), options),
        close: () => session.close(),
      };
    },
    close: () => Promise.resolve(),
  } as unknown as Driver;
}

interface PlanSummary {
  dbHits: number;
  rows: number;
  notable: string[];
}

function walkPlan(plan: ProfiledPlan, into: PlanSummary = { dbHits: 0, rows: 0, notable: [] }): PlanSummary {
  into.dbHits += plan.dbHits;
  const details = String((plan.arguments as Record<string, unknown>).Details ?? '');
  const operator = plan.operatorType.replace(/@.*$/, '');
  if (/NodeByLabelScan|AllNodesScan|CartesianProduct|Eager|NodeIndexScan|UndirectedAllRelationshipsScan|DirectedAllRelationshipsScan/.test(operator)) {
    into.notable.push(`${operator}(${details.slice(0, 120)}) ${plan.dbHits} hits, ${plan.rows} rows`);
  }
  for (const child of plan.children) walkPlan(child, into);
  return into;
}

async function profileOne(driver: Driver, cypher: string, params: Record<string, unknown>): Promise<PlanSummary & { ms: number; resultRows: number }> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    // Run once unprofiled so the plan is cached and the pages are warm, then PROFILE.
    await session.executeRead((tx) => tx.run(cypher, params));
    const started = performance.now();
    const result = await session.executeRead((tx) => tx.run(`PROFILE ${cypher}`, params));
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const plan = result.summary.profile;
    const summary = plan ? walkPlan(plan) : { dbHits: 0, rows: 0, notable: [] };
    return { ...summary, rows: plan ? plan.rows : 0, ms, resultRows: result.records.length };
  } finally {
    await session.close();
  }
}

async function profileCypher(driver: Driver, operations: ReturnType<typeof buildOperations>) {
  const captured: Captured[] = [];
  const config = loadConfig({ NEO4J_URI: store.neo4j.uri, NEO4J_USER: store.neo4j.user, NEO4J_PASSWORD: store.neo4j.password, NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', LOG_LEVEL: 'warn' });
  const db = new Database(recordingDriver(driver, captured), { timeoutMs: 60_000, logger: createLogger('warn') });
  const server = await createServer({ config, db, logger: createLogger('warn') });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  const results: Record<string, unknown> = {};
  try {
    for (const operation of operations) {
      const plan = operation.plans.stancegraph!;
      // The busiest parameters (first request: the highest-degree ids).
      const request = plan.requests[0]!;
      captured.length = 0;
      await sendOnce(url, request);
      const queries = [];
      for (const { cypher, params } of [...captured]) {
        const name = /^\/\* (\w+) \*\//.exec(cypher)?.[1] ?? '?';
        queries.push({ name, ...(await profileOne(driver, cypher, params)), cypher: cypher.replace(/\s+/g, ' ').slice(0, 400) });
      }
      let floor: unknown = null;
      const floorPlan = operation.plans.floor;
      const floorOperation = floorOperations[operation.name];
      if (floorPlan && floorOperation) {
        const floorCaptured: Captured[] = [];
        const session = driver.session({ defaultAccessMode: neo4j.session.READ });
        try {
          await session.executeRead((tx) => floorOperation(({ run: (cypher: string, params: Record<string, unknown>) => (floorCaptured.push({ cypher, params }), tx.run(cypher, params)) }) as unknown as ManagedTransaction, JSON.parse(floorPlan.requests[0]!.body) as Record<string, unknown>));
        } finally {
          await session.close();
        }
        floor = [];
        for (const { cypher, params } of floorCaptured) (floor as unknown[]).push({ ...(await profileOne(driver, cypher, params)), cypher: cypher.replace(/\s+/g, ' ').slice(0, 300) });
      }
      results[operation.name] = {
        request: request.label,
        roundTrips: queries.length,
        dbHits: queries.reduce((sum, query) => sum + query.dbHits, 0),
        ms: Math.round(queries.reduce((sum, query) => sum + query.ms, 0) * 10) / 10,
        queries,
        floor,
      };
    }
  } finally {
    await server.stop();
  }
  return results;
}

function printSummary(summary: Record<string, unknown>): void {
  const cpu = summary.cpu as ReturnType<typeof summariseCpuProfile> | string;
  if (typeof cpu !== 'string') {
    console.log(`\n## CPU (${cpu.seconds} s profiled, busy ${cpu.busyShare}%)\n\nBy package (self time, share of busy time):`);
    for (const row of cpu.byPackage) console.log(`  ${String(row.shareOfBusy).padStart(5)}%  ${String(row.ms).padStart(6)} ms  ${row.name}`);
    console.log('\nTop functions (self time):');
    for (const row of cpu.topFunctions) console.log(`  ${String(row.shareOfBusy).padStart(5)}%  ${String(row.ms).padStart(6)} ms  ${row.name}`);
  }
  console.log('\n## Cypher per operation (stancegraph vs the floor, PROFILE)');
  for (const [name, value] of Object.entries(summary.cypher as Record<string, { request: string; roundTrips: number; dbHits: number; ms: number; queries: Array<{ name: string; dbHits: number; ms: number; rows: number; notable: string[] }>; floor: Array<{ dbHits: number; ms: number; notable: string[] }> | null }>)) {
    const floorHits = value.floor?.reduce((sum, query) => sum + query.dbHits, 0);
    const floorMs = value.floor?.reduce((sum, query) => sum + query.ms, 0);
    console.log(`\n${name} [${value.request}]: ${value.roundTrips} queries, ${value.dbHits} db hits, ${value.ms} ms; floor: ${value.floor?.length ?? 0} query, ${floorHits ?? '–'} db hits, ${floorMs?.toFixed(1) ?? '–'} ms`);
    for (const query of value.queries) {
      console.log(`  ${query.name.padEnd(26)} ${String(query.dbHits).padStart(9)} hits ${String(query.ms).padStart(7)} ms${query.notable.length > 0 ? `  ! ${query.notable.join('; ')}` : ''}`);
    }
    for (const query of value.floor ?? []) if (query.notable.length > 0) console.log(`  (floor) ! ${query.notable.join('; ')}`);
  }
}
