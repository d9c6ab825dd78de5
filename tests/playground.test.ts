/**
 * The playground: GraphiQL served by the service itself, run in headless Chromium where every request that would
 * leave the loopback interface fails (tests/support.ts), against the real service over the seed graph.
 *
 * PLAYGROUND_SCREENSHOT=/tmp/playground.png saves what the browser showed after running the example.
 */
import { readdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleVariables, loadExamples, operationsDir } from '../src/playground/examples.js';
import { playgroundCsp } from '../src/playground/page.js';
import { ActorNameDocument } from './generated/operations.js';
import { browserTimeoutMs, launchChromium, recordOffLoopback, run, startTestService, type TestService } from './support.js';

describe('the playground', () => {
  let service: TestService;
  let browser: Browser | undefined;
  beforeAll(async () => {
    service = await startTestService();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it('is the page a browser gets at /graphql and at /playground, under a CSP that allows only this origin', async () => {
    for (const path of ['/graphql', '/playground']) {
      const response = await fetch(`${service.url}${path}`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy'), path).toBe(playgroundCsp);
      const html = await response.text();
      expect(html).toContain('<div id="graphiql">');

      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '').filter((url) => !url.startsWith('data:'));
      expect(assets).toHaveLength(6);
      for (const asset of assets) {
        expect(asset, 'served from this origin').toMatch(/^\/playground\/assets\//);
        const file = await fetch(`${service.url}${asset}`);
        expect(file.status, asset).toBe(200);
        expect(file.headers.get('content-type'), asset).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/);
        await file.arrayBuffer();
      }
    }
    expect(playgroundCsp).toContain("default-src 'self'");
    expect(playgroundCsp).toContain("script-src 'self';");
    expect(playgroundCsp).not.toMatch(/unsafe-eval|https?:|\*/);

    const unknownAsset = await fetch(`${service.url}/playground/assets/package.json`);
    expect(unknownAsset.status).toBe(404);
  });

  it('leaves every other /graphql request to Apollo', async () => {
    const posted = await run(service, ActorNameDocument, { id: 'vladimir-putin' });
    expect(posted.errors).toBeUndefined();
    expect(posted.data).toEqual({ actor: { name: 'Vladimir Putin' } });

    const query = encodeURIComponent('{ __typename }');
    const got = await fetch(`${service.url}/graphql?query=${query}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(got.status).toBe(200);
    expect(got.headers.get('vary')).toMatch(/accept/i);
    expect(await got.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('offers each operations/*.graphql document as a tab whose variables reach the seed graph', async () => {
    const files = readdirSync(operationsDir).filter((file) => file.endsWith('.graphql'));
    const examples = loadExamples();
    expect(examples.map((example) => example.operationName)).toEqual(Object.keys(exampleVariables));
    expect(examples.map((example) => `${example.operationName}.graphql`).sort()).toEqual(files.sort());
    for (const example of examples) {
      expect(example.description, example.operationName).not.toBe('');
      const response = await service.gql<Record<string, unknown>>(example.query, example.variables);
      expect(response.errors, example.operationName).toBeUndefined();
      const [result] = Object.values(response.data ?? {});
      expect(result, example.operationName).toBeTruthy();
      if (Array.isArray(result)) expect(result.length, example.operationName).toBeGreaterThan(0);
    }
  });

  it('runs the ActorPositions example in headless Chromium without a request leaving the machine', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const offLoopback = recordOffLoopback(context);
      const page = await context.newPage();
      page.setDefaultTimeout(browserTimeoutMs);
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });

      const response = await page.goto(`${service.url}/graphql`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toBe(playgroundCsp);

      const tabs = page.getByRole('tab');
      await tabs.first().waitFor();
      expect((await tabs.allInnerTexts()).map((title) => title.trim())).toEqual(Object.keys(exampleVariables));
      await page.getByRole('tab', { name: 'ActorPositions' }).click();
      const variables = page.locator('.graphiql-editor-tool .CodeMirror');
      await variables.getByText('vladimir-putin').waitFor();

      await page.getByRole('button', { name: /execute query/i }).click();
      const resultPane = page.locator('.result-window');
      await resultPane.getByText('Vladimir Putin').first().waitFor();
      await resultPane.getByText('SUPPORTS').first().waitFor();

      const shown = await resultPane.locator('.CodeMirror').evaluate((editor: { CodeMirror: { getValue(): string } }) => editor.CodeMirror.getValue());
      const result = JSON.parse(shown) as { data?: { actor: { name: string; positions: { nodes: Array<{ stance: string; evidence: Array<{ text: string }> }> } } } };
      expect(result.data?.actor.name).toBe('Vladimir Putin');
      expect(result.data?.actor.positions.nodes.map((position) => position.stance)).toContain('SUPPORTS');
      expect(result.data?.actor.positions.nodes.every((position) => position.evidence.length > 0)).toBe(true);

      if (process.env.PLAYGROUND_SCREENSHOT) await page.screenshot({ path: process.env.PLAYGROUND_SCREENSHOT });
      expect(offLoopback).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
