import type { Resolvers } from '../generated/graphql.js';
import { decodeCursor, pageSize, toConnection } from '../shared/pagination.js';
import { mustExist } from '../actor/resolvers.js';
import { eventSortKey } from './repository.js';

export const eventResolvers = {
  Query: {
    event: (_parent, { id }, { loaders }) => loaders.eventById.load(id),
    events: async (_parent, { first, after }, { repositories }) => {
      const limit = pageSize(first);
      const cursor = decodeCursor(after, 'events', ['string', 'string']);
      const rows = await repositories.events.list(limit + 1, cursor);
      return toConnection(rows, limit, 'events', eventSortKey, () => repositories.events.count());
    },
  },
  Event: {
    participants: (event, _args, { loaders }) => loaders.participantsByEvent.load(event.id),
    evidence: (event, _args, { loaders }) => loaders.evidenceByEvent.load(event.id),
  },
  Participation: {
    actor: async (participation, _args, { loaders }) => mustExist(await loaders.actorById.load(participation.actorId), participation.actorId),
    event: async (participation, _args, { loaders }) => mustExist(await loaders.eventById.load(participation.eventId), participation.eventId),
  },
} satisfies Resolvers;
