/** Pure logic: finding words in articles, safe Lucene, cursors, stance analytics. */
import { describe, expect, it } from 'vitest';
import { isInsideQuotation, locate, normalizeQuoted } from '../src/statement/locate.js';
import { toLuceneQuery } from '../src/search/lucene.js';
import { decodeCursor, encodeCursor, pageSize } from '../src/shared/pagination.js';
import { foldForSearch } from '../src/shared/text.js';
import { compareActors, verdictOf } from '../src/analytics/stances.js';
import { contextAround } from '../src/statement/excerpt.js';
import type { PositionRecord } from '../src/position/model.js';
import { analyticsPool } from '../src/network/pool.js';
import { JobError, WorkerPool } from '../src/shared/worker-pool.js';
import { GAZETTEER_MISSING, type ExtractionJob, type ExtractionOutput } from '../src/ingestion/service.js';

describe('locate', () => {
  const article = 'Ushakov described the talks as \u201Cconstructive.\u201D  But he added that \u201Csome American\n proposals appear acceptable\u201D and Russia\u2019s army advanced.';

  it('finds words across typographic quotes and whitespace, with offsets into the original text', () => {
    const span = locate(article, 'some American proposals appear acceptable')!;
    expect(article.slice(span.start, span.end)).toBe('some American\n proposals appear acceptable');
    const apostrophe = locate(article, "Russia's army")!;
    expect(article.slice(apostrophe.start, apostrophe.end)).toBe('Russia\u2019s army');
  });

  it('finds the n-th occurrence, and nothing when the words differ', () => {
    expect(locate('a b a b', 'a b', 2)).toEqual({ start: 4, end: 7 });
    expect(locate('a b a b', 'a b', 3)).toBeUndefined();
    expect(locate(article, 'constructive talks')).toBeUndefined();
    expect(locate(article, '   ')).toBeUndefined();
  });

  it('knows whether a span is inside quotation marks (apostrophes are not quotes)', () => {
    expect(isInsideQuotation(article, locate(article, 'constructive.')!)).toBe(true);
    const quoted = 'He said \u201Csome American proposals\u201D were fine.';
    expect(isInsideQuotation(quoted, locate(quoted, 'American')!)).toBe(true);
    expect(isInsideQuotation(quoted, locate(quoted, 'were fine')!)).toBe(false);
    expect(isInsideQuotation(article, locate(article, 'described the talks')!)).toBe(false);
    expect(isInsideQuotation(article, locate(article, 'army advanced')!)).toBe(false);
  });

  it('normalises only quotes and whitespace', () => {
    expect(normalizeQuoted(' \u201CKyiv\u2019s\u201D \n plan ')).toBe('"Kyiv\'s" plan');
  });
});

describe('contextAround', () => {
  it('returns the sentence holding the words, with its closing quote', () => {
    const text = 'First sentence. Peskov said, \u201CWe are ready.\u201D Then more.';
    const start = text.indexOf('We are');
    expect(contextAround(text, start, start + 6)).toBe('Peskov said, \u201CWe are ready.\u201D');
  });
});

describe('toLuceneQuery', () => {
  it.each([
    ['Zelenskyy', '(zelenskyy OR zelenskyy* OR zelenskyy~1)'],
    ['NATO AND Russia', '(nato OR nato*) (and OR and*) (russia OR russia* OR russia~1)'],
    // Lowercase `or` is a plain word to Lucene; only upper-case operators are operators.
    ['title:(x) OR y~2 "quoted"', '(title OR title* OR title~1) x or y 2 (quoted OR quoted* OR quoted~1)'],
    ["') DETACH DELETE n //", '(detach OR detach* OR detach~1) (delete OR delete* OR delete~1) n'],
  ])('%s -> %s', (input, expected) => {
    expect(toLuceneQuery(input)).toBe(expected);
  });

  it('refuses a query with no word', () => {
    expect(toLuceneQuery('+-&&||!(){}[]^"~*?:\\/')).toBeNull();
    expect(toLuceneQuery('   ')).toBeNull();
  });
});

describe('cursors and page sizes', () => {
  it('round-trips a key and refuses cursors of other lists, forged or malformed', () => {
    const cursor = encodeCursor('actors', ['Vladimir Putin', 'vladimir-putin']);
    const pair = ['string', 'string'] as const;
    expect(decodeCursor(cursor, 'actors', pair)).toEqual(['Vladimir Putin', 'vladimir-putin']);
    expect(() => decodeCursor(cursor, 'issues', pair)).toThrow(/after: is not a cursor of this list/);
    expect(() => decodeCursor('not a cursor!', 'actors', pair)).toThrow(/after/);
    expect(() => decodeCursor(Buffer.from('{"l":"actors","k":[{}, 1]}').toString('base64url'), 'actors', pair)).toThrow(/after/);
    expect(() => decodeCursor(Buffer.from('[1,2]').toString('base64url'), 'actors', pair)).toThrow(/after/);
    // Values of the wrong shape never reach Cypher (a timestamp that does not parse, a float offset).
    const forged = (k: unknown[]) => Buffer.from(JSON.stringify({ l: 'changes', k })).toString('base64url');
    expect(decodeCursor(forged(['2026-11-23T06:26:25.652Z', 'x']), 'changes', ['timestamp', 'string'])).toEqual(['2026-11-23T06:26:25.652Z', 'x']);
    expect(decodeCursor(forged(['2026-11-23T06:26Z', 'x']), 'changes', ['timestamp', 'string'])).toEqual(['2026-11-23T06:26Z', 'x']);
    expect(() => decodeCursor(forged([';*<Uo78', 1.3e-293]), 'changes', ['timestamp', 'string'])).toThrow(/after/);
    for (const impossible of ['2025-13-45T25:61:00Z', '2025-02-30T10:00:00Z', '8185-62-31T29:36:17Z', '2025-01-01T24:00:00Z']) {
      expect(() => decodeCursor(forged([impossible, 'x']), 'changes', ['timestamp', 'string']), impossible).toThrow(/after/);
    }
    expect(() => decodeCursor(forged([1.5, 'x']), 'changes', ['int', 'string'])).toThrow(/after/);
  });

  it('defaults first to 20 and keeps it within 1..100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    for (const bad of [0, -1, 101, 2 ** 53, 10.5]) expect(() => pageSize(bad)).toThrow(/first: must be between 1 and 100/);
  });
});

describe('foldForSearch', () => {
  it('folds case and accents', () => {
    expect(foldForSearch('  Zélenskyy  ÖSTERREICH ')).toBe('zelenskyy osterreich');
    expect(foldForSearch('Zelenskyy'.normalize('NFD'))).toBe(foldForSearch('Zelenskyy'.normalize('NFC')));
  });
});

describe('agreement', () => {
  const position = (actorId: string, topicId: string, stance: PositionRecord['stance'], validFrom = '2025-12-01'): PositionRecord => ({
    __typename: 'Position',
    id: `${actorId}-${topicId}-${validFrom}`,
    actorId,
    topicId,
    stance,
    summary: null,
    condition: null,
    validFrom,
    validTo: null,
  });
  /** Without roll-ups, a position counts for its own actor on its own topic. */
  const own = (counted: PositionRecord) => ({ actorId: counted.actorId, topicId: counted.topicId, position: counted });

  it('scores agree / (agree + disagree), compares the newest position per topic, ignores unshared topics', () => {
    const result = compareActors('a', 'b', [
      position('a', 'nato', 'SUPPORTS'),
      position('b', 'nato', 'SUPPORTS'),
      position('a', 'land', 'OPPOSES'),
      position('b', 'land', 'SUPPORTS', '2025-11-01'),
      position('b', 'land', 'OPPOSES', '2025-12-02'),
      position('a', 'troops', 'SUPPORTS'),
      position('b', 'troops', 'OPPOSES'),
      position('a', 'gas', 'CONDITIONAL'),
      position('b', 'gas', 'SUPPORTS'),
      position('a', 'only-a', 'SUPPORTS'),
    ].map(own));
    expect(result.agreeOn).toEqual(['land', 'nato']);
    expect(result.disagreeOn).toEqual(['troops']);
    expect(result.score).toBeCloseTo(2 / 3);
    expect(result.details.map((detail) => [detail.topicId, detail.verdict])).toEqual([
      ['gas', 'PARTIAL'],
      ['land', 'AGREE'],
      ['nato', 'AGREE'],
      ['troops', 'DISAGREE'],
    ]);
  });

  it('has no score without comparable topics', () => {
    expect(compareActors('a', 'b', []).score).toBeNull();
    expect(verdictOf(position('a', 't', 'UNDECIDED'), position('b', 't', 'OPPOSES'))).toBe('PARTIAL');
  });
});

describe('the analytics worker pool', () => {
  /** Every actor at one event: a clique of n(n-1)/2 ties, heavy for a small heap or a short time. */
  const clique = (n: number) => ({
    kind: 'centrality' as const,
    network: { actorIds: Array.from({ length: n }, (_, i) => `a${String(i).padStart(5, '0')}`), from: [], to: [], groups: [Array.from({ length: n }, (_, i) => i)] },
    maxSources: 1,
  });
  const small = { kind: 'centrality' as const, network: { actorIds: ['a', 'b'], from: [0], to: [1], groups: [] }, maxSources: 2 };

  it('refuses a computation past the worker heap or past its time, and runs the next one', async () => {
    // Both refusals cost about a second of CPU: the suite's other files run meanwhile.
    const tight = analyticsPool({ timeoutMs: 60_000, memoryMb: 64 });
    const hurried = analyticsPool({ timeoutMs: 1_000, memoryMb: 4096 });
    try {
      await expect(tight.run(clique(3000))).rejects.toMatchObject({ reason: 'memory' });
      await expect(hurried.run(clique(3000))).rejects.toSatisfy((error) => error instanceof JobError && error.reason === 'timeout');
      const after = await tight.run(small);
      expect(after.kind === 'centrality' && after.value.degree).toEqual([1, 1]);
    } finally {
      await Promise.all([tight.close(), hurried.close()]);
    }
  });
});

describe('the extraction worker', () => {
  it('is sent the gazetteer once: later jobs name it by key, and a worker that lacks it asks for it again', async () => {
    const pool = new WorkerPool<ExtractionJob, ExtractionOutput>({ entry: new URL('../src/ingestion/worker.ts', import.meta.url).href, name: 'extraction', timeoutMs: 60_000, memoryMb: 512 });
    const gazetteer = { actors: [{ id: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'PERSON' as const, aliases: ['Peskov'] }], topics: [] };
    const text = '"The talks will go on," Kremlin spokesman Dmitry Peskov said on Monday.';
    try {
      // A fresh worker holds no gazetteer: a job naming one it never received is refused, not run without names.
      await expect(pool.run({ text, gazetteerKey: 'v1', gazetteer: null })).rejects.toSatisfy((error) => error instanceof JobError && error.message === GAZETTEER_MISSING);
      const first = await pool.run({ text, gazetteerKey: 'v1', gazetteer });
      const again = await pool.run({ text, gazetteerKey: 'v1', gazetteer: null });
      for (const { extraction } of [first, again]) expect(extraction.quotes.map((quote) => [quote.text, quote.speakerId])).toEqual([['The talks will go on', 'dmitry-peskov']]);
      await expect(pool.run({ text, gazetteerKey: 'v2', gazetteer: null })).rejects.toSatisfy((error) => error instanceof JobError && error.message === GAZETTEER_MISSING);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
