/**
 * The explorer's actor, issue and proposal views in real Chromium over the seed graph (read-only): what each page
 * lists is compared with what the API answers to the same question (tests/operations/explorer-topics.graphql).
 *
 * EXPLORER_SCREENSHOTS=/some/dir saves what the browser showed, one PNG per view and width.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TopicsActorNetworkDocument,
  TopicsActorPositionsDocument,
  TopicsActorStatementsDocument,
  TopicsIssueStanceDocument,
  TopicsProposalRevisionsDocument,
  type Stance,
} from './generated/operations.js';
import { nodePosition, openExplorer, type ExplorerPage } from './explorer-support.js';
import { browserTimeoutMs, dataOf, launchChromium, run, startTestService, type TestService } from './support.js';

/** How long a page may take to show what the API answered (a busy machine, a cold Neo4j). */
const poll = { timeout: browserTimeoutMs, interval: 200 };

const stances: Stance[] = ['SUPPORTS', 'OPPOSES', 'CONDITIONAL', 'UNDECIDED'];
/** A seed issue with positions in several stances, a seed actor with positions on many topics and more than a page of statements. */
const seedIssue = 'donbas-withdrawal';
const seedActor = 'russia';
/** Seed proposals in a family of revisions: one revising another (with siblings), and the original (revised four times). */
const seedProposals = ['european-counterproposal', 'us-28-point-plan'];

interface PageOf<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

/** Every node of a connection, page by page (bounded: the seed's lists are short). */
async function allNodes<T>(fetchPage: (after: string | null) => Promise<PageOf<T>>): Promise<{ nodes: T[]; totalCount: number }> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let pageNumber = 0; pageNumber < 20; pageNumber++) {
    const page: PageOf<T> = await fetchPage(after);
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return { nodes, totalCount: page.totalCount };
    after = page.pageInfo.endCursor;
  }
  throw new Error('more than 20 pages');
}

/** Clicks a "More …" button inside `scope` until there is none (each click adds a page). */
async function loadEverything(scope: Locator, rows: string): Promise<void> {
  for (let clicks = 0; clicks < 20; clicks++) {
    const more = scope.getByRole('button', { name: /^More / });
    if ((await more.count()) === 0) return;
    const before = await scope.locator(rows).count();
    await more.click();
    await expect.poll(() => scope.locator(rows).count(), poll).toBeGreaterThan(before);
  }
  throw new Error('still more after 20 pages');
}

async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.EXPLORER_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** The nodes a drawn graph holds (explorer/debug.ts), sorted. */
async function drawnNodes(page: Page, graph: string): Promise<string[]> {
  const nodes = (await page.evaluate(`window.stancegraphExplorer?.nodes(${JSON.stringify(graph)}) ?? []`)) as string[];
  return [...nodes].sort();
}

function expectClean(view: ExplorerPage): void {
  expect(view.problems).toEqual([]);
  expect(view.offLoopback).toEqual([]);
}

describe('the explorer’s actor, issue and proposal views', () => {
  let service: TestService;
  let browser: Browser;
  beforeAll(async () => {
    service = await startTestService();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it('the issue view lists, per stance, exactly the holders Issue.positions gives, each with a statement that evidences the position', async () => {
    const expected = new Map<Stance, { nodes: Array<{ id: string; actor: { id: string }; evidence: Array<{ id: string }> }>; totalCount: number }>();
    for (const stance of stances) {
      expected.set(
        stance,
        await allNodes(async (after) => {
          const issue = dataOf(await run(service, TopicsIssueStanceDocument, { id: seedIssue, stance, first: 100, after })).issue;
          if (!issue) throw new Error(`no issue ${seedIssue}`);
          return issue.positions;
        }),
      );
    }
    expect([...expected.values()].filter((column) => column.totalCount > 0).length, 'the seed issue has positions in several stances').toBeGreaterThanOrEqual(3);

    const view = await openExplorer(browser, service, `/explore/issue/${seedIssue}`);
    const { page } = view;
    await page.locator('[data-stance-column]').first().waitFor();
    expect(await page.locator('[data-stance-column]').count()).toBe(4);
    for (const stance of stances) {
      const api = expected.get(stance)!;
      const column = page.locator(`[data-stance-column="${stance}"]`);
      await loadEverything(column, 'li[data-position]');
      const listed = await column.locator('li[data-position]').evaluateAll((items) =>
        items.map((item) => {
          const evidence = item.querySelector('[data-evidence-statement]');
          return {
            position: item.getAttribute('data-position'),
            holder: item.getAttribute('data-holder'),
            evidence: evidence?.getAttribute('data-evidence-statement') ?? null,
            href: evidence?.getAttribute('href') ?? null,
          };
        }),
      );
      expect(listed.map((row) => row.holder).sort(), stance).toEqual(api.nodes.map((position) => position.actor.id).sort());
      expect(listed).toHaveLength(api.totalCount);
      expect(await column.locator('h2').textContent()).toContain(`(${api.totalCount})`);
      if (api.totalCount === 0) expect(await column.textContent()).toMatch(/No one on record/);
      for (const row of listed) {
        const position = api.nodes.find((p) => p.id === row.position);
        expect(position, `position ${row.position} is one the API gives for ${stance}`).toBeDefined();
        expect(position!.evidence.map((statement) => statement.id), `evidence of ${row.position}`).toContain(row.evidence);
        expect(row.href).toMatch(new RegExp(`^/explore/statement/${encodeURIComponent(row.evidence ?? '')}(\\?source=.+)?$`));
      }
    }
    await shoot(page, 'issue-1280');
    expectClean(view);
    await view.close();
  });

  it('the proposal view draws exactly the revisions the API gives, in date order, with every original before its revisions', async () => {
    for (const id of seedProposals) {
      const proposal = dataOf(await run(service, TopicsProposalRevisionsDocument, { id })).proposal;
      if (!proposal) throw new Error(`no proposal ${id}`);
      // The family the view walks: two steps each way, and the other revisions of what this one revises.
      const dates = new Map<string, string | null>([[proposal.id, proposal.date]]);
      const revisions: Array<[revision: string, original: string]> = [];
      type Step = { id: string; date: string | null };
      const add = (revision: Step, original: Step) => {
        dates.set(revision.id, revision.date);
        dates.set(original.id, original.date);
        revisions.push([revision.id, original.id]);
      };
      for (const original of proposal.revises.nodes) {
        add(proposal, original);
        for (const earlier of original.revises.nodes) add(original, earlier);
        for (const sibling of original.revisedBy.nodes) add(sibling, original);
      }
      for (const revision of proposal.revisedBy.nodes) {
        add(revision, proposal);
        for (const later of revision.revisedBy.nodes) add(later, revision);
      }
      expect(revisions.length, `${id} has revisions in the seed`).toBeGreaterThan(0);

      const view = await openExplorer(browser, service, `/explore/proposal/${id}`);
      const { page } = view;
      await page.locator('ol.timeline > li').first().waitFor();
      const entries = await page.locator('ol.timeline > li').evaluateAll((items) =>
        items.map((item) => ({ id: item.getAttribute('data-proposal') ?? '', current: item.getAttribute('aria-current') === 'true', link: item.querySelector('a')?.getAttribute('href') ?? null })),
      );
      const order = entries.map((entry) => entry.id);
      expect([...order].sort(), id).toEqual([...dates.keys()].sort());
      expect(entries.filter((entry) => entry.current).map((entry) => entry.id)).toEqual([id]);
      for (const entry of entries) expect(entry.link).toBe(entry.current ? null : `/explore/proposal/${entry.id}`);
      const dated = order.map((p) => dates.get(p)).filter((date): date is string => date != null);
      expect(dated, 'dated proposals in date order').toEqual([...dated].sort());
      for (const [revision, original] of revisions) {
        expect(order.indexOf(original), `${original} stands before its revision ${revision}`).toBeLessThan(order.indexOf(revision));
      }
      await shoot(page, `proposal-${id}-1280`);
      expectClean(view);
      await view.close();
    }
  });

  it('the actor view groups Actor.positions by topic and lists Actor.statements newest first, paging on "more"', async () => {
    const positions = await allNodes(async (after) => dataOf(await run(service, TopicsActorPositionsDocument, { id: seedActor, first: 100, after })).actor!.positions);
    const statements = await allNodes(async (after) => dataOf(await run(service, TopicsActorStatementsDocument, { id: seedActor, first: 10, after })).actor!.statements);
    const byTopic = new Map<string, string[]>();
    for (const position of positions.nodes) byTopic.set(position.topic.id, [...(byTopic.get(position.topic.id) ?? []), position.id]);
    expect(byTopic.size, 'the seed actor holds positions on several topics').toBeGreaterThan(3);
    expect(statements.totalCount, 'the seed actor said more than a page').toBeGreaterThan(10);

    const view = await openExplorer(browser, service, `/explore/actor/${seedActor}`);
    const { page } = view;
    await page.locator('[data-topic]').first().waitFor();
    const groups = await page.locator('[data-topic]').evaluateAll((sections) =>
      sections.map((section) => ({
        topic: section.getAttribute('data-topic') ?? '',
        positions: [...section.querySelectorAll('li[data-position]')].map((item) => ({
          id: item.getAttribute('data-position') ?? '',
          evidence: item.querySelector('[data-evidence-statement]')?.getAttribute('data-evidence-statement') ?? null,
        })),
      })),
    );
    // Topics in the order of their newest position; each topic's positions in the API's order.
    expect(groups.map((group) => [group.topic, group.positions.map((p) => p.id)])).toEqual([...byTopic.entries()]);
    for (const group of groups) {
      for (const listed of group.positions) {
        const evidence = positions.nodes.find((p) => p.id === listed.id)!.evidence.map((statement) => statement.id);
        expect(evidence, `evidence of ${listed.id}`).toContain(listed.evidence);
      }
    }

    const statementList = page.locator('.actor-statements');
    const listedStatements = () => statementList.locator('li[data-statement]').evaluateAll((items) => items.map((item) => item.getAttribute('data-statement')));
    expect(await listedStatements()).toEqual(statements.nodes.slice(0, 10).map((s) => s.id));
    await loadEverything(statementList, 'li[data-statement]');
    expect(await listedStatements()).toEqual(statements.nodes.map((s) => s.id));
    const saidOn = statements.nodes.map((s) => s.saidOn).filter((date): date is string => date != null);
    expect(saidOn, 'newest first').toEqual([...saidOn].sort().reverse());

    await shoot(page, 'actor-1280');
    expectClean(view);
    await view.close();
  });

  it('the actor view draws the ego network Query.network gives, and a click on a neighbour opens its view', async () => {
    const members = async (id: string, hops: number) => dataOf(await run(service, TopicsActorNetworkDocument, { id, hops })).network.members;
    const twoHops = await members(seedActor, 2);
    expect(twoHops.length, 'the seed actor has ties').toBeGreaterThan(2);

    const view = await openExplorer(browser, service, `/explore/actor/${seedActor}`);
    const { page } = view;
    const drawn = () => drawnNodes(page, 'actor-network');
    await expect.poll(async () => (await drawn()).length, poll).toBeGreaterThan(0);
    expect(await drawn()).toEqual(twoHops.map((m) => m.actor.id).sort());
    // The same actors as links beside the canvas.
    const neighbourLinks = await page.locator('[data-neighbour]').evaluateAll((items) => items.map((item) => item.getAttribute('data-neighbour')));
    expect(neighbourLinks.sort()).toEqual(twoHops.filter((m) => m.distance > 0).map((m) => m.actor.id).sort());

    // Click the direct neighbour standing furthest from every other node, so the click cannot land on another.
    const positions = new Map<string, { x: number; y: number }>();
    for (const member of twoHops) positions.set(member.actor.id, await nodePosition(page, 'actor-network', member.actor.id));
    const clearance = (id: string) =>
      Math.min(...[...positions].filter(([other]) => other !== id).map(([, p]) => Math.hypot(p.x - positions.get(id)!.x, p.y - positions.get(id)!.y)));
    const neighbour = twoHops
      .filter((m) => m.distance === 1)
      .map((m) => m.actor.id)
      .sort((a, b) => clearance(b) - clearance(a))[0]!;
    await shoot(page, 'actor-network-1280');
    const target = positions.get(neighbour)!;
    await page.mouse.click(target.x, target.y);
    await page.waitForURL(`**/explore/actor/${neighbour}`);
    const neighbourMembers = await members(neighbour, 2);
    await expect.poll(drawn, poll).toEqual(neighbourMembers.map((m) => m.actor.id).sort());
    expectClean(view);
    await view.close();

    // One hop, from the URL.
    const oneHopView = await openExplorer(browser, service, `/explore/actor/${seedActor}?hops=1`);
    const oneHop = await members(seedActor, 1);
    await expect.poll(() => drawnNodes(oneHopView.page, 'actor-network'), poll).toEqual(oneHop.map((m) => m.actor.id).sort());
    expect(await oneHopView.page.locator('a.toggle[aria-current="true"]').textContent()).toBe('Direct ties');
    expectClean(oneHopView);
    await oneHopView.close();
  });

  it('each view says so when its id names nothing', async () => {
    for (const what of ['actor', 'issue', 'proposal']) {
      const view = await openExplorer(browser, service, `/explore/${what}/no-such-${what}`);
      await view.page.getByRole('heading', { name: `No ${what} “no-such-${what}”` }).waitFor();
      expectClean(view);
      await view.close();
    }
  });

  it('the actor view fits 800 px without scrolling sideways', async () => {
    const view = await openExplorer(browser, service, `/explore/actor/${seedActor}`, { width: 800 });
    const { page } = view;
    await page.locator('[data-topic]').first().waitFor();
    await page.locator('li[data-statement]').first().waitFor();
    await page.locator('.actor-network .graph-canvas, .actor-network .state').first().waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(800);
    await shoot(page, 'actor-800');
    expectClean(view);
    await view.close();
  });
});
