import type { Resolvers } from '../generated/graphql.js';
import { serviceVersion } from './version.js';

export const metaResolvers = {
  Query: {
    version: () => serviceVersion,
  },
} satisfies Resolvers;
