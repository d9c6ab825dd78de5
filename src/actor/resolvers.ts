/** Query.actor(s), the Actor type's fields, roles and relations, and the actor mutations. */
import { mutate } from '../curation/mutation.js';
import type { Resolvers } from '../generated/graphql.js';
import { positionInclude } from '../position/lookahead.js';
import { mustExist, present } from '../shared/guards.js';
import { parseInput } from '../shared/input-fields.js';
import { requireNodes } from '../node/require.js';
import { decodeCursor, keysetConnection, pageSize, toConnection } from '../shared/pagination.js';
import { searchText } from '../shared/validate.js';
import { statementPage } from '../statement/page.js';
import { mergeActorsInput, relateActorsInput, upsertActorInput } from './inputs.js';

export const actorResolvers = {
  Query: {
    actor: (_parent, { id }, { loaders }) => loaders.actorById.load(id),
    actors: async (_parent, { filter, first, after }, { loaders, repositories }) => {
      const limit = pageSize(first);
      const cursor = decodeCursor(after, 'actors', ['string', 'string']);
      const listFilter = {
        search: searchText(filter?.search, 'filter.search'),
        kinds: filter?.kinds && filter.kinds.length > 0 ? filter.kinds : null,
        topicId: filter?.stanceOn?.topicId ?? null,
        stance: filter?.stanceOn?.stance ?? null,
      };
      if (listFilter.topicId) await requireNodes(loaders, 'filter.stanceOn.topicId', [listFilter.topicId], ['Issue', 'Proposal']);
      const rows = await repositories.actors.list(listFilter, limit + 1, cursor);
      return toConnection(rows, limit, 'actors', (actor) => [actor.name, actor.id], () => repositories.actors.count(listFilter));
    },
    relations: async (_parent, { filter, first, after }, { loaders, repositories }) => {
      const actorId = filter?.actorId ?? null;
      if (actorId) await requireNodes(loaders, 'filter.actorId', [actorId], ['Actor']);
      const listFilter = { actorId, types: filter?.types && filter.types.length > 0 ? [...new Set(filter.types)] : null };
      return keysetConnection(
        first,
        after,
        'relations',
        5,
        (page) => repositories.actors.listRelations(listFilter, page),
        () => repositories.actors.countRelations(listFilter),
      );
    },
  },
  Actor: {
    positions: async (actor, { topicId, stance, asOf, first, after }, { loaders }, info) => {
      if (topicId) await requireNodes(loaders, 'topicId', [topicId], ['Issue', 'Proposal']);
      const filter = { topicId: topicId ?? null, stance: stance ?? null, asOf: asOf ?? null };
      const include = positionInclude(info);
      return keysetConnection(
        first,
        after,
        'actor.positions',
        2,
        (page) => loaders.positionsByActor.load({ id: actor.id, args: { ...filter, page, include } }),
        () => loaders.positionCountByActor.load({ id: actor.id, args: filter }),
      );
    },
    relations: (actor, { types, first, after }, { loaders }) => {
      const filter = { types: types && types.length > 0 ? [...new Set(types)].sort() : null };
      return keysetConnection(
        first,
        after,
        'actor.relations',
        4,
        (page) => loaders.relationsByActor.load({ id: actor.id, args: { ...filter, page } }),
        () => loaders.relationCountByActor.load({ id: actor.id, args: filter }),
      );
    },
    events: (actor, { first, after }, { loaders }) =>
      keysetConnection(
        first,
        after,
        'actor.events',
        2,
        (page) => loaders.eventsByActor.load({ id: actor.id, args: page }),
        () => loaders.eventCountByActor.load(actor.id),
      ),
    roles: (actor, { first, after }, { loaders }) =>
      keysetConnection(
        first,
        after,
        'actor.roles',
        3,
        (page) => loaders.rolesByHolder.load({ id: actor.id, args: page }),
        () => loaders.roleCountByHolder.load(actor.id),
      ),
    roleHolders: (actor, { first, after }, { loaders }) =>
      keysetConnection(
        first,
        after,
        'actor.roleHolders',
        3,
        (page) => loaders.rolesByOrganisation.load({ id: actor.id, args: page }),
        () => loaders.roleCountByOrganisation.load(actor.id),
      ),
    proposals: (actor, { first, after }, { loaders }) =>
      keysetConnection(
        first,
        after,
        'actor.proposals',
        3,
        (page) => loaders.proposalsByAuthor.load({ id: actor.id, args: page }),
        () => loaders.proposalCountByAuthor.load(actor.id),
      ),
    statements: (actor, { first, after }, { loaders }) =>
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
    from: async (relation, _args, { loaders }) => mustExist(await loaders.actorById.load(relation.fromId), relation.fromId),
    to: async (relation, _args, { loaders }) => mustExist(await loaders.actorById.load(relation.toId), relation.toId),
    evidence: async (relation, _args, { loaders }) => present(await loaders.statementById.loadMany(relation.evidenceIds)),
  },
  ActorRelationEdge: {
    actor: async (edge, _args, { loaders }) => mustExist(await loaders.actorById.load(edge.actorId), edge.actorId),
  },
  Mutation: {
    upsertActor: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.actors.upsert(author, parseInput(upsertActorInput, input))),
    mergeActors: (_parent, { input }, context) =>
      mutate(context, 'admin', (author) => context.repositories.actors.merge(author, parseInput(mergeActorsInput, input))),
    relateActors: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.actors.relate(author, parseInput(relateActorsInput, input))),
  },
  ActorRelationPayload: {
    from: async (payload, _args, { loaders }) => mustExist(await loaders.actorById.load(payload.fromId), payload.fromId),
  },
} satisfies Resolvers;
