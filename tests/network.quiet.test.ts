/**
 * Coalitions and centrality through GraphQL on the real test Neo4j, checked against networkx on the service's own
 * GraphML export: networkx reads the file, rebuilds the actor–stance graph and the actor network from it, and computes
 * its own Louvain partition, PageRank, betweenness and degree (tests/python/network_check.py).
 *
 * A "quiet" file (vitest.config.ts): it runs after every other file has finished and removed its data, one file at a
 * time, so the graph it compares holds only the seed, the same for the export and for the service's computation.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../neo4j/launcher.js';
import { RequestBudget } from '../src/neo4j/database.js';
import { withinDeadline } from '../src/shared/deadline.js';
import { ActorsCentralityDocument, CentralityDocument, CoalitionsDocument, RelateActorsDocument, UpsertActorDocument, type CentralityQuery, type CoalitionsQuery } from './generated/operations.js';
import { bearer, dataOf, eventually, ownedData, run, startTestService, testConfig } from './support.js';

const owned = ownedData('network');
const python = process.env.STANCEGRAPH_PYTHON ?? join(projectRoot, '.venv', 'bin', 'python');
const today = new Date().toISOString().slice(0, 10);
let workDir: string;

interface NetworkxCheck {
  stanceEdges: number;
  nxModularity: number;
  nxCommunities: number;
  oursModularity: number;
  actors: number;
  ties: number;
  pageRank: Record<string, number>;
  betweenness: Record<string, number>;
  degree: Record<string, number>;
}

type CoalitionNode = CoalitionsQuery['coalitions']['edges'][number]['node'];
type CentralityNode = CentralityQuery['centrality']['edges'][number]['node'];

function networkx(graphml: string, partition: Array<{ actors: string[]; stances: Array<[string, string]> }>): Promise<NetworkxCheck> {
  const file = join(workDir, 'graph.graphml');
  writeFileSync(file, graphml);
  return new Promise((resolve, reject) => {
    const child = execFile(python, [join(projectRoot, 'tests', 'python', 'network_check.py'), file, today], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as NetworkxCheck);
    });
    child.stdin!.end(JSON.stringify(partition));
  });
}

async function exportGraphml(): Promise<string> {
  const response = await fetch(`${owned.service.url}/export?format=graphml`);
  expect(response.status).toBe(200);
  return response.text();
}

/** Every coalition (minSize 1: every community with an actor), page by page. */
async function allCoalitions(): Promise<{ nodes: CoalitionNode[]; first: CoalitionsQuery['coalitions'] }> {
  const nodes: CoalitionNode[] = [];
  let after: string | null = null;
  let first: CoalitionsQuery['coalitions'] | undefined;
  for (let page = 0; page < 20; page++) {
    const data: CoalitionsQuery = await owned.read(CoalitionsDocument, { minSize: 1, first: 20, after });
    first ??= data.coalitions;
    nodes.push(...data.coalitions.edges.map((edge) => edge.node));
    if (!data.coalitions.pageInfo.hasNextPage) break;
    after = data.coalitions.pageInfo.endCursor;
  }
  return { nodes, first: first! };
}

async function allCentrality(): Promise<{ nodes: CentralityNode[]; first: CentralityQuery['centrality'] }> {
  const nodes: CentralityNode[] = [];
  let after: string | null = null;
  let first: CentralityQuery['centrality'] | undefined;
  for (let page = 0; page < 20; page++) {
    const data: CentralityQuery = await owned.read(CentralityDocument, { first: 100, after });
    first ??= data.centrality;
    nodes.push(...data.centrality.edges.map((edge) => edge.node));
    if (!data.centrality.pageInfo.hasNextPage) break;
    after = data.centrality.pageInfo.endCursor;
  }
  return { nodes, first: first! };
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'stancegraph-network-'));
  await owned.start();
});

afterAll(async () => {
  await owned.cleanup();
  rmSync(workDir, { recursive: true, force: true });
});

describe('coalitions and centrality against networkx on the exported graph', () => {
  it('coalitions: Louvain on the actor–stance graph, as good as networkx’s and scored exactly as networkx scores it', async () => {
    const { nodes, first } = await allCoalitions();
    const graphml = await exportGraphml();
    const partition = nodes.map((node) => ({
      actors: node.members.nodes.map((actor) => actor.id),
      stances: node.stances.nodes.map((stance) => [stance.topic.id, stance.stance] as [string, string]),
    }));
    // Every community of the seed fits one page of members and of stances.
    for (const node of nodes) {
      expect(node.members.nodes).toHaveLength(node.members.totalCount);
      expect(node.stances.nodes).toHaveLength(node.stances.totalCount);
    }
    const check = await networkx(graphml, partition);
    console.log(
      `[network] seed: ${first.actorCount} actors, ${check.stanceEdges} actor–stance edges; stancegraph ${first.communityCount} communities, modularity ` +
        `${first.modularity.toFixed(4)}; networkx Louvain ${check.nxCommunities} communities, modularity ${check.nxModularity.toFixed(4)}`,
    );
    expect(check.stanceEdges).toBeGreaterThan(20);
    expect(first.actorCount).toBe(new Set(partition.flatMap((community) => community.actors)).size);
    expect(first.communityCount).toBe(nodes.length);
    // The same graph on both sides: the partition the service reports scores, in networkx, what the service says.
    expect(Math.abs(check.oursModularity - first.modularity)).toBeLessThan(1e-9);
    // As good a partition as networkx's own Louvain finds, within a tolerance (both are heuristics).
    expect(first.modularity).toBeGreaterThan(check.nxModularity - 0.03);

    // Deterministic: another service (its own cache and worker) finds the same coalitions.
    const other = await startTestService(testConfig());
    try {
      const again = dataOf(await run(other, CoalitionsDocument, { minSize: 1, first: 20 }));
      expect(again.coalitions.edges.map((edge) => [edge.node.id, edge.node.members.nodes.map((actor) => actor.id)])).toEqual(
        nodes.slice(0, 20).map((node) => [node.id, node.members.nodes.map((actor) => actor.id)]),
      );
      expect(again.coalitions.modularity).toBe(first.modularity);
    } finally {
      await other.close();
    }
  });

  it('a coalition’s agreesOn, cohesion and divisions follow from its members’ stances', async () => {
    const { nodes } = await allCoalitions();
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const withAgreement = nodes.filter((node) => node.agreesOn.length > 0);
    expect(withAgreement.length).toBeGreaterThan(0);
    for (const node of withAgreement) {
      expect(node.size).toBe(node.members.totalCount);
      for (const stance of node.agreesOn) {
        expect(stance.holders).toBeGreaterThanOrEqual(2);
        expect(stance.share).toBeGreaterThan(0.5);
      }
      expect(node.cohesion).not.toBeNull();
      expect(node.cohesion!).toBeGreaterThan(0);
      expect(node.cohesion!).toBeLessThanOrEqual(1);
    }
    // The seed has some (the coalition around Trump against Ukraine's on NATO membership and the 28-point plan).
    expect(nodes.some((node) => node.dividedFrom.length > 0)).toBe(true);
    for (const node of nodes) {
      for (const division of node.dividedFrom) {
        const other = byId.get(division.coalition.id)!;
        expect(other).toBeDefined();
        for (const topic of division.topics) {
          expect([topic.stance, topic.otherStance].sort()).toEqual(['OPPOSES', 'SUPPORTS']);
          // Symmetric: the other coalition lists the same topic, sides swapped.
          const mirror = other.dividedFrom.find((d) => d.coalition.id === node.id)?.topics.find((t) => t.topic.id === topic.topic.id);
          expect(mirror).toMatchObject({ stance: topic.otherStance, otherStance: topic.stance, holders: topic.otherHolders, otherHolders: topic.holders });
        }
      }
    }
  });

  it('centrality: the same PageRank top 5, betweenness and degree as networkx on the exported graph', async () => {
    const { nodes, first } = await allCentrality();
    const check = await networkx(await exportGraphml(), []);
    expect(first.totalCount).toBe(check.actors);
    expect(nodes).toHaveLength(check.actors);
    expect(first.ties).toBe(check.ties);
    expect(first.betweennessSources).toBe(check.actors); // exact on a graph this size
    const byValue = (values: Record<string, number>) =>
      Object.entries(values)
        .sort(([xi, xv], [yi, yv]) => yv - xv || (xi < yi ? -1 : 1))
        .map(([id]) => id);
    const top5 = nodes.slice(0, 5).map((node) => node.actor.id);
    console.log(`[network] PageRank top 5: stancegraph ${top5.join(', ')}; networkx ${byValue(check.pageRank).slice(0, 5).join(', ')}`);
    expect(top5).toEqual(byValue(check.pageRank).slice(0, 5));
    nodes.forEach((node, i) => {
      expect(node.rank).toBe(i + 1);
      expect(node.pageRank).toBeCloseTo(check.pageRank[node.actor.id]!, 6);
      expect(node.betweenness).toBeCloseTo(check.betweenness[node.actor.id]!, 9);
      expect(node.degree).toBe(check.degree[node.actor.id]);
    });
    expect(nodes.some((node) => node.betweenness > 0)).toBe(true);
  });
});

describe('arguments, pages and freshness', () => {
  it('restricts coalitions to topics and to a date', async () => {
    const { nodes } = await allCoalitions();
    const topicId = nodes[0]!.agreesOn[0]?.topic.id ?? nodes[0]!.stances.nodes[0]!.topic.id;
    const onTopic = await owned.read(CoalitionsDocument, { filter: { topicIds: [topicId] }, minSize: 1, first: 20 });
    expect(onTopic.coalitions.actorCount).toBeGreaterThan(0);
    for (const edge of onTopic.coalitions.edges) for (const stance of edge.node.stances.nodes) expect(stance.topic.id).toBe(topicId);
    const before = await owned.read(CoalitionsDocument, { filter: { asOf: '1990-01-01' } });
    expect(before.coalitions).toMatchObject({ totalCount: 0, actorCount: 0, communityCount: 0, modularity: 0, edges: [] });
  });

  it('pages through centrality and coalitions with cursors', async () => {
    const all = await allCentrality();
    const first = await owned.read(CentralityDocument, { by: 'DEGREE', first: 10 });
    const second = await owned.read(CentralityDocument, { by: 'DEGREE', first: 10, after: first.centrality.pageInfo.endCursor });
    const degrees = [...first.centrality.edges, ...second.centrality.edges].map((edge) => edge.node.degree);
    expect(degrees).toEqual([...degrees].sort((x, y) => y - x));
    expect(new Set([...first.centrality.edges, ...second.centrality.edges].map((edge) => edge.node.actor.id)).size).toBe(20);
    expect(second.centrality.pageInfo.hasNextPage).toBe(all.nodes.length > 20);
    const coalitions = await owned.read(CoalitionsDocument, { minSize: 1, first: 2 });
    const next = await owned.read(CoalitionsDocument, { minSize: 1, first: 2, after: coalitions.coalitions.pageInfo.endCursor });
    const { nodes } = await allCoalitions();
    expect([...coalitions.coalitions.edges, ...next.coalitions.edges].map((edge) => edge.node.id)).toEqual(nodes.slice(0, 4).map((node) => node.id));
  });

  it.each([
    [{ resolution: 0 }, 'BAD_USER_INPUT', 'resolution'],
    [{ resolution: 11 }, 'BAD_USER_INPUT', 'resolution'],
    [{ minSize: 0 }, 'BAD_USER_INPUT', 'minSize'],
    [{ after: 'not-a-cursor' }, 'BAD_USER_INPUT', 'after'],
    [{ filter: { topicIds: ['no-such-topic'] } }, 'NOT_FOUND', 'filter.topicIds'],
    [{ filter: { topicIds: ['vladimir-putin'] } }, 'NOT_FOUND', 'filter.topicIds'],
    [{ filter: { topicIds: [] } }, 'BAD_USER_INPUT', 'filter.topicIds'],
  ])('refuses coalitions(%j) with %s naming %s', async (variables, code, argument) => {
    const answer = await owned.run(CoalitionsDocument, variables, null);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code, argument });
    expect(answer.errors?.[0]?.message).toContain(argument);
  });

  it('refuses a page over 100', async () => {
    for (const field of ['coalitions', 'centrality']) {
      const answer = await owned.service.gql(`{ ${field}(first: 101) { totalCount } }`);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    }
  });

  it('refuses a centrality cursor of another measure', async () => {
    const page = await owned.read(CentralityDocument, { by: 'PAGE_RANK', first: 1 });
    const answer = await owned.run(CentralityDocument, { by: 'BETWEENNESS', after: page.centrality.pageInfo.endCursor }, null);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('sees a write in the next request: two new actors, then a relation between them', async () => {
    const [x, y] = [owned.id('x'), owned.id('y')];
    const before = await owned.read(CentralityDocument, { first: 1 });
    for (const id of [x, y]) await owned.ok(UpsertActorDocument, { input: { id, name: `Network ${id}`, kind: 'PERSON' } });
    const isolated = await owned.read(ActorsCentralityDocument, { ids: [x, y] });
    expect(isolated.nodes.map((node) => node && 'centrality' in node && node.centrality.degree)).toEqual([0, 0]);
    await owned.ok(RelateActorsDocument, { input: { fromId: x, type: 'ALLIED_WITH', toId: y } });
    const tied = await owned.read(ActorsCentralityDocument, { ids: [x, y] });
    expect(tied.nodes.map((node) => node && 'centrality' in node && node.centrality.degree)).toEqual([1, 1]);
    const after = await owned.read(CentralityDocument, { first: 1 });
    expect(after.centrality.computation.graphVersion).not.toBe(before.centrality.computation.graphVersion);
    expect(after.centrality.totalCount).toBe(before.centrality.totalCount + 2);
  });

  it('a mutation that asks for centrality waits for it: its write committed, so no deadline may hide it', async () => {
    const id = owned.id('z');
    const answer = await owned.service.gql<{ upsertActor: { actor: { id: string; centrality: { degree: number } } } }>(
      'mutation ($input: UpsertActorInput!) { upsertActor(input: $input) { actor { id centrality { degree } } } }',
      { input: { id, name: `Network ${id}`, kind: 'PERSON' } },
      bearer(owned.tokens.editor),
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.upsertActor.actor).toEqual({ id, centrality: { degree: 0 } });
  });

  it('reads the graph version once per request, however many actors ask for their centrality', async () => {
    const { nodes } = await allCentrality();
    const ids = nodes.map((node) => node.actor.id);
    await owned.read(ActorsCentralityDocument, { ids: ids.slice(0, 2) }); // computed and cached
    owned.service.takeQueryCount();
    await owned.read(ActorsCentralityDocument, { ids: ids.slice(0, 2) });
    const few = owned.service.takeQueryCount();
    await owned.read(ActorsCentralityDocument, { ids: ids.slice(0, 40) });
    const many = owned.service.takeQueryCount();
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(3);
  });

  it('answers QUERY_TIMEOUT ("still computing") past the request deadline while the computation goes on', async () => {
    const budget = new RequestBudget({ timeoutMs: 150, maxRows: 1, maxBytes: 1_000 });
    const never = new Promise<never>(() => {});
    await expect(withinDeadline(never, budget, 'Still computing over the current graph')).rejects.toMatchObject({ message: expect.stringContaining('Still computing'), extensions: { code: 'QUERY_TIMEOUT' } });
  });

  it('a request cut off by its deadline leaves the computation running: asking again gets the result, computed once', async () => {
    const hurried = await startTestService(testConfig({ REQUEST_TIMEOUT_MS: '400' }));
    try {
      const answers: Array<string | null> = [];
      let data: CentralityQuery | null = null;
      await eventually(async () => {
        const answer = await run(hurried, CentralityDocument, { first: 1 });
        answers.push(answer.errors?.[0]?.extensions?.code as string | null ?? null);
        data = answer.data ?? null;
        return data !== null;
      }, 60, 250);
      // Before the result: only "still computing" timeouts (a fast machine may have none).
      expect(answers.slice(0, -1).every((code) => code === 'QUERY_TIMEOUT')).toBe(true);
      const again = dataOf(await run(hurried, CentralityDocument, { first: 1 }));
      expect(again.centrality.computation).toEqual(data!.centrality.computation);
    } finally {
      await hurried.close();
    }
  });
});
