import type { DateSource } from '../generated/graphql.js';
import type { Plain } from '../neo4j/records.js';
import { map, str, strOrNull } from '../shared/rows.js';

export interface IssueRecord {
  __typename: 'Issue';
  id: string;
  name: string;
  description: string | null;
  parentId: string | null;
}

export interface ProposalRecord {
  __typename: 'Proposal';
  id: string;
  name: string;
  description: string | null;
  date: string | null;
  dateSource: DateSource | null;
}

export type TopicRecord = IssueRecord | ProposalRecord;

/** Projections (`t` bound to the topic); issues carry their parent's id. */
export const issueProjection = 't {.id, .name, .description, parentId: [(t)-[:SUB_ISSUE_OF]->(p) | p.id][0]}';
export const proposalProjection = 't {.id, .name, .description, date: toString(t.date), .dateSource}';
export const topicProjectionOf = (v: string) =>
  `${v} {.id, .name, .description, date: toString(${v}.date), .dateSource, parentId: [(${v})-[:SUB_ISSUE_OF]->(parent_) | parent_.id][0], isIssue: ${v}:Issue}`;
export const topicProjection = topicProjectionOf('t');

export function toIssue(value: Plain | undefined): IssueRecord {
  const row = map(value);
  return { __typename: 'Issue', id: str(row.id), name: str(row.name), description: strOrNull(row.description), parentId: strOrNull(row.parentId) };
}

export function toProposal(value: Plain | undefined): ProposalRecord {
  const row = map(value);
  return {
    __typename: 'Proposal',
    id: str(row.id),
    name: str(row.name),
    description: strOrNull(row.description),
    date: strOrNull(row.date),
    dateSource: strOrNull(row.dateSource) as DateSource | null,
  };
}

export function toTopic(value: Plain | undefined): TopicRecord {
  return map(value).isIssue === true ? toIssue(value) : toProposal(value);
}

export type IssueConnectionRecord = import('../shared/pagination.js').Connection<IssueRecord>;
export type ProposalConnectionRecord = import('../shared/pagination.js').Connection<ProposalRecord>;
