/**
 * The explorer's review queue in real Chromium, against the real service and Neo4j: an article of this file's own is
 * ingested through the API, then a curator (this file's editor token) opens its candidates in the page, sees the
 * words marked in the article at the candidate's offsets, accepts one with a position through the form and rejects
 * another with a reason. What the page did is read back through the API, never taken from the page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExplorer } from './explorer-support.js';
import { IngestDocument, RejectCandidateDocument, ReviewedCandidateDocument, UpsertIssueDocument } from './generated/operations.js';
import { browserTimeoutMs, cypherWrite, launchChromium, ownedData } from './support.js';

const owned = ownedData('explorer-review');
const { id, prefix, tokens } = owned;

/** A surname and a topic word no other run uses: the prefix's hex digits as letters. */
const letters = prefix.slice(-8).replace(/[0-9a-f]/g, (digit) => 'abcdefghijklmnop'[parseInt(digit, 16)]!);
const envoy = `Mira Ostrow${letters}`;
const topicName = `Rearmament pause ${letters}`;
const topicId = id('rearmament');

const putinWords = 'We oppose an immediate ceasefire that only lets Kyiv rearm';
const peskovWords = 'Our door remains open to serious talks';
/** Enough text before the quote that the article's box must scroll to show it. */
const background = Array.from(
  { length: 12 },
  (_, i) => `Background, part ${i + 1}: the negotiations have gone on for months, with little to show for them so far, and the two sides still disagree on almost every point of substance.`,
).join('\n\n');
const article = `Kremlin rejects ceasefire plan

MOSCOW (ref ${prefix}) — Russia on Tuesday dismissed the latest proposal for a ceasefire in Ukraine.

${background}

"${putinWords}," Vladimir Putin said on Tuesday.

The envoy of Valdonia, ${envoy}, met both delegations in Geneva on Monday.

"${peskovWords}," Dmitry Peskov told reporters later.`;

/** Screenshots for a person to look at, when EXPLORER_SHOTS_DIR names a folder. */
const shotsDir = process.env.EXPLORER_SHOTS_DIR;

/** A full-page screenshot from the top, when EXPLORER_SHOTS_DIR is set. */
async function shot(page: Page, name: string): Promise<void> {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
}

/** Nodes the accepted candidate made under ids of their own (slugs), removed with their audit records after the file. */
const createdIds: string[] = [];

let browser: Browser;
let sourceId: string;
let candidates: Array<{ id: string; kind: string; excerpt: string; start: number; end: number; stances: unknown[] }>;
const candidateWith = (words: string) => {
  const found = candidates.find((candidate) => candidate.excerpt === words || candidate.excerpt.includes(words));
  if (!found) throw new Error(`no candidate "${words}" among ${candidates.map((candidate) => candidate.excerpt).join(' | ')}`);
  return found;
};

beforeAll(async () => {
  await owned.start();
  browser = await launchChromium();
  await owned.ok(UpsertIssueDocument, { input: { id: topicId, name: topicName } });
  const { ingestArticle } = await owned.ok(IngestDocument, {
    input: { id: id('kremlin'), title: `Kremlin rejects ceasefire plan (${prefix})`, outlet: 'Test Wire', publishedOn: '2025-12-09', reliability: 'MEDIUM', text: article },
  });
  sourceId = ingestArticle.source.id;
  candidates = ingestArticle.candidates.nodes;
});

afterAll(async () => {
  await browser?.close();
  if (createdIds.length > 0) {
    await cypherWrite(owned.service.db, 'cleanupReviewed', 'UNWIND $ids AS id MATCH (n {id: id}) DETACH DELETE n', { ids: createdIds });
    await cypherWrite(owned.service.db, 'cleanupReviewedChanges', 'MATCH (c:Change) WHERE any(t IN c.targetIds WHERE t IN $ids) DETACH DELETE c', { ids: createdIds });
  }
  await owned.cleanup();
});

/** The GraphQL requests a page sends, as their bodies (to see what was, or was not, sent). */
function recordGraphQL(page: Page): string[] {
  const bodies: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') bodies.push(request.postData() ?? '');
  });
  return bodies;
}

const reviewPath = (params: Record<string, string>) => `/explore/review?${new URLSearchParams(params).toString()}`;

describe('the review queue without a token', () => {
  it('says an editor’s token is needed and queries nothing; a token given in the field opens the queue, and can be forgotten', async () => {
    const explorer = await openExplorer(browser, owned.service, reviewPath({ source: sourceId }));
    const { page } = explorer;
    page.setDefaultTimeout(browserTimeoutMs);
    try {
      const sent = recordGraphQL(page);
      await expect.poll(() => page.getByRole('heading', { name: /needs an editor’s API token/ }).isVisible()).toBe(true);
      await expect(page.getByText('STANCEGRAPH_API_KEYS').first().isVisible()).resolves.toBe(true);
      const field = page.getByLabel('Editor token');
      await expect(field.getAttribute('type')).resolves.toBe('password');
      await expect(page.locator('nav[aria-label="Candidates"]').count()).resolves.toBe(0);
      expect(sent).toEqual([]);
      await shot(page, 'review-token-needed');

      await field.fill(tokens.editor);
      await page.getByRole('button', { name: 'Use this token' }).click();
      const list = page.locator('nav[aria-label="Candidates"]');
      await list.getByRole('link', { name: new RegExp(putinWords) }).waitFor();
      await page.locator('.source-filter').getByRole('link', { name: /Kremlin rejects ceasefire plan/ }).waitFor();
      expect(await page.evaluate("sessionStorage.getItem('stancegraph-explorer-token')")).toBe(tokens.editor);

      await page.getByRole('button', { name: 'Forget token' }).click();
      await page.getByRole('heading', { name: /needs an editor’s API token/ }).waitFor();
      expect(await page.evaluate("sessionStorage.getItem('stancegraph-explorer-token')")).toBeNull();
      await expect(list.count()).resolves.toBe(0);
      expect(explorer.problems).toEqual([]);
      expect(explorer.offLoopback).toEqual([]);
    } finally {
      await explorer.close();
    }
  });
});

describe('a curator’s decisions in the page', () => {
  it('shows a quote beside its article with exactly its words marked, and accepting it with a position records the statement', async () => {
    const quote = candidateWith(putinWords);
    expect(quote.stances.length).toBeGreaterThan(0);
    const explorer = await openExplorer(browser, owned.service, reviewPath({ source: sourceId }), { token: tokens.editor });
    const { page } = explorer;
    page.setDefaultTimeout(browserTimeoutMs);
    try {
      const sent = recordGraphQL(page);
      await page.locator('nav[aria-label="Candidates"]').getByRole('link', { name: new RegExp(putinWords) }).click();
      await page.waitForURL((url) => url.searchParams.get('candidate') === quote.id && url.searchParams.get('source') === sourceId);

      // The marked span is the candidate's start..end, in the text the API stores.
      const marks = page.locator('.review-article mark.cited.active');
      await marks.first().waitFor();
      const pieces = await marks.evaluateAll((elements) => elements.map((element) => ({ start: Number(element.getAttribute('data-start')), end: Number(element.getAttribute('data-end')), text: element.textContent ?? '' })));
      expect(pieces[0]!.start).toBe(quote.start);
      expect(pieces[pieces.length - 1]!.end).toBe(quote.end);
      expect(pieces.map((piece) => piece.text).join('')).toBe(article.slice(quote.start, quote.end));
      const articleLength = await page.locator('.review-article .article-text').getAttribute('data-article-length');
      expect(Number(articleLength)).toBe(article.length);
      // Scrolled into view inside the article's own box; the page (and the form beside it) keeps its place.
      const inBox = () =>
        page.evaluate(`(() => {
          const box = document.querySelector('.review-article .article-text').getBoundingClientRect();
          const mark = document.querySelector('.review-article #cited').getBoundingClientRect();
          return mark.top >= box.top && mark.bottom <= box.bottom && mark.top >= 0 && mark.bottom <= window.innerHeight;
        })()`);
      await expect.poll(inBox).toBe(true);
      expect(await page.evaluate('document.querySelector(".review-article .article-text").scrollTop')).toBeGreaterThan(0);
      expect(await page.evaluate('window.scrollY')).toBe(0);

      // The suggestions as the API gives them: the linked speaker, and the suggested stance's checkbox.
      const candidatePane = page.locator('.review-candidate');
      await expect(candidatePane.getByRole('link', { name: 'Vladimir Putin' }).first().isVisible()).resolves.toBe(true);
      await candidatePane.getByRole('checkbox', { name: /Set this position/ }).first().check();
      const topicField = candidatePane.getByRole('searchbox', { name: /Another topic than/ });
      await topicField.fill(letters);
      // Enter in a field picks nothing and sends nothing.
      await candidatePane.getByRole('button', { name: new RegExp(topicName) }).waitFor();
      await topicField.press('Enter');
      expect(sent.filter((body) => body.includes('acceptCandidate'))).toEqual([]);
      await candidatePane.getByRole('button', { name: new RegExp(topicName) }).click();
      await expect(candidatePane.getByText(topicName).first().isVisible()).resolves.toBe(true);

      for (const width of [1280, 800]) {
        await page.setViewportSize({ width, height: 900 });
        const candidateBox = (await candidatePane.boundingBox())!;
        const articleBox = (await page.locator('.review-article').boundingBox())!;
        if (width === 1280) expect(articleBox.x).toBeGreaterThan(candidateBox.x + candidateBox.width - 1);
        else expect(articleBox.y).toBeGreaterThan(candidateBox.y + candidateBox.height - 1);
        await shot(page, `review-${width}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });

      await candidatePane.getByRole('button', { name: 'Accept', exact: true }).click();
      const outcome = page.getByRole('status', { name: 'The last decision' });
      await outcome.getByText('Accepted').waitFor();
      await shot(page, 'review-accepted');

      // Through the API: the candidate is accepted, and the statement exists at the candidate's offsets.
      const { candidate } = await owned.read(ReviewedCandidateDocument, { id: quote.id });
      expect(candidate).toMatchObject({ status: 'ACCEPTED', decidedBy: expect.stringMatching(/^editor#/) });
      const statement = candidate!.result;
      if (statement?.__typename !== 'Statement') throw new Error(`the accepted candidate made ${JSON.stringify(statement)}`);
      createdIds.push(statement.id, ...statement.evidenceFor.nodes.map((position) => position.id));
      expect(statement.text).toBe(quote.excerpt);
      expect(statement.speaker).toEqual({ id: 'vladimir-putin' });
      expect(statement.citations).toEqual([{ start: quote.start, end: quote.end, excerpt: quote.excerpt, source: { id: sourceId } }]);
      expect(statement.evidenceFor.nodes).toEqual([expect.objectContaining({ stance: 'OPPOSES', actor: { id: 'vladimir-putin' }, topic: { id: topicId } })]);

      // The page moved on to another pending candidate of the article, and links to what it made.
      await page.waitForURL((url) => url.searchParams.get('candidate') !== quote.id && url.searchParams.get('candidate') !== null);
      const next = candidates.find((candidate) => candidate.id === new URL(page.url()).searchParams.get('candidate'));
      expect(next).toBeDefined();
      await page.locator(`.review-article mark.cited.active[data-start="${next!.start}"]`).waitFor();
      await expect(page.locator('nav[aria-label="Candidates"]').getByRole('link', { name: new RegExp(putinWords) }).count()).resolves.toBe(0);
      await expect(outcome.getByRole('link', { name: topicName }).isVisible()).resolves.toBe(true);
      const evidenceLink = outcome.getByRole('link', { name: 'open its evidence view' });
      expect(await evidenceLink.getAttribute('href')).toBe(`/explore/statement/${encodeURIComponent(statement.id)}?source=${encodeURIComponent(sourceId)}`);
      await evidenceLink.click();
      const cited = page.locator('.evidence mark.cited.active');
      await cited.first().waitFor();
      expect(await cited.first().getAttribute('data-start')).toBe(String(quote.start));
      expect((await cited.allTextContents()).join('')).toBe(quote.excerpt);
      expect(explorer.problems).toEqual([]);
      expect(explorer.offLoopback).toEqual([]);
    } finally {
      await explorer.close();
    }
  });

  it('refuses to reject without a reason (nothing sent, nothing changed), and rejects with one', async () => {
    const newActor = candidates.find((candidate) => candidate.kind === 'ACTOR' && candidate.excerpt.includes(envoy));
    if (!newActor) throw new Error(`no ACTOR candidate for ${envoy}`);
    const explorer = await openExplorer(browser, owned.service, reviewPath({ source: sourceId, kind: 'ACTOR', candidate: newActor.id }), { token: tokens.editor });
    const { page } = explorer;
    page.setDefaultTimeout(browserTimeoutMs);
    try {
      const sent = recordGraphQL(page);
      const form = page.locator('form.reject-form');
      await form.waitFor();
      await form.getByRole('button', { name: 'Reject' }).click();
      await form.getByRole('alert').getByText(/Say why you reject it/).waitFor();
      await expect(form.getByLabel(/Reason/).getAttribute('aria-invalid')).resolves.toBe('true');
      await form.getByLabel(/Reason/).fill('   ');
      await form.getByRole('button', { name: 'Reject' }).click();
      await form.getByRole('alert').getByText(/Say why you reject it/).waitFor();
      expect(sent.filter((body) => body.includes('rejectCandidate'))).toEqual([]);
      expect((await owned.read(ReviewedCandidateDocument, { id: newActor.id })).candidate).toMatchObject({ status: 'PENDING', reason: null });

      const reason = `A place-holder name in a test article (${prefix}).`;
      await form.getByLabel(/Reason/).fill(reason);
      await form.getByRole('button', { name: 'Reject' }).click();
      await page.getByRole('status', { name: 'The last decision' }).getByText('Rejected').waitFor();
      expect((await owned.read(ReviewedCandidateDocument, { id: newActor.id })).candidate).toMatchObject({ status: 'REJECTED', reason, decidedBy: expect.stringMatching(/^editor#/) });
      expect(explorer.problems).toEqual([]);
      expect(explorer.offLoopback).toEqual([]);
    } finally {
      await explorer.close();
    }
  });

  it('a token the API refuses and a candidate decided meanwhile are said beside the form, which keeps what was typed', async () => {
    const quote = candidateWith(peskovWords);
    const explorer = await openExplorer(browser, owned.service, reviewPath({ source: sourceId, candidate: quote.id }), { token: `not-a-token-of-${prefix}` });
    const { page } = explorer;
    page.setDefaultTimeout(browserTimeoutMs);
    try {
      const form = page.locator('form.reject-form');
      await form.waitFor();
      const reason = 'A courtesy, not a stance.';
      await form.getByLabel(/Reason/).fill(reason);
      await form.getByRole('button', { name: 'Reject' }).click();
      const refusal = form.locator('.refusal');
      await refusal.getByText('The API did not accept your token.').waitFor();
      await expect(refusal.getByText('UNAUTHENTICATED').isVisible()).resolves.toBe(true);
      await shot(page, 'review-refused-token');
      await expect(form.getByLabel(/Reason/).inputValue()).resolves.toBe(reason);
      expect((await owned.read(ReviewedCandidateDocument, { id: quote.id })).candidate).toMatchObject({ status: 'PENDING' });

      // Another token, given beside the refusal; meanwhile another curator rejects the candidate through the API.
      const anotherToken = page.locator('.another-token');
      await anotherToken.getByRole('button', { name: 'Enter another token' }).click();
      await anotherToken.getByLabel('Another editor token').fill(tokens.editor);
      await anotherToken.getByRole('button', { name: 'Use this token' }).click();
      await expect.poll(() => refusal.count()).toBe(0);
      await owned.ok(RejectCandidateDocument, { id: quote.id, reason: 'Decided elsewhere.' });
      await form.getByRole('button', { name: 'Reject' }).click();
      await refusal.getByText('Someone decided this candidate already.').waitFor();
      await expect(refusal.getByText('CONFLICT').isVisible()).resolves.toBe(true);
      await expect(form.getByLabel(/Reason/).inputValue()).resolves.toBe(reason);
      expect((await owned.read(ReviewedCandidateDocument, { id: quote.id })).candidate).toMatchObject({ status: 'REJECTED', reason: 'Decided elsewhere.' });

      // Chromium logs every HTTP error answer it receives as a failed resource: the 401 of the refused token (the
      // CONFLICT, answered 200 because the operation ran, is not one).
      expect(explorer.problems).toEqual([expect.stringMatching(/^console error: Failed to load resource: the server responded with a status of 401/)]);
      expect(explorer.offLoopback).toEqual([]);
    } finally {
      await explorer.close();
    }
  });
});
