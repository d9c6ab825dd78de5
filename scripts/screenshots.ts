/**
 * `npm run screenshots`: pictures of every explorer view, for the README (docs/screenshots/*.png).
 *
 * Runs everything itself, like the tests: a fresh bundled Neo4j of its own (port SCREENSHOTS_NEO4J_PORT, default
 * 17697; data in .neo4j/screenshots, wiped first) with the seed graph, the explorer's bundle, the service on a
 * loopback port with an editor token, one example article ingested (so the review queue has candidates), and
 * headless Chromium (CHROMIUM_PATH or chromium on PATH). `-- --only actor,matrix` takes some views only.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { projectRoot, startBundledNeo4j } from '../neo4j/launcher.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createDriver, Database } from '../src/neo4j/database.js';
import { applyMigrations } from '../src/neo4j/migrations.js';
import { loadSeed } from '../src/seed/loader.js';
import { createServer } from '../src/server.js';
import { buildExplorer } from './build-explorer.js';
import { findChromium } from './chromium.js';

/** The one DOM call the waits make, typed without the DOM library (scripts/ compile for Node). */
interface QueryablePage {
  document: { querySelector(selector: string): unknown };
}

interface Shot {
  name: string;
  path: string;
  width?: number;
  /** What must be on the page before the picture is taken (beyond the page settling). */
  ready: string;
  /** Needs the editor's token (the review queue). */
  editor?: boolean;
}

const shots: Shot[] = [
  { name: 'home', path: '/explore', ready: 'main h2' },
  { name: 'search', path: '/explore/search?q=ceasefire', ready: '.search-results li' },
  { name: 'actor', path: '/explore/actor/vladimir-putin', ready: '.graph-canvas canvas' },
  { name: 'issue', path: '/explore/issue/ukraine-nato-membership', ready: '.strongest-evidence' },
  { name: 'proposal', path: '/explore/proposal/us-28-point-plan', ready: '.strongest-evidence' },
  { name: 'matrix', path: '/explore/matrix?actors=russia,ukraine,europe,donald-trump&topics=ukraine-nato-membership,donbas-withdrawal,us-28-point-plan', ready: 'main table' },
  { name: 'coalitions', path: '/explore/network', ready: '.graph-canvas canvas' },
  { name: 'evidence', path: '/explore/statement/', ready: '#cited' },
  { name: 'review', path: '/explore/review?candidate=', ready: '#cited', editor: true },
  { name: 'actor-800px', path: '/explore/actor/vladimir-putin', width: 800, ready: '.graph-canvas canvas' },
  { name: 'evidence-800px', path: '/explore/statement/', width: 800, ready: '#cited' },
];

const { values } = parseArgs({ options: { only: { type: 'string' }, out: { type: 'string', default: join(projectRoot, 'docs', 'screenshots') } } });
const only = values.only ? new Set(values.only.split(',')) : null;
const say = (message: string) => console.log(`[screenshots] ${message}`);

async function settle(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  // A function, not a string: the page's CSP forbids eval, which Playwright's polling of a string would need.
  await page.waitForFunction(() => !(globalThis as unknown as QueryablePage).document.querySelector('.state.loading'), undefined, { timeout: 60_000 });
  // Graph layouts run once, synchronously; one more frame lets sigma draw.
  await page.waitForTimeout(500);
}

const dataDir = join(projectRoot, '.neo4j', 'screenshots');
rmSync(dataDir, { recursive: true, force: true });
say('starting a bundled Neo4j of its own…');
const neo4j = await startBundledNeo4j({ port: Number(process.env.SCREENSHOTS_NEO4J_PORT ?? 17697), dataDir, password: 'stancegraph-screenshots' });
const token = randomBytes(18).toString('hex');
const config = loadConfig({
  NEO4J_URI: neo4j.uri,
  NEO4J_USER: neo4j.user,
  NEO4J_PASSWORD: neo4j.password,
  LOG_LEVEL: 'warn',
  STANCEGRAPH_API_KEYS: `editor:${token}`,
});
const db = new Database(createDriver(config), { timeoutMs: 120_000, logger: createLogger('warn') });
const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'] });
const server = await createServer({ config, db, logger: createLogger('warn') });
try {
  await applyMigrations(db.runner('screenshots'));
  await loadSeed(db.runner('screenshots'));
  const manifest = await buildExplorer();
  say(`explorer built: ${manifest.script}`);
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data ?? {};
  };
  // An article for the review queue: the README's example, as `npm run ingest` would take it.
  const article = join(projectRoot, 'examples', 'articles', 'valdonia-offers-talks.txt');
  const meta = JSON.parse(readFileSync(`${article}.json`, 'utf8')) as Record<string, unknown>;
  const ingested = (await gql('mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { candidates(first: 20) { nodes { id kind } } } }', {
    input: { ...meta, text: readFileSync(article, 'utf8') },
  })) as { ingestArticle: { candidates: { nodes: Array<{ id: string; kind: string }> } } };
  // A quotation's candidate: its speaker, kind and suggested stances make the fuller picture.
  const candidates = ingested.ingestArticle.candidates.nodes;
  const candidate = (candidates.find((c) => c.kind === 'STATEMENT') ?? candidates[0])?.id ?? '';
  // The evidence view: a statement from the low-reliability article that evidences a position, so the mark shows.
  const cited = (await gql('{ statements(filter: {reliability: [LOW]}, first: 50) { nodes { id evidenceFor(first: 1) { totalCount } } } }')) as {
    statements: { nodes: Array<{ id: string; evidenceFor: { totalCount: number } }> };
  };
  const statement = cited.statements.nodes.find((node) => node.evidenceFor.totalCount > 0) ?? cited.statements.nodes[0];
  if (!statement) throw new Error('the seed has no statement from a low-reliability source');

  mkdirSync(values.out, { recursive: true });
  for (const shot of shots) {
    if (only && !only.has(shot.name)) continue;
    const context = await browser.newContext({ viewport: { width: shot.width ?? 1280, height: 860 }, deviceScaleFactor: 1 });
    if (shot.editor) await context.addInitScript(`sessionStorage.setItem('stancegraph-explorer-token', ${JSON.stringify(token)})`);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const path = shot.path.endsWith('/statement/')
      ? `${shot.path}${encodeURIComponent(statement.id)}`
      : shot.path.endsWith('?candidate=')
        ? `${shot.path}${encodeURIComponent(candidate)}`
        : shot.path;
    await page.goto(`${url}${path}`);
    await settle(page, shot.ready);
    const file = join(values.out, `${shot.name}.png`);
    await page.screenshot({ path: file });
    say(`${shot.name}: ${path} -> ${file}${problems.length ? ` (console: ${problems.join(' | ')})` : ''}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  await db.close();
  await neo4j.stop();
}
