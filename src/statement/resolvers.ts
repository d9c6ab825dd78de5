/** Query.statements and source(s), the Statement, Citation and Source types' fields, and their mutations. */
import { mutate } from '../curation/mutation.js';
import { badUserInput } from '../errors.js';
import type { Resolvers } from '../generated/graphql.js';
import { toLuceneQuery } from '../search/lucene.js';
import { mustExist } from '../shared/guards.js';
import { parseInput } from '../shared/input-fields.js';
import { requireNodes } from '../node/require.js';
import { positionInclude } from '../position/lookahead.js';
import { decodeCursor, keysetConnection, pageSize, toConnection } from '../shared/pagination.js';
import { MAX_SEARCH_LENGTH } from '../shared/validate.js';
import { contextAround } from './excerpt.js';
import { addSourceInput, recordStatementInput } from './inputs.js';
import { statementPage } from './page.js';

export const statementResolvers = {
  Query: {
    statements: async (_parent, { filter, first, after }, { loaders, repositories }) => {
      if (filter?.from && filter.to && filter.from > filter.to) throw badUserInput('filter.from', 'must not be after filter.to');
      let search: string | null = null;
      if (filter?.search !== undefined && filter.search !== null) {
        if (filter.search.length > MAX_SEARCH_LENGTH) throw badUserInput('filter.search', `must be at most ${MAX_SEARCH_LENGTH} characters`);
        search = toLuceneQuery(filter.search);
        if (!search) throw badUserInput('filter.search', 'must contain at least one word');
      }
      await Promise.all([
        filter?.speakerId && requireNodes(loaders, 'filter.speakerId', [filter.speakerId], ['Actor']),
        filter?.topicId && requireNodes(loaders, 'filter.topicId', [filter.topicId], ['Issue', 'Proposal']),
        filter?.sourceId && requireNodes(loaders, 'filter.sourceId', [filter.sourceId], ['Source']),
      ]);
      const listFilter = {
        speakerId: filter?.speakerId ?? null,
        topicId: filter?.topicId ?? null,
        sourceId: filter?.sourceId ?? null,
        kinds: filter?.kinds && filter.kinds.length > 0 ? filter.kinds : null,
        from: filter?.from ?? null,
        to: filter?.to ?? null,
        reliability: filter?.reliability && filter.reliability.length > 0 ? filter.reliability : null,
        search,
      };
      return statementPage(first, after, ({ limit, after: cursor }) => repositories.statements.list(listFilter, limit, cursor), () =>
        repositories.statements.count(listFilter),
      );
    },
    source: (_parent, { id }, { loaders }) => loaders.sourceById.load(id),
    sources: async (_parent, { first, after }, { repositories }) => {
      const limit = pageSize(first);
      const cursor = decodeCursor(after, 'sources', ['string', 'string']);
      const rows = await repositories.statements.listSources(limit + 1, cursor);
      return toConnection(rows, limit, 'sources', (source) => [source.publishedOn ?? '0000-00-00', source.id], () =>
        repositories.statements.countSources(),
      );
    },
  },
  Statement: {
    speaker: (statement, _args, { loaders }) => (statement.speakerId ? loaders.actorById.load(statement.speakerId) : null),
    citations: (statement, _args, { loaders }) => loaders.citationsByStatement.load(statement.id),
    evidenceFor: (statement, { first, after }, { loaders }, info) => {
      const include = positionInclude(info);
      return keysetConnection(
        first,
        after,
        'statement.evidenceFor',
        2,
        (page) => loaders.positionsByStatement.load({ id: statement.id, args: { page, include } }),
        () => loaders.positionCountByStatement.load(statement.id),
      );
    },
    events: (statement, _args, { loaders }) => loaders.eventsByStatement.load(statement.id),
  },
  Citation: {
    source: async (citation, _args, { loaders }) => mustExist(await loaders.sourceById.load(citation.sourceId), citation.sourceId),
    excerpt: async (citation, _args, { loaders }) => {
      const source = mustExist(await loaders.sourceTextById.load(citation.sourceId), citation.sourceId);
      return source.text.slice(citation.start, citation.end);
    },
    context: async (citation, _args, { loaders }) => {
      const source = mustExist(await loaders.sourceTextById.load(citation.sourceId), citation.sourceId);
      return contextAround(source.text, citation.start, citation.end);
    },
  },
  Source: {
    text: async (source, _args, { loaders }) => mustExist(await loaders.sourceTextById.load(source.id), source.id).text,
    statements: async (source, { first, after }, { loaders }) => {
      const limit = pageSize(first);
      const cursor = decodeCursor(after, 'source-statements', ['int', 'string']);
      const rows = await loaders.statementsBySource.load({ id: source.id, args: { limit: limit + 1, after: cursor } });
      return toConnection(rows, limit, 'source-statements', (row) => [row.start, row.id], () => loaders.statementCountBySource.load(source.id));
    },
  },
  Mutation: {
    addSource: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.statements.addSource(author, parseInput(addSourceInput, input))),
    recordStatement: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.statements.recordStatement(author, parseInput(recordStatementInput, input))),
  },
} satisfies Resolvers;
