/** Issues and proposals (the topics of positions): Cypher batched by id lists. */
import { int } from '../neo4j/database.js';
import type { QueryRunner } from '../neo4j/database.js';
import { actorProjection, toActor, type ActorRecord } from '../actor/model.js';
import type { CursorKey } from '../shared/pagination.js';
import { num, str } from '../shared/rows.js';
import {
  issueProjection,
  proposalProjection,
  topicProjection,
  toIssue,
  toProposal,
  toTopic,
  type IssueRecord,
  type ProposalRecord,
  type TopicRecord,
} from './model.js';

export interface IssueListFilter {
  parentId: string | null;
  rootsOnly: boolean;
  search: string | null;
}

const issueListWhere = `
  ($parentId IS NULL OR EXISTS { (t)-[:SUB_ISSUE_OF]->(:Issue {id: $parentId}) })
  AND (NOT $rootsOnly OR NOT EXISTS { (t)-[:SUB_ISSUE_OF]->(:Issue) })
  AND ($search IS NULL OR toLower(t.name) CONTAINS $search)`;

/** Undated proposals sort after dated ones. */
const proposalSortDate = "coalesce(toString(t.date), '9999-12-31')";

export class TopicRepository {
  constructor(private readonly db: QueryRunner) {}

  async topicsByIds(ids: readonly string[]): Promise<TopicRecord[]> {
    const rows = await this.db.read('topicsByIds', `UNWIND $ids AS id MATCH (t:Topic {id: id}) RETURN ${topicProjection} AS topic`, { ids });
    return rows.map((row) => toTopic(row.topic));
  }

  async issuesByIds(ids: readonly string[]): Promise<IssueRecord[]> {
    const rows = await this.db.read('issuesByIds', `UNWIND $ids AS id MATCH (t:Issue {id: id}) RETURN ${issueProjection} AS issue`, { ids });
    return rows.map((row) => toIssue(row.issue));
  }

  async proposalsByIds(ids: readonly string[]): Promise<ProposalRecord[]> {
    const rows = await this.db.read('proposalsByIds', `UNWIND $ids AS id MATCH (t:Proposal {id: id}) RETURN ${proposalProjection} AS proposal`, { ids });
    return rows.map((row) => toProposal(row.proposal));
  }

  async listIssues(filter: IssueListFilter, limit: number, after: CursorKey | null): Promise<IssueRecord[]> {
    const rows = await this.db.read(
      'listIssues',
      `MATCH (t:Issue)
       WHERE ${issueListWhere}
         AND ($afterName IS NULL OR t.name > $afterName OR (t.name = $afterName AND t.id > $afterId))
       RETURN ${issueProjection} AS issue
       ORDER BY t.name, t.id
       LIMIT $limit`,
      { ...filter, afterName: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
    );
    return rows.map((row) => toIssue(row.issue));
  }

  async countIssues(filter: IssueListFilter): Promise<number> {
    const rows = await this.db.read('countIssues', `MATCH (t:Issue) WHERE ${issueListWhere} RETURN count(t) AS count`, { ...filter });
    return num(rows[0]?.count);
  }

  async listProposals(limit: number, after: CursorKey | null): Promise<ProposalRecord[]> {
    const rows = await this.db.read(
      'listProposals',
      `MATCH (t:Proposal)
       WITH t, ${proposalSortDate} AS sortDate
       WHERE $afterDate IS NULL OR sortDate > $afterDate OR (sortDate = $afterDate AND t.id > $afterId)
       RETURN ${proposalProjection} AS proposal, sortDate
       ORDER BY sortDate, t.id
       LIMIT $limit`,
      { afterDate: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
    );
    return rows.map((row) => toProposal(row.proposal));
  }

  async countProposals(): Promise<number> {
    const rows = await this.db.read('countProposals', 'MATCH (t:Proposal) RETURN count(t) AS count');
    return num(rows[0]?.count);
  }

  async subIssuesOf(ids: readonly string[]): Promise<Array<{ key: string; value: IssueRecord }>> {
    const rows = await this.db.read(
      'subIssues',
      `UNWIND $ids AS id
       MATCH (t:Issue)-[:SUB_ISSUE_OF]->(:Issue {id: id})
       RETURN id AS key, ${issueProjection} AS issue ORDER BY t.name`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: toIssue(row.issue) }));
  }

  /** Proposals addressing the issues. */
  async proposalsAddressing(ids: readonly string[]): Promise<Array<{ key: string; value: ProposalRecord }>> {
    const rows = await this.db.read(
      'proposalsAddressing',
      `UNWIND $ids AS id
       MATCH (t:Proposal)-[:ADDRESSES]->(:Issue {id: id})
       RETURN id AS key, ${proposalProjection} AS proposal ORDER BY ${proposalSortDate}, t.id`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: toProposal(row.proposal) }));
  }

  async authorsOf(ids: readonly string[]): Promise<Array<{ key: string; value: ActorRecord }>> {
    const rows = await this.db.read(
      'proposalAuthors',
      `UNWIND $ids AS id
       MATCH (:Proposal {id: id})-[:AUTHORED_BY]->(a:Actor)
       RETURN id AS key, ${actorProjection} AS actor ORDER BY a.name`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: toActor(row.actor) }));
  }

  /** Proposals revised by (`revises`) or revising (`revisedBy`) the given ones. */
  async revisions(ids: readonly string[], direction: 'revises' | 'revisedBy'): Promise<Array<{ key: string; value: ProposalRecord }>> {
    const match = direction === 'revises' ? '(:Proposal {id: id})-[:REVISES]->(t:Proposal)' : '(t:Proposal)-[:REVISES]->(:Proposal {id: id})';
    const rows = await this.db.read(
      direction === 'revises' ? 'proposalRevises' : 'proposalRevisedBy',
      `UNWIND $ids AS id MATCH ${match}
       RETURN id AS key, ${proposalProjection} AS proposal ORDER BY ${proposalSortDate}, t.id`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: toProposal(row.proposal) }));
  }

  async addressedBy(ids: readonly string[]): Promise<Array<{ key: string; value: IssueRecord }>> {
    const rows = await this.db.read(
      'proposalAddresses',
      `UNWIND $ids AS id
       MATCH (:Proposal {id: id})-[:ADDRESSES]->(t:Issue)
       RETURN id AS key, ${issueProjection} AS issue ORDER BY t.name`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: toIssue(row.issue) }));
  }
}
