/**
 * The limits in src/limits.ts and the HTTP edge, through the real HTTP boundary: abusive documents are refused
 * with a 4xx JSON error naming the limit before anything reaches Neo4j, while every example operation still runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HEADERS_TIMEOUT_MS,
  MAX_ALIASES,
  MAX_BODY_BYTES,
  MAX_COST,
  MAX_DEPTH,
  MAX_DIRECTIVES,
  MAX_SELECTIONS,
  MAX_TOKENS,
  RECEIVE_TIMEOUT_MS,
} from '../src/limits.js';
import { loadExamples } from '../src/playground/examples.js';
import { ownedData, startTestService, testConfig, type TestService } from './support.js';

// This file writes nothing: its abusive documents go to a service of its own over the seed.
const owned = ownedData('limits');
beforeAll(() => owned.start());
afterAll(() => owned.cleanup());

interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
}

async function send(init: RequestInit & { search?: string; path?: string }, base: TestService = owned.service): Promise<RawResponse> {
  const response = await fetch(`${base.url}${init.path ?? '/graphql'}${init.search ?? ''}`, init);
  const text = await response.text();
  let body: RawResponse['body'];
  try {
    body = JSON.parse(text) as RawResponse['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body };
}

const json = { 'content-type': 'application/json' };

function post(query: string, variables?: Record<string, unknown>, base: TestService = owned.service): Promise<RawResponse> {
  return send({ method: 'POST', headers: json, body: JSON.stringify({ query, variables }) }, base);
}

/** A 4xx JSON GraphQL error with this code, nothing executed, and nothing about the server's insides. */
function expectRefused(response: RawResponse, code: string, message?: RegExp): void {
  const summary = `${response.status} ${response.text.slice(0, 300)}`;
  expect(response.status, summary).toBeGreaterThanOrEqual(400);
  expect(response.status, summary).toBeLessThan(500);
  expect(response.contentType, summary).toMatch(/^application\/json/);
  expect(response.body?.data, summary).toBeUndefined();
  expect(response.body?.errors?.[0]?.extensions?.code, summary).toBe(code);
  if (message) expect(response.body?.errors?.[0]?.message, summary).toMatch(message);
  expect(response.text, summary).not.toMatch(/stacktrace|node_modules|\/src\/|\.[cm]?[jt]s:\d+|<html|<!DOCTYPE/i);
}

/**
 * `relations { edges { actor { ... } } }` nested `levels` times under one actor, ending in `innermost`: depth
 * 3 * levels + 2 with `id` innermost, one more with `relations { totalCount }` (two relations per level keep the cost low).
 */
function nestedRelations(levels: number, innermost = 'id'): string {
  return `{ actor(id: "vladimir-putin") { ${'relations(first: 2) { edges { actor { '.repeat(levels)}${innermost}${' } } }'.repeat(levels)} } }`;
}

const costly = `{ actors(first: 100) { edges { node { statements(first: 100) { edges { node {
  citations { source { statements(first: 100) { totalCount } } } } } } } } } }`;

describe('query limits', () => {
  it(`depth: ${MAX_DEPTH} levels run, ${MAX_DEPTH + 2} are refused before Neo4j is asked`, async () => {
    const atLimit = nestedRelations(3, 'relations { totalCount }');
    expect(MAX_DEPTH).toBe(3 * 3 + 3);
    const accepted = await post(atLimit);
    expect(accepted.status, accepted.text.slice(0, 300)).toBe(200);
    expect(accepted.body?.errors).toBeUndefined();

    owned.service.takeQueryCount();
    const refused = await post(nestedRelations(4));
    expectRefused(refused, 'GRAPHQL_VALIDATION_FAILED', new RegExp(`depth limit of ${MAX_DEPTH} exceeded`));
    expect(owned.service.takeQueryCount()).toBe(0);
  });

  it('depth counts through fragments', async () => {
    const levels = MAX_DEPTH;
    const fragments = Array.from({ length: levels }, (_, index) =>
      index < levels - 1 ? `fragment F${index} on Actor { relations { edges { actor { ...F${index + 1} } } } }` : `fragment F${index} on Actor { id }`,
    ).join('\n');
    const refused = await post(`{ actor(id: "vladimir-putin") { ...F0 } }\n${fragments}`);
    expectRefused(refused, 'GRAPHQL_VALIDATION_FAILED', new RegExp(`depth limit of ${MAX_DEPTH} exceeded`));
  });

  it('fragments spread over and over (a few hundred bytes asking for millions of fields) are refused', async () => {
    const levels = 24;
    const fragments = Array.from({ length: levels }, (_, index) =>
      index < levels - 1 ? `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }` : `fragment F${index} on Query { version }`,
    ).join('\n');
    expect(2 ** levels).toBeGreaterThan(MAX_SELECTIONS);
    expectRefused(await post(`{ ...F0 }\n${fragments}`), 'GRAPHQL_VALIDATION_FAILED', /too many selections/);
  });

  it('fragment cycles and undefined fragments are refused as invalid', async () => {
    const cycle = await post(`{ actor(id: "russia") { ...A } }
      fragment A on Actor { relations { edges { actor { ...B } } } }
      fragment B on Actor { ...A }`);
    expectRefused(cycle, 'GRAPHQL_VALIDATION_FAILED', /Cannot spread fragment "A" within itself/);
    const undefinedFragment = await post('{ actor(id: "russia") { ...Missing } }');
    expectRefused(undefinedFragment, 'GRAPHQL_VALIDATION_FAILED', /Unknown fragment "Missing"/);
  });

  it(`aliases: ${MAX_ALIASES} run, a thousand are refused (aliased __typename too)`, async () => {
    const aliases = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' ')} }`;
    const accepted = await post(aliases(MAX_ALIASES, 'version'));
    expect(accepted.body?.errors).toBeUndefined();
    expect(Object.keys(accepted.body?.data as object)).toHaveLength(MAX_ALIASES);
    expectRefused(await post(aliases(1000, 'version')), 'GRAPHQL_VALIDATION_FAILED', new RegExp(`Aliases limit of ${MAX_ALIASES} exceeded, found 1000`));
    expectRefused(await post(aliases(1000, '__typename')), 'GRAPHQL_VALIDATION_FAILED', new RegExp(`Aliases limit of ${MAX_ALIASES}`));
  });

  it('a directive flood is refused', async () => {
    const flood = `{ version ${'... @include(if: true) { __typename } '.repeat(MAX_DIRECTIVES + 10)}}`;
    expectRefused(await post(flood), 'GRAPHQL_VALIDATION_FAILED', new RegExp(`Directives limit of ${MAX_DIRECTIVES} exceeded`));
  });

  it('a token flood is cut while parsing', async () => {
    const flood = `{ ${'__typename '.repeat(MAX_TOKENS + 10)}}`;
    expectRefused(await post(flood), 'GRAPHQL_PARSE_FAILED', new RegExp(`more th[a-z]* ${MAX_TOKENS} tokens`));
  });

  it('a costly query is refused by its cost, naming the cost and the limit, before Neo4j is asked', async () => {
    owned.service.takeQueryCount();
    const refused = await post(costly);
    expectRefused(refused, 'QUERY_TOO_COMPLEX', new RegExp(`limit of ${MAX_COST}`));
    const extensions = refused.body?.errors?.[0]?.extensions;
    expect(extensions?.maxCost).toBe(MAX_COST);
    expect(extensions?.cost).toBeGreaterThan(MAX_COST);
    expect(owned.service.takeQueryCount()).toBe(0);
  });

  it('cost counts `first` from the variables, and a negative `first` does not lower it', async () => {
    const query = `query($first: Int) { actors(first: $first) { edges { node {
      statements(first: 100) { edges { node { citations { source { title } } } } } } } } }`;
    const small = await post(query, { first: 1 });
    expect(small.body?.errors, small.text.slice(0, 300)).toBeUndefined();
    expectRefused(await post(query, { first: 100 }), 'QUERY_TOO_COMPLEX');
    // Were a negative `first` counted as is, `a` would offset `b` and let it run.
    const offset = await post(`query { a: actors(first: -1000000) { totalCount } b: ${query.slice(query.indexOf('actors('))}`.replace('$first', '100'));
    expectRefused(offset, 'QUERY_TOO_COMPLEX');
  });

  it('invalid variables are refused as BAD_USER_INPUT naming the value', async () => {
    const response = await post('query($d: Date) { statements(filter: { from: $d }) { totalCount } }', { d: '2025-02-30' });
    expectRefused(response, 'BAD_USER_INPUT', /2025-02-30/);
  });

  it('every example operation (operations/*.graphql) still runs', async () => {
    const examples = loadExamples();
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const example of examples) {
      const response = await post(example.query, example.variables);
      expect(response.status, example.operationName).toBe(200);
      expect(response.body?.errors, `${example.operationName}: ${response.text.slice(0, 300)}`).toBeUndefined();
      expect(Object.values(response.body?.data as object)[0], example.operationName).toBeTruthy();
    }
  });

  it('suggests field names in development', async () => {
    const response = await post('{ actor(id: "russia") { nme } }');
    expectRefused(response, 'GRAPHQL_VALIDATION_FAILED', /Did you mean "name"\?/);
  });
});

describe('with introspection off (production)', () => {
  let production: TestService;
  beforeAll(async () => {
    production = await startTestService(testConfig({ NODE_ENV: 'production' }));
  });
  afterAll(async () => {
    await production.close();
  });

  it('refuses introspection and suggests nothing: not fields, enum values or input fields', async () => {
    expectRefused(await post('{ __schema { types { name } } }', undefined, production), 'GRAPHQL_VALIDATION_FAILED', /introspection/i);
    const field = await post('{ actor(id: "russia") { nme } }', undefined, production);
    expectRefused(field, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "nme" on type "Actor"\.$/);
    const enumValue = await post('{ actors(filter: { kinds: [PERSN] }) { totalCount } }', undefined, production);
    expectRefused(enumValue, 'GRAPHQL_VALIDATION_FAILED', /PERSN/);
    const variable = await post('query($f: ActorFilter) { actors(filter: $f) { totalCount } }', { f: { serch: 'Putin' } }, production);
    expectRefused(variable, 'BAD_USER_INPUT', /serch/);
    for (const response of [field, enumValue, variable]) expect(response.text).not.toMatch(/Did you mean|"search"|PERSON|"name"/);
  });

  it('still runs the example operations', async () => {
    for (const example of loadExamples()) {
      const response = await post(example.query, example.variables, production);
      expect(response.body?.errors, example.operationName).toBeUndefined();
    }
  });
});

describe('the HTTP edge', () => {
  it(`a body over ${MAX_BODY_BYTES / 1024 / 1024} MB is refused with 413 and a JSON error`, async () => {
    const body = JSON.stringify({ query: '{ version }', variables: { padding: 'x'.repeat(MAX_BODY_BYTES) } });
    const response = await send({ method: 'POST', headers: json, body });
    expect(response.status).toBe(413);
    expectRefused(response, 'BAD_REQUEST', /larger than the limit of 1 MB/);
  });

  it('a body that is not JSON gets 400 and a JSON error', async () => {
    const response = await send({ method: 'POST', headers: json, body: '{"query": "{ version }"' });
    expect(response.status).toBe(400);
    expectRefused(response, 'BAD_REQUEST', /not valid JSON/);
  });

  it('a text/plain POST (a form a page could send cross-site) is refused', async () => {
    const response = await send({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ version }' }) });
    expect(response.status).toBe(415);
    expectRefused(response, 'BAD_REQUEST', /Content-Type: application\/json/);
  });

  it('queries run over GET; mutations over GET get 405', async () => {
    const headers = { accept: 'application/json', 'apollo-require-preflight': 'true' };
    const query = await send({ headers, search: `?query=${encodeURIComponent('{ __typename }')}` });
    expect(query.status).toBe(200);
    expect(query.body).toEqual({ data: { __typename: 'Query' } });
    const mutation = await send({ headers, search: `?query=${encodeURIComponent('mutation { __typename }')}` });
    expect(mutation.status).toBe(405);
    expectRefused(mutation, 'BAD_REQUEST', /GET requests only support query operations/);
  });

  it('a batch (an array of operations) is refused', async () => {
    const body = JSON.stringify([{ query: '{ version }' }, { query: '{ version }' }]);
    const response = await send({ method: 'POST', headers: json, body });
    expect(response.status).toBe(400);
    expectRefused(response, 'BAD_REQUEST', /batching/i);
  });

  it('two operations without operationName get 400; naming one runs it', async () => {
    const document = 'query A { version } query B { __typename }';
    const response = await post(document);
    expect(response.status).toBe(400);
    expectRefused(response, 'OPERATION_RESOLUTION_FAILURE', /operation name/);
    const named = await send({ method: 'POST', headers: json, body: JSON.stringify({ query: document, operationName: 'B' }) });
    expect(named.body).toEqual({ data: { __typename: 'Query' } });
  });

  it("a path nothing answers gets a JSON 404, never Express's HTML page", async () => {
    const unknown: Array<[method: string, path: string]> = [
      ['GET', '/exports'],
      ['GET', '/nope'],
      ['POST', '/graphqlx'],
      ['OPTIONS', '/nope'],
      ['GET', '/playground/assets/package.json'],
      ['GET', '/'],
    ];
    for (const [method, path] of unknown) {
      const body = method === 'POST' ? JSON.stringify({ query: '{ version }' }) : undefined;
      const response = await send({ method, path, headers: { accept: 'application/json', ...(body ? json : {}) }, body });
      expect(response.status, `${method} ${path}`).toBe(404);
      expectRefused(response, 'NOT_FOUND', new RegExp(`^Nothing at ${method} ${path.replace(/[.]/g, '\\.')}: the API answers at /graphql\\.$`));
    }
  });

  it('the pages, the probes and the API keep answering beside it', async () => {
    const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    const root = await fetch(`${owned.service.url}/`, { headers: html, redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/playground');
    for (const path of ['/playground', '/graphql']) {
      const page = await fetch(`${owned.service.url}${path}`, { headers: html });
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type'), path).toMatch(/^text\/html/);
      await page.arrayBuffer();
    }
    const asset = await fetch(`${owned.service.url}/playground/assets/playground.js`);
    expect(asset.status).toBe(200);
    await asset.arrayBuffer();
    for (const path of ['/health', '/ready']) {
      const probe = await fetch(`${owned.service.url}${path}`);
      expect(probe.status, path).toBe(200);
      expect(probe.headers.get('content-type'), path).toMatch(/^application\/json/);
      await probe.arrayBuffer();
    }
    expect((await post('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('gives clients a bounded time to send a request', () => {
    expect(owned.service.server.httpServer.requestTimeout).toBe(RECEIVE_TIMEOUT_MS);
    expect(owned.service.server.httpServer.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
  });
});
