/**
 * The graph algorithms, over projections already read from Neo4j: coalitions (Louvain communities of the actor–stance
 * graph) and centrality (PageRank, betweenness, degree of the actor network). Pure and synchronous: they run in the
 * analytics worker (./worker.ts), never on the thread that answers requests. Deterministic: nodes are added in id
 * order and every random choice draws from a generator seeded with a constant.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { createUnweightedIndexedBrandes } from 'graphology-shortest-path/indexed-brandes.js';
import seedrandom from 'seedrandom';
import { stances, type Stance } from '../vocabulary.js';

// Both are CommonJS modules whose typings declare an ES default export: the default import is the function itself.
const louvain = louvainModule as unknown as typeof louvainModule.default;
const pagerank = pagerankModule as unknown as typeof pagerankModule.default;

/** The seed of every random choice: the same graph gives the same answer. */
export const RANDOM_SEED = 'stancegraph';

/** Each actor's deciding current stance per topic (one per actor and topic), actors in id order. */
export interface StanceProjection {
  actorIds: string[];
  /** Per actor: the topics it holds a current position on, and the stance on each (same order). */
  topicIds: string[][];
  stances: Stance[][];
}

export interface CoalitionOptions {
  resolution: number;
  minSize: number;
}

/** A stance a coalition's members take: how many hold it, and their share of the members with a position on the topic. */
export interface CoalitionStanceRecord {
  topicId: string;
  stance: Stance;
  holders: number;
  share: number;
}

export interface TopicDivideRecord {
  topicId: string;
  stance: Stance;
  otherStance: Stance;
  holders: number;
  otherHolders: number;
}

export interface CoalitionRecord {
  id: string;
  /** Members, the most engaged first: most stances inside the coalition, then by id. */
  memberIds: string[];
  /** Of the members' positions on topics two or more members hold, the share taking the coalition's majority stance; null if members share no topic. */
  cohesion: number | null;
  /** Every stance Louvain placed in this coalition, most held first, then by topic id and stance. */
  stances: CoalitionStanceRecord[];
  /** The topics where the members agree: held by two or more members, a majority of them taking this stance. */
  agreesOn: CoalitionStanceRecord[];
  /**
   * Other coalitions, most divided first, with the topics where one's majority SUPPORTS and the other's OPPOSES (each
   * coalition's 100 most held majority stances are compared).
   */
  dividedFrom: Array<{ coalitionId: string; topics: TopicDivideRecord[] }>;
}

export interface CoalitionsResult {
  /** Modularity of the whole partition (every actor and stance node, small communities included) at the resolution used. */
  modularity: number;
  /** Actors with at least one current position in scope (the projection's actors). */
  actorCount: number;
  /** Communities found, small ones included (a coalition needs minSize members). */
  communityCount: number;
  /** Coalitions, largest first, then by id. */
  coalitions: CoalitionRecord[];
}

/** How many stances / divisions a coalition keeps: enough for any page the API serves (≤ 100). */
const KEEP_DIVIDED = 20;
const KEEP_DIVIDE_TOPICS = 20;
const KEEP_AGREES = 50;
/** Divisions compare each coalition's most held majority stances only: enough to name what divides two coalitions. */
const LINE_TOPICS = 100;

const stanceKey = (topicId: string, stance: Stance) => `s:${topicId}|${stance}`;
const actorKey = (id: string) => `a:${id}`;

/**
 * Coalitions: Louvain communities of the bipartite graph linking each actor to the stances it holds (topic × stance).
 * Actors sharing many stances fall together; opposite stances on a topic are different nodes, so disagreement keeps
 * actors apart. The graph grows with the positions, not with the pairs of actors sharing a topic (which at 1M
 * positions would be ~10⁸ pairs).
 */
export function findCoalitions(projection: StanceProjection, options: CoalitionOptions): CoalitionsResult {
  const graph = new UndirectedGraph();
  projection.actorIds.forEach((actorId, i) => {
    const a = actorKey(actorId);
    graph.addNode(a);
    const topics = projection.topicIds[i]!;
    const held = projection.stances[i]!;
    for (let j = 0; j < topics.length; j++) {
      const s = stanceKey(topics[j]!, held[j]!);
      if (!graph.hasNode(s)) graph.addNode(s);
      graph.addEdge(a, s);
    }
  });
  if (graph.size === 0) return { modularity: 0, actorCount: projection.actorIds.length, communityCount: 0, coalitions: [] };

  const detailed = louvain.detailed(graph, { resolution: options.resolution, rng: seedrandom(RANDOM_SEED), getEdgeWeight: null });
  const membersOf = new Map<number, number[]>();
  projection.actorIds.forEach((actorId, i) => {
    const community = detailed.communities[actorKey(actorId)]!;
    const list = membersOf.get(community);
    if (list) list.push(i);
    else membersOf.set(community, [i]);
  });

  interface Draft {
    community: number;
    record: CoalitionRecord;
    majority: Map<string, { stance: Stance; holders: number }>;
  }
  const drafts: Draft[] = [];
  for (const [community, members] of membersOf) {
    if (members.length < options.minSize) continue;
    // Per topic, how many members take each stance; per member, how many of its stances lie inside the community.
    const perTopic = new Map<string, Map<Stance, number>>();
    const inside = new Map<number, number>();
    for (const i of members) {
      const topics = projection.topicIds[i]!;
      const held = projection.stances[i]!;
      let own = 0;
      for (let j = 0; j < topics.length; j++) {
        const counts = perTopic.get(topics[j]!) ?? new Map<Stance, number>();
        counts.set(held[j]!, (counts.get(held[j]!) ?? 0) + 1);
        perTopic.set(topics[j]!, counts);
        if (detailed.communities[stanceKey(topics[j]!, held[j]!)] === community) own++;
      }
      inside.set(i, own);
    }
    const memberIds = [...members]
      .sort((x, y) => inside.get(y)! - inside.get(x)! || compareIds(projection.actorIds[x]!, projection.actorIds[y]!))
      .map((i) => projection.actorIds[i]!);

    const stanceRecords: CoalitionStanceRecord[] = [];
    const agreesOn: CoalitionStanceRecord[] = [];
    const majority = new Map<string, { stance: Stance; holders: number }>();
    let agreeing = 0;
    let shared = 0;
    for (const [topicId, counts] of perTopic) {
      let onTopic = 0;
      for (const n of counts.values()) onTopic += n;
      let best: Stance | null = null;
      for (const stance of stances) {
        const n = counts.get(stance) ?? 0;
        if (n === 0) continue;
        if (best === null || n > counts.get(best)!) best = stance;
        if (detailed.communities[stanceKey(topicId, stance)] === community) stanceRecords.push({ topicId, stance, holders: n, share: n / onTopic });
      }
      if (!best) continue;
      const holders = counts.get(best)!;
      // The coalition's line on a topic: a strict majority of the members holding a position on it.
      if (holders * 2 > onTopic) majority.set(topicId, { stance: best, holders });
      if (onTopic >= 2) {
        agreeing += holders;
        shared += onTopic;
        if (holders * 2 > onTopic) agreesOn.push({ topicId, stance: best, holders, share: holders / onTopic });
      }
    }
    const byHolders = (x: CoalitionStanceRecord, y: CoalitionStanceRecord) =>
      y.holders - x.holders || y.share - x.share || compareIds(x.topicId, y.topicId) || stances.indexOf(x.stance) - stances.indexOf(y.stance);
    stanceRecords.sort(byHolders);
    agreesOn.sort(byHolders);
    drafts.push({
      community,
      majority,
      record: {
        // Named after its most engaged member: stable while the coalition keeps its core.
        id: `coalition:${memberIds[0]}`,
        memberIds,
        cohesion: shared > 0 ? agreeing / shared : null,
        stances: stanceRecords,
        agreesOn: agreesOn.slice(0, KEEP_AGREES),
        dividedFrom: [],
      },
    });
  }
  drafts.sort((x, y) => y.record.memberIds.length - x.record.memberIds.length || compareIds(x.record.id, y.record.id));

  // Divisions: per topic, the coalitions whose majority supports it and those whose majority opposes it.
  const sides = new Map<string, Array<{ draft: number; stance: Stance; holders: number }>>();
  drafts.forEach((draft, index) => {
    // A coalition's line: its LINE_TOPICS most held majority stances (all of them for a small coalition).
    const line = [...draft.majority]
      .filter(([, { stance }]) => stance === 'SUPPORTS' || stance === 'OPPOSES')
      .sort(([xt, x], [yt, y]) => y.holders - x.holders || compareIds(xt, yt))
      .slice(0, LINE_TOPICS);
    for (const [topicId, { stance, holders }] of line) {
      const list = sides.get(topicId) ?? [];
      list.push({ draft: index, stance, holders });
      sides.set(topicId, list);
    }
  });
  const divides = drafts.map(() => new Map<number, TopicDivideRecord[]>());
  for (const [topicId, list] of sides) {
    for (const x of list) {
      for (const y of list) {
        if (x.draft === y.draft || x.stance === y.stance) continue;
        const topics = divides[x.draft]!.get(y.draft) ?? [];
        topics.push({ topicId, stance: x.stance, otherStance: y.stance, holders: x.holders, otherHolders: y.holders });
        divides[x.draft]!.set(y.draft, topics);
      }
    }
  }
  drafts.forEach((draft, index) => {
    draft.record.dividedFrom = [...divides[index]!]
      .sort(([xd, xt], [yd, yt]) => yt.length - xt.length || xd - yd)
      .slice(0, KEEP_DIVIDED)
      .map(([other, topics]) => ({
        coalitionId: drafts[other]!.record.id,
        topics: topics
          .sort((x, y) => Math.min(y.holders, y.otherHolders) - Math.min(x.holders, x.otherHolders) || compareIds(x.topicId, y.topicId))
          .slice(0, KEEP_DIVIDE_TOPICS),
      }));
  });

  return {
    modularity: detailed.modularity,
    actorCount: projection.actorIds.length,
    communityCount: detailed.count,
    coalitions: drafts.map((draft) => draft.record),
  };
}

/** The actor network: every actor, and the ties between them (relations, roles, shared events, co-authored proposals). */
export interface ActorNetwork {
  actorIds: string[];
  /** Direct ties as pairs of indices into actorIds (relations and roles, either direction). */
  from: number[];
  to: number[];
  /** Groups whose members are all tied to each other: an event's participants, a proposal's authors. */
  groups: number[][];
}

export interface CentralityResult {
  actorIds: string[];
  pageRank: number[];
  betweenness: number[];
  degree: number[];
  /** Shortest-path sources betweenness was computed from: every actor (exact) or a seeded sample. */
  betweennessSources: number;
  /** Actors with at least one tie, and distinct tied pairs. */
  connected: number;
  ties: number;
}

/**
 * Centrality of the actor network, an undirected graph whose edge between two actors weighs the number of ties
 * between them (each relation or role in either direction, each shared event, each co-authored proposal).
 * PageRank (α 0.85) follows the weights; degree counts distinct neighbours; betweenness counts shortest paths by hops,
 * normalised as networkx does (1/((n-1)(n-2)) for an undirected graph). Above `maxSources` actors, betweenness is
 * estimated from that many sources drawn with the seeded generator and scaled by n/sources (Brandes & Pich, as
 * networkx's `k`); at or below it, it is exact.
 */
export function computeCentrality(network: ActorNetwork, maxSources: number): CentralityResult {
  const graph = new UndirectedGraph();
  for (const id of network.actorIds) graph.addNode(id);
  const tie = (x: number, y: number) => {
    if (x === y) return;
    const a = network.actorIds[x]!;
    const b = network.actorIds[y]!;
    const edge = graph.edge(a, b);
    if (edge === undefined) graph.addEdge(a, b, { weight: 1 });
    else graph.updateEdgeAttribute(edge, 'weight', (w: number | undefined) => (w ?? 0) + 1);
  };
  for (let i = 0; i < network.from.length; i++) tie(network.from[i]!, network.to[i]!);
  for (const group of network.groups) {
    for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) tie(group[i]!, group[j]!);
  }

  const n = graph.order;
  const ranks = n > 0 ? pagerank(graph, { getEdgeWeight: 'weight', alpha: 0.85, maxIterations: 1000, tolerance: 1e-9 }) : {};
  const { betweenness, sources } = sampledBetweenness(graph, maxSources);
  let connected = 0;
  const degree = network.actorIds.map((id) => {
    const d = graph.degree(id);
    if (d > 0) connected++;
    return d;
  });
  return {
    actorIds: network.actorIds,
    pageRank: network.actorIds.map((id) => ranks[id] ?? 0),
    betweenness,
    degree,
    betweennessSources: sources,
    connected,
    ties: graph.size,
  };
}

interface FixedStack {
  size: number;
  items: ArrayLike<number>;
  pop(): number;
}

/** Brandes' accumulation from every source, or from `maxSources` seeded sources, over graphology's indexed BFS. */
function sampledBetweenness(graph: UndirectedGraph, maxSources: number): { betweenness: number[]; sources: number } {
  const n = graph.order;
  if (n === 0) return { betweenness: [], sources: 0 };
  const brandes = createUnweightedIndexedBrandes(graph);
  const sources = sourceSample(n, maxSources);
  const delta = new Float64Array(n);
  const centrality = new Float64Array(n);
  for (const source of sources) {
    const [stack, predecessors, sigma] = brandes(source) as unknown as [FixedStack, number[][], Uint32Array];
    for (let j = 0; j < stack.size; j++) delta[stack.items[j]!] = 0;
    while (stack.size !== 0) {
      const w = stack.pop();
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      for (const v of predecessors[w]!) delta[v] = delta[v]! + sigma[v]! * coefficient;
      if (w !== source) centrality[w] = centrality[w]! + delta[w]!;
    }
  }
  // Each undirected path is counted from both ends (halved by the normalisation, as networkx does).
  const scale = (n <= 2 ? 1 : 1 / ((n - 1) * (n - 2))) * (n / sources.length);
  // graphology's index lists nodes in insertion order: index i is actor i.
  return { betweenness: Array.from(centrality, (c) => (n <= 2 ? 0 : c * scale)), sources: sources.length };
}

/** Every index below n, or `k` of them drawn without replacement by a seeded shuffle. */
function sourceSample(n: number, k: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= k) return all;
  const random = seedrandom(RANDOM_SEED);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, k).sort((x, y) => x - y);
}

/** Code-point order, as Cypher orders strings: the same order on both sides of a cursor. */
function compareIds(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
