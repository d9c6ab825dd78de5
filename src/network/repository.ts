/**
 * The network domain's Cypher: what coalitions and centrality are computed from, read whole in bounded aggregated
 * queries (one row per actor or per group, never one per position), the graph's version, read on every request so
 * a cached result is used only while the graph is unchanged, and the ego network around some actors (Query.network),
 * read in two bounded queries.
 */
import { z } from 'zod';
import type { ActorRelationRecord, RoleRecord } from '../actor/model.js';
import { int, type QueryRunner } from '../neo4j/database.js';
import { count, textList } from '../shared/rows.js';
import { actorRelationTypes, stances, type Stance } from '../vocabulary.js';
import type { ActorNetwork, StanceProjection } from './compute.js';
import type { NetworkTieRecord } from './model.js';

/** Ties between actors: their relations and roles; interpolated from these fixed lists only. */
const tiePattern = [...actorRelationTypes, 'HOLDS_ROLE'].join('|');
/** Relations alone (the relation ties of an ego network), from the same fixed list. */
const relationPattern = actorRelationTypes.join('|');

/**
 * The actors tied to any actor of the list bound to `list`, one row per kind of tie: `b` and `w`, the weight of its
 * ties to the list's actors of that kind (relations and roles either way, events both took part in, proposals both
 * authored), as the centrality network weighs them. Summed per `b` by the caller. Shared events and proposals are
 * walked from the event's side, once per event however many of the list took part.
 */
const tiedToAny = (list: string) => `CALL (${list}) {
    UNWIND ${list} AS x
    MATCH (x)-[r:${tiePattern}]-(b:Actor) RETURN b, count(r) AS w
    UNION ALL
    UNWIND ${list} AS x
    MATCH (x)-[:PARTICIPATED_IN]->(e:Event)
    WITH e, count(DISTINCT x) AS k
    MATCH (e)<-[:PARTICIPATED_IN]-(b:Actor) RETURN b, sum(k) AS w
    UNION ALL
    UNWIND ${list} AS x
    MATCH (x)<-[:AUTHORED_BY]-(p:Proposal)
    WITH p, count(DISTINCT x) AS k
    MATCH (p)-[:AUTHORED_BY]->(b:Actor) RETURN b, sum(k) AS w
  }`;

/** The members an ego network draws beyond the asked actors, and how many it leaves out. */
export interface EgoMembers {
  /** Drawn at distance 1 and 2, each ring ranked (weight of ties to the actors drawn before it, then id). */
  near: string[];
  far: string[];
  /** Actors at distance 1 not drawn, plus actors at distance 2 (reached from those drawn at 1) not drawn; see egoMembers. */
  omitted: number;
}

const egoMembersRow = z.object({ near: z.array(z.string()), far: z.array(z.string()), omitted: count });
/**
 * One tie of an ego network per row, with the count of all ties on each. Flat columns rather than maps: a thousand
 * ties decode noticeably faster. Relations and roles are rebuilt here in the actor domain's record shapes.
 */
const tieColumns = {
  id: z.string(),
  fromId: z.string(),
  toId: z.string(),
  weight: count,
  evidenceIds: textList,
  eventIds: z.array(z.string()),
  proposalIds: z.array(z.string()),
  total: count,
};
const egoTieRow = z
  .discriminatedUnion('kind', [
    z.object({ ...tieColumns, kind: z.literal('RELATION'), label: z.enum(actorRelationTypes) }),
    z.object({ ...tieColumns, kind: z.literal('ROLE'), label: z.string() }),
    z.object({ ...tieColumns, kind: z.enum(['EVENT', 'PROPOSAL']), label: z.string() }),
  ])
  .transform(({ total, evidenceIds, ...tie }): { tie: NetworkTieRecord; total: number } => {
    const ends = { fromId: tie.fromId, toId: tie.toId };
    const relation: ActorRelationRecord | null = tie.kind === 'RELATION' ? { id: tie.id, type: tie.label, ...ends, evidenceIds } : null;
    const role: RoleRecord | null = tie.kind === 'ROLE' ? { id: tie.id, title: tie.label, holderId: tie.fromId, ofId: tie.toId } : null;
    return { tie: { ...tie, directed: relation !== null || role !== null, relation, role }, total };
  });

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

  /**
   * The actors an ego network draws around `seedIds` (existing actors), `room` of them at most beyond the asked ones.
   * Each hop expands only from what is drawn: hop 1 from the asked actors, hop 2 from the actors drawn at distance 1
   * (at most `room`), and only while there is room left, so the work is bounded by `room` actors' neighbourhoods,
   * never by paths. An actor is at distance 1 when tied to an asked actor (drawn or not), at distance 2 when tied to a
   * drawn distance-1 actor and to no asked actor. Each ring is ranked by the weight of its ties to the actors drawn
   * before it, then by id.
   */
  async egoMembers(seedIds: readonly string[], hops: number, room: number): Promise<EgoMembers> {
    // Ring 2 leaves out the asked actors and ring 1 by grouping them with the candidates (flagged as `known`): a hash
    // aggregation, where `NOT b IN near` would compare every candidate with every ring-1 actor.
    const rows = await this.db.read(
      'egoNetworkMembers',
      `MATCH (s:Actor) WHERE s.id IN $seedIds
       WITH collect(s) AS seeds
       CALL (seeds) {
         WITH seeds WHERE $hops >= 1
         ${tiedToAny('seeds')}
         WITH b, sum(w) AS weight WHERE NOT b IN seeds
         ORDER BY weight DESC, b.id
         RETURN collect(b) AS ring1
       }
       WITH seeds, ring1, ring1[0..$room] AS near
       CALL (seeds, ring1, near) {
         WITH seeds, ring1, near WHERE $hops >= 2 AND size(near) > 0 AND size(near) < $room
         CALL (seeds, ring1, near) {
           UNWIND seeds + ring1 AS b
           RETURN b, 0 AS w, 1 AS known
           UNION ALL
           ${tiedToAny('near')}
           RETURN b, w, 0 AS known
         }
         WITH b, sum(w) AS weight, sum(known) AS known WHERE known = 0
         ORDER BY weight DESC, b.id
         RETURN collect(b) AS ring2
       }
       WITH ring1, near, ring2, ring2[0..$room - size(near)] AS far
       RETURN [a IN near | a.id] AS near, [a IN far | a.id] AS far, size(ring1) - size(near) + size(ring2) - size(far) AS omitted`,
      { seedIds, hops: int(hops), room: int(room) },
      egoMembersRow,
    );
    const row = rows[0];
    if (!row) throw new Error('egoNetworkMembers returned no row');
    return row;
  }

  /**
   * The ties among `memberIds`, strongest first (weight, then id), at most `limit`, and how many there are: each
   * relation (read from its start) and role (holder to organisation) between two members, and one tie per pair for
   * the events both took part in and one for the proposals both authored (the pair in id order; the five newest
   * events or proposals named). Bounded by the members' own ties.
   */
  async egoTies(memberIds: readonly string[], limit: number): Promise<{ ties: NetworkTieRecord[]; total: number }> {
    // The far end is checked against the parameter list (Neo4j keeps it as a set), and shared events and proposals are
    // grouped from the event's side: never a walk to every co-participant of a busy member.
    const rows = await this.db.read(
      'egoNetworkTies',
      `MATCH (m:Actor) WHERE m.id IN $memberIds
       WITH collect(m) AS members
       CALL (members) {
         UNWIND members AS a
         MATCH (a)-[r:${relationPattern}]->(b:Actor) WHERE b.id IN $memberIds
         WITH a, r, b, a.id + ':' + type(r) + ':' + b.id AS id
         RETURN 'RELATION' AS kind, id, a.id AS fromId, b.id AS toId, type(r) AS label, 1 AS weight,
                r.evidence AS evidenceIds, [] AS eventIds, [] AS proposalIds
         UNION ALL
         UNWIND members AS a
         MATCH (a)-[r:HOLDS_ROLE]->(b:Actor) WHERE b.id IN $memberIds
         WITH a, r, b, a.id + ':' + b.id + ':' + r.title AS id
         RETURN 'ROLE' AS kind, id, a.id AS fromId, b.id AS toId, r.title AS label, 1 AS weight,
                [] AS evidenceIds, [] AS eventIds, [] AS proposalIds
         UNION ALL
         UNWIND members AS a
         MATCH (a)-[:PARTICIPATED_IN]->(e:Event)
         WITH e, collect(DISTINCT a.id) AS present WHERE size(present) > 1
         UNWIND present AS x
         UNWIND present AS y
         WITH x, y, e WHERE x < y
         ORDER BY ${newestFirst('e')}
         WITH x, y, collect(e.id) AS shared
         RETURN 'EVENT' AS kind, x + '~' + y + ':EVENT' AS id, x AS fromId, y AS toId,
                toString(size(shared)) + CASE size(shared) WHEN 1 THEN ' shared event' ELSE ' shared events' END AS label,
                size(shared) AS weight, [] AS evidenceIds, shared[0..5] AS eventIds, [] AS proposalIds
         UNION ALL
         UNWIND members AS a
         MATCH (a)<-[:AUTHORED_BY]-(p:Proposal)
         WITH p, collect(DISTINCT a.id) AS present WHERE size(present) > 1
         UNWIND present AS x
         UNWIND present AS y
         WITH x, y, p WHERE x < y
         ORDER BY ${newestFirst('p')}
         WITH x, y, collect(p.id) AS shared
         RETURN 'PROPOSAL' AS kind, x + '~' + y + ':PROPOSAL' AS id, x AS fromId, y AS toId,
                toString(size(shared)) + CASE size(shared) WHEN 1 THEN ' co-authored proposal' ELSE ' co-authored proposals' END AS label,
                size(shared) AS weight, [] AS evidenceIds, [] AS eventIds, shared[0..5] AS proposalIds
       }
       WITH kind, id, fromId, toId, label, weight, evidenceIds, eventIds, proposalIds
       ORDER BY weight DESC, id
       WITH collect([kind, id, fromId, toId, label, weight, evidenceIds, eventIds, proposalIds]) AS ties
       UNWIND ties[0..$limit] AS tie
       RETURN tie[0] AS kind, tie[1] AS id, tie[2] AS fromId, tie[3] AS toId, tie[4] AS label, tie[5] AS weight,
              tie[6] AS evidenceIds, tie[7] AS eventIds, tie[8] AS proposalIds, size(ties) AS total`,
      { memberIds, limit: int(limit) },
      egoTieRow,
    );
    return { ties: rows.map((row) => row.tie), total: rows[0]?.total ?? 0 };
  }
}

/** Newest first (undated last), then id (`x` bound to an event or proposal). */
const newestFirst = (x: string) => `coalesce(toString(${x}.date), '') DESC, ${x}.id`;

/** The newest decides (latest validFrom; undated, read as '', last), then the smallest id. ISO dates compare as strings. */
function decidesBefore(validFrom: string, id: string, otherFrom: string, otherId: string): boolean {
  if (validFrom !== otherFrom) return otherFrom === '' || (validFrom !== '' && validFrom > otherFrom);
  return id < otherId;
}
