/** The topic domain's records (issues and proposals, the topics of positions), parsed by these schemas. */
import { z } from 'zod';
import type { Connection } from '../shared/pagination.js';
import { optionalText } from '../shared/rows.js';
import { dateSources } from '../vocabulary.js';

const issueFields = { id: z.string(), name: z.string(), description: optionalText, parentId: optionalText };
const proposalFields = { id: z.string(), name: z.string(), description: optionalText, date: optionalText, dateSource: z.enum(dateSources).nullable() };

export const issueRecord = z.object(issueFields).transform((issue) => ({ __typename: 'Issue' as const, ...issue }));
export type IssueRecord = z.output<typeof issueRecord>;

export const proposalRecord = z.object(proposalFields).transform((proposal) => ({ __typename: 'Proposal' as const, ...proposal }));
export type ProposalRecord = z.output<typeof proposalRecord>;

/** A topic of either kind, told apart by `isIssue` in its projection. */
export const topicRecord = z.discriminatedUnion('isIssue', [
  z.object({ ...issueFields, isIssue: z.literal(true) }).transform(({ isIssue: _isIssue, ...issue }) => ({ __typename: 'Issue' as const, ...issue })),
  z
    .object({ ...proposalFields, isIssue: z.literal(false) })
    .transform(({ isIssue: _isIssue, ...proposal }) => ({ __typename: 'Proposal' as const, ...proposal })),
]);
export type TopicRecord = IssueRecord | ProposalRecord;

export type IssueConnectionRecord = Connection<IssueRecord>;
export type ProposalConnectionRecord = Connection<ProposalRecord>;
