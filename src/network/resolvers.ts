/**
 * Query.coalitions, Query.centrality and Actor.centrality: thin over the shared computations (./service.ts), which a
 * request reaches through `context.network` (the graph version read once, the wait bounded by the request's deadline).
 * Query.network: the ego network around some actors, read per request (./ego.ts).
 */
import type { Resolvers } from '../generated/graphql.js';
import { requireNodes } from '../node/require.js';
import { mustExist, present } from '../shared/guards.js';
import { intInRange, idList, numberInRange } from '../shared/validate.js';
import { listConnection } from '../shared/pagination.js';
import type { CoalitionRecord } from './compute.js';
import { egoNetwork } from './ego.js';
import type { ActorCentralityRecord, CoalitionNodeRecord, ComputationRecord } from './model.js';
import type { CentralityView, Computed } from './service.js';

const today = () => new Date().toISOString().slice(0, 10);

const computationOf = (computed: Computed<unknown>): ComputationRecord => ({
  graphVersion: computed.version,
  computedAt: computed.computedAt.toISOString(),
  seconds: Math.round(computed.seconds * 1000) / 1000,
});

function actorCentrality(view: CentralityView, i: number): ActorCentralityRecord {
  return { actorId: view.actorIds[i]!, pageRank: view.pageRank[i]!, betweenness: view.betweenness[i]!, degree: view.degree[i]!, rank: view.pageRankRank[i]! };
}

export const networkResolvers = {
  Query: {
    coalitions: async (_parent, { filter, resolution, minSize, first, after }, { loaders, network }) => {
      const topicIds = filter?.topicIds ? idList(filter.topicIds, 'filter.topicIds', { min: 1 }).sort() : null;
      const args = {
        topicIds,
        asOf: filter?.asOf ?? today(),
        resolution: numberInRange(resolution, 'resolution', 0.1, 10, 1),
        minSize: intInRange(minSize, 'minSize', 1, 1000, 2),
      };
      if (topicIds) await requireNodes(loaders, 'filter.topicIds', topicIds, ['Issue', 'Proposal']);
      const computed = await network.coalitions(args);
      const all = new Map<string, CoalitionRecord>(computed.value.coalitions.map((record) => [record.id, record]));
      const nodes: CoalitionNodeRecord[] = computed.value.coalitions.map((record) => ({ record, all }));
      return {
        ...listConnection(nodes, first, after, 'coalitions', (node) => node.record.id),
        modularity: computed.value.modularity,
        communityCount: computed.value.communityCount,
        actorCount: computed.value.actorCount,
        computation: computationOf(computed),
      };
    },
    centrality: async (_parent, { by, first, after }, { network }) => {
      const computed = await network.centrality();
      const view = computed.value;
      const order = view.order[by ?? 'PAGE_RANK'];
      const list = `centrality:${by ?? 'PAGE_RANK'}`;
      const page = listConnection(order, first, after, list, (i) => view.actorIds[i]!);
      const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: actorCentrality(view, edge.node) }));
      return {
        edges,
        nodes: edges.map((edge) => edge.node),
        pageInfo: page.pageInfo,
        totalCount: page.totalCount,
        connectedActors: view.connected,
        ties: view.ties,
        betweennessSources: view.betweennessSources,
        computation: computationOf(computed),
      };
    },
    network: async (_parent, { actorIds, hops, first }, { loaders, repositories }) => {
      const asked = idList(actorIds, 'actorIds', { min: 1 });
      const depth = intInRange(hops, 'hops', 0, 2, 1);
      const size = intInRange(first, 'first', 1, 100, 50);
      await requireNodes(loaders, 'actorIds', asked, ['Actor']);
      return egoNetwork(repositories.network, asked, depth, size);
    },
  },
  NetworkMember: {
    actor: async (member, _args, { loaders }) => mustExist(await loaders.actorById.load(member.actorId), member.actorId),
  },
  NetworkTie: {
    from: async (tie, _args, { loaders }) => mustExist(await loaders.actorById.load(tie.fromId), tie.fromId),
    to: async (tie, _args, { loaders }) => mustExist(await loaders.actorById.load(tie.toId), tie.toId),
    events: async (tie, _args, { loaders }) => present(await loaders.eventById.loadMany(tie.eventIds)),
    proposals: async (tie, _args, { loaders }) => present(await loaders.proposalById.loadMany(tie.proposalIds)),
  },
  Actor: {
    centrality: async (actor, _args, { network }) => {
      const view = (await network.centrality()).value;
      const i = view.indexOf.get(actor.id);
      // An actor created after the version was read: no ties yet in that version.
      if (i === undefined) return { actorId: actor.id, pageRank: 0, betweenness: 0, degree: 0, rank: view.actorIds.length + 1 };
      return actorCentrality(view, i);
    },
  },
  ActorCentrality: {
    actor: async (row, _args, { loaders }) => mustExist(await loaders.actorById.load(row.actorId), row.actorId),
  },
  Coalition: {
    id: (node) => node.record.id,
    size: (node) => node.record.memberIds.length,
    cohesion: (node) => node.record.cohesion,
    members: async (node, { first, after }, { loaders }) => {
      const page = listConnection(node.record.memberIds, first, after, `members:${node.record.id}`, (id) => id);
      const actors = await loaders.actorById.loadMany(page.nodes);
      const loaded = page.nodes.map((id, i) => mustExist(actors[i] instanceof Error ? null : (actors[i] ?? null), id));
      return { ...page, edges: page.edges.map((edge, i) => ({ cursor: edge.cursor, node: loaded[i]! })), nodes: loaded };
    },
    agreesOn: (node, { first }) => node.record.agreesOn.slice(0, intInRange(first, 'first', 1, 50, 10)),
    stances: (node, { first, after }) => listConnection(node.record.stances, first, after, `stances:${node.record.id}`, (s) => `${s.topicId}|${s.stance}`),
    dividedFrom: (node, { first }) =>
      node.record.dividedFrom.slice(0, intInRange(first, 'first', 1, 20, 5)).map((division) => ({
        coalition: { record: node.all.get(division.coalitionId)!, all: node.all },
        topics: division.topics,
      })),
  },
  CoalitionStance: {
    topic: async (row, _args, { loaders }) => mustExist(await loaders.topicById.load(row.topicId), row.topicId),
  },
  TopicDivide: {
    topic: async (row, _args, { loaders }) => mustExist(await loaders.topicById.load(row.topicId), row.topicId),
  },
} satisfies Resolvers;
