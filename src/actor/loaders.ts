import { byIdLoader, groupLoader } from '../shared/loaders.js';
import type { ActorRepository } from './repository.js';

export function createActorLoaders(actors: ActorRepository) {
  return {
    actorById: byIdLoader((ids) => actors.byIds(ids)),
    relationsByActor: groupLoader((ids) => actors.relationsOf(ids)),
    rolesByHolder: groupLoader((ids) => actors.roles(ids, 'holder')),
    rolesByOrganisation: groupLoader((ids) => actors.roles(ids, 'of')),
    authorsByProposal: groupLoader((ids) => actors.authorsOfProposals(ids)),
  };
}
