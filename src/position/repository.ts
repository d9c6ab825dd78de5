/** Positions: an actor's stance on a topic. Cypher batched by id lists. */
import type { Stance } from '../generated/graphql.js';
import type { QueryRunner, Row } from '../neo4j/database.js';
import { actorProjectionOf, toActor, type ActorRecord } from '../actor/model.js';
import { str } from '../shared/rows.js';
import { evidenceOrder, statementTreeProjection, toStatementTree, type StatementTree } from '../statement/model.js';
import { topicProjectionOf, toTopic, type TopicRecord } from '../topic/model.js';
import type { PositionInclude } from './include.js';
import { positionProjection, toPosition, type PositionRecord } from './model.js';

export interface PositionArgs {
  topicId?: string | null;
  stance: Stance | null;
  /** Valid on this date: validFrom <= asOf < validTo. */
  asOf: string | null;
  /** What to fetch in the same query (absent: the positions alone). */
  include?: PositionInclude;
}

/** A position with what was asked of it, fetched in the same query. */
export interface PositionTree {
  position: PositionRecord;
  topic?: TopicRecord;
  actor?: ActorRecord;
  evidence?: StatementTree[];
}

/**
 * The columns that come with each position (`a`, `p`, `t` bound): its topic, its holder, and its evidence with the
 * speakers, citations and sources asked. Fixed fragments only; one query answers the whole subtree.
 */
function includeColumns(include: PositionInclude | undefined): string {
  if (!include) return '';
  const columns: string[] = [];
  if (include.topic) columns.push(`${topicProjectionOf('t')} AS topic`);
  if (include.actor) columns.push(`${actorProjectionOf('a')} AS actor`);
  if (include.evidence) {
    columns.push(
      `COLLECT { MATCH (p)-[:EVIDENCED_BY]->(s:Statement) WITH s ORDER BY ${evidenceOrder}
         RETURN ${statementTreeProjection(include.evidence)} } AS evidence`,
    );
  }
  return columns.map((column) => `, ${column}`).join('');
}

function toPositionTree(row: Row): PositionTree {
  const tree: PositionTree = { position: toPosition(row.position) };
  if (row.topic) tree.topic = toTopic(row.topic);
  if (row.actor) tree.actor = toActor(row.actor);
  if (Array.isArray(row.evidence)) tree.evidence = row.evidence.map((statement) => toStatementTree(statement));
  return tree;
}

const positionWhere = `
  ($stance IS NULL OR p.stance = $stance)
  AND ($asOf IS NULL OR ((p.validFrom IS NULL OR p.validFrom <= date($asOf)) AND (p.validTo IS NULL OR p.validTo > date($asOf))))`;

/** Current positions: not retracted, or retracted after today. */
const isCurrent = '(p.validTo IS NULL OR p.validTo > date())';

/** Newest evidence first, then id, so lists are stable. */
const positionOrder = "coalesce(toString(p.validFrom), '0000') DESC, p.id";

export class PositionRepository {
  constructor(private readonly db: QueryRunner) {}

  async byIds(ids: readonly string[]): Promise<PositionRecord[]> {
    const rows = await this.db.read(
      'positionsByIds',
      `UNWIND $ids AS id
       MATCH (a:Actor)-[:HOLDS]->(p:Position {id: id})-[:ON]->(t:Topic)
       RETURN ${positionProjection} AS position`,
      { ids },
    );
    return rows.map((row) => toPosition(row.position));
  }

  async ofActors(ids: readonly string[], args: PositionArgs): Promise<Array<{ key: string; value: PositionTree }>> {
    const rows = await this.db.read(
      'actorPositions',
      `UNWIND $ids AS id
       MATCH (a:Actor {id: id})-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
       WHERE ($topicId IS NULL OR t.id = $topicId) AND ${positionWhere}
       RETURN id AS key, ${positionProjection} AS position${includeColumns(args.include)}
       ORDER BY ${positionOrder}`,
      { ids, topicId: args.topicId ?? null, stance: args.stance, asOf: args.asOf },
    );
    return rows.map((row) => ({ key: str(row.key), value: toPositionTree(row) }));
  }

  /**
   * Positions on each topic, by stance then holder. `stances` lists the stances wanted (null: all), so that one query
   * serves a document asking for supporters and opponents side by side.
   */
  async onTopics(
    ids: readonly string[],
    args: Omit<PositionArgs, 'stance' | 'topicId'> & { stances: readonly Stance[] | null },
  ): Promise<Array<{ key: string; value: PositionTree }>> {
    const rows = await this.db.read(
      'topicPositions',
      `UNWIND $ids AS id
       MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic {id: id})
       WHERE ($stances IS NULL OR p.stance IN $stances) AND ${positionWhere}
       RETURN id AS key, ${positionProjection} AS position${includeColumns(args.include)}
       ORDER BY p.stance, a.name, ${positionOrder}`,
      { ids, stances: args.stances, stance: null, asOf: args.asOf },
    );
    return rows.map((row) => ({ key: str(row.key), value: toPositionTree(row) }));
  }

  /** Positions each statement evidences. */
  async evidencedBy(ids: readonly string[]): Promise<Array<{ key: string; value: PositionRecord }>> {
    const rows = await this.db.read(
      'positionsEvidencedBy',
      `UNWIND $ids AS id
       MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:EVIDENCED_BY]->(:Statement {id: id}), (p)-[:ON]->(t:Topic)
       RETURN id AS key, ${positionProjection} AS position
       ORDER BY a.name, p.id`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: toPosition(row.position) }));
  }

  /** Every position of these actors on these topics (all topics when `topicIds` is null), current first. */
  async ofActorsOnTopics(actorIds: readonly string[], topicIds: readonly string[] | null): Promise<PositionRecord[]> {
    const rows = await this.db.read(
      'stanceMatrix',
      `UNWIND $actorIds AS actorId
       MATCH (a:Actor {id: actorId})-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
       WHERE $topicIds IS NULL OR t.id IN $topicIds
       RETURN ${positionProjection} AS position
       ORDER BY CASE WHEN ${isCurrent} THEN 0 ELSE 1 END, ${positionOrder}`,
      { actorIds, topicIds },
    );
    return rows.map((row) => toPosition(row.position));
  }

  /** The current positions of two actors on the topics both hold positions on. */
  async sharedCurrent(a: string, b: string): Promise<PositionRecord[]> {
    const rows = await this.db.read(
      'agreementPositions',
      `MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
       WHERE a.id IN [$a, $b] AND ${isCurrent}
       WITH t, collect(${positionProjection}) AS positions
       WHERE size([x IN positions WHERE x.actorId = $a]) > 0 AND size([x IN positions WHERE x.actorId = $b]) > 0
       UNWIND positions AS position
       RETURN position
       ORDER BY position.topicId, position.actorId, position.id`,
      { a, b },
    );
    return rows.map((row) => toPosition(row.position));
  }
}
