/** Query.search, and each hit's node through its kind's loader. */
import { badUserInput } from '../errors.js';
import type { Resolvers } from '../generated/graphql.js';
import { loadNode } from '../node/loaders.js';
import { mustExist } from '../shared/guards.js';
import { MAX_SEARCH_LENGTH, intInRange } from '../shared/validate.js';
import { toLuceneQuery } from './lucene.js';

export const searchResolvers = {
  Query: {
    search: async (_parent, { query, first }, { repositories }) => {
      const limit = intInRange(first, 'first', 1, 100, 20);
      if (query.length > MAX_SEARCH_LENGTH) throw badUserInput('query', `must be at most ${MAX_SEARCH_LENGTH} characters`);
      const lucene = toLuceneQuery(query);
      if (!lucene) throw badUserInput('query', 'must contain at least one word');
      return repositories.search.search(lucene, limit);
    },
  },
  SearchHit: {
    node: async (hit, _args, { loaders }) => mustExist(await loadNode(loaders, hit.ref), hit.ref.id),
  },
} satisfies Resolvers;
