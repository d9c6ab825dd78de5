/** Query.actor(s), the Actor type's fields, roles and relations, and the actor mutations. */
import { mutate } from '../curation/mutation.js';
import type { Resolvers } from '../generated/graphql.js';
import { positionInclude } from '../position/lookahead.js';
import { mustExist, present } from '../shared/guards.js';
import { parseInput } from '../shared/input-fields.js';
import { decodeCursor, pageSize, toConnection } from '../shared/pagination.js';
import { searchText } from '../shared/validate.js';
import { statementPage } from '../statement/page.js';
import { mergeActorsInput, relateActorsInput, upsertActorInput } from './inputs.js';

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
    actor: async (relation, _args, { loaders }) => mustExist(await loaders.actorById.load(relation.actorId), relation.actorId),
    evidence: async (relation, _args, { loaders }) => present(await loaders.statementById.loadMany(relation.evidenceIds)),
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
