/**
 * The explorer (/explore) in real Chromium against the real service over the seed graph: the page and its assets,
 * search with the keyboard, the evidence view's highlighted span at the citation's exact offsets, deep links and
 * empty states, at 1280 and 800 px, with no console errors and no request leaving loopback.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explorerCsp } from '../src/explorer/page.js';
import { openExplorer } from './explorer-support.js';
import { ExplorerCheckQuotesDocument, ExplorerCheckSearchDocument, ExplorerCheckStatementDocument } from './generated/operations.js';
import { browserTimeoutMs, dataOf, launchChromium, run, startTestService, type TestService } from './support.js';

/** The highlighted span as the page shows it: its text, and its offset counted through the article's text nodes. */
const readHighlight = `(() => {
  const article = document.querySelector('.article-text');
  const mark = document.getElementById('cited');
  if (!article || !mark) return null;
  let offset = 0;
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (mark.contains(node)) break;
    offset += node.textContent.length;
  }
  const marks = [...article.querySelectorAll('mark.active')];
  const box = mark.getBoundingClientRect();
  const frame = article.getBoundingClientRect();
  return {
    text: marks.map((m) => m.textContent).join(''),
    offset,
    start: Number(marks[0].dataset.start),
    end: Number(marks[marks.length - 1].dataset.end),
    articleLength: article.textContent.length,
    visible: box.bottom > Math.max(frame.top, 0) && box.top < Math.min(frame.bottom, window.innerHeight),
  };
})()`;

interface Highlight {
  text: string;
  offset: number;
  start: number;
  end: number;
  articleLength: number;
  visible: boolean;
}

async function highlight(page: Page): Promise<Highlight> {
  await page.waitForSelector('#cited');
  return (await page.evaluate(readHighlight)) as Highlight;
}

describe('the explorer', () => {
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
  const chromium = (): Browser => {
    if (!browser) throw new Error('Chromium did not start');
    return browser;
  };

  it('is one page for every view, under a CSP that allows only this origin, with hashed assets cached for good', async () => {
    for (const path of ['/explore', '/explore/actor/vladimir-putin', '/explore/matrix?actors=russia']) {
      const response = await fetch(`${service.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy'), path).toBe(explorerCsp);
      const html = await response.text();
      const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
      const assets = urls.filter((url) => url.startsWith('/explore/assets/'));
      expect(assets).toHaveLength(2);
      expect(urls.filter((url) => !assets.includes(url)), 'the rest: the empty icon and the link to the playground').toEqual(['data:,', '/playground']);
      for (const asset of assets) {
        expect(asset).toMatch(/^\/explore\/assets\/app-[A-Z0-9]+\.(js|css)$/);
        const file = await fetch(`${service.url}${asset}`);
        expect(file.status, asset).toBe(200);
        expect(file.headers.get('cache-control')).toContain('immutable');
        expect(file.headers.get('content-type'), asset).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/);
        expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      }
    }
    expect(explorerCsp).toContain("script-src 'self';");
    expect(explorerCsp).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
    expect((await fetch(`${service.url}/explore/assets/manifest.json`)).status).toBe(404);
    expect((await fetch(`${service.url}/explore/assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it('searches as you type; arrows and Enter open a hit, in the order the API ranks them', async () => {
    const view = await openExplorer(chromium(), service);
    try {
      const { page } = view;
      await page.waitForSelector('main h1');
      await page.keyboard.press('/');
      await page.keyboard.type('Putin');
      await page.waitForSelector('[role="option"][data-id]', { timeout: browserTimeoutMs });
      const shown = await page.$$eval('[role="option"][data-id]', (options) => options.map((option) => option.getAttribute('data-id')));
      const api = dataOf(await run(service, ExplorerCheckSearchDocument, { query: 'Putin' }));
      expect(shown).toEqual(api.search.edges.map((edge) => edge.node.id));
      const [first] = api.search.edges;
      expect(first?.node.__typename).toBe('Actor');

      await page.keyboard.press('ArrowDown');
      expect(await page.getAttribute('[role="combobox"]', 'aria-activedescendant')).toBeTruthy();
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/explore/actor/${first?.node.id}`);

      await page.keyboard.press('/');
      await page.keyboard.type('ceasefire');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/explore/search?q=ceasefire');
      await page.waitForSelector('.search-results li');
      expect(await page.locator('.search-results li').count()).toBeGreaterThan(0);
      expect(view.problems).toEqual([]);
      expect(view.offLoopback).toEqual([]);
    } finally {
      await view.close();
    }
  });

  it('shows a statement beside its article with the cited words highlighted at the citation’s exact offsets, scrolled into view', async () => {
    const quotes = dataOf(await run(service, ExplorerCheckQuotesDocument, {})).statements.nodes;
    const low = quotes.find((quote) => quote.citations.some((citation) => citation.source.reliability === 'LOW'));
    const cited = quotes.filter((quote) => quote.evidenceFor.totalCount > 0);
    const samples = [...new Set([low?.id, cited[0]?.id, cited[cited.length - 1]?.id].filter((id): id is string => id !== undefined))];
    expect(samples.length).toBeGreaterThanOrEqual(2);

    for (const id of samples) {
      const statement = dataOf(await run(service, ExplorerCheckStatementDocument, { id })).node;
      if (!statement || !('citations' in statement)) throw new Error(`no statement ${id}`);
      for (const citation of statement.citations) {
        const view = await openExplorer(chromium(), service, `/explore/statement/${encodeURIComponent(id)}?source=${encodeURIComponent(citation.source.id)}`);
        try {
          const shown = await highlight(view.page);
          expect(shown.offset, id).toBe(citation.start);
          expect([shown.start, shown.end], id).toEqual([citation.start, citation.end]);
          expect(shown.text, id).toBe(citation.source.text.slice(citation.start, citation.end));
          expect(shown.text, id).toBe(citation.excerpt);
          expect(shown.articleLength, id).toBe(citation.source.text.length);
          expect(shown.visible, `${id}: the highlight is scrolled into view`).toBe(true);
          const marked = await view.page.locator('.source-meta .reliability-low').count();
          expect(marked > 0, `${id}: a low-reliability source is marked`).toBe(citation.source.reliability === 'LOW');
          if (statement.speaker) expect(await view.page.textContent('.speaker')).toContain(statement.speaker.name);
          expect(view.problems).toEqual([]);
          expect(view.offLoopback).toEqual([]);
        } finally {
          await view.close();
        }
      }
    }
  });

  it('says plainly when a deep link names nothing, and what to do', async () => {
    for (const [path, text] of [
      ['/explore/statement/no-such-statement', 'No statement “no-such-statement”'],
      ['/explore/source/no-such-source', 'No article “no-such-source”'],
      ['/explore/no/such/view', 'No such view'],
      ['/explore/search', 'Type a name'],
    ] as const) {
      const view = await openExplorer(chromium(), service, path);
      try {
        await view.page.waitForSelector(`main :text("${text}")`);
        expect(view.problems, path).toEqual([]);
      } finally {
        await view.close();
      }
    }
  });

  it('fits 800 px: the evidence view stacks, and the page never scrolls sideways', async () => {
    const [quote] = dataOf(await run(service, ExplorerCheckQuotesDocument, {})).statements.nodes;
    for (const path of ['/explore', `/explore/statement/${encodeURIComponent(quote?.id ?? '')}`]) {
      const view = await openExplorer(chromium(), service, path, { width: 800 });
      try {
        await view.page.waitForSelector('main h1');
        await view.page.waitForLoadState('networkidle');
        const widths = (await view.page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as number[];
        expect(widths[0], path).toBeLessThanOrEqual(widths[1] ?? 0);
        expect(view.problems, path).toEqual([]);
      } finally {
        await view.close();
      }
    }
  });
});
