/**
 * `npm run extract -- [--json] FILE…`: a dry run of the extractor over text files. Stores nothing. With --json, stdout
 * is one JSON object keyed by each file's path (quotes, actors, stances with offsets into the file's text); without,
 * a readable summary. Names link to the actors of the database at NEO4J_URI when it is set, to the seed's otherwise.
 * A file that cannot be read as text (missing, empty, binary, too large) is reported on stderr and exits non-zero.
 */
import { ConfigError, loadConfig } from '../src/config.js';
import { extract } from '../src/extraction/extract.js';
import type { Extraction, Gazetteer } from '../src/extraction/model.js';
import { readGazetteer } from '../src/extraction/repository.js';
import { createLogger } from '../src/logger.js';
import { createDriver, Database } from '../src/neo4j/database.js';
import { dryRunJson, readTextFile, seedGazetteer } from './extraction-tools.js';

async function databaseGazetteer(): Promise<Gazetteer> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const db = new Database(createDriver(config), { database: config.NEO4J_DATABASE, timeoutMs: config.NEO4J_QUERY_TIMEOUT_MS, logger });
  try {
    return await readGazetteer(db.runner('extract'));
  } finally {
    await db.close();
  }
}

function summary(path: string, extraction: Extraction): string {
  const lines = [`${path}: ${extraction.quotes.length} quotes, ${extraction.actors.length} actors, ${extraction.stances.length} stances`];
  for (const q of extraction.quotes) lines.push(`  [${q.start}-${q.end}] ${q.speaker ?? '(no speaker)'}${q.speakerId ? ` <${q.speakerId}>` : ''} (${q.speakerRule ?? '-'}): “${q.text.length > 90 ? `${q.text.slice(0, 87)}...` : q.text}”`);
  lines.push(`  actors: ${extraction.actors.map((a) => (a.id ? `${a.name} <${a.id}>` : `${a.name} (new ${a.kind ?? '?'})`)).join(', ')}`);
  if (extraction.topics.length > 0) lines.push(`  topics: ${extraction.topics.map((t) => t.id).join(', ')}`);
  for (const s of extraction.stances) lines.push(`  stance: ${s.holder} ${s.stance} ${s.topic} [${s.evidence_start}-${s.evidence_end}]`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const files = argv.filter((arg) => arg !== '--json' && arg !== '--');
  const unknown = files.filter((f) => f.startsWith('--'));
  if (unknown.length > 0 || files.length === 0) {
    console.error(unknown.length > 0 ? `extract: unknown option ${unknown.join(', ')}` : 'usage: npm run extract -- [--json] FILE…');
    return 2;
  }
  let failed = false;
  const texts = new Map<string, string>();
  for (const file of files) {
    const read = readTextFile(file);
    if ('problem' in read) {
      console.error(`extract: ${file}: ${read.problem}`);
      failed = true;
    } else texts.set(file, read.text);
  }
  if (texts.size === 0) return 1;
  const gazetteer = process.env.NEO4J_URI ? await databaseGazetteer() : seedGazetteer();
  const out: Record<string, ReturnType<typeof dryRunJson>> = {};
  for (const [file, text] of texts) {
    const extraction = extract(text, gazetteer);
    if (json) out[file] = dryRunJson(extraction);
    else console.log(summary(file, extraction));
  }
  if (json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
