/** Every domain's resolvers, merged. Each domain stays thin: validate, call a loader or repository, return. */
import type { Resolvers } from './generated/graphql.js';
import { actorResolvers } from './actor/resolvers.js';
import { analyticsResolvers } from './analytics/resolvers.js';
import { curationResolvers } from './curation/resolvers.js';
import { eventResolvers } from './event/resolvers.js';
import { exportResolvers } from './export/resolvers.js';
import { ingestionResolvers } from './ingestion/resolvers.js';
import { metaResolvers } from './meta/resolvers.js';
import { networkResolvers } from './network/resolvers.js';
import { nodeResolvers } from './node/resolvers.js';
import { positionResolvers } from './position/resolvers.js';
import { searchResolvers } from './search/resolvers.js';
import { DateScalar } from './shared/date-scalar.js';
import { statementResolvers } from './statement/resolvers.js';
import { topicResolvers } from './topic/resolvers.js';

/** One entry per domain, as schema/ has one file per domain: schema/<domain>.graphql is answered by src/<domain>/resolvers.ts. */
const domains = [
  metaResolvers,
  nodeResolvers,
  actorResolvers,
  topicResolvers,
  positionResolvers,
  statementResolvers,
  eventResolvers,
  searchResolvers,
  analyticsResolvers,
  networkResolvers,
  exportResolvers,
  ingestionResolvers,
  curationResolvers,
];

function merge(parts: readonly Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [typeName, fields] of Object.entries(part)) {
      merged[typeName] = { ...(merged[typeName] ?? {}), ...(fields as Record<string, unknown>) };
    }
  }
  return merged as Resolvers;
}

export const resolvers: Resolvers = { ...merge(domains), Date: DateScalar };
