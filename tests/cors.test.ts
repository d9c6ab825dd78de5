/**
 * Calling the API from a browser app on another origin (CORS), in headless Chromium: a page served from one
 * loopback port calls the service on another with fetch. The origin named in CORS_ORIGINS reads and, with a
 * Bearer token, writes; a page on an origin not named is stopped by the browser itself.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { browserTimeoutMs, launchChromium, recordOffLoopback, startTestService, testConfig, type TestService } from './support.js';

/** What the page's script reports back: the response, or the error fetch rejected with. */
type CallResult = { ok: true; status: number; body: unknown } | { ok: false; error: string };

/** The app: one page whose script calls the API with fetch, as any frontend would. */
const appPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>another app</title></head><body>
<script>
  window.callApi = async (url, init) => {
    try {
      const response = await fetch(url, init);
      return { ok: true, status: response.status, body: await response.json() };
    } catch (error) {
      return { ok: false, error: error.name + ': ' + error.message };
    }
  };
</script>
</body></html>`;

interface AppServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves the app page on its own loopback port, so its origin differs from the service's by the port. */
async function serveApp(): Promise<AppServer> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(appPage);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the service answered, as seen at the service: method, Origin asked from, Access-Control-Allow-Origin given. */
interface Answered {
  method: string;
  origin: string | undefined;
  allowOrigin: string | undefined;
  status: number;
}

const preflightFrom = (origin: string) => ({
  origin,
  'access-control-request-method': 'POST',
  'access-control-request-headers': 'authorization,content-type',
});

const editorToken = randomBytes(24).toString('hex');
const actorId = `cors-test-${randomBytes(4).toString('hex')}`;

describe('a browser app on another origin', () => {
  let allowedApp: AppServer;
  let deniedApp: AppServer;
  let service: TestService;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let offLoopback: string[] = [];
  const answered: Answered[] = [];

  beforeAll(async () => {
    allowedApp = await serveApp();
    deniedApp = await serveApp();
    service = await startTestService(testConfig({ CORS_ORIGINS: allowedApp.origin, STANCEGRAPH_API_KEYS: `editor:${editorToken}` }));
    service.server.httpServer.on('request', (req, res) => {
      res.on('finish', () => {
        const allowOrigin = res.getHeader('access-control-allow-origin');
        answered.push({ method: req.method ?? '', origin: req.headers.origin, allowOrigin: allowOrigin === undefined ? undefined : String(allowOrigin), status: res.statusCode });
      });
    });
    browser = await launchChromium();
    context = await browser.newContext();
    offLoopback = recordOffLoopback(context);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await service?.db.runner('cleanup').exec('cleanupCorsTest', 'MATCH (n) WHERE n.id = $id OR (n:Change AND $id IN n.targetIds) DETACH DELETE n', { id: actorId });
    await service?.close();
    await allowedApp?.close();
    await deniedApp?.close();
  });

  /** Opens the app page at `origin` and runs one fetch from it, collecting what the console said. */
  async function callFrom(origin: string, path: string, init: RequestInit): Promise<{ result: CallResult; messages: string[] }> {
    if (!context) throw new Error('Chromium did not start');
    const page: Page = await context.newPage();
    page.setDefaultTimeout(browserTimeoutMs);
    const messages: string[] = [];
    page.on('console', (message) => messages.push(message.text()));
    try {
      await page.goto(`${origin}/`, { waitUntil: 'load' });
      const result = await page.evaluate(
        ([url, options]) => (globalThis as unknown as { callApi(url: string, init: RequestInit): Promise<CallResult> }).callApi(url, options),
        [`${service.url}${path}`, init] as const,
      );
      return { result, messages };
    } finally {
      await page.close();
    }
  }

  const graphql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });

  it('answers a preflight with the methods and headers a GraphQL client sends, for the allowed origin only', async () => {
    const allowed = await fetch(`${service.url}/graphql`, { method: 'OPTIONS', headers: preflightFrom(allowedApp.origin) });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(allowedApp.origin);
    expect(allowed.headers.get('access-control-allow-methods')?.split(',')).toEqual(['GET', 'POST']);
    const allowedHeaders = allowed.headers.get('access-control-allow-headers')?.toLowerCase().split(',') ?? [];
    expect(allowedHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name']));
    expect(allowed.headers.get('access-control-max-age')).toBe('600');
    expect(allowed.headers.get('vary')).toMatch(/\borigin\b/i);
    // Tokens travel in Authorization, never in cookies: no credentials mode, whatever the origin.
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();

    const denied = await fetch(`${service.url}/graphql`, { method: 'OPTIONS', headers: preflightFrom(deniedApp.origin) });
    expect(denied.status).toBe(204);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(denied.headers.get('access-control-allow-methods')).toBeNull();
    expect(denied.headers.get('vary')).toMatch(/\borigin\b/i);
  });

  it('lets a page on the allowed origin read the graph', async () => {
    const { result } = await callFrom(allowedApp.origin, '/graphql', graphql('{ actor(id: "vladimir-putin") { name } }'));
    expect(result).toEqual({ ok: true, status: 200, body: { data: { actor: { name: 'Vladimir Putin' } } } });
  });

  it('lets a page on the allowed origin write with a Bearer token', async () => {
    const mutation = 'mutation Upsert($input: UpsertActorInput!) { upsertActor(input: $input) { actor { id name } } }';
    const input = { id: actorId, name: 'CORS Test Actor', kind: 'PERSON' };
    const { result } = await callFrom(allowedApp.origin, '/graphql', graphql(mutation, { input }, { authorization: `Bearer ${editorToken}` }));
    expect(result).toEqual({ ok: true, status: 200, body: { data: { upsertActor: { actor: { id: actorId, name: 'CORS Test Actor' } } } } });

    const stored = await service.gql<{ actor: { name: string } | null }>('query Stored($id: ID!) { actor(id: $id) { name } }', { id: actorId });
    expect(stored.data).toEqual({ actor: { name: 'CORS Test Actor' } });
    const posts = answered.filter((entry) => entry.method === 'POST' && entry.origin === allowedApp.origin);
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts.every((entry) => entry.allowOrigin === allowedApp.origin)).toBe(true);
  });

  it('leaves a page on an origin not allowed to be stopped by the browser', async () => {
    const before = answered.length;
    const { result, messages } = await callFrom(deniedApp.origin, '/graphql', graphql('{ actor(id: "vladimir-putin") { name } }'));
    expect(result).toEqual({ ok: false, error: 'TypeError: Failed to fetch' });
    expect(messages.join('\n')).toMatch(/blocked by CORS policy/);

    // The browser asked first (JSON is not a simple request), got no Access-Control-Allow-Origin, and never sent the query.
    const fromDenied = answered.slice(before).filter((entry) => entry.origin === deniedApp.origin);
    expect(fromDenied).toEqual([{ method: 'OPTIONS', origin: deniedApp.origin, allowOrigin: undefined, status: 204 }]);

    // A simple GET needs no preflight and reaches the server, which refuses it (CSRF prevention) without
    // Access-Control-Allow-Origin, so the page cannot read even that answer.
    const simple = await callFrom(deniedApp.origin, `/graphql?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET' });
    expect(simple.result).toEqual({ ok: false, error: 'TypeError: Failed to fetch' });
    const simpleAnswer = answered.slice(before).filter((entry) => entry.origin === deniedApp.origin && entry.method === 'GET');
    expect(simpleAnswer).toEqual([{ method: 'GET', origin: deniedApp.origin, allowOrigin: undefined, status: 400 }]);

    expect(offLoopback).toEqual([]);
  });
});

describe('CORS_ORIGINS', () => {
  it('defaults to any local port in development and test, and to no other origin in production', () => {
    const base = { NEO4J_URI: 'bolt://localhost:7687' };
    const local = [
      { origin: 'http://localhost', anyPort: true },
      { origin: 'http://127.0.0.1', anyPort: true },
    ];
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).corsOrigins).toEqual(local);
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).corsOrigins).toEqual(local);
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).corsOrigins).toEqual([]);
    expect(loadConfig({ ...base, CORS_ORIGINS: 'none' }).corsOrigins).toEqual([]);
    expect(loadConfig({ ...base, CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
    expect(loadConfig({ ...base, NODE_ENV: 'production', CORS_ORIGINS: 'https://app.example.org, http://localhost:*' }).corsOrigins).toEqual([
      { origin: 'https://app.example.org', anyPort: false },
      { origin: 'http://localhost', anyPort: true },
    ]);
  });

  it('refuses at start what is not an origin as browsers send it, naming CORS_ORIGINS and the entry', () => {
    const refused = (value: string, message: RegExp) =>
      expect(() => loadConfig({ NEO4J_URI: 'bolt://localhost:7687', CORS_ORIGINS: value }), value).toThrowError(message);
    refused('https://app.example.org/', /CORS_ORIGINS: "https:\/\/app\.example\.org\/" is not an origin as browsers send it: write https:\/\/app\.example\.org$/m);
    refused('https://App.Example.org', /CORS_ORIGINS: .*write https:\/\/app\.example\.org$/m);
    refused('http://localhost:80', /CORS_ORIGINS: .*write http:\/\/localhost$/m);
    refused('app.example.org', /CORS_ORIGINS: "app\.example\.org" is not an origin: expected scheme:\/\/host/);
    refused('ftp://files.example.org', /CORS_ORIGINS: .*must start with http:\/\/ or https:\/\//);
    refused('https://*.example.org', /CORS_ORIGINS: .*wildcard in the host/);
    refused('http://localhost:3000:*', /CORS_ORIGINS: .*(not an origin|both a port)/);
    refused('*, https://app.example.org', /CORS_ORIGINS: `\*` allows every origin and must stand alone/);
    refused(' , ', /CORS_ORIGINS: names no origin/);
    // Every bad entry is named, not only the first.
    refused('https://a.example.org/, https://b.example.org/', /a\.example\.org[\s\S]*CORS_ORIGINS: "https:\/\/b\.example\.org\/"/);
  });

  it('is answered per configuration: a port wildcard, `*` without credentials, nobody in production, and never a refusal', async () => {
    const preflight = async (service: TestService, origin: string) => {
      const response = await fetch(`${service.url}/graphql`, { method: 'OPTIONS', headers: preflightFrom(origin) });
      return { allowOrigin: response.headers.get('access-control-allow-origin'), credentials: response.headers.get('access-control-allow-credentials') };
    };

    const development = await startTestService(testConfig({ NODE_ENV: 'development' }));
    try {
      expect(await preflight(development, 'http://localhost:5173')).toEqual({ allowOrigin: 'http://localhost:5173', credentials: null });
      expect(await preflight(development, 'http://localhost')).toEqual({ allowOrigin: 'http://localhost', credentials: null });
      expect(await preflight(development, 'http://127.0.0.1:8080')).toEqual({ allowOrigin: 'http://127.0.0.1:8080', credentials: null });
      for (const origin of ['https://localhost:5173', 'http://localhost.example.org:5173', 'http://evil.example', 'null']) {
        expect(await preflight(development, origin), origin).toEqual({ allowOrigin: null, credentials: null });
      }
    } finally {
      await development.close();
    }

    const anyOrigin = await startTestService(testConfig({ CORS_ORIGINS: '*' }));
    try {
      expect(await preflight(anyOrigin, 'https://anywhere.example')).toEqual({ allowOrigin: '*', credentials: null });
    } finally {
      await anyOrigin.close();
    }

    const production = await startTestService(testConfig({ NODE_ENV: 'production' }));
    try {
      expect(await preflight(production, 'http://localhost:5173')).toEqual({ allowOrigin: null, credentials: null });
      // CORS only withholds the header browsers check: same-origin pages (the playground), curl and servers are answered.
      const sameOrigin = await production.gql<{ __typename: string }>('{ __typename }', {}, { origin: production.url });
      expect(sameOrigin).toMatchObject({ status: 200, data: { __typename: 'Query' } });
    } finally {
      await production.close();
    }
  });
});
