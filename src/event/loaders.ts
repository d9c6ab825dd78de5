import { byIdLoader, groupLoader } from '../shared/loaders.js';
import type { EventRepository } from './repository.js';

export function createEventLoaders(events: EventRepository) {
  return {
    eventById: byIdLoader((ids) => events.byIds(ids)),
    participantsByEvent: groupLoader((ids) => events.participantsOf(ids)),
    eventsByActor: groupLoader((ids) => events.ofActors(ids)),
    eventsByStatement: groupLoader((ids) => events.reportedBy(ids)),
  };
}
