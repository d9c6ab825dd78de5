/**
 * `npm run ingest -- [options] FILE…`: ingests articles in a batch into the database at NEO4J_URI, through the same
 * code as the ingestArticle mutation (src/ingestion/service.ts): each file becomes a source and its review candidates,
 * in one transaction per file. `.html`/`.htm` files are reduced to their article; anything else is plain text.
 *
 * Idempotent and resumable: an article whose text is already stored (same content hash) is skipped, so running the
 * same batch again (after an interruption, or with more files) ingests only what is missing. Progress goes to stderr;
 * `--json` prints one JSON object per file to stdout instead of the summary. Exit code 1 when any file failed.
 *
 * Metadata per file: a sidecar `<file>.json` ({"title", "outlet", "url", "publishedOn", "reliability",
 * "reliabilityNote", "id"}), else the options below, else (text files) the first line as the title.
 */
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../src/config.js';
import { IngestionRepository } from '../src/ingestion/repository.js';
import { IngestionService } from '../src/ingestion/service.js';
import { ingestArticleInput } from '../src/ingestion/inputs.js';
import { createLogger } from '../src/logger.js';
import { createDriver, Database } from '../src/neo4j/database.js';
import { applyMigrations } from '../src/neo4j/migrations.js';
import { parseInput } from '../src/shared/input-fields.js';
import { reliabilities } from '../src/vocabulary.js';
import { bundledDefaults } from './bundled-defaults.js';
import { readTextFile } from './extraction-tools.js';

const usage = `usage: npm run ingest -- [--reliability HIGH|MEDIUM|LOW] [--outlet NAME] [--published-on YYYY-MM-DD] [--json] FILE…`;

const sidecar = z
  .strictObject({
    id: z.string().optional(),
    title: z.string().optional(),
    outlet: z.string().optional(),
    url: z.string().optional(),
    publishedOn: z.string().optional(),
    reliability: z.enum(reliabilities).optional(),
    reliabilityNote: z.string().optional(),
  })
  .partial();

type Outcome = { file: string; status: 'ingested'; sourceId: string; candidates: number; quotes: number } | { file: string; status: 'skipped'; sourceId: string } | { file: string; status: 'failed'; error: string };

function metadata(file: string): z.output<typeof sidecar> {
  const path = `${file}.json`;
  if (!existsSync(path)) return {};
  const parsed = sidecar.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: {
      reliability: { type: 'string' },
      outlet: { type: 'string' },
      'published-on': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (values.help || positionals.length === 0) {
    console.error(usage);
    return values.help ? 0 : 2;
  }
  if (!process.env.NEO4J_URI) {
    // Like `npm start`: the bundled Neo4j, which must be running (npm start, or npm run neo4j).
    const bundled = bundledDefaults();
    process.env.NEO4J_URI = `bolt://127.0.0.1:${bundled.port}`;
    process.env.NEO4J_PASSWORD ??= bundled.password;
    console.error(`NEO4J_URI is unset: ingesting into the bundled Neo4j at ${process.env.NEO4J_URI} (start it with npm start)`);
  }
  const config = loadConfig();
  // Failures are reported per file; the service's query log would only repeat them (on stdout, in --json's way).
  const logger = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'silent');
  const db = new Database(createDriver(config), { database: config.NEO4J_DATABASE, timeoutMs: config.NEO4J_QUERY_TIMEOUT_MS, logger });
  const service = new IngestionService({ maxChars: config.INGEST_MAX_CHARS, extractTimeoutMs: config.INGEST_EXTRACT_TIMEOUT_MS, workerMemoryMb: config.INGEST_WORKER_MEMORY_MB }, logger);
  const author = { label: `ingest-cli:${userInfo().username}` };
  const outcomes: Outcome[] = [];
  const bar = new SingleBar({ stream: process.stderr, format: 'ingesting [{bar}] {value}/{total} files | {ingested} ingested, {skipped} skipped, {failed} failed', hideCursor: true });
  const tally = () => ({
    ingested: outcomes.filter((o) => o.status === 'ingested').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
  });
  try {
    const runner = db.runner('ingest');
    await applyMigrations(runner);
    const repository = new IngestionRepository(runner);
    if (!values.json || process.stderr.isTTY) bar.start(positionals.length, 0, tally());
    for (const file of positionals) {
      outcomes.push(await ingestFile(file));
      if (values.json) process.stdout.write(`${JSON.stringify(outcomes.at(-1))}\n`);
      bar.increment(1, tally());
    }
    bar.stop();

    async function ingestFile(file: string): Promise<Outcome> {
      try {
        const read = readTextFile(file);
        if ('problem' in read) return { file, status: 'failed', error: read.problem };
        const meta = metadata(file);
        const isHtml = ['.html', '.htm'].includes(extname(file).toLowerCase());
        const firstLine = read.text.split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 500);
        const input = parseInput(ingestArticleInput, {
          id: meta.id ?? null,
          text: isHtml ? null : read.text,
          html: isHtml ? read.text : null,
          title: meta.title ?? (isHtml ? null : (firstLine ?? basename(file))),
          outlet: meta.outlet ?? values.outlet ?? null,
          url: meta.url ?? null,
          publishedOn: meta.publishedOn ?? values['published-on'] ?? null,
          reliability: meta.reliability ?? values.reliability ?? 'MEDIUM',
          reliabilityNote: meta.reliabilityNote ?? null,
        });
        const stored = await service.ingest(runner, repository, author, input);
        return { file, status: 'ingested', sourceId: stored.source.id, candidates: stored.extraction.candidates, quotes: stored.extraction.quotes };
      } catch (error) {
        if (error instanceof GraphQLError && typeof error.extensions.sourceId === 'string') return { file, status: 'skipped', sourceId: error.extensions.sourceId };
        return { file, status: 'failed', error: error instanceof Error ? error.message : String(error) };
      }
    }
  } finally {
    bar.stop();
    await service.close();
    await db.close();
  }
  if (!values.json) {
    for (const outcome of outcomes.filter((o) => o.status !== 'ingested' || positionals.length <= 20)) {
      const detail = outcome.status === 'ingested' ? `${outcome.sourceId}: ${outcome.quotes} quotes, ${outcome.candidates} candidates` : outcome.status === 'skipped' ? `already stored as ${outcome.sourceId}` : outcome.error;
      console.log(`${outcome.status.padEnd(8)} ${outcome.file}: ${detail}`);
    }
    const { ingested, skipped, failed } = tally();
    console.log(`${ingested} ingested, ${skipped} skipped (already stored), ${failed} failed`);
  }
  return tally().failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const neo4jCode = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (error instanceof ConfigError) console.error(error.message);
    else if (neo4jCode === 'ServiceUnavailable' || neo4jCode.startsWith('Neo.ClientError.Security')) console.error(`ingest: cannot reach Neo4j at ${process.env.NEO4J_URI}: ${(error as Error).message}`);
    else console.error(error);
    process.exit(1);
  },
);
