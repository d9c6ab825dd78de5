/** Query.event(s), the Event type's fields, who took part, and the event mutation. */
import { mutate } from '../curation/mutation.js';
import type { Resolvers } from '../generated/graphql.js';
import { mustExist } from '../shared/guards.js';
import { parseInput } from '../shared/input-fields.js';
import { decodeCursor, pageSize, toConnection } from '../shared/pagination.js';
import { recordEventInput } from './inputs.js';
import { eventSortKey } from './model.js';

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
  Mutation: {
    recordEvent: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.events.record(author, parseInput(recordEventInput, input))),
  },
} satisfies Resolvers;
