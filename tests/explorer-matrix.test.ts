/**
 * The explorer's stance matrix and coalitions views in real Chromium, on the seed graph, compared with what the API
 * answers for the same question: the README's compare example cell by cell, a cell's evidence opened by mouse and by
 * keyboard, and the coalitions legend and drawn graph as of a date chosen by URL and by the time slider.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../neo4j/launcher.js';
import { openExplorer, type ExplorerPage } from './explorer-support.js';
import { CoalitionsPageLegendDocument, CoalitionsPageNewestStanceDocument, MatrixPageCompareDocument } from './generated/operations.js';
import { dataOf, launchChromium, run, startTestService, type TestService } from './support.js';

let service: TestService;
let browser: Browser;
beforeAll(async () => {
  [service, browser] = await Promise.all([startTestService(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

/** The first `compare(actorIds: [...], issueIds: [...])` example of the README: its ids, in order. */
function readmeCompareExample(): { actorIds: string[]; issueIds: string[] } {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const match = /compare\(actorIds:\s*\[([^\]]*)\],\s*issueIds:\s*\[([^\]]*)\]/.exec(readme);
  if (!match) throw new Error('README.md has no compare(actorIds: [...], issueIds: [...]) example');
  const ids = (list: string) => [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  return { actorIds: ids(match[1]!), issueIds: ids(match[2]!) };
}

interface ShownCell {
  topic: string;
  stance: string;
  text: string;
  positions: number;
}

interface ShownMatrix {
  topics: string[];
  rows: Array<{ actor: string; cells: ShownCell[] }>;
}

/** The heatmap as the page shows it: rows in order, each cell's topic, stance (data-stance) and text. */
async function shownMatrix(page: Page): Promise<ShownMatrix> {
  await page.waitForSelector('table.matrix', { timeout: 30_000 });
  return page.evaluate<ShownMatrix>(`({
    topics: [...document.querySelectorAll('table.matrix thead th[data-topic]')].map((th) => th.dataset.topic),
    rows: [...document.querySelectorAll('table.matrix tbody tr')].map((tr) => ({
      actor: tr.dataset.actor,
      cells: [...tr.querySelectorAll('td')].map((td) => ({
        topic: td.dataset.topic,
        stance: td.dataset.stance,
        text: td.textContent.trim(),
        positions: Number(td.dataset.positions),
      })),
    })),
  })`);
}

/** The values of an attribute over every element a selector finds, in document order. */
async function attributes(page: Page, selector: string, name: string): Promise<string[]> {
  const values = await Promise.all((await page.locator(selector).all()).map((element) => element.getAttribute(name)));
  return values.map((value) => value ?? '');
}

/** The evidence statement ids the open cell's panel lists, once it has loaded them. */
async function panelStatements(page: Page, cell: string): Promise<string[]> {
  const selector = `.cell-panel[data-cell="${cell}"] [data-statement]`;
  await page.waitForSelector(selector, { timeout: 20_000 });
  return attributes(page, selector, 'data-statement');
}

const matrixPath = (actorIds: string[], issueIds: string[]) => `/explore/matrix?actors=${actorIds.join(',')}&topics=${issueIds.join(',')}`;

describe('the stance matrix', () => {
  it("shows the README's compare example as compare answers it, and opens a cell's evidence by mouse and by keyboard", async () => {
    const { actorIds, issueIds } = readmeCompareExample();
    expect(actorIds.length).toBeGreaterThan(1);
    expect(issueIds.length).toBeGreaterThan(1);
    const { compare } = dataOf(await run(service, MatrixPageCompareDocument, { actorIds, issueIds }));

    const explorer = await openExplorer(browser, service, matrixPath(actorIds, issueIds));
    try {
      const { page } = explorer;
      const shown = await shownMatrix(page);
      expect(shown.topics).toEqual(compare.topics.map((topic) => topic.id));
      expect(shown.rows.map((row) => row.actor)).toEqual(compare.rows.map((row) => row.actor.id));
      compare.rows.forEach((row, r) => {
        row.cells.forEach((cell, c) => {
          const seen = shown.rows[r]!.cells[c]!;
          expect(seen.topic).toBe(cell.topic.id);
          expect(seen.stance, `${row.actor.id} on ${cell.topic.id}`).toBe(cell.stance ?? '');
          expect(seen.positions).toBe(cell.positions.length);
          // Colour is not the only signal: the cell says its stance, or that there is none.
          if (cell.stance) expect(seen.text.toLowerCase()).toContain(cell.stance.toLowerCase());
          else if (cell.positions.length === 0) expect(seen.text).toBe('no position');
        });
      });

      // Two cells with positions: one opened by mouse, one by keyboard.
      const filled = compare.rows.flatMap((row) => row.cells.filter((cell) => cell.positions.length > 0).map((cell) => ({ actor: row.actor.id, cell })));
      expect(filled.length).toBeGreaterThan(1);
      const evidenceOf = (cell: (typeof filled)[number]['cell']) => [...new Set(cell.positions.flatMap((position) => position.evidence.map((statement) => statement.id)))].sort();
      const buttonOf = (actor: string, topic: string) => page.locator(`tr[data-actor="${actor}"] td[data-topic="${topic}"] button`);

      const byMouse = filled[0]!;
      const mouseKey = `${byMouse.actor}:${byMouse.cell.topic.id}`;
      await buttonOf(byMouse.actor, byMouse.cell.topic.id).click();
      expect([...new Set(await panelStatements(page, mouseKey))].sort()).toEqual(evidenceOf(byMouse.cell));
      expect(new URL(page.url()).searchParams.get('cell')).toBe(mouseKey);

      const byKeyboard = filled[filled.length - 1]!;
      const keyboardKey = `${byKeyboard.actor}:${byKeyboard.cell.topic.id}`;
      await buttonOf(byKeyboard.actor, byKeyboard.cell.topic.id).focus();
      await page.keyboard.press('Enter');
      expect([...new Set(await panelStatements(page, keyboardKey))].sort()).toEqual(evidenceOf(byKeyboard.cell));
      expect(new URL(page.url()).searchParams.get('cell')).toBe(keyboardKey);

      // An evidence link leads to the statement's evidence view.
      const link = page.locator(`.cell-panel [data-evidence-link]`).first();
      const statementId = await link.getAttribute('data-evidence-link');
      expect(evidenceOf(byKeyboard.cell)).toContain(statementId);
      await link.click();
      await page.waitForURL((url) => url.pathname === `/explore/statement/${statementId}`, { timeout: 10_000 });

      expect(explorer.problems).toEqual([]);
      expect(explorer.offLoopback).toEqual([]);
    } finally {
      await explorer.close();
    }
  });

  it('scrolls inside its own box at 800 px: the page does not scroll sideways', async () => {
    const { actorIds } = readmeCompareExample();
    // No topics chosen: every topic the actors hold a position on, a matrix much wider than 800 px.
    const explorer = await openExplorer(browser, service, `/explore/matrix?actors=${actorIds.join(',')}`, { width: 800 });
    try {
      const { page } = explorer;
      const shown = await shownMatrix(page);
      expect(shown.topics.length).toBeGreaterThan(5);
      const widths = await page.evaluate<{ page: number; table: number }>(
        `({ page: document.documentElement.scrollWidth, table: document.querySelector('table.matrix').scrollWidth })`,
      );
      expect(widths.table).toBeGreaterThan(800);
      expect(widths.page).toBeLessThanOrEqual(800);
      expect(explorer.problems).toEqual([]);
      expect(explorer.offLoopback).toEqual([]);
    } finally {
      await explorer.close();
    }
  });
});

/** A date `days` later (earlier when negative). */
const shiftDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Legend {
  version: string;
  coalitions: Array<{ id: string; members: string[] }>;
  drawn: string[];
}

/**
 * The legend and the drawn graph once the page shows the coalitions as of `asOf`, and the ties among their members:
 * the view has settled, no request of it is still under way (a later step aborts none).
 */
async function shownCoalitions(page: Page, asOf: string): Promise<Legend> {
  await page.waitForSelector(`.network-summary[data-shown-as-of="${asOf}"]`, { timeout: 45_000 });
  const version = (await page.locator('.network-summary').getAttribute('data-graph-version')) ?? '';
  const coalitions = await Promise.all(
    (await page.locator('.coalition-legend [data-coalition]').all()).map(async (item) => ({
      id: (await item.getAttribute('data-coalition')) ?? '',
      members: await Promise.all((await item.locator('[data-member]').all()).map(async (member) => (await member.getAttribute('data-member')) ?? '')),
    })),
  );
  // At most 100 members on the seed: the view asks for the ties among all of them.
  const members = coalitions.flatMap((coalition) => coalition.members).sort();
  expect(members.length).toBeLessThanOrEqual(100);
  await page.waitForSelector(`[data-ties-among="${members.join(',')}"]`, { timeout: 30_000 });
  const drawn = await page.evaluate<string[]>(`window.stancegraphExplorer.nodes('coalition-network')`);
  return { version, coalitions, drawn };
}

/**
 * The page's legend equals `coalitions(filter: {asOf})` of the same graph version. Other files write while this one
 * runs, and each write is a new version with coalitions of its own: when the page's answer is of another version than
 * the API's, the page is loaded again (a few times at most).
 */
async function expectLegendFollowsApi(page: Page, asOf: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const shown = await shownCoalitions(page, asOf);
    const { coalitions } = dataOf(await run(service, CoalitionsPageLegendDocument, { asOf }));
    if (shown.version !== coalitions.computation.graphVersion && attempt < 4) {
      await page.reload();
      continue;
    }
    expect(shown.version).toBe(coalitions.computation.graphVersion);
    const expected = coalitions.nodes.map((coalition) => ({ id: coalition.id, members: coalition.members.nodes.map((member) => member.id) }));
    expect(expected.length).toBeGreaterThan(0);
    expect(shown.coalitions).toEqual(expected);
    expect([...shown.drawn].sort()).toEqual(expected.flatMap((coalition) => coalition.members).sort());
    return;
  }
}

describe('the coalitions view', () => {
  let explorer: ExplorerPage | undefined;
  afterAll(() => explorer?.close());

  it('lists and draws the coalitions as of the date in the URL, and follows the time slider', async () => {
    const newest = dataOf(await run(service, CoalitionsPageNewestStanceDocument, {})).positions.nodes[0]?.validFrom;
    if (!newest) throw new Error('the seed holds no dated position');
    explorer = await openExplorer(browser, service, `/explore/network?asOf=${newest}`);
    const { page } = explorer;
    await expectLegendFollowsApi(page, newest);

    // One day back with the keyboard: the URL follows, then the legend and the drawing.
    const slider = page.locator('#as-of');
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    const dayBefore = shiftDate(newest, -1);
    await page.waitForURL((url) => url.searchParams.get('asOf') === dayBefore, { timeout: 10_000 });
    await expectLegendFollowsApi(page, dayBefore);

    expect(explorer.problems).toEqual([]);
    expect(explorer.offLoopback).toEqual([]);
  });
});
