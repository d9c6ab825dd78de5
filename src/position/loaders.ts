import { byIdLoader, groupLoader, groupLoaderWithArgs } from '../shared/loaders.js';
import type { PositionArgs, PositionRepository } from './repository.js';

export function createPositionLoaders(positions: PositionRepository) {
  return {
    positionById: byIdLoader((ids) => positions.byIds(ids)),
    positionsByActor: groupLoaderWithArgs((ids, args: PositionArgs) => positions.ofActors(ids, args)),
    positionsByTopic: groupLoaderWithArgs((ids, args: PositionArgs) => positions.onTopics(ids, args)),
    positionsByStatement: groupLoader((ids) => positions.evidencedBy(ids)),
  };
}
