/** Query.search: a connection of hits, each edge with its node (through its kind's loader), score and snippet. */
import { createHash } from 'node:crypto';
import { badUserInput } from '../errors.js';
import type { Resolvers } from '../generated/graphql.js';
import { loadNode } from '../node/loaders.js';
import { mustExist } from '../shared/guards.js';
import { decodeCursor, pageSize, toConnection } from '../shared/pagination.js';
import { MAX_SEARCH_LENGTH } from '../shared/validate.js';
import { searchKindLabels } from '../vocabulary.js';
import { toLuceneNamePhrase, toLuceneQuery } from './lucene.js';

/** A cursor belongs to the search it came from: another query's cursor is refused rather than paging oddly. */
function cursorList(luceneQuery: string): string {
  return `search:${createHash('sha256').update(luceneQuery).digest('base64url').slice(0, 16)}`;
}

export const searchResolvers = {
  Query: {
    search: async (_parent, { query, filter, first, after }, { repositories }) => {
      const limit = pageSize(first);
      if (query.length > MAX_SEARCH_LENGTH) throw badUserInput('query', `must be at most ${MAX_SEARCH_LENGTH} characters`);
      const luceneQuery = toLuceneQuery(query);
      const namePhrase = toLuceneNamePhrase(query);
      if (!luceneQuery || !namePhrase) throw badUserInput('query', 'must contain at least one word');
      const list = cursorList(luceneQuery);
      const cursor = decodeCursor(after, list, ['int', 'float', 'string']);
      const kinds = filter?.kinds ?? [];
      const request = {
        luceneQuery,
        labels: kinds.length > 0 ? [...new Set(kinds.map((kind) => searchKindLabels[kind]))] : null,
        exactIds: await repositories.search.exactMatchIds(query, namePhrase),
      };
      const rows = await repositories.search.page(request, limit + 1, cursor);
      return toConnection(rows, limit, list, (hit) => [hit.exact ? 0 : 1, hit.score, hit.ref.id], () => repositories.search.count(request));
    },
  },
  SearchEdge: {
    node: async (edge, _args, { loaders }) => mustExist(await loadNode(loaders, edge.node.ref), edge.node.ref.id),
    score: (edge) => edge.node.score,
    exactMatch: (edge) => edge.node.exact,
    snippet: (edge) => edge.node.snippet,
  },
} satisfies Resolvers;
