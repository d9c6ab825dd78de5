/** The actor domain's Cypher: named, parameterized, batched by id lists. */
import { int } from '../neo4j/database.js';
import type { QueryRunner } from '../neo4j/database.js';
import { actorRelationTypes } from '../vocabulary.js';
import { toEvent, eventProjection, type EventRecord } from '../event/model.js';
import { toProposal, type ProposalRecord } from '../topic/model.js';
import type { ActorKind, Stance } from '../generated/graphql.js';
import type { CursorKey } from '../shared/pagination.js';
import { num, str, strings } from '../shared/rows.js';
import { actorProjection, toActor, type ActorRecord, type ActorRelationRecord, type RoleRecord } from './model.js';

/** Relationship types between actors; interpolated from this fixed list only. */
const actorRelationPattern = actorRelationTypes.join('|');

export interface ActorListFilter {
  search: string | null;
  kinds: ActorKind[] | null;
  topicId: string | null;
  stance: Stance | null;
}

/**
 * The filter's conditions, only those the filter sets (fixed fragments; values stay parameters). Leaving out the
 * unset ones lets the planner see a bare `MATCH (a:Actor)`: the count then comes from the count store instead of a
 * scan of every actor (10,001 db hits against 1 at M).
 */
function actorListWhere(filter: ActorListFilter): string {
  const conditions: string[] = [];
  if (filter.kinds !== null) conditions.push('a.kind IN $kinds');
  if (filter.search !== null) conditions.push('a.searchKey CONTAINS $search');
  if (filter.topicId !== null) {
    conditions.push(`EXISTS {
      MATCH (a)-[:HOLDS]->(p:Position)-[:ON]->(:Topic {id: $topicId})
      WHERE ($stance IS NULL OR p.stance = $stance) AND (p.validTo IS NULL OR p.validTo > date())
    }`);
  }
  return conditions.length > 0 ? conditions.join(' AND ') : 'true';
}

/**
 * The keyset condition, written so that the (name, id) index can be sought and read in order: an unfiltered page then
 * costs its own size (~400 db hits at M), not a scan and sort of every actor (20,000; `$x IS NULL OR ...` kept the
 * index out). Unfiltered pages name the index (the planner preferred a label scan); filtered ones leave the choice to
 * the planner, since a selective filter may be better served from elsewhere.
 */
const afterActor = 'a.name >= $afterName AND (a.name > $afterName OR a.id > $afterId)';

export class ActorRepository {
  constructor(private readonly db: QueryRunner) {}

  async byIds(ids: readonly string[]): Promise<ActorRecord[]> {
    const rows = await this.db.read('actorsByIds', `UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN ${actorProjection} AS actor`, { ids });
    return rows.map((row) => toActor(row.actor));
  }

  /** A page of actors ordered by (name, id), after the cursor's key. */
  async list(filter: ActorListFilter, limit: number, after: CursorKey | null): Promise<ActorRecord[]> {
    const where = actorListWhere(filter);
    const rows = await this.db.read(
      'listActors',
      `MATCH (a:Actor) ${where === 'true' ? 'USING INDEX a:Actor(name, id)' : ''}
       WHERE ${where} AND a.id IS NOT NULL AND ${after ? afterActor : 'a.name IS NOT NULL'}
       RETURN ${actorProjection} AS actor
       ORDER BY a.name, a.id
       LIMIT $limit`,
      { ...filter, afterName: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
    );
    return rows.map((row) => toActor(row.actor));
  }

  async count(filter: ActorListFilter): Promise<number> {
    const where = actorListWhere(filter);
    const cypher = where === 'true' ? 'MATCH (a:Actor) RETURN count(a) AS count' : `MATCH (a:Actor) WHERE ${where} RETURN count(a) AS count`;
    const rows = await this.db.read('countActors', cypher, { ...filter });
    return num(rows[0]?.count);
  }

  async relationsOf(ids: readonly string[]): Promise<Array<{ key: string; value: ActorRelationRecord }>> {
    const rows = await this.db.read(
      'actorRelations',
      `UNWIND $ids AS id
       MATCH (a:Actor {id: id})-[r:${actorRelationPattern}]-(other:Actor)
       RETURN id AS key, type(r) AS type, other.id AS actorId,
              CASE WHEN startNode(r) = a THEN 'OUTGOING' ELSE 'INCOMING' END AS direction,
              coalesce(r.evidence, []) AS evidenceIds
       ORDER BY type, direction DESC, other.name`,
      { ids },
    );
    return rows.map((row) => ({
      key: str(row.key),
      value: { type: str(row.type), actorId: str(row.actorId), direction: str(row.direction) as 'OUTGOING' | 'INCOMING', evidenceIds: strings(row.evidenceIds) },
    }));
  }

  /** Roles held by the actors (`holder`) or held in them by others (`of`). */
  async roles(ids: readonly string[], side: 'holder' | 'of'): Promise<Array<{ key: string; value: RoleRecord }>> {
    const match = side === 'holder' ? '(h:Actor {id: id})-[r:HOLDS_ROLE]->(o:Actor)' : '(h:Actor)-[r:HOLDS_ROLE]->(o:Actor {id: id})';
    const rows = await this.db.read(
      side === 'holder' ? 'rolesByHolder' : 'rolesByOrganisation',
      `UNWIND $ids AS id MATCH ${match}
       RETURN id AS key, r.title AS title, h.id AS holderId, o.id AS ofId
       ORDER BY h.name, r.title`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: { title: str(row.title), holderId: str(row.holderId), ofId: str(row.ofId) } }));
  }

  async eventsOf(ids: readonly string[]): Promise<Array<{ key: string; value: EventRecord }>> {
    const rows = await this.db.read(
      'actorEvents',
      `UNWIND $ids AS id
       MATCH (:Actor {id: id})-[:PARTICIPATED_IN]->(e:Event)
       RETURN id AS key, ${eventProjection} AS event
       ORDER BY e.date, e.id`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: toEvent(row.event) }));
  }

  async proposalsOf(ids: readonly string[]): Promise<Array<{ key: string; value: ProposalRecord }>> {
    const rows = await this.db.read(
      'actorProposals',
      `UNWIND $ids AS id
       MATCH (t:Proposal)-[:AUTHORED_BY]->(:Actor {id: id})
       RETURN id AS key, t {.id, .name, .description, date: toString(t.date), .dateSource} AS proposal
       ORDER BY t.date, t.name`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: toProposal(row.proposal) }));
  }
}
