/**
 * The position domain's Cypher: every query that returns positions or a position's evidence, the look-ahead's
 * subtree columns, and the curators' writes of positions (set, retract). Named, parameterized, batched by id lists;
 * rows parsed by ./model.ts's schemas.
 */
import { z } from 'zod';
import { actorRecord } from '../actor/model.js';
import { actorProjection } from '../actor/repository.js';
import { decidingOrder, noRollUp, rollUpPatterns, type RolledPosition, type RollUpOptions } from '../analytics/rollup.js';
import { assertExist, audit, nextFreeId, lockActors, newId, stamp } from '../curation/repository.js';
import type { Author, ChangeRecord } from '../curation/model.js';
import { badUserInput, conflict, notFound } from '../errors.js';
import { int, type QueryRunner, type Tx } from '../neo4j/database.js';
import { keyset, sortDate } from '../neo4j/keyset.js';
import { count, countRow, keyed, type Keyed } from '../shared/rows.js';
import type { PageArgs, SortedRow } from '../shared/pagination.js';
import { statementTree, type StatementRecord } from '../statement/model.js';
import { statementTreeProjection, type StatementInclude } from '../statement/repository.js';
import { topicRecord } from '../topic/model.js';
import { topicProjection } from '../topic/repository.js';
import { reliabilities, stances, type Reliability, type Stance } from '../vocabulary.js';
import type { retractPositionInput, setPositionInput } from './inputs.js';
import type { PositionInclude } from './lookahead.js';
import { positionRecord, stanceShiftRecord, type PositionRecord, type PositionTree, type StanceShiftRecord } from './model.js';

/** The position bound to `position`, held by actor `a` on topic `t`; parsed by `positionRecord`. */
const projectPosition = (position: 'p' | 'q') =>
  `${position} {.id, .stance, .summary, .condition, validFrom: toString(${position}.validFrom), validTo: toString(${position}.validTo), actorId: a.id, topicId: t.id}`;
/** `p` bound to the position, reached from actor `a` and topic `t`. */
const positionProjection = projectPosition('p');
const positionRow = z.object({ position: positionRecord });
/** A position and where it counts (see analytics/rollup.ts). */
const rolledPositionRow = z.object({ actorId: z.string(), topicId: z.string(), position: positionRecord });

/** Evidence order (earliest first, undated first, then id), `s` bound to the statement. */
const evidenceOrder = "coalesce(toString(s.saidOn), '0000-00-00'), s.id";

/**
 * The evidence of the position bound to `p`, earliest first, with what was asked of each statement. The one Cypher of
 * `Position.evidence`: the evidence loader and the look-ahead both use it.
 */
const evidenceColumn = (include: StatementInclude) =>
  `COLLECT { MATCH (p)-[:EVIDENCED_BY]->(s:Statement) WITH s ORDER BY ${evidenceOrder} RETURN ${statementTreeProjection(include)} }`;
const statementsOnly: StatementInclude = { speaker: false, citations: null };

/**
 * The look-ahead's columns (`a`, `p`, `t` bound): the topic, the holder and the evidence asked, so that one query
 * answers a position list's whole subtree (see ./lookahead.ts). Fixed fragments only.
 */
function positionTreeColumns(include: PositionInclude | undefined): string {
  if (!include) return '';
  const columns: string[] = [];
  if (include.topic) columns.push(`${topicProjection('t')} AS topic`);
  if (include.actor) columns.push(`${actorProjection('a')} AS actor`);
  if (include.evidence) columns.push(`${evidenceColumn(include.evidence)} AS evidence`);
  return columns.map((column) => `, ${column}`).join('');
}

/** A row of a page of positions: the sort key, the position and the subtree asked (see positionTreeColumns). */
const treeFields = {
  sortKey: z.array(z.string()),
  position: positionRecord,
  topic: topicRecord.optional(),
  actor: actorRecord.optional(),
  evidence: z.array(statementTree).optional(),
};
const sortedTreeRow = z.object(treeFields).transform(({ sortKey, ...tree }): SortedRow<PositionTree> => ({ node: tree, sortKey }));
/** ...tagged with the parent (actor, topic, statement) whose page it is in. */
const keyedTreeRow = z
  .object({ key: z.string(), ...treeFields })
  .transform(({ key, sortKey, ...tree }): Keyed<SortedRow<PositionTree>> => ({ key, value: { node: tree, sortKey } }));

/** What narrows a list of positions under a parent (an actor's, a topic's). */
export interface PositionArgs {
  topicId?: string | null;
  stance: Stance | null;
  /** Valid on this date: validFrom <= asOf < validTo. */
  asOf: string | null;
}

/** ...and what a page of it needs: the page, and what to fetch in the same query (absent: the positions alone). */
export interface PositionPageArgs extends PositionArgs {
  page: PageArgs;
  include?: PositionInclude;
}

const positionWhere = `
  ($stance IS NULL OR p.stance = $stance)
  AND ($asOf IS NULL OR ((p.validFrom IS NULL OR p.validFrom <= date($asOf)) AND (p.validTo IS NULL OR p.validTo > date($asOf))))`;

/** Current positions: not retracted, or retracted after today. */
const isCurrent = '(p.validTo IS NULL OR p.validTo > date())';


/** The orders of position lists, as keysets (`a`, `p`, `t` bound). */
const newestFirst = keyset([{ expr: sortDate('p.validFrom', 'low'), desc: true }, { expr: 'p.id' }]);
const byStanceThenNewest = keyset([{ expr: 'p.stance' }, { expr: sortDate('p.validFrom', 'low'), desc: true }, { expr: 'p.id' }]);
const byHolder = keyset([{ expr: 'a.name' }, { expr: 'p.id' }]);
/** An actor's history on a topic: oldest first, undated last (they have no place in time), then id. */
const oldestFirst = keyset([{ expr: sortDate('p.validFrom', 'high') }, { expr: 'p.id' }]);

/** The filter of Query.positions, checked (ids named existing nodes; text was bounded). */
export interface PositionListFilter {
  actorIds: string[] | null;
  topicIds: string[] | null;
  stances: Stance[] | null;
  from: string | null;
  to: string | null;
  asOf: string | null;
  reliability: Reliability[] | null;
  onlyReliability: Reliability | null;
}

/**
 * The filter's conditions, only those it sets (fixed fragments; values stay parameters), so that the planner sees a
 * seekable `a.id IN $actorIds` or `t.id IN $topicIds` where there is one.
 */
function positionListWhere(filter: PositionListFilter): string {
  const conditions: string[] = [];
  if (filter.actorIds) conditions.push('a.id IN $actorIds');
  if (filter.topicIds) conditions.push('t.id IN $topicIds');
  if (filter.stances) conditions.push('p.stance IN $stances');
  if (filter.asOf) conditions.push('(p.validFrom IS NULL OR p.validFrom <= date($asOf)) AND (p.validTo IS NULL OR p.validTo > date($asOf))');
  if (filter.from || filter.to) {
    conditions.push(`EXISTS {
      MATCH (p)-[:EVIDENCED_BY]->(s:Statement)
      WHERE s.saidOn IS NOT NULL AND ($from IS NULL OR s.saidOn >= date($from)) AND ($to IS NULL OR s.saidOn <= date($to))
    }`);
  }
  if (filter.reliability) conditions.push('EXISTS { MATCH (p)-[:EVIDENCED_BY]->(:Statement)-[:CITED_IN]->(src:Source) WHERE src.reliability IN $reliability }');
  if (filter.onlyReliability) {
    conditions.push(`EXISTS { (p)-[:EVIDENCED_BY]->(:Statement)-[:CITED_IN]->(:Source) }
      AND NOT EXISTS { MATCH (p)-[:EVIDENCED_BY]->(:Statement)-[:CITED_IN]->(src:Source) WHERE src.reliability <> $onlyReliability }`);
  }
  return conditions.length > 0 ? conditions.join(' AND ') : 'true';
}

/** What Actor.stanceHistory lists: every position on one topic. */
export interface HistoryArgs {
  topicId: string;
}

export interface HistoryPageArgs extends HistoryArgs {
  page: PageArgs;
  include?: PositionInclude;
}

/** Query.shifts' window and filter, checked (from <= to; ids named existing nodes). */
export interface ShiftListFilter {
  from: string;
  to: string;
  actorIds: string[] | null;
  topicIds: string[] | null;
  fromStances: Stance[] | null;
  toStances: Stance[] | null;
}

/**
 * The shifts of a window, `a`, `t`, `p` (the position after) and `q` (before) bound: positions `p` dated in
 * [$from, $upTo] (on $upTo, only ids after `$afterId`: a page's cursor), each with its predecessor, the same actor's
 * latest earlier position on the topic (by validFrom, then id), kept where the stance differs. Undated positions
 * compare as null: neither side of a shift. Two shapes, each bounded by what it starts from:
 *
 * - named actors or topics: every dated position of theirs up to $to, in order per (actor, topic), paired with the
 *   one before it. Work in proportion to the named nodes' positions, whatever the window.
 * - otherwise: the window's positions by a range seek on position_valid_from, newest first, each with one lookup of its
 *   predecessor from the side with fewer positions (the actor's or the topic's, by their degrees). The caller's
 *   ORDER BY validFrom DESC and LIMIT then stop the seek once a page is full (a PartialTop in the plan).
 */
function shiftMatch(filter: ShiftListFilter): string {
  const inWindow = 'p.validFrom >= date($from) AND p.validFrom <= date($upTo) AND ($afterId IS NULL OR p.validFrom < date($upTo) OR p.id > $afterId)';
  const differs = ['q.stance <> p.stance', ...(filter.fromStances ? ['q.stance IN $fromStances'] : []), ...(filter.toStances ? ['p.stance IN $toStances'] : [])].join(' AND ');
  if (filter.actorIds || filter.topicIds) {
    const named = [...(filter.actorIds ? ['a.id IN $actorIds'] : []), ...(filter.topicIds ? ['t.id IN $topicIds'] : [])].join(' AND ');
    return `MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
      WHERE ${named} AND p.validFrom <= date($to)
      WITH a, t, p ORDER BY p.validFrom, p.id
      WITH a, t, collect(p) AS held
      UNWIND range(1, size(held) - 1) AS i
      WITH a, t, held[i - 1] AS q, held[i] AS p
      WHERE ${inWindow} AND ${differs}`;
  }
  const earlier = 'q.validFrom <= p.validFrom AND (q.validFrom < p.validFrom OR q.id < p.id)';
  return `MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
    WHERE ${inWindow}${filter.toStances ? ' AND p.stance IN $toStances' : ''}
    CALL (a, p, t) {
      WITH a, p, t WHERE COUNT { (a)-[:HOLDS]->() } <= COUNT { ()-[:ON]->(t) }
      MATCH (a)-[:HOLDS]->(q:Position)
      WHERE ${earlier} AND EXISTS { (q)-[:ON]->(t) }
      RETURN q ORDER BY q.validFrom DESC, q.id DESC LIMIT 1
      UNION
      WITH a, p, t WHERE COUNT { (a)-[:HOLDS]->() } > COUNT { ()-[:ON]->(t) }
      MATCH (t)<-[:ON]-(q:Position)
      WHERE ${earlier} AND EXISTS { (a)-[:HOLDS]->(q) }
      RETURN q ORDER BY q.validFrom DESC, q.id DESC LIMIT 1
    }
    WITH a, p, t, q
    WHERE ${differs}`;
}

export class PositionRepository {
  constructor(private readonly db: QueryRunner) {}

  async byIds(ids: readonly string[]): Promise<PositionRecord[]> {
    const rows = await this.db.read(
      'positionsByIds',
      `UNWIND $ids AS id
       MATCH (a:Actor)-[:HOLDS]->(p:Position {id: id})-[:ON]->(t:Topic)
       RETURN ${positionProjection} AS position`,
      { ids },
      positionRow,
    );
    return rows.map((row) => row.position);
  }

  /**
   * The best reliability among the sources citing each position's evidence (HIGH before MEDIUM before LOW). Every
   * evidence statement cites a source (recordStatement refuses one without), so each position has one.
   */
  async sourceReliabilities(ids: readonly string[]): Promise<Array<{ id: string; reliability: Reliability }>> {
    return this.db.read(
      'positionSourceReliabilities',
      `UNWIND $ids AS id
       MATCH (p:Position {id: id})-[:EVIDENCED_BY]->(:Statement)-[:CITED_IN]->(src:Source)
       WITH id, collect(DISTINCT src.reliability) AS found
       RETURN id, [r IN ['HIGH', 'MEDIUM', 'LOW'] WHERE r IN found][0] AS reliability`,
      { ids },
      z.object({ id: z.string(), reliability: z.enum(reliabilities) }),
    );
  }

  /** A page of positions, newest first, filtered (Query.positions), with the subtree asked. */
  async list(filter: PositionListFilter, page: PageArgs, include: PositionInclude): Promise<Array<SortedRow<PositionTree>>> {
    return this.db.read(
      'listPositions',
      `MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
       WHERE ${positionListWhere(filter)}
       WITH a, p, t, ${newestFirst.column}
       WHERE ${newestFirst.after}
       WITH a, p, t, sortKey ORDER BY ${newestFirst.order} LIMIT $limit
       RETURN sortKey, ${positionProjection} AS position${positionTreeColumns(include)}`,
      { ...filter, after: page.after, limit: int(page.limit) },
      sortedTreeRow,
    );
  }

  async count(filter: PositionListFilter): Promise<number> {
    const rows = await this.db.read(
      'countPositions',
      `MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic) WHERE ${positionListWhere(filter)} RETURN count(p) AS count`,
      { ...filter },
      countRow,
    );
    return rows[0]?.count ?? 0;
  }

  /** A page of each actor's positions, newest first, with the subtree asked: one query for the whole batch. */
  async ofActors(ids: readonly string[], args: PositionPageArgs): Promise<Array<Keyed<SortedRow<PositionTree>>>> {
    return this.db.read(
      'actorPositions',
      `UNWIND $ids AS id
       CALL (id) {
         MATCH (a:Actor {id: id})-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
         WHERE ($topicId IS NULL OR t.id = $topicId) AND ${positionWhere}
         WITH a, p, t, ${newestFirst.column}
         WHERE ${newestFirst.after}
         RETURN a, p, t, sortKey ORDER BY ${newestFirst.order} LIMIT $limit
       }
       RETURN id AS key, sortKey, ${positionProjection} AS position${positionTreeColumns(args.include)}`,
      { ids, topicId: args.topicId ?? null, stance: args.stance, asOf: args.asOf, after: args.page.after, limit: int(args.page.limit) },
      keyedTreeRow,
    );
  }

  async countOfActors(ids: readonly string[], args: PositionArgs): Promise<Array<Keyed<number>>> {
    return this.db.read(
      'countActorPositions',
      `UNWIND $ids AS id
       RETURN id AS key, COUNT {
         MATCH (a:Actor {id: id})-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
         WHERE ($topicId IS NULL OR t.id = $topicId) AND ${positionWhere}
       } AS value`,
      { ids, topicId: args.topicId ?? null, stance: args.stance, asOf: args.asOf },
      keyed(count),
    );
  }

  /**
   * A page of each actor's history on one topic (Actor.stanceHistory): every position, superseded and retracted ones
   * too, oldest first, with the subtree asked. One query for the whole batch.
   */
  async historyOfActors(ids: readonly string[], args: HistoryPageArgs): Promise<Array<Keyed<SortedRow<PositionTree>>>> {
    return this.db.read(
      'stanceHistory',
      `UNWIND $ids AS id
       CALL (id) {
         MATCH (a:Actor {id: id})-[:HOLDS]->(p:Position)-[:ON]->(t:Topic {id: $topicId})
         WITH a, p, t, ${oldestFirst.column}
         WHERE ${oldestFirst.after}
         RETURN a, p, t, sortKey ORDER BY ${oldestFirst.order} LIMIT $limit
       }
       RETURN id AS key, sortKey, ${positionProjection} AS position${positionTreeColumns(args.include)}`,
      { ids, topicId: args.topicId, after: args.page.after, limit: int(args.page.limit) },
      keyedTreeRow,
    );
  }

  async countHistoryOfActors(ids: readonly string[], args: HistoryArgs): Promise<Array<Keyed<number>>> {
    return this.db.read(
      'countStanceHistory',
      `UNWIND $ids AS id
       RETURN id AS key, COUNT { (:Actor {id: id})-[:HOLDS]->(:Position)-[:ON]->(:Topic {id: $topicId}) } AS value`,
      { ids, topicId: args.topicId },
      keyed(count),
    );
  }

  /**
   * A page of the shifts of a window (Query.shifts), newest first (`on`), then the new position's id. The window's
   * positions come in index order and the page stops at `first` + 1 shifts, so a page costs what it reads, not what
   * the window holds. The cursor is [on, id]: the page after it is the window cut at `on`, after `id` on that day.
   */
  async shifts(filter: ShiftListFilter, page: PageArgs): Promise<Array<SortedRow<StanceShiftRecord>>> {
    const cursor = page.after && page.after[0]! <= filter.to ? { upTo: page.after[0]!, afterId: page.after[1]! } : { upTo: filter.to, afterId: null };
    const rows = await this.db.read(
      'stanceShifts',
      `${shiftMatch(filter)}
       WITH a, p, t, q ORDER BY p.validFrom DESC, p.id LIMIT $limit
       RETURN [toString(p.validFrom), p.id] AS sortKey,
              {actorId: a.id, topicId: t.id, on: toString(p.validFrom), before: ${projectPosition('q')}, after: ${positionProjection}} AS shift`,
      { ...filter, ...cursor, limit: int(page.limit) },
      z.object({ sortKey: z.array(z.string()), shift: stanceShiftRecord }),
    );
    return rows.map(({ sortKey, shift }) => ({ node: shift, sortKey }));
  }

  async countShifts(filter: ShiftListFilter): Promise<number> {
    const rows = await this.db.read(
      'countStanceShifts',
      `${shiftMatch(filter)}
       RETURN count(p) AS count`,
      { ...filter, upTo: filter.to, afterId: null },
      countRow,
    );
    return rows[0]?.count ?? 0;
  }

  /**
   * A page of the positions on each topic, by stance, then newest first, then id, with the subtree asked: one page per topic
   * and lane. A lane is a stance (or null: every stance), so that one query serves `supporters: positions(stance:
   * SUPPORTS)` beside `opponents: positions(stance: OPPOSES)`; each row's key is `<lane>:<topic id>` (lane '' for all).
   */
  async onTopics(ids: readonly string[], args: Omit<PositionPageArgs, 'stance'> & { lanes: ReadonlyArray<Stance | null> }): Promise<Array<Keyed<SortedRow<PositionTree>>>> {
    return this.db.read(
      'topicPositions',
      `UNWIND $ids AS id
       UNWIND $lanes AS lane
       CALL (id, lane) {
         MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic {id: id})
         WHERE (lane IS NULL OR p.stance = lane) AND ${positionWhere}
         WITH a, p, t, ${byStanceThenNewest.column}
         WHERE ${byStanceThenNewest.after}
         RETURN a, p, t, sortKey ORDER BY ${byStanceThenNewest.order} LIMIT $limit
       }
       RETURN coalesce(lane, '') + ':' + id AS key, sortKey, ${positionProjection} AS position${positionTreeColumns(args.include)}`,
      { ids, lanes: args.lanes, stance: null, asOf: args.asOf, after: args.page.after, limit: int(args.page.limit) },
      keyedTreeRow,
    );
  }

  /**
   * How many positions each topic has, per stance (valid on `asOf` when given): one query answers the totalCount of
   * every stance's list of a topic, as one query answers their pages.
   */
  async countOnTopicsByStance(ids: readonly string[], asOf: string | null): Promise<Array<Keyed<{ stance: Stance; count: number }>>> {
    const rows = await this.db.read(
      'countTopicPositions',
      `UNWIND $ids AS id
       MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic {id: id})
       WHERE ${positionWhere}
       RETURN id AS key, p.stance AS stance, count(p) AS count`,
      { ids, stance: null, asOf },
      z.object({ key: z.string(), stance: z.enum(stances), count }),
    );
    return rows.map(({ key, ...value }) => ({ key, value }));
  }

  /** The evidence of each position, earliest first (`Position.evidence`). */
  async evidenceOf(ids: readonly string[]): Promise<Array<Keyed<StatementRecord>>> {
    const rows = await this.db.read(
      'positionEvidence',
      `UNWIND $ids AS id
       MATCH (p:Position {id: id})
       RETURN id AS key, ${evidenceColumn(statementsOnly)} AS evidence`,
      { ids },
      z.object({ key: z.string(), evidence: z.array(statementTree) }),
    );
    return rows.flatMap(({ key, evidence }) => evidence.map(({ statement }) => ({ key, value: statement })));
  }

  /** A page of the positions each statement evidences (`Statement.evidenceFor`), by holder, then id. */
  async evidencedBy(ids: readonly string[], args: { page: PageArgs; include?: PositionInclude }): Promise<Array<Keyed<SortedRow<PositionTree>>>> {
    return this.db.read(
      'positionsEvidencedBy',
      `UNWIND $ids AS id
       CALL (id) {
         MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:EVIDENCED_BY]->(:Statement {id: id}), (p)-[:ON]->(t:Topic)
         WITH a, p, t, ${byHolder.column}
         WHERE ${byHolder.after}
         RETURN a, p, t, sortKey ORDER BY ${byHolder.order} LIMIT $limit
       }
       RETURN id AS key, sortKey, ${positionProjection} AS position${positionTreeColumns(args.include)}`,
      { ids, after: args.page.after, limit: int(args.page.limit) },
      keyedTreeRow,
    );
  }

  async countEvidencedBy(ids: readonly string[]): Promise<Array<Keyed<number>>> {
    return this.db.read(
      'countPositionsEvidencedBy',
      'UNWIND $ids AS id RETURN id AS key, COUNT { (:Position)-[:EVIDENCED_BY]->(:Statement {id: id}) } AS value',
      { ids },
      keyed(count),
    );
  }

  /**
   * Every position counting for these actors on these topics, current first, then in deciding order (see
   * analytics/rollup.ts): the stance matrix's cells. `topicIds` null: every topic the positions count on (with
   * subIssues, the root issues). A position may count in several cells (an asked issue and its asked ancestor; two
   * asked groups of one member).
   */
  async ofActorsOnTopics(actorIds: readonly string[], topicIds: readonly string[] | null, rollUp: RollUpOptions = noRollUp): Promise<RolledPosition[]> {
    const { heldFor, countsOn, isRoot } = rollUpPatterns(rollUp);
    return this.db.read(
      'stanceMatrix',
      `UNWIND $actorIds AS rowId
       MATCH ${heldFor('row:Actor {id: rowId}', 'a', 'via')}-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
       WITH rowId, a, p, t, min(size(via)) AS memberHops
       MATCH ${countsOn('t', 'c', 'up')}
       WHERE CASE WHEN $topicIds IS NULL THEN ${isRoot('c')} ELSE c.id IN $topicIds END
       RETURN rowId AS actorId, c.id AS topicId, ${positionProjection} AS position
       ORDER BY CASE WHEN ${isCurrent} THEN 0 ELSE 1 END, ${decidingOrder('p', 'memberHops', 'size(up)')}`,
      { actorIds, topicIds },
      rolledPositionRow,
    );
  }

  /**
   * The current positions counting for two actors on the topics both have one on (the rolled topic, with subIssues),
   * by topic and actor, then in deciding order (see analytics/rollup.ts): the first of an actor's on a topic decides.
   */
  async sharedCurrent(a: string, b: string, rollUp: RollUpOptions = noRollUp): Promise<RolledPosition[]> {
    const { heldFor, countsOn, isRoot } = rollUpPatterns(rollUp);
    return this.db.read(
      'agreementPositions',
      `UNWIND [$a, $b] AS side
       MATCH ${heldFor(':Actor {id: side}', 'a', 'via')}-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
       WHERE ${isCurrent}
       WITH side, a, p, t, min(size(via)) AS memberHops
       MATCH ${countsOn('t', 'k', 'up')}
       WHERE ${isRoot('k')}
       WITH k, collect({actorId: side, p: p, memberHops: memberHops, issueHops: size(up), position: ${positionProjection}}) AS held
       WHERE any(x IN held WHERE x.actorId = $a) AND any(x IN held WHERE x.actorId = $b)
       UNWIND held AS row
       WITH k, row, row.p AS p
       RETURN row.actorId AS actorId, k.id AS topicId, row.position AS position
       ORDER BY topicId, actorId, ${decidingOrder('p', 'row.memberHops', 'row.issueHops')}`,
      { a, b },
      rolledPositionRow,
    );
  }

  /**
   * Sets an actor's current stance on a topic. The same stance as a current position updates it (evidence joins);
   * another stance supersedes the current positions (their validTo is set) and starts a new one.
   */
  set(author: Author, input: z.output<typeof setPositionInput>): Promise<{ position: PositionRecord; superseded: PositionRecord[]; change: ChangeRecord }> {
    return this.db.writeTransaction('setPosition', (tx) => setPositionIn(tx, author, input));
  }

  /** Ends a position (validTo, default today); history is kept. */
  retract(author: Author, input: z.output<typeof retractPositionInput>): Promise<{ position: PositionRecord; superseded: PositionRecord[]; change: ChangeRecord }> {
    return this.db.writeTransaction('retractPosition', async (tx) => {
      const found = await tx.run(
        'positionToRetract',
        'MATCH (:Actor)-[:HOLDS]->(p:Position {id: $id}) RETURN toString(p.validFrom) AS validFrom, toString(p.validTo) AS validTo',
        input,
        z.object({ validFrom: z.string().nullable(), validTo: z.string().nullable() }),
      );
      const position = found[0];
      if (!position) throw notFound('input.id', `no position with id "${input.id}"`);
      if (position.validTo !== null) throw conflict(`input.id: position "${input.id}" was already retracted on ${position.validTo}`);
      const end = input.validTo ?? new Date().toISOString().slice(0, 10);
      if (position.validFrom !== null && end < position.validFrom) throw badUserInput('input.validTo', `must not be before the position's validFrom (${position.validFrom})`);
      const rows = await tx.run(
        'retractPosition',
        `MATCH (a:Actor)-[:HOLDS]->(p:Position {id: $id})-[:ON]->(t:Topic)
         SET p.validTo = date($end), p.updatedAt = datetime(), p.updatedBy = $by
         RETURN ${positionProjection} AS position`,
        { id: input.id, end, by: author.label },
        positionRow,
      );
      const retracted = rows[0]!.position;
      return { position: retracted, superseded: [], change: await audit(tx, author, 'retractPosition', [input.id, retracted.actorId, retracted.topicId], input) };
    });
  }
}


/** setPosition inside a caller's transaction (acceptCandidate sets the positions a statement evidences). */
export async function setPositionIn(tx: Tx, author: Author, input: z.output<typeof setPositionInput>): Promise<{ position: PositionRecord; superseded: PositionRecord[]; change: ChangeRecord }> {
  await lockActors(tx, [input.actorId]);
  await assertExist(tx, 'Actor', [input.actorId], 'input.actorId');
  await assertExist(tx, 'Topic', [input.topicId], 'input.topicId');
  await assertExist(tx, 'Statement', input.evidence, 'input.evidence');
  const dated = await tx.run(
    'evidenceDate',
    'MATCH (s:Statement) WHERE s.id IN $evidence AND s.saidOn IS NOT NULL RETURN toString(min(s.saidOn)) AS validFrom',
    input,
    z.object({ validFrom: z.string().nullable() }),
  );
  const validFrom = dated[0]?.validFrom ?? null;
  const params = { ...input, validFrom, by: author.label };

  let id: string;
  let superseded: PositionRecord[] = [];
  if (input.id) {
    const owner = await tx.run(
      'positionOwner',
      'MATCH (a:Actor)-[:HOLDS]->(:Position {id: $id})-[:ON]->(t:Topic) RETURN a.id AS actorId, t.id AS topicId',
      { id: input.id },
      z.object({ actorId: z.string(), topicId: z.string() }),
    );
    const held = owner[0];
    if (held && (held.actorId !== input.actorId || held.topicId !== input.topicId)) {
      throw conflict(`input.id: position "${input.id}" belongs to ${held.actorId} on ${held.topicId}`);
    }
    id = held ? input.id : await newId(tx, input.id, 'input.id');
    // An explicit id sets the evidence to exactly what is given.
    await tx.exec('replaceEvidence', 'MATCH (:Position {id: $id})-[r:EVIDENCED_BY]->(s) WHERE NOT s.id IN $evidence DELETE r', { id, evidence: input.evidence });
  } else {
    const current = await tx.run(
      'currentPositions',
      `MATCH (a:Actor {id: $actorId})-[:HOLDS]->(p:Position)-[:ON]->(t:Topic {id: $topicId})
       WHERE p.validTo IS NULL OR p.validTo > date()
       RETURN p.id AS id, p.stance AS stance ORDER BY p.validFrom DESC, p.id`,
      input,
      z.object({ id: z.string(), stance: z.string() }),
    );
    const same = current.find((row) => row.stance === input.stance);
    if (same) {
      id = same.id;
    } else {
      id = await nextFreeId(tx, `${input.actorId}-${input.topicId}`.slice(0, 100).replace(/-+$/, ''));
      const ended = await tx.run(
        'supersedePositions',
        `MATCH (a:Actor {id: $actorId})-[:HOLDS]->(p:Position)-[:ON]->(t:Topic {id: $topicId})
         WHERE (p.validTo IS NULL OR p.validTo > date()) AND p.stance <> $stance
         WITH a, p, t, coalesce(date($validFrom), date()) AS end
         SET p.validTo = CASE WHEN p.validFrom IS NOT NULL AND p.validFrom > end THEN p.validFrom ELSE end END,
             p.updatedAt = datetime(), p.updatedBy = $by
         RETURN ${positionProjection} AS position`,
        params,
        positionRow,
      );
      superseded = ended.map((row) => row.position);
    }
  }
  const rows = await tx.run(
    'setPosition',
    `MATCH (a:Actor {id: $actorId}), (t:Topic {id: $topicId})
     MERGE (n:Entity:Position {id: $positionId})
     SET n.stance = $stance, n.summary = $summary, n.condition = $condition, ${stamp}
     MERGE (a)-[:HOLDS]->(n)
     MERGE (n)-[:ON]->(t)
     WITH a, t, n
     CALL (n) {
       UNWIND $evidence AS statementId
       MATCH (s:Statement {id: statementId})
       MERGE (n)-[:EVIDENCED_BY]->(s)
     }
     WITH a, t, n
     SET n.validFrom = COLLECT { MATCH (n)-[:EVIDENCED_BY]->(s:Statement) WHERE s.saidOn IS NOT NULL RETURN s.saidOn ORDER BY s.saidOn LIMIT 1 }[0]
     WITH a, t, n AS p
     RETURN ${positionProjection} AS position`,
    { ...params, positionId: id },
    positionRow,
  );
  // The checks above ran before the write took its locks: a merge may have removed the actor meanwhile.
  const written = rows[0];
  if (!written) throw notFound('input.actorId', `actor "${input.actorId}" or topic "${input.topicId}" was removed while the position was being set`);
  const change = await audit(tx, author, 'setPosition', [id, input.actorId, input.topicId, ...superseded.map((p) => p.id)], input);
  return { position: written.position, superseded, change };
}
