/**
 * What the explorer's browser tests share: a page of the explorer in real Chromium (offline but for the service on
 * loopback) that records console errors, page errors and failed requests, so each test can require none.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { recordOffLoopback, type TestService } from './support.js';

export interface ExplorerPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and warnings, uncaught page errors and failed requests (but those the client cancelled), as lines. */
  problems: string[];
  /** Requests for anything but loopback (each fails): the explorer must need none. */
  offLoopback: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  width?: number;
  height?: number;
  /** Sent as `Authorization: Bearer` by the explorer (the review queue): put in sessionStorage before the page loads. */
  token?: string;
}

export async function openExplorer(browser: Browser, service: TestService, path = '/explore', options: OpenOptions = {}): Promise<ExplorerPage> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 } });
  const offLoopback = recordOffLoopback(context);
  if (options.token) {
    await context.addInitScript(`sessionStorage.setItem('stancegraph-explorer-token', ${JSON.stringify(options.token)})`);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // ERR_ABORTED: the client cancelled a query it no longer needs (the search box's words changed), as it should.
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${reason})`);
  });
  await page.goto(`${service.url}${path}`);
  return { page, context, problems, offLoopback, close: () => context.close() };
}

/** What the explorer puts on `window` for tests (explorer/debug.ts), as seen from a test without DOM types. */
interface PageGlobals {
  stancegraphExplorer?: { nodePosition(graph: string, node: string): { x: number; y: number } | null; nodes(graph: string): string[] };
}

/** Waits for a drawn graph (explorer/debug.ts) to hold `node`, and returns where to click it. */
export async function nodePosition(page: Page, graph: string, node: string): Promise<{ x: number; y: number }> {
  // A function, not a string: the page's CSP forbids eval, which Playwright's polling of a string would need.
  const handle = await page.waitForFunction(
    ([g, n]) => (globalThis as unknown as PageGlobals).stancegraphExplorer?.nodePosition(g, n) ?? null,
    [graph, node] as const,
  );
  const position = (await handle.jsonValue()) as { x: number; y: number } | null;
  if (!position) throw new Error(`node ${node} is not drawn in graph ${graph}`);
  return position;
}
