/** Query.issue(s) and proposal(s), the Issue and Proposal types' fields, and the issue mutation. */
import { mutate } from '../curation/mutation.js';
import type { Resolvers } from '../generated/graphql.js';
import { positionInclude } from '../position/lookahead.js';
import { parseInput } from '../shared/input-fields.js';
import type { GraphQLResolveInfo } from 'graphql';
import type { Loaders } from '../context.js';
import { requireNodes } from '../node/require.js';
import { decodeCursor, keysetConnection, pageSize, toConnection } from '../shared/pagination.js';
import type { Stance } from '../vocabulary.js';
import { searchText } from '../shared/validate.js';
import { upsertIssueInput } from './inputs.js';

/** A page of the positions on a topic (an issue's or a proposal's), with the subtree the client asks. */
function topicPositions(
  topicId: string,
  { stance, asOf, first, after }: { stance?: Stance | null; asOf?: string | null; first?: number | null; after?: string | null },
  loaders: Loaders,
  info: GraphQLResolveInfo,
) {
  const filter = { stance: stance ?? null, asOf: asOf ?? null };
  const include = positionInclude(info);
  return keysetConnection(
    first,
    after,
    'topic.positions',
    3,
    (page) => loaders.positionsByTopic.load({ id: topicId, args: { ...filter, page, include } }),
    () => loaders.positionCountByTopic.load({ id: topicId, args: filter }),
  );
}

export const topicResolvers = {
  Query: {
    issue: (_parent, { id }, { loaders }) => loaders.issueById.load(id),
    issues: async (_parent, { filter, first, after }, { loaders, repositories }) => {
      const limit = pageSize(first);
      const cursor = decodeCursor(after, 'issues', ['string', 'string']);
      const listFilter = {
        parentId: filter?.parentId ?? null,
        rootsOnly: filter?.rootsOnly ?? false,
        search: searchText(filter?.search, 'filter.search'),
      };
      if (listFilter.parentId) await requireNodes(loaders, 'filter.parentId', [listFilter.parentId], ['Issue']);
      const rows = await repositories.topics.listIssues(listFilter, limit + 1, cursor);
      return toConnection(rows, limit, 'issues', (issue) => [issue.name, issue.id], () => repositories.topics.countIssues(listFilter));
    },
    proposal: (_parent, { id }, { loaders }) => loaders.proposalById.load(id),
    proposals: async (_parent, { first, after }, { repositories }) => {
      const limit = pageSize(first);
      const cursor = decodeCursor(after, 'proposals', ['string', 'string']);
      const rows = await repositories.topics.listProposals(limit + 1, cursor);
      return toConnection(rows, limit, 'proposals', (proposal) => [proposal.date ?? '9999-12-31', proposal.id], () =>
        repositories.topics.countProposals(),
      );
    },
  },
  Issue: {
    parent: (issue, _args, { loaders }) => (issue.parentId ? loaders.issueById.load(issue.parentId) : null),
    subIssues: (issue, { first, after }, { loaders }) =>
      keysetConnection(
        first,
        after,
        'issue.subIssues',
        2,
        (page) => loaders.subIssuesByIssue.load({ id: issue.id, args: page }),
        () => loaders.subIssueCountByIssue.load(issue.id),
      ),
    positions: (issue, args, { loaders }, info) => topicPositions(issue.id, args, loaders, info),
    proposals: (issue, { first, after }, { loaders }) =>
      keysetConnection(
        first,
        after,
        'issue.proposals',
        3,
        (page) => loaders.proposalsByIssue.load({ id: issue.id, args: page }),
        () => loaders.proposalCountByIssue.load(issue.id),
      ),
  },
  Proposal: {
    authors: (proposal, _args, { loaders }) => loaders.authorsByProposal.load(proposal.id),
    revises: (proposal, { first, after }, { loaders }) =>
      keysetConnection(
        first,
        after,
        'proposal.revises',
        3,
        (page) => loaders.revisesByProposal.load({ id: proposal.id, args: page }),
        () => loaders.revisesCountByProposal.load(proposal.id),
      ),
    revisedBy: (proposal, { first, after }, { loaders }) =>
      keysetConnection(
        first,
        after,
        'proposal.revisedBy',
        3,
        (page) => loaders.revisedByProposal.load({ id: proposal.id, args: page }),
        () => loaders.revisedByCountByProposal.load(proposal.id),
      ),
    addresses: (proposal, _args, { loaders }) => loaders.addressesByProposal.load(proposal.id),
    positions: (proposal, args, { loaders }, info) => topicPositions(proposal.id, args, loaders, info),
  },
  Mutation: {
    upsertIssue: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.topics.upsertIssue(author, parseInput(upsertIssueInput, input))),
  },
} satisfies Resolvers;
