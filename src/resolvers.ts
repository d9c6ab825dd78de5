import type { Resolvers } from './generated/graphql.js';
import { metaResolvers } from './meta/resolvers.js';

export const resolvers: Resolvers = {
  ...metaResolvers,
  Query: {
    ...metaResolvers.Query,
  },
};
