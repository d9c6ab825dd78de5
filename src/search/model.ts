import type { NodeRef } from '../node/repository.js';
import type { Connection } from '../shared/pagination.js';
import type { NodeKind } from '../vocabulary.js';

/** One search, its words made safe for Lucene (./lucene.ts) and its exact matches found (./exact.ts). */
export interface SearchRequest {
  luceneQuery: string;
  /** Labels to keep, or null for every kind the index holds. */
  labels: NodeKind[] | null;
  /** Ids of the nodes named exactly as the query: they rank first. */
  exactIds: string[];
}

export interface SearchHitRecord {
  ref: NodeRef;
  score: number;
  exact: boolean;
  snippet: string | null;
}

export type SearchConnectionRecord = Connection<SearchHitRecord>;
export type SearchEdgeRecord = SearchConnectionRecord['edges'][number];
