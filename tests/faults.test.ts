/**
 * Neo4j going away and coming back. This file starts its own Neo4j through the launcher, on a spare loopback
 * port and in its own folder, so it can stop it without touching the shared test database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBundledNeo4j, type BundledNeo4j } from '../neo4j/launcher.js';
import { loadConfig } from '../src/config.js';
import { startService, type RunningService } from '../src/main.js';
import { seedStep } from '../src/seed/serve.js';
import { ActorNameDocument, ActorStancesDocument, ActorsTotalDocument, NodeIdsDocument, UpsertActorDocument, VersionDocument } from './generated/operations.js';
import { bearer, eventually, freeLoopbackPort, run, type GraphQLResponse, type Variables } from './support.js';

const password = 'stancegraph-faults';
const editorToken = 'faults-editor-token-0123456789';
let port: number;
let dataDir: string;
let neo4j: BundledNeo4j | undefined;
let service: RunningService;
let base: string;

const startNeo4j = async () => {
  neo4j = await startBundledNeo4j({ port, dataDir, password });
};

/** Sends a typed document, with the editor's token, to the service whose Neo4j comes and goes. */
function query<TData, TVariables extends Variables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<GraphQLResponse<TData>> {
  return run({ url: base }, document, variables, bearer(editorToken));
}

beforeAll(async () => {
  port = await freeLoopbackPort();
  dataDir = mkdtempSync(join(tmpdir(), 'stancegraph-faults-'));
  // Neo4j is down when the service starts.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    NEO4J_URI: `bolt://127.0.0.1:${port}`,
    NEO4J_PASSWORD: password,
    NEO4J_QUERY_TIMEOUT_MS: '3000',
    // Each query is cut at 3 s; a whole request is not (tests/deadline.test.ts is about that): the first requests on
    // a JVM just restarted on a busy machine may take several slow round trips.
    REQUEST_TIMEOUT_MS: '60000',
    STANCEGRAPH_API_KEYS: `editor:${editorToken}`,
  });
  // As npm start runs it: migrations, then the seed loaded into the empty database once Neo4j answers.
  service = await startService(config, { prepare: seedStep(config) });
  base = `http://127.0.0.1:${service.port}`;
}, 60_000);

afterAll(async () => {
  await service?.close();
  await neo4j?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Neo4j down, then up, then restarted', () => {
  it('starts anyway: healthy, not ready, queries answer SERVICE_UNAVAILABLE without a stack trace', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(503);
    const started = Date.now();
    const { status, ...body } = await query(ActorNameDocument, { id: 'vladimir-putin' });
    expect(Date.now() - started).toBeLessThan(10_000);
    // `actor` is nullable, so the answer has data ({ actor: null }): 200, as GraphQL over HTTP requires; with no data, 503.
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|Neo4jError|ECONNREFUSED|\.ts:\d+/);
    const noData = await query(ActorsTotalDocument, {});
    expect(noData.status).toBe(503);
    expect(noData.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    // Fields that do not touch Neo4j still answer.
    expect((await query(VersionDocument, {})).data!.version).toMatch(/\d/);
  });

  it('recovers by itself when Neo4j comes up: migrations applied, seed loaded, ready', async () => {
    await startNeo4j();
    await eventually(async () => (await fetch(`${base}/ready`)).status === 200);
    const response = await query(ActorStancesDocument, { id: 'vladimir-putin' });
    expect(response.errors).toBeUndefined();
    expect(response.data!.actor!.name).toBe('Vladimir Putin');
    expect(response.data!.actor!.positions.nodes.length).toBeGreaterThan(0);
  }, 360_000);

  it('reports the outage while Neo4j is stopped and serves again after a restart', async () => {
    await neo4j!.stop();
    const during = await query(ActorsTotalDocument, {});
    expect(during.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${base}/ready`)).status).toBe(503);
    await startNeo4j();
    await eventually(async () => {
      const { data } = await query(ActorsTotalDocument, {});
      return (data?.actors.totalCount ?? 0) > 0;
    });
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  }, 360_000);

  it('loses no acknowledged write when Neo4j stops and restarts during a loop of writes, and reports the failures', async () => {
    const acknowledged: string[] = [];
    const failed: Array<{ id: string; code: unknown }> = [];
    let restart: Promise<void> | undefined;
    const writes = 40;
    for (let index = 0; index < writes; index++) {
      const id = `fault-write-${index}`;
      if (index === 10) {
        // Stop Neo4j mid-loop and bring it back while the loop goes on.
        await neo4j!.stop();
        restart = (async () => {
          await new Promise((resolve) => setTimeout(resolve, 2_000));
          await startNeo4j();
        })();
      }
      const started = Date.now();
      const { status, ...body } = await query(UpsertActorDocument, { input: { id, name: `Fault ${index}`, kind: 'PERSON' } });
      // No request hangs beyond the query timeout plus connection set-up.
      expect(Date.now() - started).toBeLessThan(15_000);
      if (body.data?.upsertActor.actor.id === id) acknowledged.push(id);
      else {
        // Reported, not swallowed: an error with a code (503 when Neo4j is away, 504 when the request ran out of time).
        expect(status).toBeLessThanOrEqual(504);
        expect(body.errors?.length).toBeGreaterThan(0);
        failed.push({ id, code: body.errors?.[0]?.extensions?.code });
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await restart;
    await eventually(async () => (await fetch(`${base}/ready`)).status === 200);
    expect(failed.length).toBeGreaterThan(0);
    for (const failure of failed) expect(['SERVICE_UNAVAILABLE', 'QUERY_TIMEOUT']).toContain(failure.code);
    expect(acknowledged.length).toBeGreaterThan(10);
    const { data } = await query(NodeIdsDocument, { ids: acknowledged });
    expect(data!.nodes.map((node) => node?.id)).toEqual(acknowledged);
    expect(acknowledged.length + failed.length).toBe(writes);
  }, 360_000);
});
