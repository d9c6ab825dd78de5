/** Query.event(s), the Event type's fields, who took part, and the event mutation. */
import { mutate } from '../curation/mutation.js';
import type { Resolvers } from '../generated/graphql.js';
import { mustExist } from '../shared/guards.js';
import { parseInput } from '../shared/input-fields.js';
import { badUserInput } from '../errors.js';
import { requireNodes } from '../node/require.js';
import { keysetConnection } from '../shared/pagination.js';
import { recordEventInput } from './inputs.js';
import type { EventListFilter } from './repository.js';

export const eventResolvers = {
  Query: {
    event: (_parent, { id }, { loaders }) => loaders.eventById.load(id),
    events: async (_parent, { filter, first, after }, { loaders, repositories }) => {
      const listFilter: EventListFilter = {
        from: filter?.from ?? null,
        to: filter?.to ?? null,
        participantId: filter?.participantId ?? null,
        kinds: filter?.kinds && filter.kinds.length > 0 ? [...new Set(filter.kinds)] : null,
      };
      if (listFilter.from && listFilter.to && listFilter.from > listFilter.to) throw badUserInput('filter.to', `must not be before filter.from (${listFilter.from})`);
      if (listFilter.participantId) await requireNodes(loaders, 'filter.participantId', [listFilter.participantId], ['Actor']);
      return keysetConnection(
        first,
        after,
        'events',
        2,
        (page) => repositories.events.list(listFilter, page),
        () => repositories.events.count(listFilter),
      );
    },
  },
  Event: {
    participants: (event, { first, after }, { loaders }) =>
      keysetConnection(
        first,
        after,
        'event.participants',
        2,
        (page) => loaders.participantsByEvent.load({ id: event.id, args: page }),
        () => loaders.participantCountByEvent.load(event.id),
      ),
    evidence: (event, { first, after }, { loaders }) =>
      keysetConnection(
        first,
        after,
        'event.evidence',
        2,
        (page) => loaders.evidenceByEvent.load({ id: event.id, args: page }),
        () => loaders.evidenceCountByEvent.load(event.id),
      ),
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
