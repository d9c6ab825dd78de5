/** Query.node and nodes: any node by id, through its kind's loader. */
import type { Resolvers } from '../generated/graphql.js';
import { badUserInput } from '../errors.js';
import { MAX_IDS } from '../shared/validate.js';
import { loadNodeById } from './loaders.js';

export const nodeResolvers = {
  Query: {
    node: (_parent, { id }, { loaders }) => loadNodeById(loaders, id),
    nodes: (_parent, { ids }, { loaders }) => {
      if (ids.length > MAX_IDS) throw badUserInput('ids', `must hold at most ${MAX_IDS} ids, got ${ids.length}`);
      return Promise.all(ids.map((id) => loadNodeById(loaders, id)));
    },
  },
} satisfies Resolvers;
