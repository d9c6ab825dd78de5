/** Query.search as a connection, through GraphQL on the seed graph: exact names first, kinds, pages, bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExactMatch, matchKey } from '../src/search/exact.js';
import { FirstIssueCursorDocument, SearchHitNamesDocument, SearchHitsDocument, type SearchHitsQuery, type SearchHitsQueryVariables } from './generated/operations.js';
import { defaultSeedDir } from '../src/seed/loader.js';
import { readSeed } from '../src/seed/validate.js';
import { ownedData } from './support.js';

/**
 * Other test files write nodes while this one runs, and each write changes the index's term statistics: scores (and
 * so cursors) move a little between two searches, and new nodes may match. Comparisons across requests hold for the
 * seed's nodes, in order.
 */
const seed = readSeed(defaultSeedDir);
const seedIds = new Set([...seed.actors, ...seed.issues, ...seed.proposals, ...seed.events, ...seed.statements].map((item) => item.id));
const ofSeed = (edges: ReadonlyArray<{ node: { id: string } }>) => edges.map((edge) => edge.node.id).filter((id) => seedIds.has(id));

// This file writes nothing: it reads the seed through a service of its own.
const owned = ownedData('search');
const { read } = owned;
beforeAll(() => owned.start());
afterAll(() => owned.cleanup());

/** A query whose words are spread over every kind in the seed, with one node named exactly so. */
const broad = 'US 28-point peace plan';

/** Every hit of a search, page by page, following endCursor. */
async function walk(variables: SearchHitsQueryVariables) {
  const edges: SearchHitsQuery['search']['edges'] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const { search }: SearchHitsQuery = await read(SearchHitsDocument, { ...variables, after });
    edges.push(...search.edges);
    totals.add(search.totalCount);
    if (!search.pageInfo.hasNextPage) return { edges, totals: [...totals] };
    after = search.pageInfo.endCursor;
  }
  throw new Error('search never reached its last page');
}

async function refusal(variables: SearchHitsQueryVariables) {
  const response = await owned.run(SearchHitsDocument, variables, null);
  expect(response.status).toBeLessThan(500);
  return response.errors?.[0];
}

describe('ranking', () => {
  it('ranks the node named exactly as the query first, above nodes the text index scores higher', async () => {
    const { search } = await read(SearchHitNamesDocument, { query: broad, first: 5 });
    const [first, ...rest] = search.edges;
    expect(first).toEqual({ exactMatch: true, node: { __typename: 'Proposal', id: 'us-28-point-plan', name: broad } });
    expect(rest.every((edge) => !edge.exactMatch)).toBe(true);
    // The 20-point plan holds more of the words' text and so outscores it: the exact name is what lifts the 28-point plan.
    const hits = await read(SearchHitsDocument, { query: broad, first: 5 });
    const [exact, next] = hits.search.edges;
    expect(next!.node.id).toBe('20-point-plan');
    expect(next!.score).toBeGreaterThan(exact!.score);
  });

  it('matches exactly whatever the case, accents, punctuation and Lucene syntax', async () => {
    for (const query of ['us 28-POINT peace plan', 'US 28 point péace plan', 'US "28-point" peace plan\\', '  us   28-point  PEACE  plan. ']) {
      const { search } = await read(SearchHitsDocument, { query, first: 1 });
      expect(search.edges[0], query).toMatchObject({ exactMatch: true, node: { id: 'us-28-point-plan' } });
    }
  });

  it('an alias ranks its actor first (Zelenskyy)', async () => {
    const { search } = await read(SearchHitNamesDocument, { query: 'Zelenskyy', first: 3 });
    const [first] = search.edges;
    expect(first?.exactMatch).toBe(true);
    expect(first?.node).toMatchObject({ __typename: 'Actor', id: 'volodymyr-zelensky' });
    expect(first?.node.__typename === 'Actor' && first.node.aliases).toContain('Zelenskyy');
  });

  it('without an exact name, hits come by score, then id', async () => {
    const { edges } = await walk({ query: 'peace negotiations', first: 100 });
    expect(edges.length).toBeGreaterThan(2);
    expect(edges.every((edge) => !edge.exactMatch)).toBe(true);
    const order = edges.map((edge) => [edge.score, edge.node.id] as const);
    const sorted = [...order].sort(([scoreA, idA], [scoreB, idB]) => scoreB - scoreA || (idA < idB ? -1 : idA > idB ? 1 : 0));
    expect(order).toEqual(sorted);
  });
});

describe('kinds', () => {
  it('filter.kinds keeps only those kinds, in the order and with the count of the unfiltered search', async () => {
    const all = await read(SearchHitsDocument, { query: broad, first: 100 });
    expect(all.search.pageInfo.hasNextPage).toBe(false);
    const kindsSeen = new Set(all.search.edges.map((edge) => edge.node.__typename));
    expect(kindsSeen.size).toBeGreaterThanOrEqual(4);
    for (const [kinds, typenames] of [
      [['ACTOR'], ['Actor']],
      [['STATEMENT'], ['Statement']],
      [['ISSUE', 'PROPOSAL'], ['Issue', 'Proposal']],
    ] as const) {
      const expected = all.search.edges.filter((edge) => (typenames as readonly string[]).includes(edge.node.__typename)).map((edge) => edge.node.id);
      const { search } = await read(SearchHitsDocument, { query: broad, filter: { kinds: [...kinds] }, first: 100 });
      expect(search.edges.map((edge) => edge.node.id), kinds.join()).toEqual(expected);
      expect(search.edges.every((edge) => (typenames as readonly string[]).includes(edge.node.__typename)), kinds.join()).toBe(true);
      expect(search.totalCount, kinds.join()).toBe(expected.length);
      expect(expected.length, kinds.join()).toBeGreaterThan(0);
    }
  });

  it('an empty list of kinds filters nothing', async () => {
    const all = await read(SearchHitsDocument, { query: broad, first: 100 });
    const empty = await read(SearchHitsDocument, { query: broad, filter: { kinds: [] }, first: 100 });
    expect(ofSeed(empty.search.edges)).toEqual(ofSeed(all.search.edges));
    expect(ofSeed(all.search.edges).length).toBeGreaterThan(10);
  });
});

describe('pages', () => {
  it('pages of 2 give the hits of one big page, in order, none twice, as many as totalCount', async () => {
    const big = await read(SearchHitsDocument, { query: broad, first: 100 });
    expect(big.search.pageInfo.hasNextPage).toBe(false);
    expect(big.search.totalCount).toBe(big.search.edges.length);
    expect(big.search.totalCount).toBeGreaterThan(10);

    const { edges, totals } = await walk({ query: broad, first: 2 });
    const ids = edges.map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ofSeed(edges)).toEqual(ofSeed(big.search.edges));
    // Every page counted the hits it was a page of.
    expect(new Set(totals).size).toBeGreaterThan(0);
    expect(Math.min(...totals)).toBeGreaterThanOrEqual(ofSeed(big.search.edges).length);
  });

  it('pages a kind filter the same way', async () => {
    const filter = { kinds: ['STATEMENT' as const] };
    const big = await read(SearchHitsDocument, { query: broad, filter, first: 100 });
    const { edges } = await walk({ query: broad, filter, first: 3 });
    expect(ofSeed(edges)).toEqual(ofSeed(big.search.edges));
  });

  it('an edge cursor continues right after its edge', async () => {
    const big = await read(SearchHitsDocument, { query: broad, first: 10 });
    const fourth = big.search.edges[3]!;
    const { search } = await read(SearchHitsDocument, { query: broad, first: 3, after: fourth.cursor });
    // The next page starts right after the fourth hit (other files' new hits may fall in between).
    expect(ofSeed(search.edges).length).toBeGreaterThan(0);
    expect(ofSeed(big.search.edges.slice(4)).slice(0, ofSeed(search.edges).length)).toEqual(ofSeed(search.edges));
  });

  it('defaults to 20 hits a page', async () => {
    const { search } = await read(SearchHitsDocument, { query: broad });
    expect(search.totalCount).toBeGreaterThan(20);
    expect(search.edges).toHaveLength(20);
    expect(search.pageInfo.hasNextPage).toBe(true);
  });
});

describe('bad input', () => {
  it.each([
    ['an empty query', { query: '' }, 'query'],
    ['a query of spaces and Lucene operators only', { query: ' && || * ' }, 'query'],
    ['a query of 501 characters', { query: 'x'.repeat(501) }, 'query'],
    ['first: 0', { query: broad, first: 0 }, 'first'],
    ['first: 101', { query: broad, first: 101 }, 'first'],
    ['a cursor that is not one', { query: broad, after: 'not-a-cursor' }, 'after'],
    ['a cursor that is not base64url', { query: broad, after: '%%%' }, 'after'],
  ] as const)('%s: BAD_USER_INPUT naming the argument', async (_name, variables, argument) => {
    const error = await refusal(variables);
    expect(error?.extensions?.code, JSON.stringify(error)).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.argument).toBe(argument);
    expect(error?.message).toContain(argument);
  });

  it('a cursor of another search or another list is refused, naming after', async () => {
    const other = await read(SearchHitsDocument, { query: 'ceasefire', first: 1 });
    const issues = await read(FirstIssueCursorDocument, {});
    for (const after of [other.search.pageInfo.endCursor, issues.issues.pageInfo.endCursor]) {
      expect(after).toBeTruthy();
      const error = await refusal({ query: broad, after });
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    }
  });
});

describe('exact matching (pure)', () => {
  it('compares words, setting case, accents and punctuation aside', () => {
    expect(matchKey('  US 28-point   PEACE plan. ')).toBe('us 28 point peace plan');
    expect(isExactMatch('zélenskyy', ['Volodymyr Zelensky', 'Zelenskyy'])).toBe(true);
    expect(isExactMatch('Zelenskyy', ['Volodymyr Zelensky', 'Zelensky'])).toBe(false);
    expect(isExactMatch('peace plan', ['US 28-point peace plan'])).toBe(false);
    expect(isExactMatch('!!!', ['!!!'])).toBe(false);
  });
});
