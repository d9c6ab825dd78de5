/**
 * Ingesting an article: its text (HTML reduced to the article), a duplicate check by content hash, extraction in the
 * extraction worker, then the source and its candidates stored in one transaction. Shared by every request (one worker,
 * one gazetteer per graph version) and by `npm run ingest`.
 */
import { GraphQLError } from 'graphql';
import type { Author } from '../curation/model.js';
import { badUserInput, ErrorCode, queryTimeout } from '../errors.js';
import type { Extraction, Gazetteer } from '../extraction/model.js';
import { readGazetteer } from '../extraction/repository.js';
import type { Logger } from '../logger.js';
import type { QueryRunner, RequestBudget } from '../neo4j/database.js';
import { withinDeadline } from '../shared/deadline.js';
import { JobError, WorkerPool, workerEntry } from '../shared/worker-pool.js';
import { ArticleRefused, articleFromHtml, articleText, contentHash } from './article.js';
import { toCandidates } from './candidates.js';
import type { IngestArticleInput } from './inputs.js';
import type { IngestPayloadRecord } from './model.js';
import type { IngestionRepository } from './repository.js';

export interface ExtractionJob {
  text: string;
  /**
   * Names the gazetteer: the worker keeps the one it last received under its key (its indexes are built once), so the
   * gazetteer itself travels only when it changed (null otherwise: a copy of 100k actors per article would cost more
   * than extracting it).
   */
  gazetteerKey: string;
  gazetteer: Gazetteer | null;
}

/** The worker's answer to a job without a gazetteer when it holds another (it was restarted): send it again. */
export const GAZETTEER_MISSING = 'gazetteer-missing';
export interface ExtractionOutput {
  extraction: Extraction;
  milliseconds: number;
}

export interface IngestionSettings {
  /** The longest article text accepted (after HTML is reduced). */
  maxChars: number;
  /** How long one extraction may take in the worker. */
  extractTimeoutMs: number;
  /** The extraction worker's heap limit. */
  workerMemoryMb: number;
}

/** How long a gazetteer is used at most before it is read again (a renamed actor, a new alias). */
const GAZETTEER_TTL_MS = 60_000;

export class IngestionService {
  private readonly pool: WorkerPool<ExtractionJob, ExtractionOutput>;
  private gazetteer: { key: string; value: Promise<Gazetteer>; readAt: number } | undefined;
  /** The gazetteer the worker was last sent (jobs run in order, so later jobs find it there). */
  private sentKey: string | undefined;

  constructor(
    private readonly settings: IngestionSettings,
    private readonly logger: Logger,
  ) {
    this.pool = new WorkerPool<ExtractionJob, ExtractionOutput>({
      entry: workerEntry(import.meta.url, './worker'),
      name: 'extraction',
      timeoutMs: settings.extractTimeoutMs,
      memoryMb: settings.workerMemoryMb,
    });
  }

  /** Stores the article and its candidates. */
  async ingest(
    db: QueryRunner,
    repository: IngestionRepository,
    author: Author,
    input: IngestArticleInput,
    budget?: RequestBudget,
  ): Promise<IngestPayloadRecord> {
    const { text, title } = this.article(input);
    const hash = contentHash(text);
    const existing = await repository.sourceWithHash(hash);
    if (existing) throw duplicate(input.html === null ? 'input.text' : 'input.html', existing);

    const { key, gazetteer } = await this.gazetteerFor(db, await repository.gazetteerVersion());
    const run = (send: boolean) => this.pool.run({ text, gazetteerKey: key, gazetteer: send ? gazetteer : null });
    const sent = this.sentKey === key;
    this.sentKey = key;
    const job = (sent ? run(false) : run(true))
      .catch((error: unknown) => {
        if (error instanceof JobError && error.message === GAZETTEER_MISSING) return run(true);
        throw error;
      })
      .catch((error: unknown) => {
      throw this.asClientError(error);
    });
    const { extraction, milliseconds } = await withinDeadline(job, budget, 'Extraction did not finish before the request deadline; the article was not stored. Try again, or split it.');
    const { candidates, summary } = toCandidates(extraction, { publishedOn: input.publishedOn });
    const extractionSummary = { ...summary, milliseconds };
    const source = { id: input.id, title, outlet: input.outlet, publishedOn: input.publishedOn, url: input.url, text, reliability: input.reliability, reliabilityNote: input.reliabilityNote };
    try {
      const stored = await repository.store(author, source, hash, candidates, extractionSummary);
      return { ...stored, extraction: extractionSummary };
    } catch (error) {
      // Two ingestions of the same text at once: the content-hash constraint lets one through.
      if (error instanceof GraphQLError && error.extensions.code === ErrorCode.CONFLICT) {
        const winner = await repository.sourceWithHash(hash);
        if (winner) throw duplicate(input.html === null ? 'input.text' : 'input.html', winner);
      }
      throw error;
    }
  }

  /** The text to store and the title, or BAD_USER_INPUT naming what is wrong with the article. */
  private article(input: IngestArticleInput): { text: string; title: string } {
    try {
      if (input.html !== null) {
        const article = articleFromHtml(input.html);
        const title = input.title ?? article.title;
        if (!title) throw badUserInput('input.title', 'is required: the HTML has no title');
        return { text: articleText(article.text, 'html', this.settings.maxChars), title };
      }
      if (!input.title) throw badUserInput('input.title', 'is required with text');
      return { text: articleText(input.text ?? '', 'text', this.settings.maxChars), title: input.title };
    } catch (error) {
      if (error instanceof ArticleRefused) throw badUserInput(`input.${error.field}`, error.message);
      throw error;
    }
  }

  /**
   * The actors and topics names link to: read again when their numbers change (gazetteerVersion), and at least every
   * GAZETTEER_TTL_MS (renames and new aliases). Ingestion itself changes neither, so a batch reads it once.
   */
  private async gazetteerFor(db: QueryRunner, version: string): Promise<{ key: string; gazetteer: Gazetteer }> {
    const cached = this.gazetteer;
    if (!cached || !cached.key.startsWith(`${version}@`) || Date.now() - cached.readAt > GAZETTEER_TTL_MS) {
      const value = readGazetteer(db);
      const entry = { key: `${version}@${Date.now()}`, value, readAt: Date.now() };
      this.gazetteer = entry;
      value.catch(() => {
        if (this.gazetteer === entry) this.gazetteer = undefined;
      });
    }
    const entry = this.gazetteer!;
    return { key: entry.key, gazetteer: await entry.value };
  }

  private asClientError(error: unknown): unknown {
    if (!(error instanceof JobError)) return error;
    this.logger.warn({ reason: error.reason, err: error.message }, 'extraction failed');
    if (error.reason === 'timeout') return queryTimeout(`Extraction took longer than ${this.settings.extractTimeoutMs} ms; the article was not stored. Split it and try again.`);
    if (error.reason === 'memory') {
      return new GraphQLError('Extraction needed more memory than the extraction worker has; the article was not stored. Split it and try again.', {
        extensions: { code: ErrorCode.RESULT_TOO_LARGE, http: { status: 400 } },
      });
    }
    return error;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function duplicate(argument: string, sourceId: string): GraphQLError {
  return new GraphQLError(`${argument}: this article is already stored as source "${sourceId}" (the same text; ingestion is idempotent by content hash)`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument, sourceId },
  });
}
