/**
 * The analytics benchmark (`--ops analytics`): coalitions, centrality, stance shifts and the whole-graph export, on
 * stancegraph alone (the peer and the floor have none of them), each with the server's peak RSS; and, in the same run,
 * the alternative a user has without them: pulling the graph through the API page by page and computing with networkx
 * (bench/python/alternative.py), and networkx on the exported GraphML.
 *
 * Coalitions and centrality are cached per graph version in the service; here the server runs with
 * ANALYTICS_CACHE_TTL_MS=0, so every request computes from scratch (projection queries and algorithm): the times are
 * those of a request on a changed graph. One cached answer is timed too.
 */
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { projectRoot } from '../neo4j/launcher.js';
import { median } from './report.js';
import { PeakMemory, startServer, type RunningServer } from './servers.js';
import type { OpenStore } from './store.js';

export interface TimedRun {
  name: string;
  what: string;
  reps: number;
  /** Milliseconds per repetition. */
  ms: number[];
  p50: number;
  peakRssMb: number;
  notes: string;
}

export interface AnalyticsResult {
  runs: TimedRun[];
  export: Array<{ format: string; seconds: number; bytes: number; edges: number; edgesPerSec: number; peakRssMb: number }>;
  alternative: Record<string, unknown> | null;
}

const python = process.env.STANCEGRAPH_PYTHON ?? join(projectRoot, '.venv', 'bin', 'python');

async function graphql(server: RunningServer, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(`${query.slice(0, 60)}: ${body.errors.map((error) => error.message).join('; ')}`);
  return body.data!;
}

async function timed(server: RunningServer, name: string, what: string, reps: number, send: () => Promise<unknown>, notes = ''): Promise<TimedRun> {
  const peak = new PeakMemory(server.pid);
  peak.start();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    await send();
    ms.push(Math.round(performance.now() - started));
  }
  return { name, what, reps, ms, p50: median(ms), peakRssMb: peak.stop(), notes };
}

/** Streams an export to a file, counting its edges as the bytes pass (GraphML/GEXF `<edge `, graphology `"source":`; CSV lines: for csv-nodes, nodes). */
async function timedExport(server: RunningServer, format: string, file: string): Promise<AnalyticsResult['export'][number]> {
  const peak = new PeakMemory(server.pid);
  peak.start();
  const started = performance.now();
  const response = await fetch(`${server.url}/export?format=${format}`);
  if (!response.ok || !response.body) throw new Error(`export ${format}: HTTP ${response.status} ${await response.text()}`);
  let edges = 0;
  let tail = '';
  const marker = format.startsWith('csv') ? '\n' : format === 'graphology' ? '"source":' : '<edge ';
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = tail + chunk.toString('utf8');
      for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + marker.length)) edges++;
      // Keep the bytes a marker split across chunks may start with (none for a one-character marker).
      tail = marker.length > 1 ? text.slice(-(marker.length - 1)) : '';
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), counter, createWriteStream(file));
  const seconds = (performance.now() - started) / 1000;
  if (format.startsWith('csv')) edges -= 1; // the header line
  return { format, seconds: Math.round(seconds * 10) / 10, bytes: statSync(file).size, edges, edgesPerSec: Math.round(edges / seconds), peakRssMb: peak.stop() };
}

function runPython(args: string[], timeoutMs: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(python, args, { maxBuffer: 16 * 1024 * 1024, timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr.slice(-2000)}`));
      else resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
  });
}

export interface AnalyticsOptions {
  reps: number;
  /** The alternative's page pulling stops after this long and is extrapolated from the pages pulled. */
  pullBudgetSec: number;
  log: (line: string) => void;
}

export async function runAnalytics(store: OpenStore, options: AnalyticsOptions): Promise<AnalyticsResult> {
  const { log } = options;
  const size = store.size;
  const server = await startServer('stancegraph', store.neo4j, {
    env: { ANALYTICS_CACHE_TTL_MS: '0', REQUEST_TIMEOUT_MS: '300000', NEO4J_QUERY_TIMEOUT_MS: '300000' },
  });
  const dir = mkdtempSync(join(tmpdir(), `stancegraph-bench-${size}-`));
  try {
    const runs: TimedRun[] = [];
    const coalitions = `query { coalitions(first: 10) { totalCount modularity communityCount actorCount computation { seconds } nodes { id size cohesion agreesOn(first: 3) { topic { id } stance holders } } } }`;
    const centrality = `query { centrality(first: 10) { totalCount connectedActors ties betweennessSources computation { seconds } nodes { actor { id } pageRank betweenness degree } } }`;
    let detail = '';
    runs.push(
      await timed(server, 'coalitions', 'coalitions(first: 10), computed from scratch', options.reps, async () => {
        const data = (await graphql(server, coalitions)) as { coalitions: { totalCount: number; modularity: number; actorCount: number; computation: { seconds: number } } };
        detail = `${data.coalitions.totalCount} coalitions of ${data.coalitions.actorCount} actors, modularity ${data.coalitions.modularity.toFixed(3)}`;
      }),
    );
    runs.at(-1)!.notes = detail;
    log(`[${size}] coalitions: p50 ${runs.at(-1)!.p50} ms (${runs.at(-1)!.ms.join(', ')}), peak RSS ${runs.at(-1)!.peakRssMb} MB; ${detail}`);
    runs.push(
      await timed(server, 'centrality', 'centrality(first: 10), computed from scratch', options.reps, async () => {
        const data = (await graphql(server, centrality)) as { centrality: { totalCount: number; ties: number; betweennessSources: number } };
        detail = `${data.centrality.totalCount} actors, ${data.centrality.ties} tied pairs, betweenness from ${data.centrality.betweennessSources} sources`;
      }),
    );
    runs.at(-1)!.notes = detail;
    log(`[${size}] centrality: p50 ${runs.at(-1)!.p50} ms (${runs.at(-1)!.ms.join(', ')}), peak RSS ${runs.at(-1)!.peakRssMb} MB; ${detail}`);

    const shifts = `query Shifts($from: Date!, $to: Date!) { shifts(from: $from, to: $to, first: 100) { totalCount nodes { id fromStance toStance on actor { id } topic { id } before { id evidence { id } } after { id evidence { id } } } } }`;
    runs.push(
      await timed(server, 'shifts', 'shifts in November 2025 (first: 100, totalCount, both positions\' evidence ids)', options.reps, async () => {
        const data = (await graphql(server, shifts, { from: '2025-11-01', to: '2025-11-30' })) as { shifts: { totalCount: number } };
        detail = `${data.shifts.totalCount} shifts in the window`;
      }),
    );
    runs.at(-1)!.notes = detail;
    log(`[${size}] shifts: p50 ${runs.at(-1)!.p50} ms (${runs.at(-1)!.ms.join(', ')}); ${detail}`);

    const exports: AnalyticsResult['export'] = [];
    for (const format of ['graphml', 'gexf', 'graphology', 'csv-nodes', 'csv-edges']) {
      const result = await timedExport(server, format, join(dir, `graph.${format}`));
      exports.push(result);
      log(`[${size}] export ${format}: ${result.edges} edges, ${(result.bytes / 1e6).toFixed(1)} MB in ${result.seconds} s = ${result.edgesPerSec} edges/s, server peak RSS ${result.peakRssMb} MB`);
    }

    let alternative: Record<string, unknown> | null = null;
    try {
      log(`[${size}] the alternative: networkx on the exported CSV lists, then networkx on the graph pulled through the API (pull budget ${options.pullBudgetSec} s)`);
      alternative = await runPython([join(projectRoot, 'bench', 'python', 'alternative.py'), server.url, join(dir, 'graph.csv-nodes'), join(dir, 'graph.csv-edges'), String(options.pullBudgetSec)], 3 * 3600_000);
      log(`[${size}] alternative: ${JSON.stringify(alternative)}`);
    } catch (error) {
      log(`[${size}] alternative failed: ${(error as Error).message}`);
    }
    return { runs, export: exports, alternative };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function markdownAnalytics(size: string, result: AnalyticsResult): string {
  const lines = [
    `| ${size} | request | p50 | runs (ms) | server peak RSS | what it found |`,
    '|---|---|---:|---|---:|---|',
    ...result.runs.map((run) => `| | ${run.what} | ${(run.p50 / 1000).toFixed(2)} s | ${run.ms.join(', ')} | ${run.peakRssMb} MB | ${run.notes} |`),
    '',
    `| ${size} | export (whole graph) | edges | size | time | edges/s | server peak RSS |`,
    '|---|---|---:|---:|---:|---:|---:|',
    ...result.export.map((e) => `| | ${e.format} | ${e.edges.toLocaleString('en-US')} | ${(e.bytes / 1e6).toFixed(1)} MB | ${e.seconds} s | ${e.edgesPerSec.toLocaleString('en-US')} | ${e.peakRssMb} MB |`),
  ];
  if (result.alternative) lines.push('', '```json', JSON.stringify(result.alternative, null, 1), '```');
  return lines.join('\n');
}
