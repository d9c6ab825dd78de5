/**
 * The heavy-read mix (`--ops heavy`): the heaviest reads a client can send, from four clients at once, against
 * stancegraph only (the peer has no cost limit to compare with, and the floor has no GraphQL to refuse anything).
 *
 * The mix answers three questions the per-operation tables do not: is every request answered with data or a coded
 * error (never a 5xx, never a dropped connection), how slow do the heaviest reads get when they run side by side,
 * and how much memory does the server need for them (its peak RSS over the mix).
 *
 * Each request kind says what it should get: data, or a refusal by code. Before the mix, every request is sent once
 * (cold, one at a time) and its outcome recorded; then the mix rotates over the kinds (each kind in turn, so the
 * cheap refusals do not crowd out the heavy reads) with autocannon, recording every response's outcome and latency.
 */
import autocannon from 'autocannon';
import { median } from './report.js';
import { sendOnce } from './measure.js';
import type { BenchRequest } from './operations.js';
import { PeakMemory, readStatusKb, type RunningServer } from './servers.js';
import type { Fixtures } from './store.js';

/** How many clients send at once (each waits for its answer before sending the next). */
export const HEAVY_CONNECTIONS = 4;

export interface HeavyKind {
  name: string;
  description: string;
  /** `data` (answered without errors) or the extensions.code it should be refused with. */
  expected: string;
  requests: BenchRequest[];
}

const json = { 'content-type': 'application/json' };
const graphql = (operationName: string, query: string, variables: Record<string, unknown>, label: string): BenchRequest => ({
  method: 'POST',
  path: '/graphql',
  headers: json,
  body: JSON.stringify({ operationName, query, variables }),
  label,
});

/** Everything a statement can show about where it was said and printed. */
const evidence = 'evidence { id kind text saidOn speaker { id name } citations { start end source { id title outlet reliability } } }';

/**
 * The most actors whose first 100 positions with the full evidence chain fit one request under the cost budget
 * (src/limits.ts MAX_COST 50,000: one actor's page costs ~22,700, so two fit and three do not).
 */
const ACTORS_PER_EVIDENCE_REQUEST = 2;

export function buildHeavyMix(fixtures: Fixtures): HeavyKind[] {
  const actors = fixtures.actorsByDegree.map((actor) => actor.id);
  const issues = fixtures.issuesByDegree.map((issue) => issue.id);
  const pairs = [0, 2, 4].map((start) => actors.slice(start, start + ACTORS_PER_EVIDENCE_REQUEST)).filter((pair) => pair.length > 0);
  return [
    {
      name: 'fan-out',
      description: "the 100 busiest actors' first 100 positions, each topic's first 100 positions and their holders (nodes(ids))",
      expected: 'QUERY_TOO_COMPLEX',
      requests: [
        graphql(
          'FanOut',
          `query FanOut($ids: [ID!]!) { nodes(ids: $ids) { ... on Actor { id positions(first: 100) { nodes { id
            topic { id positions(first: 100) { nodes { id actor { name } } } } } } } } }`,
          { ids: actors.slice(0, 100) },
          '100 busiest actors',
        ),
      ],
    },
    {
      name: 'actors+evidence',
      description: `${ACTORS_PER_EVIDENCE_REQUEST} of the busiest actors per request (ranks 1-6): first 100 positions each with topic, evidence, speaker, citations and sources (the most under the cost budget)`,
      expected: 'data',
      requests: pairs.map((ids) =>
        graphql(
          'ActorsEvidence',
          `query ActorsEvidence($ids: [ID!]!) { nodes(ids: $ids) { ... on Actor { id name positions(first: 100) { totalCount
            nodes { id stance summary condition validFrom validTo topic { id name } ${evidence} } } } } }`,
          { ids },
          ids.join('+'),
        ),
      ),
    },
    {
      name: 'issue sides+evidence',
      description: "an issue's first 100 supporters and first 100 opponents with holder, evidence, citations and sources (issues at ranks 1-5)",
      expected: 'data',
      requests: issues.slice(0, 5).map((id) =>
        graphql(
          'IssueSidesEvidence',
          `query IssueSidesEvidence($id: ID!) { issue(id: $id) { id name
            supporters: positions(stance: SUPPORTS, first: 100) { totalCount nodes { id summary validFrom actor { id name } ${evidence} } }
            opponents: positions(stance: OPPOSES, first: 100) { totalCount nodes { id summary validFrom actor { id name } ${evidence} } } } }`,
          { id },
          id,
        ),
      ),
    },
    {
      name: 'positions filter',
      description: 'positions(filter: { actorIds: the 10 busiest }, first: 100) with actor, topic, evidence, citations and sources',
      expected: 'data',
      requests: [
        graphql(
          'PositionsOfBusiest',
          `query PositionsOfBusiest($ids: [ID!]!) { positions(filter: { actorIds: $ids }, first: 100) { totalCount
            nodes { id stance validFrom actor { id name } topic { id name } ${evidence} } } }`,
          { ids: actors.slice(0, 10) },
          '10 busiest actors',
        ),
      ],
    },
    {
      name: 'compare 100x100',
      description: 'compare(actorIds: the 100 busiest, issueIds: the 100 busiest issues): every cell with its positions and their evidence ids (the argument limits: 100 and 100)',
      expected: 'data',
      requests: [
        graphql(
          'Matrix',
          `query Matrix($actorIds: [ID!]!, $issueIds: [ID!]) { compare(actorIds: $actorIds, issueIds: $issueIds) {
            topics { id name } rows { actor { id name } cells { stance positions { id stance evidence { id } } } } } }`,
          { actorIds: actors.slice(0, 100), issueIds: issues.slice(0, 100) },
          '100x100',
        ),
      ],
    },
  ];
}

/** What one response was: `data`, an error code (the first error's), `HTTP <status>` when no code was given. */
export function outcomeOf(status: number, text: string): string {
  const body = parseBody(text);
  if (status >= 500) return `HTTP ${status}`;
  const code = body?.errors?.[0]?.extensions?.code;
  if (body?.errors && body.errors.length > 0) return typeof code === 'string' ? code : `HTTP ${status} (no code)`;
  if (status === 200 && body?.data) return 'data';
  return `HTTP ${status}`;
}

function parseBody(text: string): { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> } | null {
  try {
    return JSON.parse(text) as { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> } | null;
  } catch {
    return null;
  }
}

export interface HeavyKindResult {
  name: string;
  expected: string;
  /** Outcomes of the single cold pass, one per request. */
  cold: Record<string, number>;
  coldMs: number[];
  /** Outcomes during the mix. */
  outcomes: Record<string, number>;
  responses: number;
  p50: number;
  p99: number;
  max: number;
  medianBytes: number;
}

export interface HeavyResult {
  connections: number;
  durationSec: number;
  kinds: HeavyKindResult[];
  responses: number;
  /** Over every response of the mix, refusals included. */
  p50: number;
  p99: number;
  /** Responses with a 5xx status, and requests that got no response (connection errors, client timeouts). */
  serverErrors: number;
  transportErrors: number;
  /** Outcomes that were not the kind's expected one (timeouts under load included). */
  unexpected: number;
  idleRssMb: number;
  peakRssMb: number;
  /** The process's high-water mark since it started (the bench's earlier phases included). */
  lifetimeHwmMb: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const ordered = [...values].sort((x, y) => x - y);
  return ordered[Math.min(ordered.length - 1, Math.ceil((p / 100) * ordered.length) - 1)]!;
}

const count = (tally: Record<string, number>, key: string) => {
  tally[key] = (tally[key] ?? 0) + 1;
};

export async function runHeavyMix(server: RunningServer, kinds: HeavyKind[], settings: { durationSec: number; timeoutSec?: number; log: (line: string) => void }): Promise<HeavyResult> {
  const results: HeavyKindResult[] = kinds.map((kind) => ({ name: kind.name, expected: kind.expected, cold: {}, coldMs: [], outcomes: {}, responses: 0, p50: 0, p99: 0, max: 0, medianBytes: 0 }));
  const bytes: number[][] = kinds.map(() => []);
  for (const [k, kind] of kinds.entries()) {
    for (const request of kind.requests) {
      const started = performance.now();
      const response = await sendOnce(server.url, request);
      const elapsed = Math.round(performance.now() - started);
      const outcome = outcomeOf(response.status, response.text);
      count(results[k]!.cold, outcome);
      results[k]!.coldMs.push(elapsed);
      settings.log(`  heavy cold ${kind.name} [${request.label}]: ${outcome} in ${elapsed} ms, ${Buffer.byteLength(response.text)} bytes`);
    }
  }

  const idleRssMb = Math.round(readStatusKb(server.pid, 'VmRSS') / 1024);
  const latencies: number[][] = kinds.map(() => []);
  const all: number[] = [];
  let serverErrors = 0;
  // Each kind in turn, and within a kind its requests in turn: one shared turn over all four clients.
  let turn = 0;
  const variant = kinds.map(() => 0);
  // autocannon calls onResponse (with the context setupRequest filled in) and then emits 'response' with the latency,
  // synchronously and for the same client: the kind read in one is the kind of the other.
  let lastKind = -1;
  const memory = new PeakMemory(server.pid);
  memory.start();
  const first = kinds[0]!.requests[0]!;
  const options: autocannon.Options = {
    url: server.url,
    connections: HEAVY_CONNECTIONS,
    duration: settings.durationSec,
    timeout: settings.timeoutSec ?? 120,
    requests: [
      {
        method: first.method,
        path: first.path,
        headers: first.headers,
        body: first.body,
        setupRequest: (request, context) => {
          const k = turn++ % kinds.length;
          const requests = kinds[k]!.requests;
          const next = requests[variant[k]!++ % requests.length]!;
          (context as { kind?: number }).kind = k;
          return { ...request, method: next.method, path: next.path, headers: next.headers, body: next.body };
        },
        onResponse: (status, body, context) => {
          const k = Number((context as { kind?: number }).kind);
          const text = body ?? '';
          lastKind = k;
          if (status >= 500) serverErrors++;
          count(results[k]!.outcomes, outcomeOf(status, text));
          bytes[k]!.push(Buffer.byteLength(text));
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (lastKind < 0) return;
      latencies[lastKind]!.push(responseTime);
      all.push(responseTime);
      lastKind = -1;
    });
  });
  const peakRssMb = memory.stop();
  for (const [k, kindResult] of results.entries()) {
    const mine = latencies[k]!;
    kindResult.responses = mine.length;
    kindResult.p50 = Math.round(percentile(mine, 50));
    kindResult.p99 = Math.round(percentile(mine, 99));
    kindResult.max = mine.length > 0 ? Math.round(Math.max(...mine)) : Number.NaN;
    kindResult.medianBytes = Math.round(median(bytes[k]!));
  }
  const unexpected = results.reduce((sum, kindResult) => sum + Object.entries(kindResult.outcomes).reduce((n, [outcome, times]) => n + (outcome === kindResult.expected ? 0 : times), 0), 0);
  return {
    connections: HEAVY_CONNECTIONS,
    durationSec: settings.durationSec,
    kinds: results,
    responses: all.length,
    p50: Math.round(percentile(all, 50)),
    p99: Math.round(percentile(all, 99)),
    serverErrors,
    transportErrors: result.errors + result.timeouts,
    unexpected,
    idleRssMb,
    peakRssMb,
    lifetimeHwmMb: Math.round(readStatusKb(server.pid, 'VmHWM') / 1024),
  };
}

const tally = (outcomes: Record<string, number>) =>
  Object.entries(outcomes)
    .sort(([x], [y]) => (x === 'data' ? -1 : y === 'data' ? 1 : x < y ? -1 : 1))
    .map(([outcome, times]) => `${outcome} ${times}`)
    .join(', ') || '–';

export function markdownHeavy(result: HeavyResult): string {
  const lines = [
    `${result.connections} clients for ${result.durationSec} s, stancegraph only: ${result.responses} responses, p50 ${result.p50} ms, p99 ${result.p99} ms over all of them; ` +
      `5xx: ${result.serverErrors}, no response: ${result.transportErrors}, outcomes other than expected: ${result.unexpected}. ` +
      `Server RSS: ${result.idleRssMb} MB before the mix, peak ${result.peakRssMb} MB during it (high-water mark since start: ${result.lifetimeHwmMb} MB).`,
    '',
    '| request | expected | cold pass (one at a time) | cold ms | outcomes under the mix | responses | p50 ms | p99 ms | max ms | median bytes |',
    '|---|---|---|--:|---|--:|--:|--:|--:|--:|',
  ];
  for (const kind of result.kinds) {
    lines.push(
      `| ${kind.name} | ${kind.expected} | ${tally(kind.cold)} | ${kind.coldMs.join(', ')} | ${tally(kind.outcomes)} | ${kind.responses} | ${kind.p50} | ${kind.p99} | ${kind.max} | ${kind.medianBytes} |`,
    );
  }
  return lines.join('\n');
}
