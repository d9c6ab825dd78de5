/** Query.positions, the Position type's fields, and the position mutations. */
import { mutate } from '../curation/mutation.js';
import { badUserInput } from '../errors.js';
import type { Resolvers } from '../generated/graphql.js';
import { requireNodes } from '../node/require.js';
import { mustExist } from '../shared/guards.js';
import { parseInput } from '../shared/input-fields.js';
import { keysetConnection } from '../shared/pagination.js';
import { idList } from '../shared/validate.js';
import { retractPositionInput, setPositionInput } from './inputs.js';
import { positionInclude, primePositionTree } from './lookahead.js';
import type { PositionListFilter } from './repository.js';

/** A list filter that is given but empty matches nothing a client would want: treat it as absent. */
const nonEmpty = <T>(list: readonly T[] | null | undefined): T[] | null => (list && list.length > 0 ? [...list] : null);

export const positionResolvers = {
  Query: {
    positions: async (_parent, { filter, first, after }, { loaders, repositories }, info) => {
      const checked: PositionListFilter = {
        actorIds: filter?.actorIds ? nonEmpty(idList(filter.actorIds, 'filter.actorIds')) : null,
        topicIds: filter?.topicIds ? nonEmpty(idList(filter.topicIds, 'filter.topicIds')) : null,
        stances: nonEmpty(filter?.stances),
        from: filter?.from ?? null,
        to: filter?.to ?? null,
        asOf: filter?.asOf ?? null,
        reliability: nonEmpty(filter?.reliability),
        onlyReliability: filter?.onlyReliability ?? null,
      };
      if (checked.from && checked.to && checked.from > checked.to) throw badUserInput('filter.to', `must not be before filter.from (${checked.from})`);
      await Promise.all([
        checked.actorIds && requireNodes(loaders, 'filter.actorIds', checked.actorIds, ['Actor']),
        checked.topicIds && requireNodes(loaders, 'filter.topicIds', checked.topicIds, ['Issue', 'Proposal']),
      ]);
      const include = positionInclude(info);
      return keysetConnection(
        first,
        after,
        'positions',
        2,
        async (page) => (await repositories.positions.list(checked, page, include)).map(({ node, sortKey }) => ({ node: primePositionTree(loaders, node), sortKey })),
        () => repositories.positions.count(checked),
      );
    },
  },
  Position: {
    actor: async (position, _args, { loaders }) => mustExist(await loaders.actorById.load(position.actorId), position.actorId),
    topic: async (position, _args, { loaders }) => mustExist(await loaders.topicById.load(position.topicId), position.topicId),
    evidence: (position, _args, { loaders }) => loaders.evidenceByPosition.load(position.id),
  },
  Mutation: {
    setPosition: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.positions.set(author, parseInput(setPositionInput, input))),
    retractPosition: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.positions.retract(author, parseInput(retractPositionInput, input))),
  },
} satisfies Resolvers;
