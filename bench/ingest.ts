/**
 * The ingestion benchmark (`--ops ingest`): extraction time of a 10,000-character article (the extractor alone,
 * in-process, the model loaded), then a batch of generated articles through `ingestArticle` on a stancegraph server,
 * one at a time, with the server's RSS sampled along the way: memory must level off, not grow with the batch. The
 * articles are removed again afterwards (sources, candidates, audit records), so the store is left as it was.
 *
 * The articles are generated from a seeded random source: news-style paragraphs with quotations split by attributions,
 * said-verbs either side, titles before names, anonymous officials and partial quotes, about the store's actors (by
 * name) and invented ones, 2,000 to 10,000 characters each.
 */
import neo4j from 'neo4j-driver';
import seedrandom from 'seedrandom';
import { extract } from '../src/extraction/extract.js';
import { seedGazetteer } from '../scripts/extraction-tools.js';
import { median } from './report.js';
import { readStatusKb, startServer } from './servers.js';
import type { OpenStore } from './store.js';

export interface IngestResult {
  extract10k: { chars: number; reps: number; p50Ms: number; maxMs: number };
  batch: { articles: number; seconds: number; perArticleP50Ms: number; perArticleP95Ms: number; candidates: number; rssMb: Array<{ after: number; mb: number }> };
}

const firstNames = ['Anna', 'Teodor', 'Marta', 'Jonas', 'Leila', 'Pavel', 'Ines', 'Kofi', 'Sara', 'Tomasz', 'Elif', 'Hugo'];
const surnames = ['Halvik', 'Brandt', 'Okafor', 'Lindqvist', 'Moreau', 'Kowalczyk', 'Haddad', 'Sato', 'Novak', 'Ferreira', 'Dumont', 'Reyes'];
const titles = ['Foreign Minister', 'Defence Minister', 'Prime Minister', 'government spokesman', 'Finance Minister', 'opposition leader'];
const countries = ['Valdonia', 'Ostrava', 'Meridia', 'Kalmar', 'Tessaly'];
const topics = ['a ceasefire', 'the peace plan', 'new sanctions', 'security guarantees', 'the grain corridor', 'the border talks'];
const verbs = ['said', 'told reporters', 'added', 'warned', 'insisted', 'said in a statement'];
const claims = [
  'We will not accept any deal that ignores our security',
  'The talks have been useful, but nothing is agreed until everything is agreed',
  'We support an immediate ceasefire and we are ready to sign',
  'This proposal is unacceptable in its current form',
  'Our partners know exactly where our red lines are',
  'There is no alternative to negotiations',
];

function article(random: () => number, index: number, knownNames: readonly string[]): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const person = () => (random() < 0.4 && knownNames.length > 0 ? pick(knownNames) : `${pick(firstNames)} ${pick(surnames)}`);
  const paragraphs = [`${pick(countries)} and ${pick(countries)} resume talks on ${pick(topics)} (bench article ${index})`];
  const target = 2_000 + Math.floor(random() * 8_000);
  while (paragraphs.join('\n\n').length < target) {
    const speaker = person();
    const shape = Math.floor(random() * 6);
    const claim = pick(claims);
    if (shape === 0) paragraphs.push(`"${claim}," ${pick(titles)} ${speaker} ${pick(verbs)} on ${pick(['Monday', 'Tuesday', 'Friday'])}.`);
    else if (shape === 1) paragraphs.push(`${speaker} ${pick(verbs)}: "${claim}."`);
    else if (shape === 2) paragraphs.push(`"${claim}," ${speaker} said. "${pick(claims)}."`);
    else if (shape === 3) paragraphs.push(`A senior ${pick(countries)} official, speaking on condition of anonymity, said the plan was "${pick(['dead on arrival', 'a good start', 'unworkable'])}" and that ${pick(topics)} would take months.`);
    else if (shape === 4) paragraphs.push(`According to ${speaker}, the delegations met for ${2 + Math.floor(random() * 6)} hours. "${claim}," ${random() < 0.5 ? 'he' : 'she'} added.`);
    else paragraphs.push(`The ${pick(countries)} delegation arrived late on ${pick(['Sunday', 'Wednesday'])}. Talks on ${pick(topics)} continued into the night, with no statement issued after the first session.`);
  }
  return paragraphs.join('\n\n');
}

export async function runIngest(store: OpenStore, options: { articles: number; log: (line: string) => void }): Promise<IngestResult> {
  const { log } = options;
  // Extraction alone: a 10,000-character article, the model loaded once before timing.
  const gazetteer = seedGazetteer();
  const random = seedrandom('stancegraph-ingest');
  let long = article(random, 0, gazetteer.actors.map((actor) => actor.name));
  while (long.length < 10_000) long += `\n\n${article(random, 0, [])}`;
  long = long.slice(0, 10_000);
  extract(long, gazetteer);
  const times: number[] = [];
  for (let rep = 0; rep < 20; rep++) {
    const started = performance.now();
    extract(long, gazetteer);
    times.push(performance.now() - started);
  }
  const extract10k = { chars: long.length, reps: times.length, p50Ms: Math.round(median(times)), maxMs: Math.round(Math.max(...times)) };
  log(`[${store.size}] extraction of a 10,000-character article: p50 ${extract10k.p50Ms} ms, max ${extract10k.maxMs} ms`);

  const token = `editor-bench-${Date.now()}-ingest`;
  const server = await startServer('stancegraph', store.neo4j, { env: { STANCEGRAPH_API_KEYS: `editor:${token}`, REQUEST_TIMEOUT_MS: '60000', NEO4J_QUERY_TIMEOUT_MS: '60000' } });
  const prefix = `bench-ingest-${Date.now().toString(36)}`;
  const driver = neo4j.driver(store.neo4j.uri, neo4j.auth.basic(store.neo4j.user, store.neo4j.password));
  // A run stopped midway (Ctrl-C) leaves its articles: remove every batch's before this one, and this one's after.
  await removeBatches(driver, 'bench-ingest-');
  try {
    const names = gazetteer.actors.map((actor) => actor.name);
    const latencies: number[] = [];
    const rssMb: Array<{ after: number; mb: number }> = [{ after: 0, mb: Math.round(readStatusKb(server.pid, 'VmRSS') / 1024) }];
    let candidates = 0;
    const started = performance.now();
    for (let index = 1; index <= options.articles; index++) {
      const text = article(random, index, names);
      const body = JSON.stringify({
        query: 'mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { extraction { candidates } } }',
        variables: { input: { id: `${prefix}-${index}`, title: `Bench article ${index}`, text, publishedOn: '2025-12-10', reliability: 'MEDIUM' } },
      });
      const sent = performance.now();
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      const answer = (await response.json()) as { data?: { ingestArticle: { extraction: { candidates: number } } }; errors?: unknown[] };
      latencies.push(performance.now() - sent);
      if (!answer.data) throw new Error(`article ${index}: ${JSON.stringify(answer.errors)}`);
      candidates += answer.data.ingestArticle.extraction.candidates;
      if (index % 100 === 0 || index === options.articles) {
        rssMb.push({ after: index, mb: Math.round(readStatusKb(server.pid, 'VmRSS') / 1024) });
        log(`[${store.size}] ingested ${index}/${options.articles}: server RSS ${rssMb.at(-1)!.mb} MB`);
      }
    }
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      extract10k,
      batch: {
        articles: options.articles,
        seconds,
        perArticleP50Ms: Math.round(median(latencies)),
        perArticleP95Ms: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
        candidates,
        rssMb,
      },
    };
  } finally {
    await server.stop();
    try {
      await removeBatches(driver, prefix);
    } finally {
      await driver.close();
    }
  }
}

/** Removes the benchmark's articles (ids starting with `prefix`): sources, their candidates, the audit records naming them. */
async function removeBatches(driver: neo4j.Driver, prefix: string): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH (c:Candidate) WHERE c.sourceId STARTS WITH $prefix CALL (c) { DETACH DELETE c } IN TRANSACTIONS OF 5000 ROWS', { prefix });
    await session.run('MATCH (s:Source) WHERE s.id STARTS WITH $prefix CALL (s) { DETACH DELETE s } IN TRANSACTIONS OF 1000 ROWS', { prefix });
    await session.run(
      "MATCH (c:Change) WHERE c.mutation IN ['ingestArticle', 'addSource'] AND any(t IN c.targetIds WHERE t STARTS WITH $prefix) CALL (c) { DETACH DELETE c } IN TRANSACTIONS OF 5000 ROWS",
      { prefix },
    );
  } finally {
    await session.close();
  }
}

export function markdownIngest(size: string, result: IngestResult): string {
  const { extract10k, batch } = result;
  const rss = batch.rssMb.map((sample) => `${sample.after}: ${sample.mb}`).join(', ');
  return [
    `#### Ingestion (${size})`,
    '',
    '| What | Result |',
    '|---|---|',
    `| Extracting a ${extract10k.chars}-character article (extractor alone, ${extract10k.reps} runs) | p50 ${extract10k.p50Ms} ms, max ${extract10k.maxMs} ms (target ≤ 1,000 ms) |`,
    `| ${batch.articles} generated articles through ingestArticle, one at a time | ${batch.seconds} s; per article p50 ${batch.perArticleP50Ms} ms, p95 ${batch.perArticleP95Ms} ms; ${batch.candidates} candidates |`,
    `| Server RSS (MB) after n articles | ${rss} |`,
    '',
  ].join('\n');
}
