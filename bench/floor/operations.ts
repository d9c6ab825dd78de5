/**
 * The floor: each benchmark operation as one hand-written Cypher query (the shape of stancegraph's repositories,
 * folded into a single query where natural) plus the least JavaScript that gives stancegraph's response shape.
 * No GraphQL, no DataLoader, no per-field resolvers: what is left is Bolt, Neo4j and JSON.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import type { Stance } from '../../src/generated/graphql.js';
import { describeStep, isCurrent, verdictOf } from '../../src/analytics/stances.js';
import { isExactMatch } from '../../src/search/exact.js';
import { toLuceneNamePhrase, toLuceneQuery } from '../../src/search/lucene.js';
import { pathRelationshipTypes } from '../../src/vocabulary.js';
import { NESTED_PAGE_SIZE } from '../operations.js';

type Params = Record<string, unknown>;
export type FloorOperation = (tx: ManagedTransaction, params: Params) => Promise<unknown>;

const pathPattern = pathRelationshipTypes.join('|');
const kinds = ['Actor', 'Issue', 'Proposal', 'Position', 'Statement', 'Source', 'Event'];

async function rows(tx: ManagedTransaction, cypher: string, params: Params): Promise<Array<Record<string, unknown>>> {
  const result = await tx.run(cypher, params);
  return result.records.map((record) => record.toObject() as Record<string, unknown>);
}

async function single(tx: ManagedTransaction, cypher: string, params: Params, key: string): Promise<unknown> {
  return (await rows(tx, cypher, params))[0]?.[key] ?? null;
}

/** The first page (NESTED_PAGE_SIZE) of the positions of one stance on the issue `t`, newest first, as stancegraph pages them. */
const positionsOnIssue = (stance: string) => `COLLECT {
    MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t)
    WHERE p.stance = '${stance}'
    WITH a, p ORDER BY coalesce(toString(p.validFrom), '0000') DESC, p.id LIMIT ${NESTED_PAGE_SIZE}
    RETURN p {.id, .summary, actor: a {.id, .name},
      evidence: COLLECT {
        MATCH (p)-[:EVIDENCED_BY]->(s:Statement)
        WITH s ORDER BY coalesce(toString(s.saidOn), '0000-00-00'), s.id
        RETURN s {.id, .text, speaker: [(s)-[:SAID_BY]->(sp:Actor) | sp {.name}][0]}
      }}
  }`;


interface PositionRow {
  id: string;
  actorId: string;
  topicId: string;
  stance: Stance;
  validFrom: string | null;
  validTo: string | null;
  evidence?: Array<{ id: string }>;
}

const today = () => new Date().toISOString().slice(0, 10);

export const floorOperations: Record<string, FloorOperation> = {
  lookup: async (tx, { id }) => ({
    actor: await single(tx, 'MATCH (a:Actor {id: $id}) RETURN a {.id, .name, .kind, .aliases} AS actor', { id }, 'actor'),
  }),

  actor: async (tx, { id }) => ({
    actor: await single(
      tx,
      `MATCH (a:Actor {id: $id})
       RETURN a {.id, .name, .kind, .aliases,
         positions: COLLECT {
           MATCH (a)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
           WITH p, t ORDER BY coalesce(toString(p.validFrom), '0000') DESC, p.id LIMIT ${NESTED_PAGE_SIZE}
           RETURN p {.id, .stance, .summary, .condition, validFrom: toString(p.validFrom),
             topic: t {__typename: CASE WHEN t:Issue THEN 'Issue' ELSE 'Proposal' END, .id, .name},
             evidence: COLLECT {
               MATCH (p)-[:EVIDENCED_BY]->(s:Statement)
               WITH s ORDER BY coalesce(toString(s.saidOn), '0000-00-00'), s.id
               RETURN s {.id, .kind, .text, saidOn: toString(s.saidOn),
                 speaker: [(s)-[:SAID_BY]->(sp:Actor) | sp {.name}][0],
                 citations: COLLECT {
                   MATCH (s)-[c:CITED_IN]->(src:Source)
                   WITH c, src ORDER BY src.publishedOn, src.id
                   RETURN {start: c.start, end: c.end, source: src {.title, .outlet, .reliability}}
                 }}
             }}
         },
         positionCount: COUNT { (a)-[:HOLDS]->(:Position) }
       } AS actor`,
      { id },
      'actor',
    ),
  }),

  issue: async (tx, { id }) => ({
    issue: await single(
      tx,
      `MATCH (t:Issue {id: $id})
       RETURN t {.id, .name, supporters: ${positionsOnIssue('SUPPORTS')}, opponents: ${positionsOnIssue('OPPOSES')},
         supporterCount: COUNT { (t)<-[:ON]-(p:Position) WHERE p.stance = 'SUPPORTS' },
         opponentCount: COUNT { (t)<-[:ON]-(p:Position) WHERE p.stance = 'OPPOSES' }} AS issue`,
      { id },
      'issue',
    ),
  }),

  compare: async (tx, { actorIds, issueIds }) => {
    const [row] = await rows(
      tx,
      `CALL () { UNWIND $actorIds AS id MATCH (a:Actor {id: id}) RETURN collect(a {.id, .name}) AS actors }
       CALL () { UNWIND $issueIds AS id MATCH (t:Entity {id: id}) WHERE t:Topic RETURN collect(t {.id, .name}) AS topics }
       CALL () {
         UNWIND $actorIds AS actorId
         MATCH (a:Actor {id: actorId})-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
         WHERE t.id IN $issueIds
         WITH a, p, t ORDER BY coalesce(toString(p.validFrom), '0000') DESC, p.id
         RETURN collect({id: p.id, actorId: a.id, topicId: t.id, stance: p.stance, validFrom: toString(p.validFrom),
                         validTo: toString(p.validTo), evidence: [(p)-[:EVIDENCED_BY]->(s:Statement) | s {.id}]}) AS positions
       }
       RETURN actors, topics, positions`,
      { actorIds, issueIds },
    );
    const actors = (row?.actors ?? []) as Array<{ id: string; name: string }>;
    const topics = (row?.topics ?? []) as Array<{ id: string; name: string }>;
    const positions = (row?.positions ?? []) as PositionRow[];
    const day = today();
    const byCell = new Map<string, PositionRow[]>();
    for (const position of positions) {
      const key = `${position.actorId}\u0000${position.topicId}`;
      const cell = byCell.get(key);
      if (cell) cell.push(position);
      else byCell.set(key, [position]);
    }
    const actorOrder = new Map(actors.map((actor) => [actor.id, actor]));
    const topicOrder = new Map(topics.map((topic) => [topic.id, topic]));
    const orderedTopics = (issueIds as string[]).flatMap((id) => topicOrder.get(id) ?? []);
    return {
      compare: {
        topics: orderedTopics,
        rows: (actorIds as string[]).flatMap((id) => {
          const actor = actorOrder.get(id);
          if (!actor) return [];
          return [
            {
              actor,
              cells: orderedTopics.map((topic) => {
                const cell = [...(byCell.get(`${actor.id}\u0000${topic.id}`) ?? [])].sort(
                  (x, y) => Number(isCurrent(y, day)) - Number(isCurrent(x, day)),
                );
                return {
                  stance: cell.find((position) => isCurrent(position, day))?.stance ?? null,
                  positions: cell.map((position) => ({ id: position.id, evidence: position.evidence ?? [] })),
                };
              }),
            },
          ];
        }),
      },
    };
  },

  agreement: async (tx, { a, b }) => {
    const shared = await rows(
      tx,
      `MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
       WHERE a.id IN [$a, $b] AND (p.validTo IS NULL OR p.validTo > date())
       WITH t, collect({id: p.id, actorId: a.id, stance: p.stance, validFrom: toString(p.validFrom)}) AS positions
       WHERE any(x IN positions WHERE x.actorId = $a) AND any(x IN positions WHERE x.actorId = $b)
       RETURN t.id AS topicId, t.name AS name, positions`,
      { a, b },
    );
    const agreeOn: Array<{ id: string; name: string }> = [];
    const disagreeOn: Array<{ id: string; name: string }> = [];
    for (const topic of shared) {
      const newest = (actorId: string) =>
        (topic.positions as PositionRow[])
          .filter((position) => position.actorId === actorId)
          .sort((x, y) => (x.id < y.id ? -1 : 1))
          .reduce<PositionRow | null>((kept, position) => (!kept || (position.validFrom ?? '') > (kept.validFrom ?? '') ? position : kept), null);
      const x = newest(a as string);
      const y = newest(b as string);
      if (!x || !y) continue;
      const entry = { id: topic.topicId as string, name: topic.name as string };
      const verdict = verdictOf(x, y);
      if (verdict === 'AGREE') agreeOn.push(entry);
      else if (verdict === 'DISAGREE') disagreeOn.push(entry);
    }
    const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1);
    const decided = agreeOn.length + disagreeOn.length;
    return { agreement: { score: decided > 0 ? agreeOn.length / decided : null, agreeOn: agreeOn.sort(byId), disagreeOn: disagreeOn.sort(byId) } };
  },

  search: async (tx, { query, first }) => {
    const lucene = toLuceneQuery(String(query));
    const phrase = toLuceneNamePhrase(String(query));
    if (!lucene || !phrase) return { search: { edges: [] } };
    // As stancegraph does: the nodes named exactly as the query first, then score, then id, over the best 1,000 matches.
    const named = await rows(
      tx,
      `CALL db.index.fulltext.queryNodes('entity_search', $phrase, {limit: 100}) YIELD node
       RETURN node.id AS id, [name IN [node.name] + coalesce(node.aliases, []) WHERE name IS NOT NULL] AS names`,
      { phrase },
    );
    const exactIds = named.filter((row) => isExactMatch(String(query), row.names as string[])).map((row) => row.id);
    const hits = await rows(
      tx,
      `CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: 1000}) YIELD node, score
       WITH node, score, CASE WHEN node.id IN $exactIds THEN 0 ELSE 1 END AS rank
       ORDER BY rank, score DESC, node.id LIMIT $limit
       RETURN node.id AS id, [label IN labels(node) WHERE label IN $kinds][0] AS kind, score, rank = 0 AS exact,
              coalesce(node.text, CASE WHEN size(coalesce(node.aliases, [])) > 0
                THEN node.name + ' (' + reduce(joined = '', alias IN node.aliases |
                  joined + CASE WHEN joined = '' THEN '' ELSE ', ' END + alias) + ')'
                ELSE node.name END) AS snippet`,
      { query: lucene, exactIds, limit: neo4j.int(Number(first ?? 20)), kinds },
    );
    return {
      search: { edges: hits.map((hit) => ({ score: hit.score, exactMatch: hit.exact, snippet: hit.snippet, node: { __typename: hit.kind, id: hit.id } })) },
    };
  },

  page: async (tx, { first, after }) => {
    const key = typeof after === 'string' ? (JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [string, string]) : null;
    const limit = Number(first ?? 20);
    const [row] = await rows(
      tx,
      `CALL () { MATCH (a:Actor) RETURN count(a) AS total }
       CALL () {
         MATCH (a:Actor)
         WHERE $afterName IS NULL OR a.name > $afterName OR (a.name = $afterName AND a.id > $afterId)
         WITH a ORDER BY a.name, a.id LIMIT $limit
         RETURN collect(a {.id, .name, .kind}) AS actors
       }
       RETURN total, actors`,
      { afterName: key?.[0] ?? null, afterId: key?.[1] ?? null, limit: neo4j.int(limit + 1) },
    );
    const actors = (row?.actors ?? []) as Array<{ id: string; name: string; kind: string }>;
    const page = actors.slice(0, limit);
    const edges = page.map((node) => ({ cursor: Buffer.from(JSON.stringify([node.name, node.id])).toString('base64url'), node }));
    return {
      actors: {
        totalCount: row?.total ?? 0,
        pageInfo: { hasNextPage: actors.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
        edges,
      },
    };
  },

  paths: async (tx, { from, to, maxHops, first }) => {
    const hops = Math.min(6, Math.max(1, Number(maxHops ?? 4)));
    const found = await rows(
      tx,
      `MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
       MATCH path = allShortestPaths((a)-[:${pathPattern}*1..${hops}]-(b))
       WITH path LIMIT $limit
       RETURN [n IN nodes(path) | coalesce(n.name, n.title, n.id)] AS names,
              [i IN range(0, size(relationships(path)) - 1) |
                {type: type(relationships(path)[i]), forward: startNode(relationships(path)[i]) = nodes(path)[i]}] AS steps`,
      { from, to, limit: neo4j.int(Number(first ?? 10)) },
    );
    return {
      paths: found.map((path) => {
        const names = path.names as string[];
        const steps = path.steps as Array<{ type: string; forward: boolean }>;
        return {
          length: steps.length,
          steps: steps.map((step, i) => {
            const [subject, object] = step.forward ? [names[i], names[i + 1]] : [names[i + 1], names[i]];
            return { type: step.type, description: describeStep(step.type, String(subject), String(object)) };
          }),
        };
      }),
    };
  },
};
