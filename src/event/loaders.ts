import { byIdLoader, countLoader, groupLoader, groupLoaderWithArgs } from '../shared/loaders.js';
import type { PageArgs } from '../shared/pagination.js';
import type { EventRepository } from './repository.js';

export function createEventLoaders(events: EventRepository) {
  return {
    eventById: byIdLoader((ids) => events.byIds(ids)),
    participantsByEvent: groupLoaderWithArgs((ids, page: PageArgs) => events.participantsOf(ids, page)),
    participantCountByEvent: countLoader((ids) => events.countParticipants(ids)),
    eventsByActor: groupLoaderWithArgs((ids, page: PageArgs) => events.ofActors(ids, page)),
    eventCountByActor: countLoader((ids) => events.countOfActors(ids)),
    eventsByStatement: groupLoader((ids) => events.reportedBy(ids)),
  };
}
