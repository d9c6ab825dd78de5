/**
 * The operations measured, each with the same meaning on the three servers: stancegraph's GraphQL, the peer's
 * closest GraphQL (the @neo4j/graphql schema in peer/typeDefs.graphql) and the floor's POST /op/<name>.
 *
 * Each operation rotates over a few parameter sets picked from the data (high-degree ids included). Before anything is
 * measured, every request is sent once to every server and its answer reduced to a fingerprint (what it means: which
 * positions, which stances, how much evidence...); fingerprints that differ between servers stop the run.
 */
import { toLuceneQuery } from '../src/search/lucene.js';
import type { Fixtures } from './store.js';

export const serverNames = ['stancegraph', 'peer', 'floor'] as const;
export type ServerName = (typeof serverNames)[number];

export const operationNames = ['lookup', 'actor', 'issue', 'compare', 'agreement', 'search', 'page', 'paths'] as const;
export type OperationName = (typeof operationNames)[number];

export interface BenchRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
  /** What the request asks, for messages. */
  label: string;
}

/** What a server must answer for one request, reduced so that equal meaning gives equal text. */
export type Fingerprint = (data: unknown) => string;

export interface ServerPlan {
  requests: BenchRequest[];
  fingerprint: Fingerprint;
}

export interface Operation {
  name: OperationName;
  description: string;
  /** Nested reads (lists under lists): the 1.5x target applies to these. */
  nested: boolean;
  /** How each server does it (a server without a plan does not run it, said in `notes`). */
  plans: Partial<Record<ServerName, ServerPlan>>;
  notes: string;
}

const json = { 'content-type': 'application/json' };

function graphql(operationName: string, query: string, variables: Record<string, unknown>, label: string): BenchRequest {
  return { method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ operationName, query, variables }), label };
}

function floor(op: string, params: Record<string, unknown>, label: string): BenchRequest {
  return { method: 'POST', path: `/op/${op}`, headers: json, body: JSON.stringify(params), label };
}

const today = () => new Date().toISOString().slice(0, 10);

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fingerprints walk JSON answers
const list = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : []);
const sorted = (values: string[]) => [...values].sort().join('\n');
const first = <T>(value: T[] | T | null | undefined): T | undefined => (Array.isArray(value) ? value[0] : (value ?? undefined));

/** Picks items at these ranks (most connected first), skipping ranks the data does not reach. */
function atRanks<T>(items: T[], ranks: number[]): T[] {
  return [...new Set(ranks.map((rank) => Math.min(rank, items.length - 1)))].flatMap((rank) => (items[rank] ? [items[rank]] : []));
}

// ------------------------------------------------------------------------------------------------ documents

/** The page a nested list is read in (`first` of Actor.positions, Issue.positions...): its maximum. */
export const NESTED_PAGE_SIZE = 100;

const sg = {
  lookup: 'query Lookup($id: ID!) { actor(id: $id) { id name kind aliases } }',
  actor: `query ActorPositions($id: ID!) { actor(id: $id) { id name kind aliases
    positions(first: ${NESTED_PAGE_SIZE}) { totalCount nodes { id stance summary condition validFrom topic { __typename id name }
      evidence { id kind text saidOn speaker { name } citations { start end source { title outlet reliability } } } } } } }`,
  issue: `query IssueStances($id: ID!) { issue(id: $id) { id name
    supporters: positions(stance: SUPPORTS, first: ${NESTED_PAGE_SIZE}) { totalCount nodes { id summary actor { id name } evidence { id text speaker { name } } } }
    opponents: positions(stance: OPPOSES, first: ${NESTED_PAGE_SIZE}) { totalCount nodes { id summary actor { id name } evidence { id text speaker { name } } } } } }`,
  compare: `query StanceMatrix($actorIds: [ID!]!, $issueIds: [ID!]) { compare(actorIds: $actorIds, issueIds: $issueIds) {
    topics { id name } rows { actor { id name } cells { stance positions { id evidence { id } } } } } }`,
  agreement: 'query Agreement($a: ID!, $b: ID!) { agreement(a: $a, b: $b) { score agreeOn { id name } disagreeOn { id name } } }',
  search: 'query Search($query: String!, $first: Int) { search(query: $query, first: $first) { edges { score exactMatch snippet node { __typename id } } } }',
  page: `query ActorsPage($first: Int, $after: String) { actors(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name kind } } } }`,
  paths: 'query Paths($from: ID!, $to: ID!, $maxHops: Int, $first: Int) { paths(from: $from, to: $to, maxHops: $maxHops, first: $first) { length steps { type description } } }',
};

const peer = {
  lookup: 'query Lookup($id: ID!) { actors(where: { id: { eq: $id } }) { id name kind aliases } }',
  actor: `query ActorPositions($id: ID!) { actors(where: { id: { eq: $id } }) { id name kind aliases
    positionsConnection(first: ${NESTED_PAGE_SIZE}, sort: [{ node: { validFrom: DESC } }, { node: { id: ASC } }]) { totalCount edges { node { id stance summary condition validFrom
      topic { __typename ... on Issue { id name } ... on Proposal { id name } }
      evidence(sort: [{ saidOn: ASC }, { id: ASC }]) { id kind text saidOn speaker { name }
        citationsConnection { edges { properties { start end } node { title outlet reliability } } } } } } } } }`,
  issue: `query IssueStances($id: ID!) { issues(where: { id: { eq: $id } }) { id name
    supporters: positionsConnection(where: { node: { stance: { eq: SUPPORTS } } }, first: ${NESTED_PAGE_SIZE}, sort: [{ node: { validFrom: DESC } }, { node: { id: ASC } }]) {
      totalCount edges { node { id summary actor { id name } evidence(sort: [{ saidOn: ASC }, { id: ASC }]) { id text speaker { name } } } } }
    opponents: positionsConnection(where: { node: { stance: { eq: OPPOSES } } }, first: ${NESTED_PAGE_SIZE}, sort: [{ node: { validFrom: DESC } }, { node: { id: ASC } }]) {
      totalCount edges { node { id summary actor { id name } evidence(sort: [{ saidOn: ASC }, { id: ASC }]) { id text speaker { name } } } } } } }`,
  compare: `query StanceMatrix($actorIds: [ID!]!, $issueIds: [ID!]!) {
    issues(where: { id: { in: $issueIds } }) { id name }
    actors(where: { id: { in: $actorIds } }) { id name
      positions(where: { topic: { some: { Issue: { id: { in: $issueIds } } } } }, sort: [{ validFrom: DESC }, { id: ASC }]) {
        id stance validFrom validTo topic { ... on Issue { id } } evidence { id } } } }`,
  agreement: `query Agreement($ids: [ID!]!, $today: Date!) {
    actors(where: { id: { in: $ids } }) { id name
      positions(where: { OR: [{ validTo: { eq: null } }, { validTo: { gt: $today } }] }) {
        id stance validFrom topic { ... on Issue { id name } ... on Proposal { id name } } } } }`,
  search: `query Search($phrase: String!, $first: Int) {
    actors: searchActors(phrase: $phrase, first: $first) { edges { score node { id name } } }
    issues: searchIssues(phrase: $phrase, first: $first) { edges { score node { id name } } }
    proposals: searchProposals(phrase: $phrase, first: $first) { edges { score node { id name } } }
    events: searchEvents(phrase: $phrase, first: $first) { edges { score node { id name } } }
    statements: searchStatements(phrase: $phrase, first: $first) { edges { score node { id text } } } }`,
  /**
   * Limit/offset plus a count: the peer's actorsConnection(first, after, sort) with totalCount took ~4 s for the first
   * page at M and failed on later pages (Neo4j's transaction memory limit, 716 MB), so the peer pages by offset.
   */
  page: `query ActorsPage($first: Int, $offset: Int) { actors(sort: [{ name: ASC }, { id: ASC }], limit: $first, offset: $offset) { id name kind }
    total: actorsConnection { totalCount } }`,
};

// ------------------------------------------------------------------------------------------------ fingerprints

/**
 * A page of positions as each server answers it: stancegraph's `{ totalCount nodes }`, the peer's connection
 * `{ totalCount edges { node } }`, the floor's list with its count beside it.
 */
interface PositionPage {
  total: number;
  positions: Loose[];
}
const sgPage = (connection: Loose | undefined): PositionPage => ({ total: Number(connection?.totalCount), positions: list(connection?.nodes) });
const peerPage = (connection: Loose | undefined): PositionPage => ({
  total: Number(connection?.totalCount),
  positions: list(connection?.edges).map((edge) => edge.node as Loose),
});

/**
 * The first page of an actor's positions: its total, and each position's topic, stance, dates, evidence and citations,
 * in the order answered. Order-sensitive on purpose: Neo4j sorts nulls first in DESC (the peer's validFrom: DESC) where
 * stancegraph and the floor put undated positions last, so a store with undated positions fails this check rather than
 * being compared unequally (the S and M stores have none: every position is dated).
 */
function actorFingerprint(actor: Loose | undefined, page: (actor: Loose) => PositionPage, citationsOf: (statement: Loose) => Loose[]): string {
  if (!actor) return 'null';
  const { total, positions: held } = page(actor);
  const positions = held.map((position) => {
    const topic = first(position.topic) as Loose | undefined;
    const evidence = list(position.evidence);
    const citations = evidence.reduce((sum, statement) => sum + citationsOf(statement).length, 0);
    return `${position.id}:${topic?.id}:${position.stance}:${position.validFrom}:${evidence.length}:${citations}`;
  });
  // In answer order: which 100 positions come first, and in what order, is what the page means (newest first, then id).
  return `${actor.id}|${actor.name}|${total}|${held.length}\n${positions.join('\n')}`;
}

/** The first page of supporters and of opponents of an issue: totals, and each position's holder and evidence, in the order answered. */
function issueFingerprint(issue: Loose | undefined, page: (connection: Loose | undefined) => PositionPage): string {
  if (!issue) return 'null';
  const side = (connection: Loose | undefined) => {
    const { total, positions } = page(connection);
    return `${total}\n${positions.map((position) => `${position.id}:${(first(position.actor) as Loose | undefined)?.id}:${list(position.evidence).length}`).join('\n')}`;
  };
  return `${issue.id}|${issue.name}\nfor:\n${side(issue.supporters)}\nagainst:\n${side(issue.opponents)}`;
}

interface Cell {
  actorId: string;
  topicId: string;
  stance: string | null;
  positions: number;
  evidence: number;
}
const cellsFingerprint = (cells: Cell[]) => sorted(cells.map((cell) => `${cell.actorId}:${cell.topicId}:${cell.stance}:${cell.positions}:${cell.evidence}`));

function compareFingerprintSg(data: Loose): string {
  const compare = data.compare as Loose | undefined;
  if (!compare) return 'null';
  const topics = list(compare.topics).map((topic) => String(topic.id));
  const cells: Cell[] = list(compare.rows).flatMap((row) =>
    list(row.cells).map((cell, i) => ({
      actorId: String(row.actor?.id),
      topicId: topics[i] ?? '?',
      stance: cell.stance ?? null,
      positions: list(cell.positions).length,
      evidence: list(cell.positions).reduce((sum, position) => sum + list(position.evidence).length, 0),
    })),
  );
  return `${topics.join(',')}\n${cellsFingerprint(cells.filter((cell) => cell.positions > 0))}`;
}

/** The peer answers rows of positions; the client computes the cells (newest current position gives the stance). */
function compareFingerprintPeer(data: Loose, issueIds: string[]): string {
  const day = today();
  const cells: Cell[] = [];
  for (const actor of list(data.actors)) {
    const byTopic = new Map<string, Loose[]>();
    for (const position of list(actor.positions)) {
      const topicId = String((first(position.topic) as Loose | undefined)?.id);
      byTopic.set(topicId, [...(byTopic.get(topicId) ?? []), position]);
    }
    for (const [topicId, positions] of byTopic) {
      const current = positions.find((position) => position.validTo === null || position.validTo > day);
      cells.push({
        actorId: String(actor.id),
        topicId,
        stance: current?.stance ?? null,
        positions: positions.length,
        evidence: positions.reduce((sum, position) => sum + list(position.evidence).length, 0),
      });
    }
  }
  const known = new Set(list(data.issues).map((issue) => String(issue.id)));
  return `${issueIds.filter((id) => known.has(id)).join(',')}\n${cellsFingerprint(cells)}`;
}

function agreementFingerprint(agreement: Loose | undefined): string {
  if (!agreement) return 'null';
  const ids = (topics: unknown) => list(topics).map((topic) => String(topic.id)).sort().join(',');
  const score = typeof agreement.score === 'number' ? agreement.score.toFixed(4) : 'null';
  return `score ${score}\nagree ${ids(agreement.agreeOn)}\ndisagree ${ids(agreement.disagreeOn)}`;
}

/** The agreement stancegraph computes, computed by the peer's client from both actors' current positions. */
function agreementFromPositions(data: Loose, a: string, b: string): Loose {
  const newest = new Map<string, Loose>();
  const topics = new Map<string, Loose>();
  const positions: Loose[] = list(data.actors).flatMap((actor) => list(actor.positions).map((position): Loose => ({ ...position, actorId: actor.id })));
  positions.sort((x, y) => (x.id < y.id ? -1 : 1));
  for (const position of positions) {
    const topic = first(position.topic) as Loose | undefined;
    if (!topic) continue;
    topics.set(topic.id, topic);
    const key = `${position.actorId}\u0000${topic.id}`;
    const kept = newest.get(key);
    if (!kept || (position.validFrom ?? '') > (kept.validFrom ?? '')) newest.set(key, position);
  }
  const agreeOn: Loose[] = [];
  const disagreeOn: Loose[] = [];
  for (const [topicId, topic] of topics) {
    const x = newest.get(`${a}\u0000${topicId}`);
    const y = newest.get(`${b}\u0000${topicId}`);
    if (!x || !y) continue;
    if (x.stance === y.stance) agreeOn.push(topic);
    else if ([x.stance, y.stance].includes('SUPPORTS') && [x.stance, y.stance].includes('OPPOSES')) disagreeOn.push(topic);
  }
  const decided = agreeOn.length + disagreeOn.length;
  return { score: decided > 0 ? agreeOn.length / decided : null, agreeOn, disagreeOn };
}

/** Scores are the index's (the same node scores the same whoever asks): the top N scores, rounded. */
function scoresFingerprint(scores: number[], limit: number): string {
  return [...scores]
    .sort((x, y) => y - x)
    .slice(0, limit)
    .map((score) => score.toFixed(3))
    .join(',');
}

/** Total and the page's ids (hasNextPage is left out: the peer's offset pages do not say it). */
function pageFingerprint(connection: Loose | undefined): string {
  if (!connection) return 'null';
  return `total ${connection.totalCount}\n${list(connection.edges)
    .map((edge) => edge.node?.id)
    .join(',')}`;
}

function pathsFingerprint(paths: unknown): string {
  // Which of several equally short paths come first is the planner's choice: compare how many and how long.
  return sorted(list(paths).map((path) => String(path.length)));
}

// ------------------------------------------------------------------------------------------------ the operations

export interface PageCursors {
  /** `after` values for the pages of the first 1,000 actors by name (null: the first page); the peer uses offsets. */
  stancegraph: Array<string | null>;
  floor: Array<string | null>;
}

export const PAGE_SIZE = 100;
export const PAGES = 10;

export function buildOperations(fixtures: Fixtures, cursors: PageCursors | null): Operation[] {
  const actorIds = atRanks(fixtures.actorsByDegree, [0, 2, 9, 29, 99, 299, 999]).map((actor) => actor.id);
  const issueIds = atRanks(fixtures.issuesByDegree, [0, 2, 9, 29, 99, 299]).map((issue) => issue.id);
  const matrixActors = atRanks(fixtures.actorsByDegree, [0, 1, 2, 4, 8, 16, 32, 64, 128, 256]).map((actor) => actor.id);
  const matrixIssues = fixtures.issuesByDegree.slice(0, 10).map((issue) => issue.id);
  const pairs = [
    [0, 1],
    [2, 5],
    [10, 20],
  ].flatMap(([x, y]) => {
    const a = fixtures.actorsByDegree[x!]?.id;
    const b = fixtures.actorsByDegree[y!]?.id;
    return a && b && a !== b ? [{ a, b }] : [];
  });

  const operations: Operation[] = [
    {
      name: 'lookup',
      description: 'an actor by id: id, name, kind, aliases',
      nested: false,
      notes: 'peer: actors(where: { id: { eq } })',
      plans: {
        stancegraph: { requests: fixtures.lookupIds.map((id) => graphql('Lookup', sg.lookup, { id }, id)), fingerprint: (data) => lookupPrint((data as Loose).actor) },
        peer: { requests: fixtures.lookupIds.map((id) => graphql('Lookup', peer.lookup, { id }, id)), fingerprint: (data) => lookupPrint(first((data as Loose).actors)) },
        floor: { requests: fixtures.lookupIds.map((id) => floor('lookup', { id }, id)), fingerprint: (data) => lookupPrint((data as Loose).actor) },
      },
    },
    {
      name: 'actor',
      description: `an actor's first ${NESTED_PAGE_SIZE} positions (newest first) with totalCount -> topic + evidence -> speaker, citations -> source (ids at degree ranks 1, 3, 10, 30, 100, 300, 1000: ${actorIds.length} actors)`,
      nested: true,
      notes: 'peer: positionsConnection(first, sort) with totalCount; Position.topic is a union (Issue | Proposal); citations through citationsConnection (relationship properties)',
      plans: {
        stancegraph: {
          requests: actorIds.map((id) => graphql('ActorPositions', sg.actor, { id }, id)),
          fingerprint: (data) => actorFingerprint((data as Loose).actor, (actor) => sgPage(actor.positions), (statement) => list(statement.citations)),
        },
        peer: {
          requests: actorIds.map((id) => graphql('ActorPositions', peer.actor, { id }, id)),
          fingerprint: (data) =>
            actorFingerprint(first((data as Loose).actors), (actor) => peerPage(actor.positionsConnection), (statement) => list(statement.citationsConnection?.edges)),
        },
        floor: {
          requests: actorIds.map((id) => floor('actor', { id }, id)),
          fingerprint: (data) =>
            actorFingerprint((data as Loose).actor, (actor) => ({ total: Number(actor.positionCount), positions: list(actor.positions) }), (statement) => list(statement.citations)),
        },
      },
    },
    {
      name: 'issue',
      description: `an issue's first ${NESTED_PAGE_SIZE} supporters and opponents (newest first) with totalCounts: positions -> actor + evidence -> speaker (issues at degree ranks 1, 3, 10, 30, 100, 300: ${issueIds.length} issues)`,
      nested: true,
      notes: 'peer: positionsConnection(where: { node: { stance: { eq } } }, first, sort) twice, aliased',
      plans: {
        stancegraph: { requests: issueIds.map((id) => graphql('IssueStances', sg.issue, { id }, id)), fingerprint: (data) => issueFingerprint((data as Loose).issue, sgPage) },
        peer: { requests: issueIds.map((id) => graphql('IssueStances', peer.issue, { id }, id)), fingerprint: (data) => issueFingerprint(first((data as Loose).issues), peerPage) },
        floor: {
          requests: issueIds.map((id) => floor('issue', { id }, id)),
          fingerprint: (data) => {
            const issue = (data as Loose).issue as Loose | undefined;
            return issueFingerprint(
              issue && { ...issue, supporters: { total: issue.supporterCount, positions: issue.supporters }, opponents: { total: issue.opponentCount, positions: issue.opponents } },
              (side) => ({ total: Number(side?.total), positions: list(side?.positions) }),
            );
          },
        },
      },
    },
    {
      name: 'compare',
      description: `a ${matrixActors.length}x${matrixIssues.length} stance matrix (actors at degree ranks 1..257, the most-discussed issues)`,
      nested: true,
      notes:
        'peer: issues(where: { id: { in } }) + actors(where: { id: { in } }) { positions(where: { topic: { some: { Issue: { id: { in } } } } }) { stance validTo topic evidence { id } } }; the client builds the cells',
      plans: {
        stancegraph: {
          requests: [graphql('StanceMatrix', sg.compare, { actorIds: matrixActors, issueIds: matrixIssues }, 'matrix')],
          fingerprint: (data) => compareFingerprintSg(data as Loose),
        },
        peer: {
          requests: [graphql('StanceMatrix', peer.compare, { actorIds: matrixActors, issueIds: matrixIssues }, 'matrix')],
          fingerprint: (data) => compareFingerprintPeer(data as Loose, matrixIssues),
        },
        floor: {
          requests: [floor('compare', { actorIds: matrixActors, issueIds: matrixIssues }, 'matrix')],
          fingerprint: (data) => compareFingerprintSg(data as Loose),
        },
      },
    },
    {
      name: 'agreement',
      description: `where two actors agree and disagree, on current positions (pairs at degree ranks 1-2, 3-6, 11-21)`,
      nested: false,
      notes: "peer: cannot compute it; fetches both actors' current positions (every topic, not only shared ones) and the client compares",
      plans: {
        stancegraph: { requests: pairs.map(({ a, b }) => graphql('Agreement', sg.agreement, { a, b }, `${a}/${b}`)), fingerprint: (data) => agreementFingerprint((data as Loose).agreement) },
        peer: {
          requests: pairs.map(({ a, b }) => graphql('Agreement', peer.agreement, { ids: [a, b], today: today() }, `${a}/${b}`)),
          fingerprint: (data) => {
            const ids = list((data as Loose).actors).map((actor) => String(actor.id));
            const pair = pairs.find(({ a, b }) => ids.includes(a) && ids.includes(b));
            return pair ? agreementFingerprint(agreementFromPositions(data as Loose, pair.a, pair.b)) : 'null';
          },
        },
        floor: { requests: pairs.map(({ a, b }) => floor('agreement', { a, b }, `${a}/${b}`)), fingerprint: (data) => agreementFingerprint((data as Loose).agreement) },
      },
    },
    {
      name: 'search',
      description: `full text, first 20 hits (${fixtures.searchQueries.map((query) => JSON.stringify(query)).join(', ')})`,
      nested: false,
      notes:
        "peer: @fulltext on stancegraph's own index, one generated query per type (5 index calls, 20 hits each; the client merges by score); the client sends the Lucene query stancegraph builds (prefix + fuzzy terms)",
      plans: {
        stancegraph: {
          requests: fixtures.searchQueries.map((query) => graphql('Search', sg.search, { query, first: 20 }, query)),
          fingerprint: (data) => scoresFingerprint(list((data as Loose).search?.edges).map((hit) => Number(hit.score)), 20),
        },
        peer: {
          requests: fixtures.searchQueries.map((query) => graphql('Search', peer.search, { phrase: toLuceneQuery(query), first: 20 }, query)),
          fingerprint: (data) =>
            scoresFingerprint(
              ['actors', 'issues', 'proposals', 'events', 'statements'].flatMap((key) => list((data as Loose)[key]?.edges).map((edge) => Number(edge.score))),
              20,
            ),
        },
        floor: {
          requests: fixtures.searchQueries.map((query) => floor('search', { query, first: 20 }, query)),
          fingerprint: (data) => scoresFingerprint(list((data as Loose).search?.edges).map((hit) => Number(hit.score)), 20),
        },
      },
    },
    {
      name: 'page',
      description: `one page of ${PAGE_SIZE} actors by name with totalCount, at each of the first ${PAGES} pages in turn (cursors walked beforehand)`,
      nested: false,
      notes:
        "peer: actors(sort: name, id, limit: 100, offset) + actorsConnection { totalCount }; its actorsConnection(first, after, sort) with totalCount took ~4 s for page 1 at M and failed on later pages (Neo4j transaction memory limit, 716 MB). stancegraph's and the floor's cursors are keysets",
      plans: cursors
        ? {
            stancegraph: {
              requests: cursors.stancegraph.map((after, i) => graphql('ActorsPage', sg.page, { first: PAGE_SIZE, after }, `page ${i + 1}`)),
              fingerprint: (data) => pageFingerprint((data as Loose).actors),
            },
            peer: {
              requests: cursors.stancegraph.map((_, i) => graphql('ActorsPage', peer.page, { first: PAGE_SIZE, offset: i * PAGE_SIZE }, `page ${i + 1}`)),
              fingerprint: (data) =>
                pageFingerprint({ totalCount: Number((data as Loose).total?.totalCount), edges: list((data as Loose).actors).map((node) => ({ node })) }),
            },
            floor: {
              requests: cursors.floor.map((after, i) => floor('page', { first: PAGE_SIZE, after }, `page ${i + 1}`)),
              fingerprint: (data) => pageFingerprint((data as Loose).actors),
            },
          }
        : {},
    },
    {
      name: 'paths',
      description: `shortest connections between two actors, at most 4 hops, first 10 (${fixtures.connectedPairs.map((pair) => `${pair.length} hops`).join(', ')})`,
      nested: false,
      notes:
        "peer: not run. @neo4j/graphql 7 generates no variable-length or shortest-path query; the only way is a hand-written @cypher field, i.e. the floor's Cypher inside the peer",
      plans: {
        stancegraph: {
          requests: fixtures.connectedPairs.map(({ from, to }) => graphql('Paths', sg.paths, { from, to, maxHops: 4, first: 10 }, `${from}/${to}`)),
          fingerprint: (data) => pathsFingerprint((data as Loose).paths),
        },
        floor: {
          requests: fixtures.connectedPairs.map(({ from, to }) => floor('paths', { from, to, maxHops: 4, first: 10 }, `${from}/${to}`)),
          fingerprint: (data) => pathsFingerprint((data as Loose).paths),
        },
      },
    },
  ];
  return operations;
}

function lookupPrint(actor: Loose | undefined): string {
  return actor ? `${actor.id}|${actor.name}|${actor.kind}|${list(actor.aliases).join(',')}` : 'null';
}

/** The request that fetches the page after `after` (used to walk stancegraph's and the floor's cursors). */
export function pageRequest(server: Exclude<ServerName, 'peer'>, after: string | null): BenchRequest {
  if (server === 'stancegraph') return graphql('ActorsPage', sg.page, { first: PAGE_SIZE, after }, 'page');
  return floor('page', { first: PAGE_SIZE, after }, 'page');
}

/** The cursor of the next page, or null on the last page. */
export function endCursorOf(data: unknown): string | null {
  const connection = (data as Loose).actors;
  if (connection?.pageInfo?.hasNextPage !== true) return null;
  return (connection.pageInfo.endCursor as string | null | undefined) ?? null;
}
