/** Query.export: where GET /export answers a format and filter, checked as the route checks them. */
import type { Resolvers } from '../generated/graphql.js';
import { exportUrl, formatParam, parseExportRequest, requireExportIds } from './filter.js';
import { formats } from './formats.js';

export const exportResolvers = {
  Query: {
    export: async (_parent, { format, filter }, { loaders }) => {
      const request = parseExportRequest(
        {
          format: formatParam(format),
          topicId: filter?.topicIds,
          actorId: filter?.actorIds,
          hops: filter?.hops,
          from: filter?.from,
          to: filter?.to,
          minReliability: filter?.minReliability,
        },
        'graphql',
      );
      await requireExportIds(loaders, request.filter, 'graphql');
      const info = formats[request.format];
      return { url: exportUrl(request), format: request.format, mediaType: info.mediaType, fileName: info.fileName };
    },
  },
} satisfies Resolvers;
