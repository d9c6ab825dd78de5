/** Query.changes: the audit trail. The mutations live with their domains (actor, topic, statement, position, event). */
import type { Resolvers } from '../generated/graphql.js';
import { decodeCursor, pageSize, toConnection } from '../shared/pagination.js';

export const curationResolvers = {
  Query: {
    changes: async (_parent, { targetId, first, after }, { repositories }) => {
      const limit = pageSize(first);
      const cursor = decodeCursor(after, 'changes', ['timestamp', 'string']);
      const rows = await repositories.changes.list(targetId ?? null, limit + 1, cursor);
      return toConnection(rows, limit, 'changes', (change) => [change.at, change.id], () => repositories.changes.count(targetId ?? null));
    },
  },
} satisfies Resolvers;
