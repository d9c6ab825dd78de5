/**
 * The analytics domain's Cypher: actors ranked by agreement with one actor, and graph walks between actors (relations,
 * roles, shared events and shared proposals). The stance matrix and agreement read positions (position repository).
 */
import { z } from 'zod';
import { actorRecord } from '../actor/model.js';
import { actorProjection } from '../actor/repository.js';
import { int, type QueryRunner } from '../neo4j/database.js';
import { nodeRef, type NodeRef } from '../node/repository.js';
import { count } from '../shared/rows.js';
import { pathRelationshipTypes, verdicts } from '../vocabulary.js';
import type { AlignmentRecord } from './model.js';
import { decidingOrder, rollUpPatterns, type RollUpOptions } from './rollup.js';

/** What a path may walk; interpolated from this fixed list only. */
const pathPattern = pathRelationshipTypes.join('|');
/** Variable-length bounds cannot be parameters: the bound is looked up here, never built from input. */
const hopPatterns: Record<number, string> = { 1: '*1..1', 2: '*1..2', 3: '*1..3', 4: '*1..4', 5: '*1..5', 6: '*1..6' };

const pathRow = z.object({
  nodes: z.array(nodeRef),
  steps: z.array(z.object({ type: z.enum(pathRelationshipTypes), fromId: z.string(), toId: z.string(), forward: z.boolean() })),
});

export interface PathRow {
  nodes: NodeRef[];
  steps: z.output<typeof pathRow>['steps'];
}

const alignmentRow = z.object({
  total: count,
  page: z.array(
    z.object({
      actor: actorRecord,
      shared: count,
      agree: count,
      decided: count,
      details: z.array(z.object({ topicId: z.string(), aPositionId: z.string(), bPositionId: z.string(), verdict: z.enum(verdicts) })),
    }),
  ),
});

/** Where the next page of an alignment starts: the last actor's sort key (its counts, from which the rank follows). */
export interface AlignmentCursor {
  agree: number;
  decided: number;
  shared: number;
  actorId: string;
}

export interface AlignmentArgs {
  minSharedTopics: number;
  rollUp: RollUpOptions;
  after: AlignmentCursor | null;
  limit: number;
}

/** Current positions: not retracted, or retracted after today. */
const isCurrent = (p: string) => `(${p}.validTo IS NULL OR ${p}.validTo > date())`;

export class AnalyticsRepository {
  constructor(private readonly db: QueryRunner) {}

  /**
   * Every other actor sharing at least `minSharedTopics` topics with `subjectId`, compared on the current positions
   * counting for each (after roll-ups, the first in deciding order decides; see ./rollup.ts), ranked: scored before
   * unscored (all PARTIAL), higher score (agree / decided) first, more shared topics first, then by id. One query: per
   * topic of the subject, the positions counting there for every other actor, aggregated per actor; `limit` rows
   * after the cursor, and the total. The verdict rule is verdictOf's (./stances.ts), which `agreement` uses.
   */
  async alignment(subjectId: string, args: AlignmentArgs): Promise<{ total: number; page: AlignmentRecord[] }> {
    const { heldFor, countsOn, countingOn, isRoot } = rollUpPatterns(args.rollUp);
    // The rank is computed as Cypher computes it (one IEEE division of the same integers), so equal ranks compare equal.
    const after = args.after && {
      rank: args.after.decided > 0 ? args.after.agree / args.after.decided : -1,
      shared: int(args.after.shared),
      id: args.after.actorId,
    };
    const rows = await this.db.read(
      'alignment',
      `MATCH (subject:Actor {id: $subjectId})
       CALL (subject) {
         MATCH ${heldFor('subject', 'holder', 'via')}-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
         WHERE ${isCurrent('p')}
         WITH p, t, min(size(via)) AS memberHops
         MATCH ${countsOn('t', 'k', 'up')}
         WHERE ${isRoot('k')}
         WITH k, p, memberHops, size(up) AS issueHops ORDER BY ${decidingOrder('p', 'memberHops', 'issueHops')}
         RETURN k, head(collect(p)) AS mine
       }
       CALL (subject, k) {
         MATCH ${countingOn('k', 't', 'up')}<-[:ON]-(q:Position)<-[:HOLDS]-(holder:Actor), ${heldFor('other:Actor', 'holder', 'via')}
         WHERE other <> subject AND ${isCurrent('q')}
         WITH other, q, size(up) AS issueHops, min(size(via)) AS memberHops
         ORDER BY ${decidingOrder('q', 'memberHops', 'issueHops')}
         RETURN other, head(collect(q)) AS theirs
       }
       WITH other, k, mine, theirs,
            CASE
              WHEN mine.stance = theirs.stance THEN 'AGREE'
              WHEN mine.stance IN ['SUPPORTS', 'OPPOSES'] AND theirs.stance IN ['SUPPORTS', 'OPPOSES'] THEN 'DISAGREE'
              ELSE 'PARTIAL'
            END AS verdict
       ORDER BY k.id
       WITH other, collect({topicId: k.id, aPositionId: mine.id, bPositionId: theirs.id, verdict: verdict}) AS details
       WITH other, details, size(details) AS shared,
            size([d IN details WHERE d.verdict = 'AGREE']) AS agree,
            size([d IN details WHERE d.verdict <> 'PARTIAL']) AS decided
       WHERE shared >= $minShared
       WITH other, details, shared, agree, decided, CASE WHEN decided > 0 THEN toFloat(agree) / decided ELSE -1.0 END AS rank
       ORDER BY rank DESC, shared DESC, other.id
       WITH collect({actor: ${actorProjection('other')}, id: other.id, rank: rank, shared: shared, agree: agree, decided: decided, details: details}) AS ranking
       RETURN size(ranking) AS total,
              [r IN ranking WHERE $after IS NULL OR r.rank < $after.rank
                 OR (r.rank = $after.rank AND (r.shared < $after.shared OR (r.shared = $after.shared AND r.id > $after.id)))][..$limit] AS page`,
      { subjectId, minShared: int(args.minSharedTopics), after, limit: int(args.limit) },
      alignmentRow,
    );
    const row = rows[0] ?? { total: 0, page: [] };
    return {
      total: row.total,
      page: row.page.map(({ actor, shared, agree, decided, details }) => ({
        actor,
        shared,
        agree,
        decided,
        score: decided > 0 ? agree / decided : null,
        agreeOn: details.filter((detail) => detail.verdict === 'AGREE').map((detail) => detail.topicId),
        disagreeOn: details.filter((detail) => detail.verdict === 'DISAGREE').map((detail) => detail.topicId),
        comparisons: details,
      })),
    };
  }

  async shortestPaths(from: string, to: string, maxHops: number, limit: number): Promise<PathRow[]> {
    const hops = hopPatterns[maxHops];
    if (!hops) throw new RangeError(`maxHops out of range: ${maxHops}`);
    const rows = await this.db.read(
      'shortestPaths',
      `MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
       MATCH path = allShortestPaths((a)-[:${pathPattern}${hops}]-(b))
       WITH path LIMIT $limit
       RETURN [n IN nodes(path) | {id: n.id, labels: labels(n)}] AS nodes,
              [i IN range(0, size(relationships(path)) - 1) |
                {type: type(relationships(path)[i]), fromId: nodes(path)[i].id, toId: nodes(path)[i + 1].id,
                 forward: startNode(relationships(path)[i]) = nodes(path)[i]}] AS steps`,
      { from, to, limit: int(limit) },
      pathRow,
    );
    return rows.map((row) => ({ nodes: row.nodes.filter((ref): ref is NodeRef => ref !== null), steps: row.steps }));
  }
}
