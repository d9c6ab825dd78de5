/**
 * From article to evidence, through GraphQL on the real Neo4j: ingestArticle stores the source and the extractor's
 * candidates (never facts), the review queue pages them, acceptCandidate turns one into a statement (a new speaker and
 * positions with it, in one transaction) and rejectCandidate says why not. Bad articles are refused and write nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptCandidateDocument,
  CandidateByIdDocument,
  ChangesDocument,
  IngestDocument,
  RejectCandidateDocument,
  UpsertIssueDocument,
} from './generated/operations.js';
// The review queue through the operation the project ships for review UIs (operations/ReviewQueue.graphql).
import { ReviewQueueDocument, type ReviewQueueQuery } from '../src/generated/operations.js';
import { cypher, cypherWrite, ownedData } from './support.js';

const owned = ownedData('ing');
const { id, prefix } = owned;
const { ok, read, run } = owned;

/** A surname no other run uses: the prefix's hex digits as letters (new actors get slugs of their names). */
const surname = `Halvik${prefix.slice(-8).replace(/[0-9a-f]/g, (digit) => 'abcdefghijklmnop'[parseInt(digit, 16)]!)}`;
const minister = `Teodor ${surname}`;

const article = `Valdonia offers to host new round of talks

VIENNA (ref ${prefix}) — Valdonia offered on Monday to host the next round of peace talks between Russia and Ukraine.

"We are ready to host both delegations at any time," Foreign Minister ${minister} told reporters in Vienna. "Our door is open."

Kremlin spokesman Dmitry Peskov said Moscow would study the offer. “Any venue is acceptable if the talks are serious,” Peskov said.

${surname} later added that Valdonia supported an immediate ceasefire. "A ceasefire must come first," he said.`;

const html = (body: string) => `<!doctype html><html><head><title>Harbour talks end without a deal | The Coastal Courier</title></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Harbour talks end without a deal</h1>${body}</article>
<footer>© The Coastal Courier. All rights reserved. Subscribe | Contact | Privacy</footer></body></html>`;

const htmlBody = `<p>PORT ELLEN (ref ${prefix}) — Talks between the harbour authority and the dockers' union ended on Friday without an agreement.</p>
<p>“We will strike from Monday unless the offer improves,” union leader Marta ${surname} told <b>reporters</b> outside the hall.</p>
<p>The authority said in a statement that the offer was final and that it regretted the union's decision to walk away from the table.</p>`;

/** Nodes acceptance created under ids of their own (slugs of names and words), removed after the file. */
const createdIds: string[] = [];

beforeAll(() => owned.start());
afterAll(async () => {
  await cypherWrite(owned.service.db, 'cleanupAccepted', 'UNWIND $ids AS id MATCH (n:Entity {id: id}) DETACH DELETE n', { ids: createdIds });
  await cypherWrite(owned.service.db, 'cleanupAcceptedChanges', 'MATCH (c:Change) WHERE any(t IN c.targetIds WHERE t IN $ids) DETACH DELETE c', { ids: createdIds });
  await owned.cleanup();
});

const ingestText = (name: string, text: string, extra: Record<string, unknown> = {}) =>
  ok(IngestDocument, { input: { id: id(name), title: `Valdonia offers talks (${name})`, outlet: 'Test Wire', publishedOn: '2025-12-08', reliability: 'MEDIUM', text, ...extra } });

async function counts(): Promise<{ sources: number; candidates: number; orphans: number }> {
  const [row] = await cypher(
    owned.service.db,
    'ingestionCounts',
    `CALL () { MATCH (s:Source) WHERE s.id STARTS WITH $prefix RETURN count(s) AS sources }
     CALL () { MATCH (c:Candidate) WHERE c.id STARTS WITH $prefix RETURN count(c) AS candidates }
     CALL () { MATCH (c:Candidate) WHERE NOT (c)-[:SUGGESTED_IN]->(:Source) RETURN count(c) AS orphans }
     RETURN sources, candidates, orphans`,
    { prefix },
  );
  return row as { sources: number; candidates: number; orphans: number };
}

describe('ingestArticle', () => {
  let sourceId: string;
  let candidates: Awaited<ReturnType<typeof ingestText>>['ingestArticle']['candidates']['nodes'];

  beforeAll(async () => {
    const { ingestArticle } = await ingestText('wire', article);
    sourceId = ingestArticle.source.id;
    candidates = ingestArticle.candidates.nodes;
  });

  it('stores the text as given and one candidate per quote and new actor, each at offsets that slice to its words', async () => {
    const { source } = (await read(CandidateByIdDocument, { id: candidates[0]!.id })).candidate!;
    expect(source.id).toBe(id('wire'));
    const [stored] = await cypher(owned.service.db, 'ingestedSource', 'MATCH (s:Source {id: $id}) RETURN s.text AS text, s.contentHash AS hash, COUNT { (c:Candidate)-[:SUGGESTED_IN]->(s) } AS candidates', { id: sourceId });
    expect(stored!.text).toBe(article);
    expect(stored!.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(stored!.candidates).toBe(candidates.length);
    // Offsets are stored as integers (a float would sort "206.0" after "309" in the queue's order).
    const [types] = await cypher(owned.service.db, 'candidateOffsetTypes', 'MATCH (c:Candidate {sourceId: $id}) RETURN collect(DISTINCT valueType(c.start)) AS types', { id: sourceId });
    expect(types!.types).toEqual(['INTEGER NOT NULL']);
    for (const candidate of candidates) {
      expect(article.slice(candidate.start, candidate.end)).toBe(candidate.excerpt);
      expect(candidate.status).toBe('PENDING');
      expect(candidate.context).toContain(candidate.excerpt);
      expect(candidate.confidence).toBeGreaterThan(0);
      expect(candidate.confidence).toBeLessThanOrEqual(1);
    }
    // In the order they stand in the article.
    expect(candidates.map((candidate) => candidate.start)).toEqual([...candidates.map((candidate) => candidate.start)].sort((a, b) => a - b));
    const quotes = candidates.filter((candidate) => candidate.kind === 'STATEMENT').map((candidate) => candidate.excerpt);
    expect(quotes).toEqual(['We are ready to host both delegations at any time', 'Our door is open.', 'Any venue is acceptable if the talks are serious', 'A ceasefire must come first']);
  });

  it('links a speaker the graph holds, names one it does not, and dates each statement with the article, marked as such', () => {
    const byWords = (words: string) => candidates.find((candidate) => candidate.excerpt === words)!;
    expect(byWords('Any venue is acceptable if the talks are serious').speaker).toMatchObject({ name: 'Dmitry Peskov', actor: { id: 'dmitry-peskov' } });
    expect(byWords('We are ready to host both delegations at any time').speaker).toMatchObject({ name: minister, actor: null, kind: 'PERSON' });
    expect(byWords('A ceasefire must come first').speaker).toMatchObject({ name: minister });
    for (const quote of candidates.filter((candidate) => candidate.kind === 'STATEMENT')) {
      expect(quote).toMatchObject({ statementKind: 'QUOTE', saidOn: '2025-12-08', dateSource: 'ARTICLE' });
    }
    const newActors = candidates.filter((candidate) => candidate.kind === 'ACTOR').map((candidate) => candidate.actor!.name);
    expect(newActors).toContain(minister);
    expect(newActors).not.toContain('Dmitry Peskov');
  });

  it('records the ingestion in the audit trail, in the same transaction', async () => {
    const { changes } = await read(ChangesDocument, { targetId: sourceId });
    expect(changes.edges.map((edge) => edge.node.mutation)).toEqual(expect.arrayContaining(['addSource', 'ingestArticle']));
    const input = JSON.parse(changes.edges.find((edge) => edge.node.mutation === 'ingestArticle')!.node.input);
    expect(input).toMatchObject({ contentHash: expect.stringMatching(/^sha256:/), extraction: { quotes: 4, candidates: candidates.length } });
  });

  it('refuses the same text again, naming the source that holds it, and writes nothing', async () => {
    const before = await counts();
    const again = await run(IngestDocument, { input: { id: id('again'), title: 'Another title', reliability: 'HIGH', text: article } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.text', sourceId });
    expect(await counts()).toEqual(before);
  });

  it('reduces HTML to its article: no menu, no footer; title from the page; offsets into the stored text', async () => {
    const { ingestArticle } = await ok(IngestDocument, { input: { id: id('html'), html: html(htmlBody), reliability: 'LOW', publishedOn: '2025-12-05' } });
    const text = ingestArticle.source.text;
    expect(ingestArticle.source.title).toContain('Harbour talks end without a deal');
    expect(text).toContain('Talks between the harbour authority');
    expect(text).toContain('union leader Marta');
    expect(text).not.toMatch(/Home|Subscribe|All rights reserved/);
    // Paragraphs stay paragraphs.
    expect(text.split('\n\n').length).toBeGreaterThanOrEqual(3);
    const quote = ingestArticle.candidates.nodes.find((candidate) => candidate.kind === 'STATEMENT')!;
    expect(quote.excerpt).toBe('We will strike from Monday unless the offer improves');
    expect(text.slice(quote.start, quote.end)).toBe(quote.excerpt);
    expect(quote.speaker).toMatchObject({ name: `Marta ${surname}` });
  });

  it('an article in which nothing is said is stored with no candidates, and says so', async () => {
    const plain = `The committee met on Tuesday (ref ${prefix}). The minutes of the meeting were published on the council website later in the week, and the next meeting is planned for March.`;
    const { ingestArticle } = await ingestText('plain', plain);
    expect(ingestArticle.extraction).toMatchObject({ quotes: 0, candidates: 0 });
    expect(ingestArticle.candidates.totalCount).toBe(0);
  });
});

describe('bad articles: BAD_USER_INPUT naming the field, and nothing written', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['empty text', { title: 'Empty', text: '' }, 'input.text', /empty/],
    ['blank text', { title: 'Blank', text: ' \n\n \t ' }, 'input.text', /empty/],
    ['binary', { title: 'Binary', text: `PK\u0003\u0004\u0000\u0000${'\u0001\u0002\u0003'.repeat(50)} data` }, 'input.text', /binary/],
    ['over the size limit', { title: 'Huge', text: 'Words and more words. '.repeat(10_000) }, 'input.text', /at most 200000/],
    ['another script', { title: 'Кремль', text: 'Кремль заявил, что переговоры продолжатся. «Мы готовы к диалогу», — сказал Песков журналистам в Москве.' }, 'input.text', /Cyrillic/],
    ['HTML with no article', { html: '<html><head><title>Menu</title></head><body><nav><a href="/">Home</a></nav></body></html>' }, 'input.html', /no article/],
    ['both text and html', { title: 'Both', text: 'Some text.', html: '<p>Some text.</p>' }, 'input.text', /exactly one/],
    ['neither text nor html', { title: 'Neither' }, 'input.text', /exactly one/],
    ['text without a title', { text: `A perfectly fine article (ref ${prefix}) that has no title given at all.` }, 'input.title', /required/],
  ];
  it.each(cases)('%s', async (_name, input, argument, message) => {
    const before = await counts();
    const response = await run(IngestDocument, { input: { reliability: 'MEDIUM', ...input } as never });
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('needs an editor token', async () => {
    const response = await run(IngestDocument, { input: { title: 'Anonymous', text: `An article (ref ${prefix}).`, reliability: 'LOW' } }, null);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the review queue and a curator’s decisions', () => {
  let sourceId: string;
  let quotes: Array<{ id: string; excerpt: string }>;
  const topicId = id('venue');

  beforeAll(async () => {
    await ok(UpsertIssueDocument, { input: { id: topicId, name: `Where the talks are held (${prefix})` } });
    const { ingestArticle } = await ingestText('review', article.replace(`ref ${prefix}`, `ref ${prefix} review`));
    sourceId = ingestArticle.source.id;
    quotes = ingestArticle.candidates.nodes.filter((candidate) => candidate.kind === 'STATEMENT');
  });
  const quote = (words: string) => quotes.find((candidate) => candidate.excerpt === words)!.id;

  it('pages a source’s candidates in article order, pages adding up to the total; filters by status and kind', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 20; page++) {
      const { reviewQueue }: ReviewQueueQuery = await read(ReviewQueueDocument, { status: 'PENDING', sourceId, first: 2, after });
      total = reviewQueue.totalCount;
      expect(reviewQueue.edges.length).toBeLessThanOrEqual(2);
      seen.push(...reviewQueue.edges.map((edge) => edge.node.id));
      if (!reviewQueue.pageInfo.hasNextPage) break;
      after = reviewQueue.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const whole = await read(ReviewQueueDocument, { sourceId, first: 100 });
    expect(whole.reviewQueue.edges.map((edge) => edge.node.id)).toEqual(seen);
    const actorsOnly = await read(ReviewQueueDocument, { sourceId, kind: 'ACTOR', first: 100 });
    expect(actorsOnly.reviewQueue.edges.every((edge) => edge.node.kind === 'ACTOR')).toBe(true);
    expect(actorsOnly.reviewQueue.totalCount + quotes.length).toBe(total);
    const unknownSource = await run(ReviewQueueDocument, { sourceId: id('nothing') });
    expect(unknownSource.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'sourceId' });
    const badFirst = await run(ReviewQueueDocument, { sourceId, first: 101 });
    expect(badFirst.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('accepting a quote by a linked speaker records the statement at the exact offsets, and the position chosen', async () => {
    const { acceptCandidate } = await ok(AcceptCandidateDocument, {
      id: quote('Any venue is acceptable if the talks are serious'),
      edits: { positions: [{ holderId: 'russia', topicId, stance: 'CONDITIONAL', condition: 'the talks are serious', summary: 'Moscow accepts any venue for serious talks.' }] },
    });
    const statement = acceptCandidate.statement!;
    expect(statement).toMatchObject({ text: 'Any venue is acceptable if the talks are serious', kind: 'QUOTE', speaker: { id: 'dmitry-peskov' }, saidOn: '2025-12-08', dateSource: 'ARTICLE' });
    expect(statement.citations).toHaveLength(1);
    const [citation] = statement.citations;
    expect(citation!.source.id).toBe(sourceId);
    expect(citation!.excerpt).toBe(statement.text);
    expect(acceptCandidate.candidate).toMatchObject({ status: 'ACCEPTED', result: { __typename: 'Statement', id: statement.id }, decidedBy: expect.stringMatching(/^editor#/) });
    expect(acceptCandidate.positions).toHaveLength(1);
    expect(acceptCandidate.positions[0]).toMatchObject({ stance: 'CONDITIONAL', actor: { id: 'russia' }, topic: { id: topicId } });
    expect(acceptCandidate.positions[0]!.evidence.map((evidence) => evidence.id)).toContain(statement.id);
    const { changes } = await read(ChangesDocument, { targetId: statement.id });
    expect(changes.edges.map((edge) => edge.node.mutation).sort()).toEqual(['acceptCandidate', 'recordStatement']);
    const positionChanges = await read(ChangesDocument, { targetId: acceptCandidate.positions[0]!.id });
    expect(positionChanges.changes.edges.map((edge) => edge.node.mutation).sort()).toEqual(['acceptCandidate', 'setPosition']);
    createdIds.push(statement.id, acceptCandidate.positions[0]!.id);
    // Decided once: a second decision is a CONFLICT.
    const twice = await run(RejectCandidateDocument, { id: quote('Any venue is acceptable if the talks are serious'), reason: 'changed my mind' });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('accepting a quote by a speaker the graph lacks creates the speaker in the same transaction, and settles their ACTOR candidate', async () => {
    const { acceptCandidate } = await ok(AcceptCandidateDocument, { id: quote('We are ready to host both delegations at any time') });
    const created = acceptCandidate.actors[0]!;
    createdIds.push(created.id, acceptCandidate.statement!.id);
    expect(created).toMatchObject({ name: minister, kind: 'PERSON' });
    expect(acceptCandidate.statement!.speaker).toMatchObject({ id: created.id });
    const actorsLeft = await read(ReviewQueueDocument, { sourceId, kind: 'ACTOR', status: 'PENDING', first: 100 });
    const settled = await read(ReviewQueueDocument, { sourceId, kind: 'ACTOR', status: 'ACCEPTED', first: 100 });
    expect(settled.reviewQueue.totalCount).toBe(1);
    const [settledCandidate] = settled.reviewQueue.edges;
    const { candidate } = await read(CandidateByIdDocument, { id: settledCandidate!.node.id });
    expect(candidate).toMatchObject({ actor: { name: minister }, result: { __typename: 'Actor', id: created.id } });
    expect(actorsLeft.reviewQueue.edges.map((edge) => edge.node.id)).not.toContain(settledCandidate!.node.id);
    // Another article's candidate named the same speaker before the actor existed: accepting it now links, creates none.
    const { reviewQueue } = await read(ReviewQueueDocument, { sourceId: id('wire'), kind: 'STATEMENT', first: 100 });
    const earlier = reviewQueue.edges[0]!.node.id;
    expect((await read(CandidateByIdDocument, { id: earlier })).candidate).toMatchObject({ speaker: { name: minister, actor: null } });
    const linked = await ok(AcceptCandidateDocument, { id: earlier });
    createdIds.push(linked.acceptCandidate.statement!.id);
    expect(linked.acceptCandidate.actors).toEqual([]);
    expect(linked.acceptCandidate.statement!.speaker).toMatchObject({ id: created.id });
  });

  it('a failing part undoes the whole acceptance: no statement, no new speaker, the candidate still pending', async () => {
    const target = quote('A ceasefire must come first');
    const refused = await run(AcceptCandidateDocument, {
      id: target,
      edits: { newSpeaker: { name: `Another ${surname}`, kind: 'PERSON' }, positions: [{ holderId: 'ukraine', topicId: id('no-such-topic'), stance: 'SUPPORTS' }] },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'input.topicId' });
    const [row] = await cypher(
      owned.service.db,
      'afterRefusedAcceptance',
      'RETURN COUNT { (a:Actor) WHERE a.name = $name } AS speakers, COUNT { (s:Statement)-[:CITED_IN]->(:Source {id: $sourceId}) WHERE s.text = $words } AS statements',
      { name: `Another ${surname}`, sourceId, words: 'A ceasefire must come first' },
    );
    expect(row).toEqual({ speakers: 0, statements: 0 });
    expect((await read(CandidateByIdDocument, { id: target })).candidate).toMatchObject({ status: 'PENDING', result: null });
  });

  it('edits: narrower words are recorded as edited; a QUOTE must stay inside the quotation marks; offsets must be in the text', async () => {
    const target = quote('A ceasefire must come first');
    const { candidate } = await read(CandidateByIdDocument, { id: target });
    const outside = await run(AcceptCandidateDocument, { id: target, edits: { start: candidate!.start - 3, end: candidate!.end, speakerId: 'ukraine' } });
    expect(outside.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const past = await run(AcceptCandidateDocument, { id: target, edits: { end: 10_000_000 } });
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'edits.end' });
    const speakerAndNew = await run(AcceptCandidateDocument, { id: target, edits: { speakerId: 'ukraine', newSpeaker: { name: 'X', kind: 'PERSON' } } });
    expect(speakerAndNew.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'edits.newSpeaker' });
    const { acceptCandidate } = await ok(AcceptCandidateDocument, {
      id: target,
      edits: { start: candidate!.start + 2, end: candidate!.start + 'A ceasefire'.length, speakerNote: 'Valdonian foreign minister', saidOn: '2025-12-07' },
    });
    createdIds.push(acceptCandidate.statement!.id);
    expect(acceptCandidate.statement).toMatchObject({ text: 'ceasefire', speaker: null, speakerNote: 'Valdonian foreign minister', saidOn: '2025-12-07', dateSource: 'EVENT' });
  });

  it('rejecting keeps the reason and who decided; rejected candidates leave the pending queue', async () => {
    const target = quote('Our door is open.');
    const { rejectCandidate } = await ok(RejectCandidateDocument, { id: target, reason: 'Not a stance: a courtesy.' });
    expect(rejectCandidate.candidate).toMatchObject({ status: 'REJECTED', reason: 'Not a stance: a courtesy.', decidedBy: expect.stringMatching(/^editor#/) });
    expect(rejectCandidate.change).toMatchObject({ mutation: 'rejectCandidate', targetIds: [target] });
    const pending = await read(ReviewQueueDocument, { sourceId, status: 'PENDING', first: 100 });
    expect(pending.reviewQueue.edges.map((edge) => edge.node.id)).not.toContain(target);
    const rejected = await read(ReviewQueueDocument, { sourceId, status: 'REJECTED', first: 100 });
    expect(rejected.reviewQueue.edges.map((edge) => edge.node.id)).toEqual([target]);
    const blank = await run(RejectCandidateDocument, { id: target, reason: '  ' });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
    const missing = await run(RejectCandidateDocument, { id: `${sourceId}#statement-0-1`, reason: 'no' });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });
  });
});
