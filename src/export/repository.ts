/**
 * The export's Cypher: the nodes a filter keeps, then every node and every edge of the exported graph, one query per
 * kind, all in one read transaction (one snapshot) whose rows are streamed (never collected). Only labels and
 * relationship types from the fixed lists below are interpolated; every value is a parameter.
 */
import { z } from 'zod';
import type { QueryRunner, StreamTx } from '../neo4j/database.js';
import { actorRelationTypes, reliabilities } from '../vocabulary.js';
import type { ExportFilter } from './filter.js';
import { exportEdgeRow, exportNodeRow, exportNodeTypes, type ExportEdge, type ExportNode, type ExportNodeType } from './model.js';

/** Rows the driver pulls at a time; it stops pulling while they wait to be written. */
const FETCH_SIZE = 2_000;

/** What receives the graph as it streams: every node, then every edge. A returned promise is awaited (backpressure). */
export interface ExportVisitor {
  node(node: ExportNode): Promise<void> | undefined;
  edge(edge: ExportEdge): Promise<void> | undefined;
}

export interface ExportCounts {
  nodes: number;
  edges: number;
}

const relationPattern = actorRelationTypes.join('|');

/** The attribute columns of an edge row; each kind sets some, the rest are null (one row schema reads them all). */
const attributeColumns = ['stance', 'summary', 'condition', 'validFrom', 'validTo', 'evidenceCount', 'reliability', 'title', 'role'] as const;
type AttributeColumns = Partial<Record<(typeof attributeColumns)[number], string>>;

/** RETURN of an edge row, `a`, `b` bound to its ends: its id and type expressions and the attributes it sets. */
function edgeReturn(id: string, type: string, attributes: AttributeColumns): string {
  const columns = attributeColumns.map((column) => `${attributes[column] ?? 'null'} AS ${column}`);
  return `RETURN ${id} AS id, a.id AS source, b.id AS target, ${type} AS type, ${columns.join(', ')}`;
}

/**
 * The edges that are one relationship (all but positions), `r` bound: the ends' labels, the relationship type(s), and
 * the id each gets, the same as the API's (ActorRelation.id, Role.id, Participation.id).
 */
const edgeKinds = [
  {
    name: 'Relations',
    from: 'Actor',
    rel: relationPattern,
    to: 'Actor',
    id: "a.id + ':' + type(r) + ':' + b.id",
    type: 'type(r)',
    attributes: { evidenceCount: 'size(coalesce(r.evidence, []))' },
  },
  { name: 'Roles', from: 'Actor', rel: 'HOLDS_ROLE', to: 'Actor', id: "a.id + ':' + b.id + ':' + r.title", type: "'HOLDS_ROLE'", attributes: { title: 'r.title' } },
  { name: 'Participations', from: 'Actor', rel: 'PARTICIPATED_IN', to: 'Event', id: "b.id + ':' + a.id", type: "'PARTICIPATED_IN'", attributes: { role: 'r.role' } },
  { name: 'Authors', from: 'Proposal', rel: 'AUTHORED_BY', to: 'Actor', id: "a.id + ':AUTHORED_BY:' + b.id", type: "'AUTHORED_BY'", attributes: {} },
  { name: 'SubIssues', from: 'Issue', rel: 'SUB_ISSUE_OF', to: 'Issue', id: "a.id + ':SUB_ISSUE_OF:' + b.id", type: "'SUB_ISSUE_OF'", attributes: {} },
  { name: 'Addresses', from: 'Proposal', rel: 'ADDRESSES', to: 'Issue', id: "a.id + ':ADDRESSES:' + b.id", type: "'ADDRESSES'", attributes: {} },
  { name: 'Revisions', from: 'Proposal', rel: 'REVISES', to: 'Proposal', id: "a.id + ':REVISES:' + b.id", type: "'REVISES'", attributes: {} },
] as const satisfies ReadonlyArray<{ name: string; from: ExportNodeType; rel: string; to: ExportNodeType; id: string; type: string; attributes: AttributeColumns }>;

/** Everything a walk from actorIds steps over: each exported edge kind but positions, which are walked through. */
const walkPattern = edgeKinds.map((kind) => kind.rel).join('|');

/**
 * A filter's condition is in the query only when the filter is given: a condition on null parameters still costs its
 * evaluation on every row (measured: a fifth of the positions query on M). A few query texts per kind, each planned once.
 */
interface Conditions {
  window: boolean;
  minReliability: boolean;
}

/** Events overlapping [from, to] (`e` bound), as Query.events reads them; undated ones never. */
function eventWindow(conditions: Conditions, e: string): string[] {
  if (!conditions.window) return [];
  return [`($from IS NULL OR coalesce(${e}.endDate, ${e}.date) >= date($from))`, `($to IS NULL OR ${e}.date <= date($to))`];
}

/** `p`'s evidence said in [from, to], as the positions filter reads it. */
const saidInWindow = `EXISTS {
  MATCH (p)-[:EVIDENCED_BY]->(s:Statement)
  WHERE s.saidOn IS NOT NULL AND ($from IS NULL OR s.saidOn >= date($from)) AND ($to IS NULL OR s.saidOn <= date($to))
}`;

/** MATCH of `(a:From)-[r]->(b:To)`: all of them, or (with the scope's ids) those whose both ends it holds. */
function endsMatch(scoped: boolean, a: string, pattern: string, b: string): { match: string; conditions: string[] } {
  return scoped
    ? { match: `UNWIND $ids AS id MATCH (a:${a} {id: id})${pattern}(b:${b})`, conditions: ['b.id IN $ids'] }
    : { match: `MATCH (a:${a})${pattern}(b:${b})`, conditions: [] };
}

const where = (conditions: readonly string[]) => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

export class ExportRepository {
  constructor(private readonly db: QueryRunner) {}

  /**
   * Streams the exported graph to `visit` in one read transaction: the nodes, then the edges (either may be left out).
   * Aborting `signal` stops the queries; so does `timeoutMs`, as the transaction's timeout.
   */
  async read(
    filter: ExportFilter,
    include: { nodes: boolean; edges: boolean },
    visit: ExportVisitor,
    { timeoutMs, signal }: { timeoutMs: number; signal: AbortSignal },
  ): Promise<ExportCounts> {
    return this.db.stream(
      'exportGraph',
      async (tx) => {
        const scope = await this.scope(tx, filter);
        const ids = scope ? [...scope] : null;
        const scoped = ids !== null;
        const conditions: Conditions = { window: filter.from !== null || filter.to !== null, minReliability: filter.minReliability !== null };
        const maxRank = filter.minReliability ? reliabilities.indexOf(filter.minReliability) : null;
        const params = { ids, from: filter.from, to: filter.to, maxRank };
        const counts: ExportCounts = { nodes: 0, edges: 0 };
        if (include.nodes) {
          for (const nodeType of exportNodeTypes) {
            for await (const row of tx.rows(`export${nodeType}s`, nodeQuery(nodeType, scoped, conditions), params, exportNodeRow)) {
              counts.nodes += 1;
              const wait = visit.node({ ...row, nodeType });
              if (wait) await wait;
            }
          }
        }
        if (include.edges) {
          const queries: Array<[name: string, cypher: string]> = [
            ['exportPositions', positionQuery(scoped, conditions)],
            ...edgeKinds.map((kind): [string, string] => [`export${kind.name}`, edgeQuery(kind, scoped, conditions)]),
          ];
          for (const [name, cypher] of queries) {
            for await (const row of tx.rows(name, cypher, params, exportEdgeRow)) {
              counts.edges += 1;
              const wait = visit.edge(row);
              if (wait) await wait;
            }
          }
        }
        return counts;
      },
      { timeoutMs, fetchSize: FETCH_SIZE, signal },
    );
  }

  /**
   * The ids of the nodes the node filters keep (topicIds; actorIds with hops), or null when there is none (every node,
   * events then narrowed by the date window in their own query). Held in memory: at most every node's id.
   */
  private async scope(tx: StreamTx, filter: ExportFilter): Promise<Set<string> | null> {
    let scope: Set<string> | null = null;
    if (filter.topicIds) {
      scope = new Set(filter.topicIds);
      const holders = tx.rows(
        'exportTopicHolders',
        'UNWIND $topicIds AS topicId MATCH (:Topic {id: topicId})<-[:ON]-(:Position)<-[:HOLDS]-(a:Actor) RETURN DISTINCT a.id AS id',
        { topicIds: filter.topicIds },
        idRow,
      );
      for await (const row of holders) scope.add(row.id);
    }
    if (filter.actorIds) {
      const near = await this.neighbourhood(tx, filter.actorIds, filter.hops);
      scope = scope ? new Set([...scope].filter((id) => near.has(id))) : near;
    }
    return scope;
  }

  /** The actors and every node within `hops` steps of them, walking exported edges either way (a position is one step). */
  private async neighbourhood(tx: StreamTx, actorIds: readonly string[], hops: number): Promise<Set<string>> {
    const seen = new Set(actorIds);
    let frontier = [...actorIds];
    for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
      const next: string[] = [];
      const neighbours = tx.rows(
        'exportNeighbours',
        `UNWIND $frontier AS id
         MATCH (n:Entity {id: id})
         CALL (n) {
           MATCH (n)-[:${walkPattern}]-(m) RETURN m
           UNION
           MATCH (n)-[:HOLDS]->(:Position)-[:ON]->(m) RETURN m
           UNION
           MATCH (n)<-[:ON]-(:Position)<-[:HOLDS]-(m) RETURN m
         }
         WITH DISTINCT m WHERE m:Actor OR m:Issue OR m:Proposal OR m:Event
         RETURN m.id AS id`,
        { frontier },
        idRow,
      );
      for await (const { id } of neighbours) {
        if (seen.has(id)) continue;
        seen.add(id);
        next.push(id);
      }
      frontier = next;
    }
    return seen;
  }
}

const idRow = z.object({ id: z.string() });

/** The nodes of one kind: all, or the scope's; events in the date window. */
function nodeQuery(nodeType: ExportNodeType, scoped: boolean, conditions: Conditions): string {
  const match = scoped ? `UNWIND $ids AS id MATCH (n:${nodeType} {id: id})` : `MATCH (n:${nodeType})`;
  return `${match} ${where(nodeType === 'Event' ? eventWindow(conditions, 'n') : [])}
    RETURN n.id AS id, n.name AS label, n.kind AS kind, n.aliases AS aliases, n.description AS description,
           toString(n.date) AS date, toString(n.endDate) AS endDate, n.dateSource AS dateSource, n.place AS place`;
}

/**
 * One edge per position, actor -> topic, superseded ones included, with its evidence count and its reliability: the
 * best (lowest rank: HIGH 0, MEDIUM 1, LOW 2) of the sources citing its evidence, null when none does. Both from one
 * walk over the evidence (two walks measured a fifth slower on M).
 */
function positionQuery(scoped: boolean, conditions: Conditions): string {
  const { match, conditions: ends } = endsMatch(scoped, 'Actor', '-[:HOLDS]->(p:Position)-[:ON]->', 'Topic');
  return `${match} ${where(conditions.window ? [...ends, saidInWindow] : ends)}
    CALL (p) {
      OPTIONAL MATCH (p)-[:EVIDENCED_BY]->(s:Statement)
      OPTIONAL MATCH (s)-[:CITED_IN]->(src:Source)
      RETURN count(DISTINCT s) AS evidenceCount, min(CASE src.reliability WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'LOW' THEN 2 END) AS rank
    }
    WITH a, p, b, evidenceCount, rank ${conditions.minReliability ? 'WHERE rank <= $maxRank' : ''}
    ${edgeReturn('p.id', "'POSITION'", {
      stance: 'p.stance',
      summary: 'p.summary',
      condition: 'p.condition',
      validFrom: 'toString(p.validFrom)',
      validTo: 'toString(p.validTo)',
      evidenceCount: 'evidenceCount',
      reliability: "['HIGH', 'MEDIUM', 'LOW'][rank]",
    })}`;
}

function edgeQuery(kind: (typeof edgeKinds)[number], scoped: boolean, conditions: Conditions): string {
  const { match, conditions: ends } = endsMatch(scoped, kind.from, `-[r:${kind.rel}]->`, kind.to);
  return `${match} ${where(kind.to === 'Event' ? [...ends, ...eventWindow(conditions, 'b')] : ends)}
    ${edgeReturn(kind.id, kind.type, kind.attributes)}`;
}
