/** Query.positions and Query.shifts, Actor.stanceHistory, the Position and StanceShift types' fields, and the position mutations. */
import { z } from 'zod';
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
import type { PositionListFilter, ShiftListFilter } from './repository.js';

/** A calendar day, as the Date scalar accepts it (the first part of a shifts cursor). */
const isoDay = z.iso.date();

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
    shifts: async (_parent, { from, to, filter, first, after }, { loaders, repositories }) => {
      if (from > to) throw badUserInput('to', `must not be before from (${from})`);
      const checked: ShiftListFilter = {
        from,
        to,
        actorIds: filter?.actorIds ? nonEmpty(idList(filter.actorIds, 'filter.actorIds')) : null,
        topicIds: filter?.topicIds ? nonEmpty(idList(filter.topicIds, 'filter.topicIds')) : null,
        fromStances: nonEmpty(filter?.fromStances),
        toStances: nonEmpty(filter?.toStances),
      };
      await Promise.all([
        checked.actorIds && requireNodes(loaders, 'filter.actorIds', checked.actorIds, ['Actor']),
        checked.topicIds && requireNodes(loaders, 'filter.topicIds', checked.topicIds, ['Issue', 'Proposal']),
      ]);
      return keysetConnection(
        first,
        after,
        'shifts',
        2,
        (page) => {
          // The cursor's day bounds a Cypher date(): one that is no calendar day was not made by this list.
          if (page.after && !isoDay.safeParse(page.after[0]).success) throw badUserInput('after', 'is not a cursor of this list (use pageInfo.endCursor or an edge cursor)');
          return repositories.positions.shifts(checked, page);
        },
        () => repositories.positions.countShifts(checked),
      );
    },
  },
  Actor: {
    stanceHistory: async (actor, { topicId, first, after }, { loaders }, info) => {
      await requireNodes(loaders, 'topicId', [topicId], ['Issue', 'Proposal']);
      const include = positionInclude(info);
      return keysetConnection(
        first,
        after,
        'actor.stanceHistory',
        2,
        (page) => loaders.stanceHistoryByActor.load({ id: actor.id, args: { topicId, page, include } }),
        () => loaders.stanceHistoryCountByActor.load({ id: actor.id, args: { topicId } }),
      );
    },
  },
  StanceShift: {
    actor: async (shift, _args, { loaders }) => mustExist(await loaders.actorById.load(shift.actorId), shift.actorId),
    topic: async (shift, _args, { loaders }) => mustExist(await loaders.topicById.load(shift.topicId), shift.topicId),
  },
  Position: {
    actor: async (position, _args, { loaders }) => mustExist(await loaders.actorById.load(position.actorId), position.actorId),
    topic: async (position, _args, { loaders }) => mustExist(await loaders.topicById.load(position.topicId), position.topicId),
    evidence: (position, _args, { loaders }) => loaders.evidenceByPosition.load(position.id),
    sourceReliability: async (position, _args, { loaders }) => mustExist(await loaders.sourceReliabilityByPosition.load(position.id), position.id).reliability,
  },
  Mutation: {
    setPosition: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.positions.set(author, parseInput(setPositionInput, input))),
    retractPosition: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.positions.retract(author, parseInput(retractPositionInput, input))),
  },
} satisfies Resolvers;
