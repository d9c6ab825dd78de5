import { byIdLoader } from '../shared/loaders.js';
import type { IngestionRepository } from './repository.js';

export function createIngestionLoaders(ingestion: IngestionRepository) {
  return {
    candidateById: byIdLoader((ids) => ingestion.byIds(ids)),
  };
}
