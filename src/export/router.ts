/**
 * GET /export: the graph, whole or filtered, streamed as one file (see schema/export.graphql for what it holds and
 * filter.ts for the parameters). Public, as every read is; CORS as /graphql.
 *
 * Bounded: at most EXPORT_MAX_CONCURRENT run at once (503 with Retry-After past that), each within EXPORT_TIMEOUT_MS
 * (its read transaction's timeout, and the time the client has to take the file). Memory stays flat whatever the
 * graph's size: rows are pulled from Neo4j only as fast as the client reads (the driver's fetch size, the socket's
 * 'drain'). Nothing is sent before the first 64 KB are ready, so any failure until then is a JSON error with a code; a
 * failure after it (the deadline, Neo4j going away) cuts the connection, so no truncated file ever looks complete. A
 * client that goes away rolls the transaction back.
 */
import type { ServerResponse } from 'node:http';
import express, { type Request, type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode, queryTimeout } from '../errors.js';
import type { CorsOrigins } from '../http/cors.js';
import { crossOrigin } from '../http/cors.js';
import { formatted, sendErrors } from '../http/media.js';
import type { Logger } from '../logger.js';
import type { Database } from '../neo4j/database.js';
import { createNodeLoaders } from '../node/loaders.js';
import { NodeRepository } from '../node/repository.js';
import { EXPORT_PATH, parseExportRequest, queryParameters, requireExportIds, type ExportRequest } from './filter.js';
import { formats } from './formats.js';
import { ExportRepository } from './repository.js';

export interface ExportRouterOptions {
  db: Database;
  logger: Logger;
  corsOrigins: CorsOrigins;
  /** EXPORT_TIMEOUT_MS */
  timeoutMs: number;
  /** EXPORT_MAX_CONCURRENT */
  maxConcurrent: number;
}

/** Text is sent in chunks of about this many characters (and the first one decides when headers go out). */
const CHUNK_CHARS = 64 * 1024;
/** What a refused export is told to wait. */
const RETRY_AFTER_SECONDS = 10;

/** Why an export stopped that is not the database's: the client left. */
class ClientGone extends Error {
  override name = 'ClientGone';
}

export function createExportRouter(options: ExportRouterOptions): Router {
  const { db, logger } = options;
  const router = express.Router();
  let running = 0;

  router.use(EXPORT_PATH, crossOrigin(options.corsOrigins));
  router.get(EXPORT_PATH, async (req, res) => {
    const started = performance.now();
    let request: ExportRequest;
    try {
      request = parseExportRequest(queryParameters(new URL(req.originalUrl, 'http://localhost').searchParams), 'http');
    } catch (error) {
      fail(req, res, error, logger);
      return;
    }
    if (running >= options.maxConcurrent) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      sendErrors(req, res, 503, [
        {
          message: `${running} exports are running, as many as this service runs at once; try again in ${RETRY_AFTER_SECONDS} seconds.`,
          extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
        },
      ]);
      return;
    }
    running += 1;
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(queryTimeout()), options.timeoutMs);
    const onClose = () => {
      if (!res.writableFinished) controller.abort(new ClientGone('the client closed the connection'));
    };
    res.on('close', onClose);
    const runner = db.runner('export');
    const info = formats[request.format];
    const sink = new ResponseSink(res, controller.signal, () => {
      res.status(200).set({
        'Content-Type': info.mediaType,
        'Content-Disposition': `attachment; filename="${info.fileName}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        // A browser app may read the suggested file name.
        'Access-Control-Expose-Headers': 'Content-Disposition',
      });
    });
    try {
      await requireExportIds(createNodeLoaders(new NodeRepository(runner)), request.filter, 'http');
      if (req.method === 'HEAD') {
        sink.begin();
        res.end();
        return;
      }
      const writer = info.writer();
      await sink.write(writer.start());
      const counts = await new ExportRepository(runner).read(
        request.filter,
        info.holds,
        { node: (node) => sink.write(writer.node(node)), edge: (edge) => sink.write(writer.edge(edge)) },
        { timeoutMs: options.timeoutMs, signal: controller.signal },
      );
      await sink.end(writer.end());
      logger.info({ format: request.format, filter: request.filter, ...counts, chars: sink.written, ms: Math.round(performance.now() - started) }, 'export');
    } catch (error) {
      if (error instanceof ClientGone) {
        logger.info({ format: request.format, filter: request.filter, ms: Math.round(performance.now() - started) }, 'export: the client left; stopped');
      } else if (res.headersSent) {
        // Cut, not ended: the client sees a broken transfer, never a file that looks whole.
        logger.warn({ err: error, format: request.format, filter: request.filter }, 'export failed while streaming: connection cut');
        res.destroy();
      } else {
        fail(req, res, error, logger);
      }
    } finally {
      clearTimeout(deadline);
      res.off('close', onClose);
      running -= 1;
    }
  });
  router.all(EXPORT_PATH, (req, res) => {
    res.setHeader('Allow', 'GET, HEAD');
    sendErrors(req, res, 405, [{ message: `${EXPORT_PATH} answers GET (and HEAD) only.`, extensions: { code: ErrorCode.BAD_REQUEST } }]);
  });
  return router;
}

/** An error before anything was sent, as JSON: the client's (400, 404), the service's (503, 504), or masked (500). */
function fail(req: Request, res: Response, error: unknown, logger: Logger): void {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
    const status = statusOf(error);
    if (status < 500 || error.extensions.code === ErrorCode.SERVICE_UNAVAILABLE || error.extensions.code === ErrorCode.QUERY_TIMEOUT) {
      sendErrors(req, res, status, [formatted(error)]);
      return;
    }
  }
  logger.error({ err: error }, 'export failed');
  sendErrors(req, res, 500, [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }]);
}

function statusOf(error: GraphQLError): number {
  const http = error.extensions.http as { status?: unknown } | undefined;
  if (typeof http?.status === 'number') return http.status;
  if (error.extensions.code === ErrorCode.NOT_FOUND) return 404;
  if (error.extensions.code === ErrorCode.BAD_USER_INPUT) return 400;
  return 500;
}

/**
 * Text to the response in chunks, with backpressure: `write` returns a promise only when the socket's buffer is full
 * (await it: it settles on 'drain', or rejects when the export is aborted). Headers go out with the first chunk.
 */
class ResponseSink {
  private parts: string[] = [];
  private size = 0;
  written = 0;

  constructor(
    private readonly res: ServerResponse,
    private readonly signal: AbortSignal,
    private readonly onBegin: () => void,
  ) {}

  begin(): void {
    if (!this.res.headersSent) this.onBegin();
  }

  write(text: string): Promise<void> | undefined {
    if (text.length === 0) return undefined;
    this.parts.push(text);
    this.size += text.length;
    return this.size >= CHUNK_CHARS ? this.flush() : undefined;
  }

  async end(text: string): Promise<void> {
    const full = this.write(text);
    if (full) await full;
    const wait = this.flush();
    if (wait) await wait;
    this.signal.throwIfAborted();
    this.res.end();
  }

  private flush(): Promise<void> | undefined {
    this.signal.throwIfAborted();
    this.begin();
    if (this.size === 0) return undefined;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.written += chunk.length;
    if (this.res.write(chunk)) return undefined;
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        this.res.off('drain', done);
        this.signal.removeEventListener('abort', done);
        if (this.signal.aborted) reject(this.signal.reason);
        else resolve();
      };
      this.res.on('drain', done);
      this.signal.addEventListener('abort', done);
    });
  }
}
