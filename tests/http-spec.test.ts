/**
 * GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/) as this service speaks it, through the real
 * HTTP server on loopback over the test Neo4j: the media type of every answer chosen from Accept, the status of each
 * kind of failure for both media types, GET for queries only, 406 and 415 before anything runs, Cache-Control, and
 * automatic persisted queries over GET.
 */
import { createHash } from 'node:crypto';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicCacheControl } from '../src/http/responses.js';
import { ActorNameDocument, UpsertActorDocument } from './generated/operations.js';
import { bearer, cypher, eventually, ownedData, startTestService, testConfig, type TestService } from './support.js';

const owned = ownedData('http-spec');

const graphqlResponseJson = 'application/graphql-response+json';
const applicationJson = 'application/json';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body?: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }> };
}

/** One HTTP request to /graphql (or `path`) of `service`, its answer read whole; `body` is the JSON, when it is JSON. */
async function send(
  init: { method?: string; search?: string; headers?: Record<string, string>; body?: string | Uint8Array; path?: string },
  service: TestService = owned.service,
): Promise<Answer> {
  const response = await fetch(`${service.url}${init.path ?? '/graphql'}${init.search ?? ''}`, {
    method: init.method ?? 'GET',
    headers: init.headers ?? {},
    body: init.body,
  });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

const post = (payload: unknown, headers: Record<string, string> = {}, service?: TestService) =>
  send({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) }, service);

/** A GET with Apollo's preflight header, as a browser client or curl must send one (CSRF prevention). */
const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
  send({ search: `?${new URLSearchParams(params).toString()}`, headers: { 'apollo-require-preflight': 'true', ...headers } });

/** An answer with errors only: the status, no `data` entry, every error with a code, in the media type asked for. */
function expectRefused(answer: Answer, status: number, code: string, mediaType = applicationJson): void {
  const shown = `${answer.status} ${answer.text.slice(0, 400)}`;
  expect(answer.status, shown).toBe(status);
  expect(answer.headers.get('content-type'), shown).toBe(`${mediaType}; charset=utf-8`);
  expect(answer.body, shown).toBeDefined();
  expect(answer.body && 'data' in answer.body, shown).toBe(false);
  expect(answer.body?.errors?.[0]?.extensions?.code, shown).toBe(code);
  for (const error of answer.body?.errors ?? []) expect(error.extensions?.code, shown).toEqual(expect.any(String));
  expect(answer.headers.get('cache-control'), shown).toBe('no-store');
}

const costly = '{ actors(first: 100) { edges { node { statements(first: 100) { edges { node { citations { source { title } } } } } } } } }';

beforeAll(async () => {
  await owned.start();
});

afterAll(async () => {
  await owned.cleanup();
});

describe.each([graphqlResponseJson, applicationJson])('Accept: %s', (accept) => {
  const headers = { accept };

  it('a query answers 200 with data, in the media type asked for, UTF-8', async () => {
    const answer = await post({ query: print(ActorNameDocument), variables: { id: 'vladimir-putin' } }, headers);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(`${accept}; charset=utf-8`);
    expect(answer.body).toEqual({ data: { actor: { name: 'Vladimir Putin' } } });
  });

  it('a document that does not parse: 400', async () => {
    expectRefused(await post({ query: '{ actor(id: "vladimir-putin") { name }' }, headers), 400, 'GRAPHQL_PARSE_FAILED', accept);
  });

  it('a document that does not validate: 400', async () => {
    expectRefused(await post({ query: '{ actor(id: "vladimir-putin") { nickname } }' }, headers), 400, 'GRAPHQL_VALIDATION_FAILED', accept);
  });

  it('variables that cannot be coerced: 400, as is a required variable left out', async () => {
    const query = print(ActorNameDocument);
    expectRefused(await post({ query, variables: { id: { not: 'an id' } } }, headers), 400, 'BAD_USER_INPUT', accept);
    expectRefused(await post({ query }, headers), 400, 'BAD_USER_INPUT', accept);
  });

  it('an operation that cannot start: 400 (no operation chosen, an unknown operationName, a cost over the limit)', async () => {
    const twoOperations = 'query A { version } query B { __typename }';
    expectRefused(await post({ query: twoOperations }, headers), 400, 'OPERATION_RESOLUTION_FAILURE', accept);
    expectRefused(await post({ query: twoOperations, operationName: 'C' }, headers), 400, 'OPERATION_RESOLUTION_FAILURE', accept);
    expectRefused(await post({ query: costly }, headers), 400, 'QUERY_TOO_COMPLEX', accept);
  });

  it('no query at all: 400, for POST and for GET', async () => {
    expectRefused(await post({ variables: { id: 'vladimir-putin' } }, headers), 400, 'BAD_REQUEST', accept);
    expectRefused(await post({ query: '' }, headers), 400, 'BAD_REQUEST', accept);
    expectRefused(await get({}, headers), 400, 'BAD_REQUEST', accept);
  });

  it('a body that is not JSON: 400, in the media type asked for', async () => {
    const answer = await send({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query": "{ version }"' });
    expectRefused(answer, 400, 'BAD_REQUEST', accept);
  });

  it('a field error during execution: 200 with the data that could be read, and the error', async () => {
    const answer = await post({ query: '{ version actor(id: "vladimir-putin") { name statements(first: 1000) { totalCount } } }' }, headers);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(`${accept}; charset=utf-8`);
    expect(answer.body?.data).toEqual({ version: expect.any(String), actor: null });
    expect(answer.body?.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'first' }]);
  });

  it('a mutation over GET: 405 with Allow: POST, and nothing written', async () => {
    const id = owned.id(`over-get-${accept.length}`);
    const answer = await get(
      { query: print(UpsertActorDocument), variables: JSON.stringify({ input: { id, name: 'Over GET', kind: 'PERSON' } }) },
      { ...headers, ...bearer(owned.tokens.editor) },
    );
    expectRefused(answer, 405, 'BAD_REQUEST', accept);
    expect(answer.headers.get('allow')).toBe('POST');
    expect(await cypher(owned.service.db, 'overGetWritten', 'MATCH (a:Actor {id: $id}) RETURN a.id AS id', { id })).toEqual([]);
  });
});

describe('content negotiation', () => {
  const query = { query: '{ version }' };

  it('the type Accept ranks higher wins; application/json when they tie, for */* and without Accept', async () => {
    const cases: Array<[accept: string | undefined, expected: string]> = [
      [`${graphqlResponseJson}, ${applicationJson};q=0.9`, graphqlResponseJson],
      [`${applicationJson}, ${graphqlResponseJson};q=0.9`, applicationJson],
      [`${graphqlResponseJson}; charset=utf-8`, graphqlResponseJson],
      ['application/*', applicationJson],
      ['*/*', applicationJson],
      [undefined, applicationJson],
    ];
    for (const [accept, expected] of cases) {
      const answer = await post(query, accept === undefined ? {} : { accept });
      expect(answer.status, String(accept)).toBe(200);
      expect(answer.headers.get('content-type'), String(accept)).toBe(`${expected}; charset=utf-8`);
      expect(answer.headers.get('vary'), String(accept)).toMatch(/\bAccept\b/);
    }
  });

  it('an Accept that allows neither JSON type: 406 in JSON, and the mutation is not run', async () => {
    const id = owned.id('not-acceptable');
    for (const accept of ['application/xml', 'text/html', 'text/plain, image/*']) {
      const answer = await post(
        { query: print(UpsertActorDocument), variables: { input: { id, name: 'Not acceptable', kind: 'PERSON' } } },
        { accept, ...bearer(owned.tokens.editor) },
      );
      expectRefused(answer, 406, 'BAD_REQUEST');
      expect(answer.body?.errors?.[0]?.message).toMatch(/application\/graphql-response\+json or application\/json/);
    }
    expect(await cypher(owned.service.db, 'notAcceptableWritten', 'MATCH (a:Actor {id: $id}) RETURN a.id AS id', { id })).toEqual([]);
    expectRefused(await get({ query: '{ version }' }, { accept: 'application/xml' }), 406, 'BAD_REQUEST');
  });
});

describe('request bodies and methods', () => {
  it('a POST whose body is not application/json: 415, whatever it holds; nothing runs', async () => {
    const id = owned.id('form');
    const mutation = JSON.stringify({ query: print(UpsertActorDocument), variables: { input: { id, name: 'Form', kind: 'PERSON' } } });
    const bodies: Array<[contentType: string | undefined, body: string | Uint8Array]> = [
      ['text/plain', mutation],
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent('{ version }')}`],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${mutation}\r\n--x--`],
      ['application/graphql', '{ version }'],
      // No Content-Type at all (fetch sends none for raw bytes).
      [undefined, new TextEncoder().encode(mutation)],
    ];
    for (const [contentType, body] of bodies) {
      const answer = await send({
        method: 'POST',
        headers: { ...(contentType ? { 'content-type': contentType } : {}), accept: graphqlResponseJson, ...bearer(owned.tokens.editor) },
        body,
      });
      expectRefused(answer, 415, 'BAD_REQUEST', graphqlResponseJson);
      expect(answer.body?.errors?.[0]?.message, String(contentType)).toMatch(/Content-Type: application\/json/);
    }
    expect(await cypher(owned.service.db, 'formWritten', 'MATCH (a:Actor {id: $id}) RETURN a.id AS id', { id })).toEqual([]);
  });

  it('application/json with a charset parameter is JSON; a charset other than UTF-8 is 415', async () => {
    const utf8 = await send({ method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"query":"{ version }"}' });
    expect(utf8.status).toBe(200);
    const latin1 = await send({ method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: '{"query":"{ version }"}' });
    expectRefused(latin1, 415, 'BAD_REQUEST');
  });

  it('methods other than GET and POST: 405 with Allow: GET, POST', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const answer = await send({ method, headers: { 'content-type': 'application/json' }, body: '{"query":"{ version }"}' });
      expectRefused(answer, 405, 'BAD_REQUEST');
      expect(answer.headers.get('allow'), method).toBe('GET, POST');
    }
  });

  it('a GET whose optional parameters are empty strings runs as if they were not given', async () => {
    const answer = await get({ query: '{ actor(id: "vladimir-putin") { name } }', operationName: '', variables: '', extensions: '' });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({ data: { actor: { name: 'Vladimir Putin' } } });
  });

  it('a GET without a preflight header is refused (CSRF prevention): 400', async () => {
    const answer = await send({ search: `?query=${encodeURIComponent('{ version }')}` });
    expectRefused(answer, 400, 'BAD_REQUEST');
    expect(answer.body?.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
  });
});

describe('Cache-Control', () => {
  const actorName = { query: print(ActorNameDocument), variables: JSON.stringify({ id: 'vladimir-putin' }) };

  it(`an anonymous GET query that succeeded: ${publicCacheControl}, varying on Accept`, async () => {
    const answer = await get(actorName);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { actor: { name: 'Vladimir Putin' } } });
    expect(answer.headers.get('cache-control')).toBe(publicCacheControl);
    expect(answer.headers.get('vary')).toMatch(/\bAccept\b/);
  });

  it('no-store for a GET with a token, a POST, a GET with errors, and a refused request', async () => {
    const withToken = await get(actorName, bearer(owned.tokens.editor));
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('cache-control')).toBe('no-store');

    const posted = await post({ query: print(ActorNameDocument), variables: { id: 'vladimir-putin' } });
    expect(posted.status).toBe(200);
    expect(posted.headers.get('cache-control')).toBe('no-store');

    const fieldError = await get({ query: '{ version actors(first: 1000) { totalCount } }' });
    expect(fieldError.status).toBe(200);
    expect(fieldError.body?.errors).toHaveLength(1);
    expect(fieldError.headers.get('cache-control')).toBe('no-store');

    expectRefused(await get({ query: '{ actor(id: "vladimir-putin") { nickname } }' }), 400, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('a mutation (POST, with its token) is never stored', async () => {
    const answer = await post(
      { query: print(UpsertActorDocument), variables: { input: { id: owned.id('cached'), name: 'Cached?', kind: 'PERSON' } } },
      bearer(owned.tokens.editor),
    );
    expect(answer.status).toBe(200);
    expect(answer.body?.errors).toBeUndefined();
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });
});

describe('automatic persisted queries over GET', () => {
  it('a hash the service does not know yet: PERSISTED_QUERY_NOT_FOUND, not stored; once registered, the hash alone runs, cacheable', async () => {
    // A document no other test sends, so this service cannot know its hash yet.
    const query = `query PersistedActorName { actor(id: "vladimir-putin") { name } __typename }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash } });

    const unknown = await get({ extensions });
    expect(unknown.status).toBe(200);
    expect(unknown.body?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.headers.get('cache-control')).toBe('no-store');

    // The client registers the document by sending it with its hash (over GET too, as Apollo Client's link does).
    const registered = await get({ query, extensions });
    expect(registered.status).toBe(200);
    expect(registered.body).toEqual({ data: { actor: { name: 'Vladimir Putin' }, __typename: 'Query' } });

    const byHash = await get({ extensions }, { accept: graphqlResponseJson });
    expect(byHash.status).toBe(200);
    expect(byHash.headers.get('content-type')).toBe(`${graphqlResponseJson}; charset=utf-8`);
    expect(byHash.body).toEqual({ data: { actor: { name: 'Vladimir Putin' }, __typename: 'Query' } });
    expect(byHash.headers.get('cache-control')).toBe(publicCacheControl);
  });

  it('a hash that does not match its document is refused', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } });
    const answer = await get({ query: '{ version }', extensions });
    expectRefused(answer, 400, 'BAD_REQUEST');
  });
});

describe('status when data came back', () => {
  // A service whose only Neo4j connection a test holds, and which waits 100 ms for one: its round trips fail with
  // SERVICE_UNAVAILABLE (503) while `version`, which needs no database, still resolves.
  let starved: TestService;

  beforeAll(async () => {
    starved = await startTestService(testConfig({ NEO4J_MAX_POOL_SIZE: '1', NEO4J_QUERY_TIMEOUT_MS: '100', REQUEST_TIMEOUT_MS: '10000' }));
    // Its one connection, once made (within the 100 ms it is given for that), stays in the pool.
    await eventually(async () => (await post({ query: '{ actor(id: "vladimir-putin") { name } }' }, {}, starved)).body?.data?.actor != null, 40, 250);
  });

  afterAll(async () => {
    await starved?.close();
  });

  it('data that is not null is 200 even when a field failed with SERVICE_UNAVAILABLE; no data at all is 503', async () => {
    const session = starved.db.driver.session();
    const held = await session.beginTransaction();
    try {
      await held.run('RETURN 1');
      const partial = await post({ query: '{ version actor(id: "vladimir-putin") { name } }' }, { accept: graphqlResponseJson }, starved);
      expect(partial.status, partial.text).toBe(200);
      expect(partial.body?.data).toEqual({ version: expect.any(String), actor: null });
      expect(partial.body?.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);

      // actors is non-null: its error nulls the whole data.
      const none = await post({ query: '{ version actors(first: 1) { totalCount } }' }, { accept: graphqlResponseJson }, starved);
      expect(none.status, none.text).toBe(503);
      expect(none.body?.data).toBeNull();
      expect(none.body?.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(none.headers.get('cache-control')).toBe('no-store');
    } finally {
      await held.rollback();
      await session.close();
    }
    const after = await post({ query: '{ actor(id: "vladimir-putin") { name } }' }, {}, starved);
    expect(after.body).toEqual({ data: { actor: { name: 'Vladimir Putin' } } });
  });
});

describe('every error is JSON with a code, never HTML', () => {
  it('paths, methods and bodies the API does not take', async () => {
    const answers = await Promise.all([
      send({ path: '/nothing-here', headers: { accept: applicationJson } }),
      send({ path: '/nothing-here', method: 'POST', headers: { 'content-type': 'application/json', accept: graphqlResponseJson }, body: '{}' }),
      send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ version }', padding: 'x'.repeat(1_100_000) }) }),
      send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{"query":"{ version }"}]' }),
      send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '42' }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 413, 400, 400]);
    for (const answer of answers) {
      expect(answer.headers.get('content-type'), answer.text.slice(0, 200)).toMatch(/^application\/(graphql-response\+)?json; charset=utf-8$/);
      expect(answer.body?.errors?.[0]?.extensions?.code, answer.text.slice(0, 200)).toEqual(expect.any(String));
      expect(answer.text).not.toMatch(/<html|<pre>|\bat .+\.(js|ts):\d+/i);
    }
    expect(answers[1]!.headers.get('content-type')).toBe(`${graphqlResponseJson}; charset=utf-8`);
  });
});
