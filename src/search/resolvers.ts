import type { Resolvers } from '../generated/graphql.js';
import { badUserInput } from '../errors.js';
import { loadNode } from '../node/loaders.js';
import { MAX_SEARCH_LENGTH, intInRange } from '../shared/validate.js';
import { mustExist } from '../actor/resolvers.js';
import { toLuceneQuery } from './lucene.js';

export const searchResolvers = {
  Query: {
    search: async (_parent, { query, first }, { repositories }) => {
      const limit = intInRange(first, 'first', 1, 100, 20);
      if (query.length > MAX_SEARCH_LENGTH) throw badUserInput('query', `must be at most ${MAX_SEARCH_LENGTH} characters`);
      const lucene = toLuceneQuery(query);
      if (!lucene) throw badUserInput('query', 'must contain at least one word');
      const rows = await repositories.search.search(lucene, limit);
      return rows.map((row) => ({ score: row.score, ref: row.ref, snippet: row.snippet }));
    },
  },
  SearchHit: {
    node: async (hit, _args, context) => mustExist(await loadNode(context, hit.ref), hit.ref.id),
  },
} satisfies Resolvers;
