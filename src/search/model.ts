import type { NodeRef } from '../node/repository.js';

export interface SearchHitRecord {
  score: number;
  ref: NodeRef;
  snippet: string | null;
}
