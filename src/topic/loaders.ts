import { byIdLoader, countLoader, groupLoader, groupLoaderWithArgs } from '../shared/loaders.js';
import type { PageArgs } from '../shared/pagination.js';
import type { TopicRepository } from './repository.js';

export function createTopicLoaders(topics: TopicRepository) {
  return {
    topicById: byIdLoader((ids) => topics.topicsByIds(ids)),
    issueById: byIdLoader((ids) => topics.issuesByIds(ids)),
    proposalById: byIdLoader((ids) => topics.proposalsByIds(ids)),
    subIssuesByIssue: groupLoaderWithArgs((ids, page: PageArgs) => topics.subIssuesOf(ids, page)),
    subIssueCountByIssue: countLoader((ids) => topics.countSubIssues(ids)),
    proposalsByIssue: groupLoaderWithArgs((ids, page: PageArgs) => topics.proposalsAddressing(ids, page)),
    proposalCountByIssue: countLoader((ids) => topics.countProposalsAddressing(ids)),
    proposalsByAuthor: groupLoaderWithArgs((ids, page: PageArgs) => topics.proposalsByAuthors(ids, page)),
    proposalCountByAuthor: countLoader((ids) => topics.countProposalsByAuthors(ids)),
    revisesByProposal: groupLoaderWithArgs((ids, page: PageArgs) => topics.revisions(ids, 'revises', page)),
    revisesCountByProposal: countLoader((ids) => topics.countRevisions(ids, 'revises')),
    revisedByProposal: groupLoaderWithArgs((ids, page: PageArgs) => topics.revisions(ids, 'revisedBy', page)),
    revisedByCountByProposal: countLoader((ids) => topics.countRevisions(ids, 'revisedBy')),
    addressesByProposal: groupLoader((ids) => topics.addressedBy(ids)),
  };
}
