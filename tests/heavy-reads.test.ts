/**
 * No single query can knock the service over: a mix of the heaviest reads a client can send (hub actors with many
 * positions, lists under lists, a stance matrix, the whole-graph walk an issue once reported as killing the process),
 * four at a time, on a small generated graph of this file's own. Each answer is data or a clear, coded refusal;
 * none is a server error (a request past its deadline is a prompt 504 QUERY_TIMEOUT); the service answers afterwards; and the memory they take stays bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGraph, type GraphRows } from '../src/seed/graph-writer.js';
import { actorSearchKey } from '../src/shared/text.js';
import { cypherWrite, ownedData, testConfig, testDatabase } from './support.js';

const owned = ownedData('heavy');
/** The whole-request deadline of the service under test (REQUEST_TIMEOUT_MS). */
const deadlineMs = testConfig().REQUEST_TIMEOUT_MS;
const { id } = owned;

/** Hubs: actors holding many positions on shared topics, related to each other, all at one summit. */
const HUBS = 30;
const TOPICS = 40;
const POSITIONS_PER_HUB = 120;
const hubIds = Array.from({ length: HUBS }, (_, i) => id(`hub-${i}`));
const topicIds = Array.from({ length: TOPICS }, (_, i) => id(`topic-${i}`));

function hubGraph(): GraphRows {
  const text = Array.from({ length: HUBS * POSITIONS_PER_HUB }, (_, i) => `Statement number ${i} on the record.`).join(' ');
  const statements: GraphRows['statements'] = [];
  const citations: GraphRows['citations'] = [];
  const positions: GraphRows['positions'] = [];
  let offset = 0;
  hubIds.forEach((hub, h) => {
    for (let k = 0; k < POSITIONS_PER_HUB; k++) {
      const n = h * POSITIONS_PER_HUB + k;
      const words = `Statement number ${n} on the record.`;
      statements.push({ id: id(`said-${n}`), text: words, kind: 'PARAPHRASE', saidOn: `2025-12-${String((n % 28) + 1).padStart(2, '0')}`, speaker: hub });
      citations.push({ statement: id(`said-${n}`), source: id('source'), start: offset, end: offset + words.length });
      offset += words.length + 1;
      positions.push({
        id: id(`position-${n}`),
        actor: hub,
        topic: topicIds[(h + k) % TOPICS]!,
        stance: (['SUPPORTS', 'OPPOSES', 'CONDITIONAL', 'UNDECIDED'] as const)[(h * 7 + k) % 4]!,
        summary: `Hub ${h} on topic ${(h + k) % TOPICS}`,
        condition: (h * 7 + k) % 4 === 2 ? 'if the talks go on' : null,
        validFrom: `2025-12-${String((n % 28) + 1).padStart(2, '0')}`,
        evidence: [id(`said-${n}`)],
      });
    }
  });
  return {
    sources: [{ id: id('source'), title: 'The record', reliability: 'MEDIUM', text, publishedOn: '2025-12-30' }],
    actors: hubIds.map((hub, h) => ({ id: hub, name: `Hub ${h} ${owned.prefix}`, kind: 'STATE', aliases: [], searchKey: actorSearchKey(`Hub ${h} ${owned.prefix}`, []) })),
    roles: [],
    issues: topicIds.map((topic, t) => ({ id: topic, name: `Topic ${t} ${owned.prefix}` })),
    proposals: [],
    statements,
    citations,
    events: [{ id: id('summit'), name: 'Summit of hubs', kind: 'SUMMIT', date: '2025-12-02', participants: hubIds.map((actor) => ({ actor })), evidence: [] }],
    positions,
    relations: hubIds.flatMap((hub, h) => [1, 2, 3, 5, 8].map((step) => ({ from: hub, type: 'ALLIED_WITH' as const, to: hubIds[(h + step) % HUBS]!, evidence: [] }))),
  };
}

/** The heaviest reads: each near or over the cost budget, each walking lists under lists from the hubs. */
const heavyReads: Array<{ name: string; query: string; variables: Record<string, unknown> }> = [
  {
    name: 'the walk that once killed the process: every hub > positions > topic > positions > actor',
    query: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Actor { positions(first: 100) { nodes { topic { positions(first: 100) { nodes { actor { name } } } } } } } } }`,
    variables: { ids: hubIds },
  },
  {
    name: 'hubs > positions > topic > positions (kept under the budget)',
    query: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Actor { positions(first: 40) { totalCount nodes { stance topic { name positions(first: 8) { totalCount nodes { stance actor { name } } } } } } } } }`,
    variables: { ids: hubIds.slice(0, 6) },
  },
  {
    name: 'positions of every hub with their evidence, citations and sources',
    query: `query($ids: [ID!]!) { positions(filter: { actorIds: $ids }, first: 100) { totalCount nodes { stance actor { name } topic { name }
      evidence { text saidOn speaker { name } citations { start end excerpt context source { title reliability } } } } } }`,
    variables: { ids: hubIds },
  },
  {
    name: 'the summit > participants > relations > the other end > positions',
    query: `query($id: ID!) { event(id: $id) { participants(first: 30) { nodes { actor { relations(first: 10) { totalCount edges { direction actor { positions(first: 10) { nodes { stance topic { name } } } } } } } } } } }`,
    variables: { id: id('summit') },
  },
  {
    name: 'a stance matrix of every hub on every topic',
    query: `query($actorIds: [ID!]!, $issueIds: [ID!]) { compare(actorIds: $actorIds, issueIds: $issueIds) { rows { actor { name } cells { stance positions { id evidence { text } } } } } }`,
    variables: { actorIds: hubIds, issueIds: topicIds },
  },
];

/** Refusals a heavy read may get instead of data: each names what to change. */
const coded = new Set(['QUERY_TOO_COMPLEX', 'QUERY_TIMEOUT', 'RESULT_TOO_LARGE']);

beforeAll(async () => {
  await owned.start();
  // Writing the graph is setup, not what is tested: its own connection, with a timeout a loaded machine can meet.
  const setup = testDatabase(testConfig({ NEO4J_QUERY_TIMEOUT_MS: '120000' }));
  try {
    await writeGraph((name, cypher, params) => cypherWrite(setup, name, cypher, params), hubGraph());
  } finally {
    await setup.close();
  }
}, 300_000);
afterAll(() => owned.cleanup());

describe('a mix of heavy reads, four at a time', () => {
  it('answers each with data or a coded refusal, never a 5xx, stays up, and keeps its memory bounded', async () => {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 25);
    const outcomes: Record<string, number> = {};
    const rounds = 3;
    const queue = Array.from({ length: rounds }, () => heavyReads).flat();
    try {
      const worker = async () => {
        for (let read = queue.shift(); read; read = queue.shift()) {
          const started = performance.now();
          const response = await owned.service.gql(read.query, read.variables);
          const ms = performance.now() - started;
          const code = response.errors?.[0]?.extensions?.code;
          // A request past its deadline is 504 QUERY_TIMEOUT (GraphQL over HTTP); anything else is under 500.
          if (code !== 'QUERY_TIMEOUT') expect(response.status, `${read.name}: ${JSON.stringify(response.errors)}`).toBeLessThan(500);
          if (code !== undefined) expect(coded, `${read.name}: ${JSON.stringify(response.errors)}`).toContain(code);
          else expect(response.data, read.name).toBeTruthy();
          const outcome = `${read.name.slice(0, 40)}: ${code ?? 'data'}`;
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          // A whole request ends within its deadline, with a little room for the answer to travel.
          expect(ms, read.name).toBeLessThan(deadlineMs + 2_000);
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
    } finally {
      clearInterval(sampler);
    }
    console.log(`[heavy] outcomes ${JSON.stringify(outcomes)}; peak RSS ${Math.round(peak / 2 ** 20)} MB (baseline ${Math.round(baseline / 2 ** 20)} MB)`);
    // The walk that once took the heap is refused by its cost before anything runs.
    expect(Object.keys(outcomes).some((outcome) => outcome.startsWith(heavyReads[0]!.name.slice(0, 40)) && outcome.endsWith('QUERY_TOO_COMPLEX'))).toBe(true);
    // The test process holds the service: what the mix took beyond the baseline stays well under a heap's size.
    expect(peak - baseline).toBeLessThan(512 * 2 ** 20);
    const health = await fetch(`${owned.service.url}/health`);
    expect(health.status).toBe(200);
    const after = await owned.service.gql('query($id: ID!) { actor(id: $id) { positions(first: 1) { totalCount } } }', { id: hubIds[0] });
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual({ actor: { positions: { totalCount: POSITIONS_PER_HUB } } });
  }, 300_000);
});
