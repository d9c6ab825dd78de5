/**
 * The topic domain's Cypher: every query that returns issues or proposals, and the curators' write of issues.
 * Named, parameterized, batched by id lists; rows parsed by ./model.ts's schemas.
 */
import { z } from 'zod';
import { assertExist, audit, idOrSlug, stamp } from '../curation/repository.js';
import type { Author, ChangeRecord } from '../curation/model.js';
import { badUserInput } from '../errors.js';
import { int, type QueryRunner } from '../neo4j/database.js';
import { slugify } from '../shared/input-fields.js';
import { keyset, sortDate } from '../neo4j/keyset.js';
import type { CursorKey, PageArgs, SortedRow } from '../shared/pagination.js';
import { count, countRow, keyed, sortedRow, type Keyed } from '../shared/rows.js';
import type { upsertIssueInput } from './inputs.js';
import { issueRecord, proposalRecord, topicRecord, type IssueRecord, type ProposalRecord, type TopicRecord } from './model.js';

/** Projections of the topic bound to `v`: issues carry their parent's id; a topic of either kind says which it is. */
const issueProjection = (v: string) => `${v} {.id, .name, .description, parentId: [(${v})-[:SUB_ISSUE_OF]->(parent_) | parent_.id][0]}`;
const proposalProjection = (v: string) => `${v} {.id, .name, .description, date: toString(${v}.date), .dateSource}`;
/** Parsed by `topicRecord`; other domains' trees embed it (a position's topic). */
export const topicProjection = (v: string) =>
  `${v} {.id, .name, .description, date: toString(${v}.date), .dateSource, parentId: [(${v})-[:SUB_ISSUE_OF]->(parent_) | parent_.id][0], isIssue: ${v}:Issue}`;

const issueRow = z.object({ issue: issueRecord });
const proposalRow = z.object({ proposal: proposalRecord });

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
/** Nested lists of proposals: by date (undated last), then name, then id; of issues: by name, then id (`t` bound). */
const proposalsByDate = keyset([{ expr: sortDate('t.date', 'high') }, { expr: 't.name' }, { expr: 't.id' }]);
const issuesByName = keyset([{ expr: 't.name' }, { expr: 't.id' }]);

export class TopicRepository {
  constructor(private readonly db: QueryRunner) {}

  async topicsByIds(ids: readonly string[]): Promise<TopicRecord[]> {
    const rows = await this.db.read('topicsByIds', `UNWIND $ids AS id MATCH (t:Topic {id: id}) RETURN ${topicProjection('t')} AS topic`, { ids }, z.object({ topic: topicRecord }));
    return rows.map((row) => row.topic);
  }

  async issuesByIds(ids: readonly string[]): Promise<IssueRecord[]> {
    const rows = await this.db.read('issuesByIds', `UNWIND $ids AS id MATCH (t:Issue {id: id}) RETURN ${issueProjection('t')} AS issue`, { ids }, issueRow);
    return rows.map((row) => row.issue);
  }

  async proposalsByIds(ids: readonly string[]): Promise<ProposalRecord[]> {
    const rows = await this.db.read('proposalsByIds', `UNWIND $ids AS id MATCH (t:Proposal {id: id}) RETURN ${proposalProjection('t')} AS proposal`, { ids }, proposalRow);
    return rows.map((row) => row.proposal);
  }

  async listIssues(filter: IssueListFilter, limit: number, after: CursorKey | null): Promise<IssueRecord[]> {
    const rows = await this.db.read(
      'listIssues',
      `MATCH (t:Issue)
       WHERE ${issueListWhere}
         AND ($afterName IS NULL OR t.name > $afterName OR (t.name = $afterName AND t.id > $afterId))
       RETURN ${issueProjection('t')} AS issue
       ORDER BY t.name, t.id
       LIMIT $limit`,
      { ...filter, afterName: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
      issueRow,
    );
    return rows.map((row) => row.issue);
  }

  async countIssues(filter: IssueListFilter): Promise<number> {
    const rows = await this.db.read('countIssues', `MATCH (t:Issue) WHERE ${issueListWhere} RETURN count(t) AS count`, { ...filter }, countRow);
    return rows[0]?.count ?? 0;
  }

  async listProposals(limit: number, after: CursorKey | null): Promise<ProposalRecord[]> {
    const rows = await this.db.read(
      'listProposals',
      `MATCH (t:Proposal)
       WITH t, ${proposalSortDate} AS sortDate
       WHERE $afterDate IS NULL OR sortDate > $afterDate OR (sortDate = $afterDate AND t.id > $afterId)
       RETURN ${proposalProjection('t')} AS proposal, sortDate
       ORDER BY sortDate, t.id
       LIMIT $limit`,
      { afterDate: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
      proposalRow,
    );
    return rows.map((row) => row.proposal);
  }

  async countProposals(): Promise<number> {
    const rows = await this.db.read('countProposals', 'MATCH (t:Proposal) RETURN count(t) AS count', {}, countRow);
    return rows[0]?.count ?? 0;
  }

  /** A page of each issue's direct sub-issues, by name. */
  subIssuesOf(ids: readonly string[], page: PageArgs): Promise<Array<Keyed<SortedRow<IssueRecord>>>> {
    return this.issuePages('subIssues', '(t:Issue)-[:SUB_ISSUE_OF]->(:Issue {id: id})', ids, page);
  }

  countSubIssues(ids: readonly string[]): Promise<Array<Keyed<number>>> {
    return this.counts('countSubIssues', '(:Issue)-[:SUB_ISSUE_OF]->(:Issue {id: id})', ids);
  }

  /** A page of the proposals addressing each issue. */
  proposalsAddressing(ids: readonly string[], page: PageArgs): Promise<Array<Keyed<SortedRow<ProposalRecord>>>> {
    return this.proposalPages('proposalsAddressing', '(t:Proposal)-[:ADDRESSES]->(:Issue {id: id})', ids, page);
  }

  countProposalsAddressing(ids: readonly string[]): Promise<Array<Keyed<number>>> {
    return this.counts('countProposalsAddressing', '(:Proposal)-[:ADDRESSES]->(:Issue {id: id})', ids);
  }

  /** A page of the proposals each actor authored. */
  proposalsByAuthors(ids: readonly string[], page: PageArgs): Promise<Array<Keyed<SortedRow<ProposalRecord>>>> {
    return this.proposalPages('actorProposals', '(t:Proposal)-[:AUTHORED_BY]->(:Actor {id: id})', ids, page);
  }

  countProposalsByAuthors(ids: readonly string[]): Promise<Array<Keyed<number>>> {
    return this.counts('countActorProposals', '(:Proposal)-[:AUTHORED_BY]->(:Actor {id: id})', ids);
  }

  /** A page of the proposals revised by (`revises`) or revising (`revisedBy`) each given one. */
  revisions(ids: readonly string[], direction: 'revises' | 'revisedBy', page: PageArgs): Promise<Array<Keyed<SortedRow<ProposalRecord>>>> {
    return direction === 'revises'
      ? this.proposalPages('proposalRevises', '(:Proposal {id: id})-[:REVISES]->(t:Proposal)', ids, page)
      : this.proposalPages('proposalRevisedBy', '(t:Proposal)-[:REVISES]->(:Proposal {id: id})', ids, page);
  }

  countRevisions(ids: readonly string[], direction: 'revises' | 'revisedBy'): Promise<Array<Keyed<number>>> {
    return direction === 'revises'
      ? this.counts('countProposalRevises', '(:Proposal {id: id})-[:REVISES]->(:Proposal)', ids)
      : this.counts('countProposalRevisedBy', '(:Proposal)-[:REVISES]->(:Proposal {id: id})', ids);
  }

  /** One page per parent id of the proposals `match` binds to `t` (a fixed pattern of this class, `id` bound). */
  private proposalPages(name: string, match: string, ids: readonly string[], page: PageArgs): Promise<Array<Keyed<SortedRow<ProposalRecord>>>> {
    return this.db.read(
      name,
      `UNWIND $ids AS id
       CALL (id) {
         MATCH ${match}
         WITH t, ${proposalsByDate.column}
         WHERE ${proposalsByDate.after}
         RETURN t, sortKey ORDER BY ${proposalsByDate.order} LIMIT $limit
       }
       RETURN id AS key, sortKey, ${proposalProjection('t')} AS node`,
      { ids, after: page.after, limit: int(page.limit) },
      sortedRow(proposalRecord),
    );
  }

  /** One page per parent id of the issues `match` binds to `t`. */
  private issuePages(name: string, match: string, ids: readonly string[], page: PageArgs): Promise<Array<Keyed<SortedRow<IssueRecord>>>> {
    return this.db.read(
      name,
      `UNWIND $ids AS id
       CALL (id) {
         MATCH ${match}
         WITH t, ${issuesByName.column}
         WHERE ${issuesByName.after}
         RETURN t, sortKey ORDER BY ${issuesByName.order} LIMIT $limit
       }
       RETURN id AS key, sortKey, ${issueProjection('t')} AS node`,
      { ids, after: page.after, limit: int(page.limit) },
      sortedRow(issueRecord),
    );
  }

  /** How many times `pattern` (a fixed pattern of this class, `id` bound) matches per id. */
  private counts(name: string, pattern: string, ids: readonly string[]): Promise<Array<Keyed<number>>> {
    return this.db.read(name, `UNWIND $ids AS id RETURN id AS key, COUNT { ${pattern} } AS value`, { ids }, keyed(count));
  }

  async addressedBy(ids: readonly string[]): Promise<Array<Keyed<IssueRecord>>> {
    return this.db.read(
      'proposalAddresses',
      `UNWIND $ids AS id
       MATCH (:Proposal {id: id})-[:ADDRESSES]->(t:Issue)
       RETURN id AS key, ${issueProjection('t')} AS value ORDER BY t.name`,
      { ids },
      keyed(issueRecord),
    );
  }

  upsertIssue(author: Author, input: z.output<typeof upsertIssueInput>): Promise<{ issue: IssueRecord; change: ChangeRecord }> {
    return this.db.writeTransaction('upsertIssue', async (tx) => {
      const id = await idOrSlug(tx, 'Issue', input.id, slugify(input.name, 'issue'), 'input.name');
      if (input.parentId) {
        if (input.parentId === id) throw badUserInput('input.parentId', 'an issue cannot be its own parent');
        await assertExist(tx, 'Issue', [input.parentId], 'input.parentId');
        const cycle = await tx.run(
          'issueCycle',
          'MATCH (:Issue {id: $parentId})-[:SUB_ISSUE_OF*1..50]->(ancestor:Issue {id: $id}) RETURN count(*) AS count',
          { parentId: input.parentId, id },
          z.object({ count }),
        );
        if ((cycle[0]?.count ?? 0) > 0) throw badUserInput('input.parentId', `"${input.parentId}" is already under "${id}": that would make a cycle`);
      }
      const rows = await tx.run(
        'upsertIssue',
        `MERGE (n:Entity:Topic:Issue {id: $id})
         SET n.name = $name, n.description = CASE WHEN $description IS NULL THEN n.description ELSE $description END, ${stamp}
         WITH n
         CALL (n) {
           WITH n WHERE $parentId IS NOT NULL
           OPTIONAL MATCH (n)-[old:SUB_ISSUE_OF]->()
           DELETE old
           WITH DISTINCT n
           MATCH (p:Issue {id: $parentId})
           MERGE (n)-[:SUB_ISSUE_OF]->(p)
         }
         RETURN ${issueProjection('n')} AS issue`,
        { id, name: input.name, description: input.description, parentId: input.parentId, by: author.label },
        issueRow,
      );
      return { issue: rows[0]!.issue, change: await audit(tx, author, 'upsertIssue', [id], input) };
    });
  }
}
