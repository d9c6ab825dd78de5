/**
 * The network domain's Cypher: what coalitions and centrality are computed from, read whole in bounded aggregated
 * queries (one row per actor or per group, never one per position), and the graph's version, read on every request so
 * a cached result is used only while the graph is unchanged.
 */
import { z } from 'zod';
import type { QueryRunner } from '../neo4j/database.js';
import { count } from '../shared/rows.js';
import { actorRelationTypes, stances, type Stance } from '../vocabulary.js';
import type { ActorNetwork, StanceProjection } from './compute.js';

/** Ties between actors: their relations and roles; interpolated from these fixed lists only. */
const tiePattern = [...actorRelationTypes, 'HOLDS_ROLE'].join('|');

const versionRow = z.object({ nodes: count, relationships: count, lastChange: z.string().nullable(), today: z.string() });
const stanceRow = z
  .object({ actorId: z.string(), topicIds: z.array(z.string()), stances: z.array(z.enum(stances)), validFrom: z.array(z.string()), ids: z.array(z.string()) })
  .refine((row) => row.topicIds.length === row.ids.length && row.stances.length === row.ids.length && row.validFrom.length === row.ids.length, 'parallel lists of one length');
const actorTiesRow = z.object({ actorId: z.string(), tiedTo: z.array(z.string()) });
const groupRow = z.object({ members: z.array(z.string()) });

export interface ProjectionOptions {
  /** Per-query timeout: projections of a large graph take longer than a request's queries. */
  timeoutMs: number;
}

export class NetworkRepository {
  constructor(private readonly db: QueryRunner) {}

  /**
   * The graph's version: node and relationship counts (from Neo4j's count store, O(1)), the newest audited change
   * (every curator's write leaves one) and today's date (what is current changes at midnight). Any write through the
   * API changes it; a write elsewhere that leaves the counts unchanged is seen when the cache entry expires.
   */
  async version(): Promise<string> {
    const [row] = await this.db.read(
      'graphVersion',
      `CALL () { MATCH (n) RETURN count(n) AS nodes }
       CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
       CALL () { OPTIONAL MATCH (c:Change) WITH c ORDER BY c.at DESC LIMIT 1 RETURN c.id AS lastChange }
       RETURN nodes, relationships, lastChange, toString(date()) AS today`,
      {},
      versionRow,
    );
    if (!row) throw new Error('graphVersion returned no row');
    return `${row.nodes}.${row.relationships}.${row.lastChange ?? '-'}.${row.today}`;
  }

  /**
   * Each actor's deciding stance per topic, on `asOf`: of its positions valid that day (validFrom absent or not later,
   * validTo absent or later), the newest decides (latest validFrom, undated last), then the smallest id — the rule
   * `agreement` applies without roll-ups. Only `topicIds` when given. One row per actor, in id order.
   */
  async stanceProjection(topicIds: string[] | null, asOf: string, options: ProjectionOptions): Promise<StanceProjection> {
    // No ORDER BY over every position: each actor's few positions are decided here, and actors sorted by id. Flat
    // lists per actor (not a list per position) are the cheapest shape for Neo4j to build and the driver to decode.
    const current = `(p.validFrom IS NULL OR p.validFrom <= date($asOf)) AND (p.validTo IS NULL OR p.validTo > date($asOf))`;
    const fields = `collect(t.id) AS topicIds, collect(p.stance) AS stances, collect(coalesce(toString(p.validFrom), '')) AS validFrom, collect(p.id) AS ids`;
    // With topics named, from them (their holders only); otherwise actor by actor.
    const cypher = topicIds
      ? `MATCH (t:Topic) WHERE t.id IN $topicIds
         MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t) WHERE ${current}
         WITH a, ${fields}
         RETURN a.id AS actorId, topicIds, stances, validFrom, ids`
      : `MATCH (a:Actor)
         CALL (a) {
           MATCH (a)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic) WHERE ${current}
           RETURN ${fields}
         }
         WITH a, topicIds, stances, validFrom, ids WHERE size(ids) > 0
         RETURN a.id AS actorId, topicIds, stances, validFrom, ids`;
    const rows = await this.db.read('stanceProjection', cypher, { topicIds, asOf }, stanceRow, options.timeoutMs);
    rows.sort((x, y) => (x.actorId < y.actorId ? -1 : x.actorId > y.actorId ? 1 : 0));
    const projection: StanceProjection = { actorIds: [], topicIds: [], stances: [] };
    for (const row of rows) {
      const deciding = new Map<string, { stance: Stance; validFrom: string; id: string }>();
      for (let i = 0; i < row.ids.length; i++) {
        const [topicId, stance, validFrom, id] = [row.topicIds[i]!, row.stances[i]!, row.validFrom[i]!, row.ids[i]!];
        const current = deciding.get(topicId);
        if (!current || decidesBefore(validFrom, id, current.validFrom, current.id)) deciding.set(topicId, { stance, validFrom, id });
      }
      projection.actorIds.push(row.actorId);
      projection.topicIds.push([...deciding.keys()]);
      projection.stances.push([...deciding.values()].map((position) => position.stance));
    }
    return projection;
  }

  /**
   * The actor network: every actor (in id order) with the actors its relations and roles point to, then each event's
   * participants and each proposal's authors (groups of two or more). Three queries, each one row per actor or group.
   */
  async actorNetwork(options: ProjectionOptions): Promise<ActorNetwork> {
    const actors = await this.db.read(
      'actorTies',
      `MATCH (a:Actor)
       RETURN a.id AS actorId, COLLECT { MATCH (a)-[:${tiePattern}]->(b:Actor) RETURN b.id } AS tiedTo
       ORDER BY actorId`,
      {},
      actorTiesRow,
      options.timeoutMs,
    );
    const groups = await this.db.read(
      'actorGroups',
      `CALL () {
         MATCH (e:Event)<-[:PARTICIPATED_IN]-(a:Actor)
         WITH e, collect(DISTINCT a.id) AS members WHERE size(members) > 1 RETURN members
         UNION ALL
         MATCH (p:Proposal)-[:AUTHORED_BY]->(a:Actor)
         WITH p, collect(DISTINCT a.id) AS members WHERE size(members) > 1 RETURN members
       }
       RETURN members`,
      {},
      groupRow,
      options.timeoutMs,
    );
    const actorIds = actors.map((row) => row.actorId);
    const index = new Map(actorIds.map((id, i) => [id, i]));
    const from: number[] = [];
    const to: number[] = [];
    actors.forEach((row, i) => {
      for (const other of row.tiedTo) {
        const j = index.get(other);
        if (j !== undefined) {
          from.push(i);
          to.push(j);
        }
      }
    });
    return {
      actorIds,
      from,
      to,
      groups: groups.map((row) => row.members.map((id) => index.get(id)).filter((i): i is number => i !== undefined)),
    };
  }
}

/** The newest decides (latest validFrom; undated, read as '', last), then the smallest id. ISO dates compare as strings. */
function decidesBefore(validFrom: string, id: string, otherFrom: string, otherId: string): boolean {
  if (validFrom !== otherFrom) return otherFrom === '' || (validFrom !== '' && validFrom > otherFrom);
  return id < otherId;
}
