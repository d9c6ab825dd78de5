import { byIdLoader, groupLoader } from '../shared/loaders.js';
import type { TopicRepository } from './repository.js';

export function createTopicLoaders(topics: TopicRepository) {
  return {
    topicById: byIdLoader((ids) => topics.topicsByIds(ids)),
    issueById: byIdLoader((ids) => topics.issuesByIds(ids)),
    proposalById: byIdLoader((ids) => topics.proposalsByIds(ids)),
    subIssuesByIssue: groupLoader((ids) => topics.subIssuesOf(ids)),
    proposalsByIssue: groupLoader((ids) => topics.proposalsAddressing(ids)),
    proposalsByAuthor: groupLoader((ids) => topics.proposalsByAuthors(ids)),
    revisesByProposal: groupLoader((ids) => topics.revisions(ids, 'revises')),
    revisedByProposal: groupLoader((ids) => topics.revisions(ids, 'revisedBy')),
    addressesByProposal: groupLoader((ids) => topics.addressedBy(ids)),
  };
}
