/**
 * `npm run bench`: stancegraph against the Neo4j GraphQL Library (the peer) and hand-written Cypher (the floor), on
 * stores that grow (S = the seed graph, M, L = generated).
 *
 *   npm run bench                                    # S and M, every operation, c = 1, 16, 64, 3 repetitions of 4 s, then the heavy mix
 *   npm run bench -- --sizes S,M --ops actor,issue --duration 10
 *   npm run bench -- --sizes L --ops lookup,actor,search --reps 1
 *   npm run bench -- --sizes M --ops actor,issue,heavy  # ...then the heavy-read mix (bench/heavy.ts), 30 s (--heavy-duration)
 *   npm run bench -- --smoke                         # S only, c = 4, 2 s per measurement, one repetition (~2.5 min)
 *   npm run bench -- --regenerate --sizes M          # rebuild the M store first
 *   npm run bench -- --sizes M,L --ops analytics --reps 3   # coalitions, centrality, shifts, export, and the networkx alternative
 *   npm run bench -- --sizes M --ops ingest          # extraction of a 10k article, then 1,000 articles through ingestArticle (--ingest-articles)
 *   npm run bench -- --sizes M --ops explorer        # the explorer in Chromium: bundle size, first load, the busiest actor's view
 *   npm run bench -- --build-only --sizes L          # only build (or check) the stores
 *
 * For each size: one Neo4j (bench/.data/<size>), three API processes over it, a correctness check of every request on
 * every server (answers reduced to fingerprints that must match), then for each operation a warm-up and, per
 * concurrency and repetition, the three servers measured back to back in rotating order, so the machine's drift
 * cancels in the ratios. Last, with `heavy` among --ops, the heavy-read mix against stancegraph alone: four clients
 * sending the heaviest reads the API accepts (and one it must refuse), with outcome counts and the server's peak RSS.
 * Prints markdown and writes bench/results/<timestamp>.json. Exits 1 when any server answered
 * an error (during the check: at once).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { markdownAnalytics, runAnalytics, type AnalyticsResult } from './analytics.js';
import { markdownExplorer, runExplorer, type ExplorerResult } from './explorer.js';
import { markdownIngest, runIngest, type IngestResult } from './ingest.js';
import { buildHeavyMix, markdownHeavy, runHeavyMix, type HeavyResult } from './heavy.js';
import { hasErrors, measure, sendOnce } from './measure.js';
import { buildOperations, endCursorOf, operationNames, pageRequest, PAGES, serverNames, type Operation, type OperationName, type PageCursors, type ServerName } from './operations.js';
import { checkTargets, markdownTable, markdownTargets, summarise, type MeasurementRecord } from './report.js';
import { readStatusKb, startServer, type RunningServer } from './servers.js';
import { benchDir, openStore, sizeNames, type OpenStore, type SizeName } from './store.js';

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'S,M' },
    ops: { type: 'string', default: [...operationNames, 'heavy', 'analytics'].join(',') },
    'ingest-articles': { type: 'string', default: '1000' },
    servers: { type: 'string', default: serverNames.join(',') },
    concurrency: { type: 'string', default: '1,16,64' },
    reps: { type: 'string', default: '3' },
    duration: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '2' },
    'heavy-duration': { type: 'string', default: '30' },
    'pull-budget': { type: 'string', default: '300' },
    regenerate: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    'build-only': { type: 'boolean', default: false },
    'check-only': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
  strict: true,
});

function listFlag<T extends string>(value: string, allowed: readonly T[], name: string): T[] {
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  for (const item of items) if (!allowed.includes(item as T)) throw new Error(`--${name}: unknown ${JSON.stringify(item)} (choose from ${allowed.join(', ')})`);
  return items as T[];
}

const smoke = flags.smoke;
const sizes = smoke ? (['S'] as SizeName[]) : listFlag(flags.sizes, sizeNames, 'sizes');
const ops = listFlag(flags.ops, [...operationNames, 'heavy', 'analytics', 'ingest', 'explorer'] as const, 'ops');
const servers = listFlag(flags.servers, serverNames, 'servers');
const concurrencies = (smoke && flags.concurrency === '1,16,64' ? '4' : flags.concurrency).split(',').map(Number);
const reps = smoke ? 1 : Number(flags.reps);
const durationSec = smoke ? 2 : Number(flags.duration);
const warmupSec = smoke ? 0.5 : Number(flags.warmup);
const heavySec = smoke ? 5 : Number(flags['heavy-duration']);

const log = (line: string) => console.log(line);

/** What is running now, stopped on Ctrl-C or SIGTERM too: the machine is left clean whatever happens. */
const cleanups = new Set<() => Promise<void>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`\n${signal}: stopping the servers and Neo4j...`);
    void Promise.allSettled([...cleanups].map((cleanup) => cleanup())).then(() => process.exit(130));
  });
}
const startedAt = new Date();
const records: MeasurementRecord[] = [];
const sizeReports: Record<string, Record<string, unknown>> = {};
const heavyResults = new Map<SizeName, HeavyResult>();
const analyticsResults = new Map<SizeName, AnalyticsResult>();
const ingestResults = new Map<SizeName, IngestResult>();
const explorerResults = new Map<SizeName, ExplorerResult>();
let failures = 0;

for (const size of sizes) {
  const store = await openStore(size, { regenerate: flags.regenerate, log });
  const stopNeo4j = () => store.neo4j.stop();
  cleanups.add(stopNeo4j);
  const running: RunningServer[] = [];
  const stopServers = async () => {
    for (const server of running) await server.stop();
  };
  cleanups.add(stopServers);
  try {
    if (flags['build-only']) continue;
    if (ops.includes('analytics') && !flags['check-only']) {
      log(`[${size}] analytics: coalitions, centrality, shifts, export (stancegraph alone), then the networkx alternative`);
      const analytics = await runAnalytics(store, { reps: smoke ? 1 : reps, pullBudgetSec: Number(flags['pull-budget']), log });
      analyticsResults.set(size, analytics);
      sizeReports[size] = { ...sizeReports[size], analytics };
    }
    if (ops.includes('ingest') && !flags['check-only']) {
      log(`[${size}] ingestion: extraction of a 10k article, then ${flags['ingest-articles']} articles through ingestArticle`);
      const ingest = await runIngest(store, { articles: Number(flags['ingest-articles']), log });
      ingestResults.set(size, ingest);
      sizeReports[size] = { ...sizeReports[size], ingest };
    }
    if (ops.includes('explorer') && !flags['check-only']) {
      log(`[${size}] explorer: the bundle, the first load of /explore and the busiest actor's view, in Chromium`);
      const explorer = await runExplorer(store, { reps: smoke ? 1 : Math.max(5, reps), log });
      explorerResults.set(size, explorer);
      sizeReports[size] = { ...sizeReports[size], explorer };
    }
    if (ops.every((op) => op === 'analytics' || op === 'ingest' || op === 'explorer')) continue;
    for (const name of servers) {
      running.push(await startServer(name, store.neo4j));
      log(`[${size}] ${name} up (pid ${running.at(-1)!.pid})`);
    }
    const byName = new Map(running.map((server) => [server.name, server]));
    const idleRssMb = Object.fromEntries(running.map((server) => [server.name, Math.round(readStatusKb(server.pid, 'VmRSS') / 1024)]));
    const cursors = ops.includes('page') ? await walkCursors(byName) : null;
    const operations = buildOperations(store.manifest.fixtures, cursors).filter((operation) => (ops as string[]).includes(operation.name));
    const responseBytes = await checkCorrectness(size, operations, byName);
    sizeReports[size] = { ...sizeReports[size], store: storeSummary(store), idleRssMb, responseBytes, operations: operations.map(({ name, description, notes, nested }) => ({ name, description, notes, nested })) };
    if (flags['check-only']) continue;

    const probe = settleProbe(byName, store.manifest.fixtures.lookupIds[0] ?? '');
    for (const operation of operations) {
      const order = running.filter((server) => operation.plans[server.name]);
      for (const server of order) {
        await measure(server.url, operation.plans[server.name]!.requests, { connections: Math.min(16, Math.max(...concurrencies)), durationSec: warmupSec });
        await settle(server, probe);
      }
      for (const concurrency of concurrencies) {
        for (let repetition = 0; repetition < reps; repetition++) {
          // Rotate who goes first, so no server always runs on a machine warmed (or tired) by another.
          const turnOrder = order.map((_, i) => order[(i + repetition + concurrencies.indexOf(concurrency)) % order.length]!);
          for (const [turn, server] of turnOrder.entries()) {
            const result = await measure(server.url, operation.plans[server.name]!.requests, { connections: concurrency, durationSec, pid: server.pid });
            // Requests cut off at the end keep the server (and Neo4j) busy: the next measurement waits for quiet.
            const settleMs = await settle(server, probe);
            records.push({ ...result, size, operation: operation.name, server: server.name, concurrency, repetition, turn, settleMs });
            const errors = result.httpErrors + result.bodyErrors;
            if (errors > 0) failures++;
            log(
              `[${size}] ${operation.name.padEnd(9)} c=${String(concurrency).padStart(2)} rep ${repetition + 1} ${server.name.padEnd(11)} ` +
                `${result.reqPerSec.toFixed(1).padStart(8)} req/s  p50 ${String(result.p50).padStart(5)} ms  p99 ${String(result.p99).padStart(6)} ms  ` +
                `rss ${result.peakRssMb} MB${settleMs > 1000 ? `  (settled in ${(settleMs / 1000).toFixed(1)} s)` : ''}${errors > 0 ? `  ERRORS ${result.httpErrors} http / ${result.bodyErrors} graphql` : ''}`,
            );
          }
        }
      }
    }
    const stancegraph = byName.get('stancegraph');
    if (ops.includes('heavy') && stancegraph) {
      await settle(stancegraph, probe);
      log(`[${size}] heavy-read mix: stancegraph only, ${heavySec} s`);
      const heavy = await runHeavyMix(stancegraph, buildHeavyMix(store.manifest.fixtures), { durationSec: heavySec, log });
      heavyResults.set(size, heavy);
      sizeReports[size]!.heavy = heavy;
      log(`[${size}] heavy: ${heavy.responses} responses, p50 ${heavy.p50} ms, p99 ${heavy.p99} ms, 5xx ${heavy.serverErrors}, no response ${heavy.transportErrors}, unexpected ${heavy.unexpected}, peak RSS ${heavy.peakRssMb} MB`);
      // A 5xx or a dropped request is a failure; a coded error (a refusal, a timeout under load) is an answer.
      if (heavy.serverErrors + heavy.transportErrors > 0) failures++;
    } else if (ops.includes('heavy')) {
      log(`[${size}] heavy-read mix skipped: it runs against stancegraph, which is not among --servers`);
    }
  } finally {
    await stopServers();
    await stopNeo4j();
    cleanups.delete(stopServers);
    cleanups.delete(stopNeo4j);
    log(`[${size}] servers and Neo4j stopped`);
    if (records.length > 0 || heavyResults.size > 0 || analyticsResults.size > 0 || ingestResults.size > 0 || explorerResults.size > 0) writeResults();
  }
}

if (!flags['build-only'] && !flags['check-only']) {
  const { rows, targets, out } = writeResults();
  log('');
  for (const size of sizes) {
    log(`### ${size}\n`);
    log(markdownTable(rows, size));
    log('');
  }
  for (const [size, heavy] of heavyResults) {
    log(`### ${size}: heavy-read mix\n`);
    log(markdownHeavy(heavy));
    log('');
  }
  for (const [size, analytics] of analyticsResults) {
    log(`### ${size}: analytics\n`);
    log(markdownAnalytics(size, analytics));
    log('');
  }
  for (const [size, ingest] of ingestResults) log(markdownIngest(size, ingest));
  for (const [size, explorer] of explorerResults) log(markdownExplorer(size, explorer));
  log('### Targets\n');
  log(markdownTargets(targets));
  log(`\nresults: ${out} (${Math.round((Date.now() - startedAt.getTime()) / 1000)} s)`);
  if (failures > 0) {
    console.error(`\n${failures} measurement(s) saw errors (see ERRORS above): the numbers of those are not comparable.`);
    process.exitCode = 1;
  }
}

/** Writes bench/results/<start time>.json; called after each size too, so a later failure keeps what was measured. */
function writeResults() {
  const nested = new Set<OperationName>(['actor', 'issue', 'compare']);
  const rows = summarise(records, nested);
  const targets = checkTargets(rows);
  const finishedAt = new Date();
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, os: `${osType()} ${release()}` };
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  const out = flags.out ?? join(benchDir, 'results', `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    out,
    `${JSON.stringify({ startedAt, finishedAt, minutes: Math.round((finishedAt.getTime() - startedAt.getTime()) / 6000) / 10, command, machine, settings: { sizes, ops, servers, concurrencies, reps, durationSec, warmupSec, smoke }, sizes: sizeReports, summary: rows, targets, records }, null, 2)}\n`,
  );
  return { rows, targets, out };
}

/** A cheap Neo4j round trip (the floor's id lookup), to tell when Neo4j has finished what was left in flight. */
function settleProbe(byName: Map<ServerName, RunningServer>, id: string): (() => Promise<number>) | null {
  const floor = byName.get('floor');
  if (!floor || !id) return null;
  return async () => {
    const started = performance.now();
    await fetch(`${floor.url}/op/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
    return performance.now() - started;
  };
}

/**
 * Waits (up to 60 s) until the server has been idle for two checks in a row (under 10% CPU over 250 ms) and the probe
 * answers quickly: requests still in flight when autocannon stopped must not run into the next server's measurement.
 */
async function settle(server: RunningServer, probe: (() => Promise<number>) | null): Promise<number> {
  const started = performance.now();
  let last = cpuTicks(server.pid);
  let quiet = 0;
  while (performance.now() - started < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = cpuTicks(server.pid);
    const busy = now - last;
    last = now;
    const probeMs = probe ? await probe() : 0;
    quiet = busy <= 2 && probeMs < 50 ? quiet + 1 : 0;
    if (quiet >= 2) break;
  }
  return Math.round(performance.now() - started);
}

/** User + system CPU time of a process, in clock ticks (1/100 s). */
function cpuTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Walks the first PAGES pages of actors on each server, keeping the cursor that opens each page. */
async function walkCursors(byName: Map<ServerName, RunningServer>): Promise<PageCursors> {
  const cursors: PageCursors = { stancegraph: [], floor: [] };
  for (const name of ['stancegraph', 'floor'] as const) {
    const server = byName.get(name);
    if (!server) continue;
    let after: string | null = null;
    for (let page = 0; page < PAGES; page++) {
      cursors[name].push(after);
      const response = await sendOnce(server.url, pageRequest(name, after));
      const data = (response.body as { data?: unknown } | null)?.data;
      if (response.status !== 200 || hasErrors(response.text) || !data) throw new Error(`${name}: walking the actor pages failed (${response.status}): ${response.text.slice(0, 500)}`);
      after = endCursorOf(data);
      if (!after) break;
    }
  }
  return cursors;
}

/**
 * Sends every request of every operation once to every server: any error stops the run, and so does an answer whose
 * fingerprint differs from stancegraph's for the same request. Returns the median response size per operation and server.
 */
async function checkCorrectness(size: SizeName, operations: Operation[], byName: Map<ServerName, RunningServer>): Promise<Record<string, Record<string, number>>> {
  const bytes: Record<string, Record<string, number>> = {};
  const problems: string[] = [];
  for (const operation of operations) {
    bytes[operation.name] = {};
    const expected: string[] = [];
    for (const [name, server] of byName) {
      const plan = operation.plans[name];
      if (!plan) continue;
      const sizes: number[] = [];
      for (const [index, request] of plan.requests.entries()) {
        const response = await sendOnce(server.url, request);
        sizes.push(Buffer.byteLength(response.text));
        const data = (response.body as { data?: unknown } | null)?.data;
        if (response.status !== 200 || hasErrors(response.text) || data === undefined || data === null) {
          problems.push(`${size} ${operation.name} ${name} [${request.label}]: HTTP ${response.status} ${response.text.slice(0, 600)}`);
          continue;
        }
        const print = plan.fingerprint(data);
        if (print === 'null' || print === '') problems.push(`${size} ${operation.name} ${name} [${request.label}]: empty answer ${response.text.slice(0, 300)}`);
        if (name === 'stancegraph' || expected[index] === undefined) expected[index] ??= print;
        else if (expected[index] !== print) problems.push(`${size} ${operation.name} ${name} [${request.label}] answers differently from stancegraph:\n${diff(expected[index]!, print)}`);
      }
      sizes.sort((x, y) => x - y);
      bytes[operation.name]![name] = sizes[Math.floor(sizes.length / 2)] ?? 0;
    }
  }
  if (problems.length > 0) {
    throw new Error(`correctness check failed (${problems.length}):\n${problems.join('\n\n')}`);
  }
  log(`[${size}] correctness check passed: ${operations.map((operation) => operation.name).join(', ')} answer the same on ${[...byName.keys()].join(', ')}`);
  return bytes;
}

function diff(expected: string, actual: string): string {
  const want = expected.split('\n');
  const got = actual.split('\n');
  const lines: string[] = [];
  for (let i = 0; i < Math.max(want.length, got.length) && lines.length < 12; i++) {
    if (want[i] !== got[i]) lines.push(`  line ${i + 1}: stancegraph ${JSON.stringify(want[i] ?? null)} / this ${JSON.stringify(got[i] ?? null)}`);
  }
  return lines.join('\n');
}

function storeSummary(store: OpenStore) {
  const { manifest } = store;
  const top = manifest.fixtures.actorsByDegree[0];
  const topIssue = manifest.fixtures.issuesByDegree[0];
  return {
    builtAt: manifest.builtAt,
    buildSeconds: manifest.buildSeconds,
    storeMB: Math.round(manifest.storeBytes / 1e6),
    phases: manifest.phases,
    counts: manifest.counts,
    busiestActor: top,
    busiestIssue: topIssue,
    connectedPairs: manifest.fixtures.connectedPairs,
    searchQueries: manifest.fixtures.searchQueries,
  };
}
