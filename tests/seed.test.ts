/** The seed graph on the real Neo4j: provenance holds, loading is idempotent, bad seed files are refused whole. */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, QueryRunner } from '../src/neo4j/database.js';
import { defaultSeedDir, loadSeed } from '../src/seed/loader.js';
import { SeedValidationError, readSeed } from '../src/seed/validate.js';
import { createRepositories } from '../src/context.js';
import { cypher, testDatabase } from './support.js';

let db: Database;
let runner: QueryRunner;
const seed = readSeed(defaultSeedDir);
const seedIds = [
  ...seed.sources,
  ...seed.actors,
  ...seed.issues,
  ...seed.proposals,
  ...seed.events,
  ...seed.statements,
  ...seed.positions,
].map((item) => item.id);

/** Nodes and relationships among the seed's own ids: other test files may add their own data meanwhile. */
async function seedFingerprint(): Promise<{ nodes: number; relationships: Record<string, number> }> {
  const rows = await cypher(
    db,
    'seedFingerprint',
    `MATCH (n:Entity) WHERE n.id IN $ids
     WITH collect(n) AS nodes
     UNWIND nodes AS n
     OPTIONAL MATCH (n)-[r]->(m:Entity) WHERE m.id IN $ids
     WITH size(nodes) AS nodeCount, type(r) AS type, count(r) AS count
     RETURN nodeCount, collect([type, count]) AS byType`,
    { ids: seedIds },
  );
  const row = rows[0]!;
  const relationships: Record<string, number> = {};
  for (const pair of row.byType as Array<[string | null, number]>) if (pair[0]) relationships[pair[0]] = pair[1];
  return { nodes: row.nodeCount as number, relationships };
}

beforeAll(() => {
  db = testDatabase();
  runner = db.runner('seed-test');
});
afterAll(async () => {
  await db.close();
});

describe('provenance in the loaded graph', () => {
  it('meets the curation floor: 30 actors, the 11 issues, 45 positions, 60 statements', async () => {
    const rows = await cypher(
      db,
      'seedCounts',
      `RETURN COUNT { (:Actor) } AS actors, COUNT { (:Position) } AS positions, COUNT { (:Statement) } AS statements,
              [id IN $issues WHERE NOT EXISTS { (:Issue {id: id}) }] AS missingIssues`,
      {
        issues: [
          'ukraine-nato-membership', 'donbas-withdrawal', 'security-guarantees', 'ukraine-army-limits', 'western-troops-in-ukraine',
          'us-russia-economic-cooperation', 'russian-energy-ban', 'sanctions-on-russia', 'putin-zelensky-meeting', 'europe-role-in-talks',
          'arms-for-ukraine',
        ],
      },
    );
    expect(rows[0]!.actors).toBeGreaterThanOrEqual(30);
    expect(rows[0]!.positions).toBeGreaterThanOrEqual(45);
    expect(rows[0]!.statements).toBeGreaterThanOrEqual(60);
    expect(rows[0]!.missingIssues).toEqual([]);
  });

  it('has every contract id', async () => {
    const ids = [
      'vladimir-putin', 'yuri-ushakov', 'dmitry-peskov', 'kirill-dmitriev', 'steve-witkoff', 'jared-kushner', 'donald-trump', 'marco-rubio',
      'volodymyr-zelensky', 'rustem-umerov', 'andriy-yermak', 'andrii-sybiha', 'mark-rutte', 'nato', 'european-union', 'russia', 'ukraine',
      'united-states', 'united-kingdom', 'france', 'germany', 'hungary', 'slovakia', 'poland', 'belarus', 'china',
      'us-28-point-plan', 'european-counterproposal', 'refined-peace-framework', '20-point-plan',
      'moscow-talks-2025-12-02', 'geneva-talks-2025-11-23', 'florida-talks-2025-11-30', 'nato-foreign-ministers-2025-12-03',
      'istanbul-talks-2025', 'zapad-2025',
    ];
    const rows = await cypher(db, 'missingIds', 'UNWIND $ids AS id WITH id WHERE NOT EXISTS { (:Entity {id: id}) } RETURN collect(id) AS missing', { ids });
    expect(rows[0]!.missing).toEqual([]);
  });

  it('finds every QUOTE verbatim at its offsets in each source that cites it', async () => {
    const rows = await cypher(
      db,
      'quoteSpans',
      `MATCH (s:Statement {kind: 'QUOTE'})-[c:CITED_IN]->(src:Source) WHERE s.id IN $ids
       RETURN s.id AS id, src.id AS source, substring(src.text, c.start, c.end - c.start) AS span`,
      { ids: seedIds },
    );
    expect(rows.length).toBeGreaterThan(20);
    // A second article may word the same utterance differently (another translation): its citation's words are
    // the curated `match`, verbatim in that article; the statement's text is verbatim in the first.
    const words = new Map(seed.citations.map((citation) => [`${citation.statement} ${citation.source}`, citation.words]));
    const normalise = (value: string) => value.replace(/[\u201C\u201D]/g, '"').replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();
    for (const row of rows) {
      expect(normalise(row.span as string), `statement ${row.id} in ${row.source}`).toBe(normalise(words.get(`${row.id} ${row.source}`)!));
    }
    const primary = seed.statements.filter((statement) => statement.kind === 'QUOTE');
    for (const statement of primary) {
      const texts = seed.citations.filter((citation) => citation.statement === statement.id).map((citation) => normalise(citation.words));
      expect(texts, statement.id).toContain(normalise(statement.text));
    }
  });

  it('cites every statement at offsets that frame its words (match text for a second article)', async () => {
    const rows = await cypher(
      db,
      'citationSpans',
      'MATCH (s:Statement)-[c:CITED_IN]->(src:Source) WHERE s.id IN $ids RETURN s.id AS id, src.id AS source, substring(src.text, c.start, c.end - c.start) AS span',
      { ids: seedIds },
    );
    expect(rows.length).toBe(seed.citations.length);
    const text = new Map(seed.sources.map((source) => [source.id, source.text]));
    for (const citation of seed.citations) {
      expect(text.get(citation.source)!.slice(citation.start, citation.end).length).toBe(citation.end - citation.start);
    }
    expect(rows.every((row) => (row.span as string).trim().length > 0)).toBe(true);
  });

  it('gives every position at least one evidence statement, an actor and a topic', async () => {
    const rows = await cypher(
      db,
      'positionIntegrity',
      `MATCH (p:Position) WHERE p.id IN $ids
       RETURN count(p) AS positions,
              count { MATCH (p) WHERE NOT EXISTS { (p)-[:EVIDENCED_BY]->(:Statement) } } AS withoutEvidence,
              sum(CASE WHEN COUNT { (:Actor)-[:HOLDS]->(p) } = 1 THEN 0 ELSE 1 END) AS withoutOneActor,
              sum(CASE WHEN COUNT { (p)-[:ON]->(:Topic) } = 1 THEN 0 ELSE 1 END) AS withoutOneTopic,
              sum(CASE WHEN p.validFrom IS NULL THEN 1 ELSE 0 END) AS withoutDate`,
      { ids: seedIds },
    );
    expect(rows[0]).toMatchObject({ withoutEvidence: 0, withoutOneActor: 0, withoutOneTopic: 0 });
    expect(rows[0]!.positions).toBe(seed.positions.length);
  });

  it('resolves every reference: statements cite sources, speakers are actors, relation evidence exists', async () => {
    const rows = await cypher(
      db,
      'danglingReferences',
      `RETURN COUNT { MATCH (s:Statement) WHERE NOT EXISTS { (s)-[:CITED_IN]->(:Source) } } AS uncited,
              COUNT { MATCH (:Statement)-[:SAID_BY]->(x) WHERE NOT x:Actor } AS badSpeakers,
              COLLECT { MATCH (:Actor)-[r]->(:Actor) WHERE r.evidence IS NOT NULL
                 UNWIND r.evidence AS id WITH id WHERE NOT EXISTS { (:Statement {id: id}) } RETURN id } AS missingEvidence`,
    );
    expect(rows[0]).toEqual({ uncited: 0, badSpeakers: 0, missingEvidence: [] });
  });
});

describe('loading', () => {
  it('twice gives identical counts (MERGE on ids)', async () => {
    const before = await seedFingerprint();
    expect(before.nodes).toBe(seedIds.length);
    await loadSeed(runner);
    expect(await seedFingerprint()).toEqual(before);
  });

  describe('refuses a bad seed whole, naming the file, the path and the reason, and writes nothing', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'stancegraph-seed-'));
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    /** A copy of the real seed with one file edited. */
    function seedWith(file: string, edit: (content: string) => string): string {
      const copy = mkdtempSync(join(dir, 'case-'));
      cpSync(join(defaultSeedDir, 'data'), join(copy, 'data'), { recursive: true });
      symlinkSync(join(defaultSeedDir, 'articles'), join(copy, 'articles'));
      const path = join(copy, 'data', file);
      writeFileSync(path, edit(readFileSync(path, 'utf8')));
      return copy;
    }

    const cases: Array<{ name: string; file: string; edit: (content: string) => string; message: RegExp; newId?: string }> = [
      {
        name: 'a missing field',
        file: 'actors.yaml',
        edit: (content) => content.replace(/\n(\s*)kind: PERSON\n/, '\n'),
        message: /seeds?.*actors\.yaml: actors\[\d+\]\.kind: /,
      },
      {
        name: 'a dangling reference',
        file: 'positions.yaml',
        edit: (content) => content.replace('actor: russia\n', 'actor: atlantis\n'),
        message: /positions\.yaml: positions\[\d+\]\.actor: unknown actor "atlantis"/,
      },
      {
        name: 'a duplicate id',
        file: 'issues.yaml',
        edit: (content) => `${content}\n  - id: nato\n    name: A second NATO\n`,
        message: /issues\.yaml: issues\[\d+\]\.id: duplicate id "nato"/,
      },
      {
        name: 'a quote not in its article',
        file: 'relations.yaml',
        edit: (content) =>
          `${content.replace(/^relations:/m, 'relations:')}\nstatements:\n  - id: invented-quote\n    text: We will give back Crimea tomorrow\n    kind: QUOTE\n    speaker: vladimir-putin\n    citations:\n      - source: arab-news-2025-12-03\n`,
        message: /relations\.yaml: statements\[0\]\.citations\[0\]: the words "We will give back Crimea tomorrow" are not in source "arab-news-2025-12-03"/,
        newId: 'invented-quote',
      },
      {
        name: 'a position without evidence',
        file: 'positions.yaml',
        edit: (content) => content.replace(/evidence: \[[^\]]+\]/, 'evidence: []'),
        message: /positions\.yaml: positions\[0\]\.evidence: a position needs at least one evidence statement/,
      },
    ];

    it.each(cases)('$name', async ({ file, edit, message, newId }) => {
      const before = await seedFingerprint();
      const bad = seedWith(file, edit);
      const attempt = loadSeed(runner, bad);
      await expect(attempt).rejects.toBeInstanceOf(SeedValidationError);
      await expect(attempt).rejects.toThrow(message);
      await expect(attempt).rejects.toThrow(/nothing was written/);
      expect(await seedFingerprint()).toEqual(before);
      if (newId) {
        const rows = await cypher(db, 'idAbsent', 'MATCH (n:Entity {id: $id}) RETURN count(n) AS count', { id: newId });
        expect(rows[0]!.count).toBe(0);
      }
    });
  });
});

describe('curated facts, asked through the repositories', () => {
  /** The first page of a nested list, big enough for any seed actor's. */
  const firstHundred = { limit: 100, after: null };

  it('Ushakov advises Putin, with the article words as evidence', async () => {
    const { actors } = createRepositories(runner);
    const relations = await actors.relationsOf(['yuri-ushakov'], { types: null, page: firstHundred });
    const advises = relations.find(({ value }) => value.node.type === 'ADVISES' && value.actorId === 'vladimir-putin');
    expect(advises?.value.direction).toBe('OUTGOING');
    expect(advises?.value.node.id).toBe('yuri-ushakov:ADVISES:vladimir-putin');
    expect(advises?.value.node.evidenceIds.length).toBeGreaterThan(0);
  });

  it('Russia opposes and Ukraine supports Ukraine joining NATO', async () => {
    const { positions } = createRepositories(runner);
    const rows = await positions.onTopics(['ukraine-nato-membership'], { lanes: [null], asOf: null, page: firstHundred });
    const stanceOf = (actorId: string) =>
      rows.filter(({ value }) => value.node.position.actorId === actorId).map(({ value }) => value.node.position.stance);
    expect(stanceOf('russia')).toContain('OPPOSES');
    expect(stanceOf('ukraine')).toContain('SUPPORTS');
  });

  it('Peskov speaks for the Kremlin and is quoted verbatim', async () => {
    const { statements } = createRepositories(runner);
    const page = await statements.bySpeakers(['dmitry-peskov'], 10, null);
    const texts = page.map(({ value }) => value.text);
    expect(texts).toContain('We are still ready to meet as many times as is needed to reach a peace settlement');
  });

  it('Kushner is family of Trump, and Witkoff and Kushner took part in the Moscow talks', async () => {
    const { actors, events: eventRepository } = createRepositories(runner);
    const family = await actors.relationsOf(['jared-kushner'], { types: ['FAMILY_OF'], page: firstHundred });
    expect(family.some(({ value }) => value.node.type === 'FAMILY_OF' && value.actorId === 'donald-trump')).toBe(true);
    const events = await eventRepository.ofActors(['steve-witkoff', 'jared-kushner'], firstHundred);
    for (const actorId of ['steve-witkoff', 'jared-kushner']) {
      expect(events.filter(({ key }) => key === actorId).map(({ value }) => value.node.id)).toContain('moscow-talks-2025-12-02');
    }
  });

  it('the refined framework revises the 28-point plan', async () => {
    const { topics } = createRepositories(runner);
    const revised = await topics.revisions(['refined-peace-framework'], 'revises', firstHundred);
    expect(revised.map(({ value }) => value.node.id)).toContain('us-28-point-plan');
  });
});
