/**
 * A request's deadline and read budget, through GraphQL on the real Neo4j: a service configured with a short
 * REQUEST_TIMEOUT_MS answers QUERY_TIMEOUT (504) promptly when Neo4j keeps it waiting (a write blocked on a lock
 * another transaction holds; a read waiting for a connection), leaves no work behind in Neo4j, and answers as before
 * afterwards; a service with small REQUEST_MAX_ROWS / REQUEST_MAX_BYTES stops a request that reads past them with
 * RESULT_TOO_LARGE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { QueryEvent } from '../src/neo4j/database.js';
import { ActorIdsPageDocument, ActorNameDocument } from './generated/operations.js';
import { bearer, cypher, dataOf, eventually, ownedData, run, startTestService, testConfig, type GraphQLResponse, type TestService } from './support.js';

const owned = ownedData('deadline');

/** The deadline of the `tight` service, and how late past it an answer may come on a busy machine. */
const deadlineMs = 500;
const marginMs = 1_500;

/** A mutation with a name of its own, so its Neo4j transactions can be found by their metadata. */
const blockedWrite = `mutation DeadlineBlockedWrite($input: UpsertActorInput!) { upsertActor(input: $input) { actor { id name } } }`;
const starvedRead = `query DeadlineStarvedRead { actor(id: "vladimir-putin") { name positions { nodes { stance topic { id } } } } }`;

let tight: TestService;
const tightEvents: QueryEvent[] = [];

/** POSTs a document to a service and times the answer. */
async function timed<TData>(service: TestService, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
  const started = performance.now();
  const answer: GraphQLResponse<TData> = await service.gql<TData>(query, variables, headers);
  return { answer, ms: performance.now() - started };
}

/** Neo4j transactions still open whose metadata names the operation. */
async function openTransactions(operation: string): Promise<number> {
  const rows = await cypher(
    owned.service.db,
    'openTransactionsOfOperation',
    'SHOW TRANSACTIONS YIELD metaData WHERE metaData.operation = $operation RETURN count(*) AS open',
    { operation },
  );
  return Number(rows[0]?.open);
}

/** The tight service answers an ordinary read (its first ones, on a cold pool, may not fit the short deadline). */
async function answersReads(service: TestService): Promise<void> {
  await eventually(async () => (await run(service, ActorNameDocument, { id: 'vladimir-putin' })).data?.actor?.name === 'Vladimir Putin', 20, 250);
}

beforeAll(async () => {
  await owned.start();
  // One pooled connection, so a test can hold it; editor tokens shared with `owned`.
  tight = await startTestService(
    testConfig({
      REQUEST_TIMEOUT_MS: String(deadlineMs),
      NEO4J_MAX_POOL_SIZE: '1',
      STANCEGRAPH_API_KEYS: `editor:${owned.tokens.editor}`,
    }),
  );
  tight.db.onQuery((event) => tightEvents.push(event));
  await answersReads(tight);
});

afterAll(async () => {
  await tight?.close();
  await owned.cleanup();
});

describe('configuration', () => {
  it('REQUEST_TIMEOUT_MS defaults to NEO4J_QUERY_TIMEOUT_MS; the read limits to 200,000 rows and 64 MB', () => {
    const base = { NEO4J_URI: 'bolt://localhost:7687' };
    expect(loadConfig(base)).toMatchObject({ REQUEST_TIMEOUT_MS: 10_000, REQUEST_MAX_ROWS: 200_000, REQUEST_MAX_BYTES: 64 * 1024 * 1024 });
    expect(loadConfig({ ...base, NEO4J_QUERY_TIMEOUT_MS: '3000' }).REQUEST_TIMEOUT_MS).toBe(3_000);
    expect(loadConfig({ ...base, REQUEST_TIMEOUT_MS: '2500' }).REQUEST_TIMEOUT_MS).toBe(2_500);
    expect(() => loadConfig({ ...base, REQUEST_TIMEOUT_MS: '5', REQUEST_MAX_ROWS: 'many' })).toThrowError(/REQUEST_TIMEOUT_MS[\s\S]*REQUEST_MAX_ROWS: must be a number/);
  });
});

describe('the deadline', () => {
  it('a write blocked on a lock: QUERY_TIMEOUT within the deadline, its transaction ended by Neo4j, nothing written', async () => {
    const id = owned.id('locked');
    dataOf(await owned.service.gql(blockedWrite, { input: { id, name: 'Before the lock', kind: 'PERSON' } }, bearer(owned.tokens.editor)));

    // Another client's transaction holds the actor's write lock for as long as this test needs.
    tightEvents.length = 0;
    const session = owned.service.db.driver.session();
    const holder = await session.beginTransaction();
    try {
      await holder.run('MATCH (a:Actor {id: $id}) SET a.name = a.name RETURN a.id', { id });
      const { answer, ms } = await timed(tight, blockedWrite, { input: { id, name: 'Past the deadline', kind: 'PERSON' } }, bearer(owned.tokens.editor));
      expect(answer.status, JSON.stringify(answer)).toBe(504);
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TIMEOUT']);
      expect(answer.data).toBeUndefined();
      expect(ms).toBeLessThan(deadlineMs + marginMs);
      // Its transaction was started with the time left as its timeout (not NEO4J_QUERY_TIMEOUT_MS, 10 s): Neo4j ends it
      // while the lock is still held (Neo4j checks timeouts every second or two), and nothing of it stays open.
      await eventually(() => tightEvents.some((event) => event.operation === 'DeadlineBlockedWrite'), 40, 250);
      expect(tightEvents.filter((event) => event.operation === 'DeadlineBlockedWrite').map(({ ok, sent }) => ({ ok, sent }))).toEqual([{ ok: false, sent: true }]);
      expect(await openTransactions('DeadlineBlockedWrite')).toBe(0);
    } finally {
      await holder.rollback();
      await session.close();
    }
    expect(dataOf(await run(owned.service, ActorNameDocument, { id })).actor?.name).toBe('Before the lock');
  });

  it('a read waiting for a connection: QUERY_TIMEOUT within the deadline; once a connection comes, nothing is sent', async () => {
    // This test holds the tight service's only pooled connection.
    const session = tight.db.driver.session();
    const holder = await session.beginTransaction();
    tightEvents.length = 0;
    try {
      await holder.run('RETURN 1');
      const { answer, ms } = await timed(tight, starvedRead);
      expect(answer.status, JSON.stringify(answer)).toBe(504);
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TIMEOUT']);
      expect(ms).toBeLessThan(deadlineMs + marginMs);
      expect(tightEvents).toEqual([]);
    } finally {
      await holder.rollback();
      await session.close();
    }
    // The round trip that waited got the connection after the deadline: it ended without sending its query, and
    // nothing else of the request reached Neo4j.
    await eventually(() => tightEvents.length > 0, 40, 250);
    expect(tightEvents.map(({ operation, ok, sent }) => ({ operation, ok, sent }))).toEqual([{ operation: 'DeadlineStarvedRead', ok: false, sent: false }]);
  });

  it('the service answers as before afterwards, within the same deadline', async () => {
    await answersReads(tight);
    // The read that was starved, now with its connection free (retried only if a busy machine makes it miss the deadline).
    let answer: GraphQLResponse | undefined;
    await eventually(async () => {
      answer = (await timed<Record<string, unknown>>(tight, starvedRead)).answer;
      return answer.errors === undefined;
    }, 10, 250);
    expect(answer?.data).toMatchObject({ actor: { name: 'Vladimir Putin', positions: { nodes: expect.any(Array) } } });
    expect((await fetch(`${tight.url}/health`)).status).toBe(200);
  });
});

describe('the read budget', () => {
  let small: TestService;

  beforeAll(async () => {
    small = await startTestService(testConfig({ REQUEST_MAX_ROWS: '20', REQUEST_MAX_BYTES: '20000' }));
  });

  afterAll(async () => {
    await small?.close();
  });

  it('a page under the row limit is read; one past it is RESULT_TOO_LARGE (400, no data)', async () => {
    const page = dataOf(await run(small, ActorIdsPageDocument, { first: 10 }));
    expect(page.list.edges).toHaveLength(10);

    const tooMany = await run(small, ActorIdsPageDocument, { first: 50 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.data).toBeUndefined();
    expect(tooMany.errors).toEqual([{ message: expect.stringMatching(/more than 20 rows/), extensions: { code: 'RESULT_TOO_LARGE', rows: 20 } }]);
  });

  it('the rows of all the round trips of a request count together', async () => {
    const one = `{ actors(first: 15) { edges { node { id } } } }`;
    expect((await small.gql(one)).errors).toBeUndefined();
    const two = await small.gql(`{ a: actors(first: 15) { edges { node { id } } } b: issues(first: 15) { edges { node { id } } } }`);
    expect(two.status).toBe(400);
    expect(two.errors?.map((error) => error.extensions?.code)).toEqual(['RESULT_TOO_LARGE']);
  });

  it('a few rows holding long texts go past the byte limit', async () => {
    const texts = await small.gql(`{ sources(first: 10) { edges { node { id text } } } }`);
    expect(texts.status).toBe(400);
    expect(texts.errors).toEqual([{ message: expect.stringMatching(/was stopped/), extensions: { code: 'RESULT_TOO_LARGE', bytes: 20_000 } }]);
    // The same sources without their texts fit.
    expect((await small.gql(`{ sources(first: 10) { edges { node { id } } } }`)).errors).toBeUndefined();
  });

  it('the service answers as before afterwards', async () => {
    expect(dataOf(await run(small, ActorNameDocument, { id: 'vladimir-putin' })).actor?.name).toBe('Vladimir Putin');
  });
});
