import type { Resolvers } from '../generated/graphql.js';
import { positionInclude } from '../position/include.js';
import { decodeCursor, pageSize, toConnection } from '../shared/pagination.js';
import { searchText } from '../shared/validate.js';
import { statementPage } from '../statement/resolvers.js';

export const actorResolvers = {
  Query: {
    actor: (_parent, { id }, { loaders }) => loaders.actorById.load(id),
    actors: async (_parent, { filter, first, after }, { repositories }) => {
      const limit = pageSize(first);
      const cursor = decodeCursor(after, 'actors', ['string', 'string']);
      const listFilter = {
        search: searchText(filter?.search, 'filter.search'),
        kinds: filter?.kinds && filter.kinds.length > 0 ? filter.kinds : null,
        topicId: filter?.stanceOn?.topicId ?? null,
        stance: filter?.stanceOn?.stance ?? null,
      };
      const rows = await repositories.actors.list(listFilter, limit + 1, cursor);
      return toConnection(rows, limit, 'actors', (actor) => [actor.name, actor.id], () => repositories.actors.count(listFilter));
    },
  },
  Actor: {
    positions: (actor, { topicId, stance, asOf }, { loaders }, info) =>
      loaders.positionsByActor.load({
        id: actor.id,
        args: { topicId: topicId ?? null, stance: stance ?? null, asOf: asOf ?? null, include: positionInclude(info) },
      }),
    relations: (actor, _args, { loaders }) => loaders.relationsByActor.load(actor.id),
    events: (actor, _args, { loaders }) => loaders.eventsByActor.load(actor.id),
    roles: (actor, _args, { loaders }) => loaders.rolesByHolder.load(actor.id),
    roleHolders: (actor, _args, { loaders }) => loaders.rolesByOrganisation.load(actor.id),
    proposals: (actor, _args, { loaders }) => loaders.proposalsByAuthor.load(actor.id),
    statements: async (actor, { first, after }, { loaders }) =>
      statementPage(
        first,
        after,
        (args) => loaders.statementsBySpeaker.load({ id: actor.id, args }),
        () => loaders.statementCountBySpeaker.load(actor.id),
      ),
  },
  Role: {
    holder: async (role, _args, { loaders }) => mustExist(await loaders.actorById.load(role.holderId), role.holderId),
    of: async (role, _args, { loaders }) => mustExist(await loaders.actorById.load(role.ofId), role.ofId),
  },
  ActorRelation: {
    actor: async (relation, _args, { loaders }) => mustExist(await loaders.actorById.load(relation.actorId), relation.actorId),
    evidence: async (relation, _args, { loaders }) =>
      (await loaders.statementById.loadMany(relation.evidenceIds)).flatMap((statement) =>
        statement && !(statement instanceof Error) ? [statement] : [],
      ),
  },
} satisfies Resolvers;

/** A relationship's far end vanished between two reads of one request: say so rather than return null for a non-null field. */
export function mustExist<T>(value: T | null, id: string): T {
  if (value === null) throw new Error(`node ${id} disappeared during the request`);
  return value;
}
