/** Query.issue(s) and proposal(s), the Issue and Proposal types' fields, and the issue mutation. */
import { mutate } from '../curation/mutation.js';
import type { Resolvers } from '../generated/graphql.js';
import { positionInclude } from '../position/lookahead.js';
import { parseInput } from '../shared/input-fields.js';
import { decodeCursor, pageSize, toConnection } from '../shared/pagination.js';
import { searchText } from '../shared/validate.js';
import { upsertIssueInput } from './inputs.js';

export const topicResolvers = {
  Query: {
    issue: (_parent, { id }, { loaders }) => loaders.issueById.load(id),
    issues: async (_parent, { filter, first, after }, { repositories }) => {
      const limit = pageSize(first);
      const cursor = decodeCursor(after, 'issues', ['string', 'string']);
      const listFilter = {
        parentId: filter?.parentId ?? null,
        rootsOnly: filter?.rootsOnly ?? false,
        search: searchText(filter?.search, 'filter.search'),
      };
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
    subIssues: (issue, _args, { loaders }) => loaders.subIssuesByIssue.load(issue.id),
    positions: (issue, { stance, asOf }, { loaders }, info) =>
      loaders.positionsByTopic.load({ id: issue.id, args: { stance: stance ?? null, asOf: asOf ?? null, include: positionInclude(info) } }),
    proposals: (issue, _args, { loaders }) => loaders.proposalsByIssue.load(issue.id),
  },
  Proposal: {
    authors: (proposal, _args, { loaders }) => loaders.authorsByProposal.load(proposal.id),
    revises: (proposal, _args, { loaders }) => loaders.revisesByProposal.load(proposal.id),
    revisedBy: (proposal, _args, { loaders }) => loaders.revisedByProposal.load(proposal.id),
    addresses: (proposal, _args, { loaders }) => loaders.addressesByProposal.load(proposal.id),
    positions: (proposal, { stance, asOf }, { loaders }, info) =>
      loaders.positionsByTopic.load({ id: proposal.id, args: { stance: stance ?? null, asOf: asOf ?? null, include: positionInclude(info) } }),
  },
  Mutation: {
    upsertIssue: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.topics.upsertIssue(author, parseInput(upsertIssueInput, input))),
  },
} satisfies Resolvers;
