import DataLoader from 'dataloader';
import { byIdLoader, groupLoader, groupLoaderWithArgs } from '../shared/loaders.js';
import type { CursorKey } from '../shared/pagination.js';
import type { StatementRepository } from '../statement/repository.js';
import type { ActorRepository } from './repository.js';

export function createActorLoaders(actors: ActorRepository, statements: StatementRepository) {
  return {
    actorById: byIdLoader((ids) => actors.byIds(ids)),
    relationsByActor: groupLoader((ids) => actors.relationsOf(ids)),
    rolesByHolder: groupLoader((ids) => actors.roles(ids, 'holder')),
    rolesByOrganisation: groupLoader((ids) => actors.roles(ids, 'of')),
    eventsByActor: groupLoader((ids) => actors.eventsOf(ids)),
    proposalsByAuthor: groupLoader((ids) => actors.proposalsOf(ids)),
    statementsBySpeaker: groupLoaderWithArgs((ids, args: { limit: number; after: CursorKey | null }) =>
      statements.bySpeakers(ids, args.limit, args.after),
    ),
    statementCountBySpeaker: new DataLoader<string, number>(async (ids) => {
      const counts = new Map((await statements.countBySpeakers(ids)).map(({ key, value }) => [key, value]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
  };
}
