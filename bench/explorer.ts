/**
 * The explorer benchmark (`--ops explorer`): the bundle's size, then in headless Chromium against a stancegraph
 * server on the store, each load in a fresh browser context (an empty cache: a cold first visit):
 *   - the first load of /explore: until the frame is drawn (the app booted) and until the front page's data shows;
 *   - the actor view of the store's busiest actor (most positions): until its ego network is drawn and every part
 *     of the view has its data.
 * Times are the page's own clock (performance.now(), from navigation start). The first visit of each kind warms the
 * server (its caches and Neo4j's query plans) and is reported apart from the cold-browser runs after it.
 */
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildExplorer, explorerBuildDir } from '../scripts/build-explorer.js';
import { findChromium } from '../scripts/chromium.js';
import { median } from './report.js';
import { startServer } from './servers.js';
import type { OpenStore } from './store.js';

interface Timing {
  firstMs: number;
  p50Ms: number;
  maxMs: number;
  reps: number;
}

export interface ExplorerResult {
  bundle: { script: string; scriptKb: number; scriptGzipKb: number; stylesheetKb: number };
  firstLoad: { frame: Timing; data: Timing };
  busiestActor: { id: string; positions: number; view: Timing; members: number };
}

/** The one DOM call the wait makes, typed without the DOM library (bench/ compiles for Node). */
interface QueryablePage {
  document: { querySelector(selector: string): unknown };
}

/** No view part still loading. A function, not a string: the page's CSP forbids eval, which polling a string needs. */
const settled = () => {
  const { document } = globalThis as unknown as QueryablePage;
  return !document.querySelector('.state.loading');
};

async function timeLoad(browser: Browser, url: string, ready: string[]): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url, { waitUntil: 'commit' });
    const times: number[] = [];
    for (const [i, selector] of ready.entries()) {
      await page.waitForSelector(selector, { timeout: 60_000 });
      // The last selector marks the view complete: every part of it has its data, nothing still loading.
      if (i === ready.length - 1) await page.waitForFunction(settled, undefined, { timeout: 60_000, polling: 'raf' });
      times.push(Math.round((await page.evaluate('performance.now()')) as number));
    }
    if (errors.length > 0) throw new Error(`page errors at ${url}: ${errors.join('; ')}`);
    if (await page.$('.state.error')) throw new Error(`the view at ${url} shows an error`);
    return times;
  } finally {
    await context.close();
  }
}

function summarise(samples: number[]): Timing {
  const [first = 0, ...rest] = samples;
  return { firstMs: first, p50Ms: Math.round(median(rest)), maxMs: Math.max(...rest), reps: rest.length };
}

export async function runExplorer(store: OpenStore, options: { reps: number; log: (line: string) => void }): Promise<ExplorerResult> {
  const { log } = options;
  const manifest = await buildExplorer();
  const script = readFileSync(join(explorerBuildDir, manifest.script));
  const bundle = {
    script: manifest.script,
    scriptKb: Math.round(script.length / 1024),
    scriptGzipKb: Math.round(gzipSync(script).length / 1024),
    stylesheetKb: Math.round((manifest.bytes[manifest.stylesheet] ?? 0) / 1024),
  };
  log(`[explorer] bundle ${bundle.script}: ${bundle.scriptKb} KiB (${bundle.scriptGzipKb} KiB gzipped), css ${bundle.stylesheetKb} KiB`);

  const server = await startServer('stancegraph', store.neo4j);
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'] });
  try {
    const reps = Math.max(1, options.reps);
    const frame: number[] = [];
    const data: number[] = [];
    for (let i = 0; i <= reps; i++) {
      const [drawn = 0, shown = 0] = await timeLoad(browser, `${server.url}/explore`, ['main h1', 'main h2']);
      frame.push(drawn);
      data.push(shown);
      log(`[explorer] /explore ${i === 0 ? '(first, warms the server)' : `rep ${i}`}: frame ${drawn} ms, data ${shown} ms`);
    }

    const busiest = store.manifest.fixtures.actorsByDegree[0];
    if (!busiest) throw new Error('the store has no actors');
    const actorUrl = `${server.url}/explore/actor/${encodeURIComponent(busiest.id)}`;
    const view: number[] = [];
    for (let i = 0; i <= reps; i++) {
      const [shown = 0] = await timeLoad(browser, actorUrl, ['[data-graph="actor-network"] canvas']);
      view.push(shown);
      log(`[explorer] actor view of ${busiest.id} ${i === 0 ? '(first, warms the server)' : `rep ${i}`}: ${shown} ms`);
    }
    const members = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($id: ID!) { network(actorIds: [$id], hops: 2, first: 60) { members { distance } } }', variables: { id: busiest.id } }),
    }).then(async (response) => ((await response.json()) as { data?: { network?: { members: unknown[] } } }).data?.network?.members.length ?? 0);
    return {
      bundle,
      firstLoad: { frame: summarise(frame), data: summarise(data) },
      busiestActor: { id: busiest.id, positions: busiest.positions, view: summarise(view), members },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export function markdownExplorer(size: string, result: ExplorerResult): string {
  const { bundle, firstLoad, busiestActor } = result;
  const timing = (t: Timing) => `p50 ${t.p50Ms} ms, max ${t.maxMs} ms over ${t.reps} cold-cache loads (first visit, warming the server: ${t.firstMs} ms)`;
  return [
    `#### Explorer (${size})`,
    '',
    '| What | Result |',
    '|---|---|',
    `| Bundle | ${bundle.script}: ${bundle.scriptKb} KiB (${bundle.scriptGzipKb} KiB gzipped); stylesheet ${bundle.stylesheetKb} KiB |`,
    `| First load of /explore, frame drawn | ${timing(firstLoad.frame)} (target ≤ 1,500 ms) |`,
    `| First load of /explore, front page's data shown | ${timing(firstLoad.data)} |`,
    `| Actor view of the busiest actor (${busiestActor.id}, ${busiestActor.positions} positions; ego network of ${busiestActor.members} actors) drawn | ${timing(busiestActor.view)} (target ≤ 2,000 ms) |`,
    '',
  ].join('\n');
}
