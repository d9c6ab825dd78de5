import { byIdLoader, countLoader, countLoaderWithArgs, groupLoader, groupLoaderWithArgs } from '../shared/loaders.js';
import type { PageArgs } from '../shared/pagination.js';
import type { ActorRepository, RelationArgs } from './repository.js';

export function createActorLoaders(actors: ActorRepository) {
  return {
    actorById: byIdLoader((ids) => actors.byIds(ids)),
    relationsByActor: groupLoaderWithArgs((ids, args: RelationArgs & { page: PageArgs }) => actors.relationsOf(ids, args)),
    relationCountByActor: countLoaderWithArgs((ids, args: RelationArgs) => actors.countRelationsOf(ids, args)),
    rolesByHolder: groupLoaderWithArgs((ids, page: PageArgs) => actors.roles(ids, 'holder', page)),
    roleCountByHolder: countLoader((ids) => actors.countRoles(ids, 'holder')),
    rolesByOrganisation: groupLoaderWithArgs((ids, page: PageArgs) => actors.roles(ids, 'of', page)),
    roleCountByOrganisation: countLoader((ids) => actors.countRoles(ids, 'of')),
    authorsByProposal: groupLoader((ids) => actors.authorsOfProposals(ids)),
  };
}
