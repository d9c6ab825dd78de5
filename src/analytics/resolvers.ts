/** Query.compare, agreement and paths: the stance matrix, agreement between two actors, and paths between them. */
import type { Resolvers } from '../generated/graphql.js';
import { badUserInput } from '../errors.js';
import { loadNode, type NodeRecord } from '../node/loaders.js';
import { mustExist, present } from '../shared/guards.js';
import { idList, intInRange } from '../shared/validate.js';
import { buildStanceMatrix, compareActors, describeStep } from './stances.js';

const today = () => new Date().toISOString().slice(0, 10);

function nameOf(node: NodeRecord | null): string {
  if (!node) return '(unknown)';
  if ('name' in node) return node.name;
  if ('title' in node) return node.title;
  return node.id;
}

export const analyticsResolvers = {
  Query: {
    compare: async (_parent, { actorIds, issueIds }, { loaders, repositories }) => {
      const actorKeys = idList(actorIds, 'actorIds', { min: 1 });
      const topicKeys = issueIds ? idList(issueIds, 'issueIds') : null;
      const actors = present(await loaders.actorById.loadMany(actorKeys));
      const positions = await repositories.positions.ofActorsOnTopics(
        actors.map((actor) => actor.id),
        topicKeys,
      );
      const topicOrder = topicKeys ?? [...new Set(positions.map((position) => position.topicId))];
      let topics = present(await loaders.topicById.loadMany(topicOrder));
      if (!topicKeys) topics = topics.sort((x, y) => x.name.localeCompare(y.name));
      return buildStanceMatrix(actors, topics, positions, today());
    },
    agreement: async (_parent, { a, b }, { loaders, repositories }) => {
      if (a === b) throw badUserInput('b', 'must be a different actor from a');
      const [actorA, actorB] = await Promise.all([loaders.actorById.load(a), loaders.actorById.load(b)]);
      if (!actorA) throw badUserInput('a', `no actor with id "${a}"`);
      if (!actorB) throw badUserInput('b', `no actor with id "${b}"`);
      return compareActors(a, b, await repositories.positions.sharedCurrent(a, b));
    },
    paths: async (_parent, { from, to, maxHops, first }, { repositories }) => {
      const hops = intInRange(maxHops, 'maxHops', 1, 6, 4);
      const limit = intInRange(first, 'first', 1, 50, 10);
      if (from === to) throw badUserInput('to', 'must be a different actor from `from`');
      const rows = await repositories.analytics.shortestPaths(from, to, hops, limit);
      return rows.map((row) => {
        const refs = new Map(row.nodes.map((ref) => [ref.id, ref]));
        return {
          nodes: row.nodes,
          steps: row.steps.map((step) => ({
            from: mustExist(refs.get(step.fromId) ?? null, step.fromId),
            to: mustExist(refs.get(step.toId) ?? null, step.toId),
            type: step.type,
            forward: step.forward,
          })),
        };
      });
    },
  },
  Agreement: {
    a: async (agreement, _args, { loaders }) => mustExist(await loaders.actorById.load(agreement.aId), agreement.aId),
    b: async (agreement, _args, { loaders }) => mustExist(await loaders.actorById.load(agreement.bId), agreement.bId),
    agreeOn: async (agreement, _args, { loaders }) => present(await loaders.topicById.loadMany(agreement.agreeOn)),
    disagreeOn: async (agreement, _args, { loaders }) => present(await loaders.topicById.loadMany(agreement.disagreeOn)),
  },
  TopicComparison: {
    topic: async (comparison, _args, { loaders }) => mustExist(await loaders.topicById.load(comparison.topicId), comparison.topicId),
  },
  GraphPath: {
    length: (path) => path.steps.length,
    nodes: async (path, _args, { loaders }) => present(await Promise.all(path.nodes.map((ref) => loadNode(loaders, ref)))),
  },
  PathStep: {
    from: async (step, _args, { loaders }) => mustExist(await loadNode(loaders, step.from), step.from.id),
    to: async (step, _args, { loaders }) => mustExist(await loadNode(loaders, step.to), step.to.id),
    description: async (step, _args, { loaders }) => {
      const [from, to] = await Promise.all([loadNode(loaders, step.from), loadNode(loaders, step.to)]);
      return step.forward ? describeStep(step.type, nameOf(from), nameOf(to)) : describeStep(step.type, nameOf(to), nameOf(from));
    },
  },
} satisfies Resolvers;
