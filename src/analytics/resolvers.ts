/**
 * Query.compare, agreement, alignment and paths: the stance matrix, agreement between two actors, actors ranked by
 * agreement with one, and paths between two actors. Every id these arguments name must exist (node/require.ts).
 */
import type { Resolvers, RollUp } from '../generated/graphql.js';
import { badUserInput } from '../errors.js';
import { loadNode, type NodeRecord } from '../node/loaders.js';
import { requireNodes } from '../node/require.js';
import { mustExist, present } from '../shared/guards.js';
import { decodeCursor, pageSize, toConnection } from '../shared/pagination.js';
import { idList, intInRange, MAX_IDS } from '../shared/validate.js';
import type { RollUpOptions } from './rollup.js';
import { buildStanceMatrix, compareActors, describeStep } from './stances.js';

const today = () => new Date().toISOString().slice(0, 10);

/** Roll-ups asked for; an explicit null counts as false, as the SDL default does. */
const rollUpOf = (input: RollUp | null | undefined): RollUpOptions => ({ subIssues: input?.subIssues ?? false, members: input?.members ?? false });

function nameOf(node: NodeRecord | null): string {
  if (!node) return '(unknown)';
  if ('name' in node) return node.name;
  if ('title' in node) return node.title;
  return node.id;
}

export const analyticsResolvers = {
  Query: {
    compare: async (_parent, { actorIds, issueIds, rollUp }, { loaders, repositories }) => {
      const actorKeys = idList(actorIds, 'actorIds', { min: 1 });
      const topicKeys = issueIds ? idList(issueIds, 'issueIds') : null;
      await Promise.all([
        requireNodes(loaders, 'actorIds', actorKeys, ['Actor']),
        topicKeys && requireNodes(loaders, 'issueIds', topicKeys, ['Issue', 'Proposal']),
      ]);
      const [actors, positions] = await Promise.all([
        loaders.actorById.loadMany(actorKeys),
        repositories.positions.ofActorsOnTopics(actorKeys, topicKeys, rollUpOf(rollUp)),
      ]);
      const topicOrder = topicKeys ?? [...new Set(positions.map((position) => position.topicId))];
      let topics = present(await loaders.topicById.loadMany(topicOrder));
      if (!topicKeys) topics = topics.sort((x, y) => x.name.localeCompare(y.name));
      return buildStanceMatrix(present(actors), topics, positions, today());
    },
    agreement: async (_parent, { a, b, rollUp }, { loaders, repositories }) => {
      if (a === b) throw badUserInput('b', 'must be a different actor from a');
      await Promise.all([requireNodes(loaders, 'a', [a], ['Actor']), requireNodes(loaders, 'b', [b], ['Actor'])]);
      return compareActors(a, b, await repositories.positions.sharedCurrent(a, b, rollUpOf(rollUp)));
    },
    alignment: async (_parent, args, { loaders, repositories }) => {
      const limit = pageSize(args.first);
      const minSharedTopics = intInRange(args.minSharedTopics, 'minSharedTopics', 1, MAX_IDS, 1);
      const key = decodeCursor(args.after, 'alignment', ['int', 'int', 'int', 'string']);
      await requireNodes(loaders, 'with', [args.with], ['Actor']);
      const after = key && { agree: Number(key[0]), decided: Number(key[1]), shared: Number(key[2]), actorId: String(key[3]) };
      const { total, page } = await repositories.analytics.alignment(args.with, { minSharedTopics, rollUp: rollUpOf(args.rollUp), after, limit: limit + 1 });
      return toConnection(page, limit, 'alignment', (row) => [row.agree, row.decided, row.shared, row.actor.id], () => Promise.resolve(total));
    },
    paths: async (_parent, { from, to, maxHops, first }, { loaders, repositories }) => {
      const hops = intInRange(maxHops, 'maxHops', 1, 6, 4);
      const limit = intInRange(first, 'first', 1, 50, 10);
      if (from === to) throw badUserInput('to', 'must be a different actor from `from`');
      await Promise.all([requireNodes(loaders, 'from', [from], ['Actor']), requireNodes(loaders, 'to', [to], ['Actor'])]);
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
  Alignment: {
    agreeOn: async (alignment, _args, { loaders }) => present(await loaders.topicById.loadMany(alignment.agreeOn)),
    disagreeOn: async (alignment, _args, { loaders }) => present(await loaders.topicById.loadMany(alignment.disagreeOn)),
    details: async (alignment, _args, { loaders }) => {
      const ids = alignment.comparisons.flatMap((compared) => [compared.aPositionId, compared.bPositionId]);
      const positions = new Map(present(await loaders.positionById.loadMany(ids)).map((position) => [position.id, position]));
      return alignment.comparisons.map(({ topicId, aPositionId, bPositionId, verdict }) => ({
        topicId,
        a: mustExist(positions.get(aPositionId), aPositionId),
        b: mustExist(positions.get(bPositionId), bPositionId),
        verdict,
      }));
    },
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
