import { createServer as createNetServer, type AddressInfo } from 'node:net';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { VersionDocument } from './generated/operations.js';
import { run, startTestService, testConfig, type TestService } from './support.js';

describe('the service on the real Neo4j', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service.close();
  });

  it('answers GraphQL at /graphql', async () => {
    const response = await run(service, VersionDocument, {});
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ __typename: 'Query', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('says it is healthy and ready', async () => {
    const health = await fetch(`${service.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', neo4j: 'up' });
  });

  it('reaches Neo4j over Bolt and runs Cypher (APOC core loaded, indexes online)', async () => {
    const { uri, user, password, database } = inject('neo4j');
    expect(uri).toMatch(/^(bolt|neo4j)(\+s|\+ssc)?:\/\//);
    const driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
    try {
      const { records } = await driver.executeQuery(
        'RETURN apoc.text.clean($name) AS cleaned, 6 * 7 AS answer',
        { name: 'Zélensky' },
        { database },
      );
      expect(records[0]?.get('cleaned')).toBe('zelensky');
      expect(records[0]?.get('answer').toNumber()).toBe(42);
      const indexes = await driver.executeQuery(
        "SHOW INDEXES YIELD name, state WHERE name IN ['entity_search', 'actor_id'] RETURN name, state ORDER BY name",
        {},
        { database },
      );
      expect(indexes.records.map((record) => [record.get('name'), record.get('state')])).toEqual([
        ['actor_id', 'ONLINE'],
        ['entity_search', 'ONLINE'],
      ]);
    } finally {
      await driver.close();
    }
  });
});

describe('when Neo4j is unreachable', () => {
  let service: TestService;
  beforeAll(async () => {
    // A loopback port with nothing behind it: bind, note the port, release it.
    const port = await new Promise<number>((resolve) => {
      const probe = createNetServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    service = await startTestService(testConfig({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_QUERY_TIMEOUT_MS: '2000' }));
  });
  afterAll(async () => {
    await service.close();
  });

  it('is still healthy but not ready (503)', async () => {
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', neo4j: 'down' });
  });
});

describe('configuration', () => {
  it('names every bad variable and why', () => {
    expect(() => loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://x', NEO4J_QUERY_TIMEOUT_MS: '5' })).toThrowError(
      /PORT: must be a number[\s\S]*NEO4J_URI: must be a bolt:\/\/[\s\S]*NEO4J_QUERY_TIMEOUT_MS/,
    );
  });

  it('requires NEO4J_URI and accepts Aura and cluster URIs', () => {
    expect(() => loadConfig({})).toThrowError(/NEO4J_URI: is required/);
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://abcd1234.databases.neo4j.io' }).NEO4J_URI).toBe('neo4j+s://abcd1234.databases.neo4j.io');
  });

  it('turns introspection off in production unless asked for', () => {
    expect(loadConfig({ NEO4J_URI: 'bolt://localhost:7687', NODE_ENV: 'production' }).GRAPHQL_INTROSPECTION).toBe(false);
    expect(loadConfig({ NEO4J_URI: 'bolt://localhost:7687', NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).GRAPHQL_INTROSPECTION).toBe(true);
    expect(loadConfig({ NEO4J_URI: 'bolt://localhost:7687' }).GRAPHQL_INTROSPECTION).toBe(true);
  });
});
