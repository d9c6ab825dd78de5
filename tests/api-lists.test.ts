/** Pagination (keyset cursors, no item lost or repeated), argument validation and error codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActorsPageDocument } from '../src/generated/operations.js';
import { defaultSeedDir } from '../src/seed/loader.js';
import { readSeed } from '../src/seed/validate.js';
import {
  ActorIdsPageDocument,
  EventIdsPageDocument,
  FirstIssueCursorDocument,
  IssueIdsPageDocument,
  ProposalIdsPageDocument,
  SourceIdsPageDocument,
  SourceStatementsPageDocument,
  StatementIdsPageDocument,
  type SourceStatementsPageQuery,
} from './generated/operations.js';
import { ownedData, run, type GraphQLResponse } from './support.js';

const seed = readSeed(defaultSeedDir);
const seedIds = new Set(
  [...seed.actors, ...seed.issues, ...seed.proposals, ...seed.events, ...seed.sources, ...seed.statements].map((item) => item.id),
);
// This file writes nothing: it pages through the seed with a service of its own.
const owned = ownedData('api-lists');
beforeAll(() => owned.start());
afterAll(() => owned.cleanup());

/** A page of a list's ids (the documents in tests/operations/pagination.graphql all answer this shape). */
interface IdPage {
  list: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: { id: string } }> };
}
type PageOf = (first: number, after: string | null) => Promise<GraphQLResponse<IdPage>>;

/** Walks a connection page by page (bounded), returning every id in order. */
async function walk(field: string, page: PageOf, pageSize: number): Promise<{ ids: string[]; totalCount: number; pages: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = 0;
  let pages = 0;
  for (; pages < 100; pages++) {
    const response = await page(pageSize, after);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const list = response.data!.list;
    totalCount = list.totalCount;
    ids.push(...list.edges.map((edge) => edge.node.id));
    if (list.edges.length > 0) expect(list.pageInfo.endCursor).toBe(list.edges.at(-1)!.cursor);
    if (!list.pageInfo.hasNextPage) return { ids, totalCount, pages: pages + 1 };
    after = list.pageInfo.endCursor;
  }
  throw new Error(`${field} did not end within 100 pages`);
}

describe('pagination', () => {
  // The list, its arguments as the test's name shows them, and the typed document that asks for its pages.
  const lists: Array<[string, string, PageOf]> = [
    ['actors', '', (first, after) => run(owned.service, ActorIdsPageDocument, { first, after })],
    ['actors', 'filter: { kinds: [PERSON] }, ', (first, after) => run(owned.service, ActorIdsPageDocument, { filter: { kinds: ['PERSON'] }, first, after })],
    ['issues', '', (first, after) => run(owned.service, IssueIdsPageDocument, { first, after })],
    ['proposals', '', (first, after) => run(owned.service, ProposalIdsPageDocument, { first, after })],
    ['events', '', (first, after) => run(owned.service, EventIdsPageDocument, { first, after })],
    ['sources', '', (first, after) => run(owned.service, SourceIdsPageDocument, { first, after })],
    ['statements', '', (first, after) => run(owned.service, StatementIdsPageDocument, { first, after })],
    ['statements', 'filter: { kinds: [QUOTE, PARAPHRASE] }, ', (first, after) => run(owned.service, StatementIdsPageDocument, { filter: { kinds: ['QUOTE', 'PARAPHRASE'] }, first, after })],
  ];

  it.each(lists)('%s(%s) pages of 7 hold every item once, as one big page does', async (field, _args, page) => {
    const paged = await walk(field, page, 7);
    const whole = await walk(field, page, 100);
    // Other test files insert and rename their own nodes meanwhile (a node renamed between two pages may rightly show
    // up on both), so the checks hold for the seed's nodes: each once, in the same order either way.
    const ofSeed = (ids: string[]) => ids.filter((id) => seedIds.has(id));
    expect(new Set(ofSeed(paged.ids)).size).toBe(ofSeed(paged.ids).length);
    expect(ofSeed(paged.ids).length).toBeGreaterThan(0);
    expect(ofSeed(paged.ids)).toEqual(ofSeed(whole.ids));
    expect(paged.pages).toBeGreaterThanOrEqual(Math.ceil(ofSeed(paged.ids).length / 7));
  });

  it('nested connections page too: a source’s statements and an actor’s statements', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const response: GraphQLResponse<SourceStatementsPageQuery> = await run(owned.service, SourceStatementsPageDocument, { after });
      const statements = response.data!.source!.statements;
      ids.push(...statements.edges.map((edge) => edge.node.id));
      if (!statements.pageInfo.hasNextPage) {
        expect(ids.length).toBe(statements.totalCount);
        break;
      }
      after = statements.pageInfo.endCursor;
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(4);
  });

  it('ActorsPage: cursors are opaque and a page starts right after its cursor', async () => {
    const first = await run(owned.service, ActorsPageDocument, { first: 3 });
    const second = await run(owned.service, ActorsPageDocument, { first: 3, after: first.data!.actors.pageInfo.endCursor });
    const both = await run(owned.service, ActorsPageDocument, { first: 6 });
    expect([...first.data!.actors.edges, ...second.data!.actors.edges].map((edge) => edge.node.id)).toEqual(
      both.data!.actors.edges.map((edge) => edge.node.id),
    );
    expect(first.data!.actors.pageInfo.endCursor).not.toMatch(/vladimir|actor|\d+$/);
  });
});

describe('argument errors are BAD_USER_INPUT naming the argument', () => {
  it.each([
    ['actors(first: 0) { totalCount }', 'first'],
    ['actors(first: -1) { totalCount }', 'first'],
    ['actors(first: 101) { totalCount }', 'first'],
    ['issues(first: 1000) { totalCount }', 'first'],
    ['statements(first: 0) { totalCount }', 'first'],
    ['actor(id: "vladimir-putin") { statements(first: 500) { totalCount } }', 'first'],
    ['actors(after: "bm90LWEtY3Vyc29y") { totalCount }', 'after'],
    ['actors(after: "%%%") { totalCount }', 'after'],
    ['search(query: "   ") { totalCount }', 'query'],
    ['search(query: "Putin", first: 0) { totalCount }', 'first'],
    ['paths(from: "russia", to: "ukraine", maxHops: 7) { length }', 'maxHops'],
    ['paths(from: "russia", to: "ukraine", maxHops: 0) { length }', 'maxHops'],
    ['paths(from: "russia", to: "russia") { length }', 'to'],
    ['agreement(a: "russia", b: "russia") { score }', 'b'],
    ['compare(actorIds: []) { rows { actor { id } } }', 'actorIds'],
    ['statements(filter: { from: "2025-12-01", to: "2025-01-01" }) { totalCount }', 'filter.from'],
    ['statements(filter: { search: "!!!" }) { totalCount }', 'filter.search'],
    ['actors(filter: { search: "%s" }) { totalCount }'.replace('%s', 'x'.repeat(501)), 'filter.search'],
  ])('%s', async (selection, argument) => {
    const response = await owned.service.gql(`{ ${selection} }`);
    expect(response.status).toBeLessThan(500);
    expect(response.errors?.[0]?.extensions?.code, JSON.stringify(response.errors)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.argument).toBe(argument);
    expect(response.errors?.[0]?.message).toContain(argument);
  });

  it('a cursor from another list is refused', async () => {
    const issues = await run(owned.service, FirstIssueCursorDocument, {});
    const response = await run(owned.service, ActorIdsPageDocument, { after: issues.data!.issues.pageInfo.endCursor });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('type errors (first: 10.5, a bad Date, a bad enum) are refused before any resolver runs', async () => {
    for (const query of ['{ actors(first: 10.5) { totalCount } }', '{ statements(filter: { from: "2025-13-01" }) { totalCount } }', '{ actors(filter: { kinds: [PLANET] }) { totalCount } }']) {
      const response = await owned.service.gql(query);
      expect(response.status, query).toBe(400);
      expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(response.errors?.[0]?.extensions?.code);
    }
    const variables = await owned.service.gql('query($d: Date) { statements(filter: { from: $d }) { totalCount } }', { d: '2025-02-30' });
    expect(variables.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variables.errors?.[0]?.message).toMatch(/2025-02-30/);
  });

  it('no error carries a stack trace', async () => {
    const response = await owned.service.gql('{ actors(first: 0) { totalCount } }');
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });
});
