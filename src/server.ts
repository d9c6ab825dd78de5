/**
 * createServer(deps): the Apollo server mounted on an Express app inside an HTTP server, not listening.
 * main.ts listens; tests listen on an ephemeral loopback port or call executeOperation.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Config } from './config.js';
import { createContext, type Context } from './context.js';
import { clientFacingCodes, ErrorCode } from './errors.js';
import { createExplorerRouter } from './explorer/router.js';
import { createExportRouter } from './export/router.js';
import { crossOrigin } from './http/cors.js';
import { graphqlEndpoint, operationName } from './http/graphql.js';
import { sendErrors } from './http/media.js';
import { responsePolicy } from './http/responses.js';
import { HEADERS_TIMEOUT_MS, MAX_BODY_BYTES, queryLimits, RECEIVE_TIMEOUT_MS } from './limits.js';
import type { Logger } from './logger.js';
import type { Database } from './neo4j/database.js';
import { IngestionService } from './ingestion/service.js';
import { NetworkService } from './network/service.js';
import { serviceVersion } from './meta/version.js';
import { createPlaygroundRouter } from './playground/router.js';
import { loadTypeDefs, resolvers } from './schema.js';

export interface ServerDeps {
  config: Pick<
    Config,
    | 'GRAPHQL_INTROSPECTION'
    | 'NODE_ENV'
    | 'apiKeys'
    | 'corsOrigins'
    | 'REQUEST_TIMEOUT_MS'
    | 'REQUEST_MAX_ROWS'
    | 'REQUEST_MAX_BYTES'
    | 'ANALYTICS_TIMEOUT_MS'
    | 'ANALYTICS_MAX_ROWS'
    | 'ANALYTICS_MAX_BYTES'
    | 'ANALYTICS_WORKER_MEMORY_MB'
    | 'ANALYTICS_CACHE_ENTRIES'
    | 'ANALYTICS_CACHE_TTL_MS'
    | 'ANALYTICS_BETWEENNESS_SOURCES'
    | 'INGEST_MAX_CHARS'
    | 'INGEST_EXTRACT_TIMEOUT_MS'
    | 'INGEST_WORKER_MEMORY_MB'
    | 'EXPORT_TIMEOUT_MS'
    | 'EXPORT_MAX_CONCURRENT'
  >;
  db: Database;
  logger: Logger;
  /** Whether the database is prepared (migrations applied); /ready also asks Neo4j itself. */
  isPrepared?: () => boolean;
}

export interface StanceServer {
  app: express.Express;
  httpServer: Server;
  apollo: ApolloServer<Context>;
  /** Stops accepting requests, drains those in flight, stops Apollo. Does not close the driver. */
  stop(): Promise<void>;
}

export async function createServer(deps: ServerDeps): Promise<StanceServer> {
  const { db, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(app);
  httpServer.requestTimeout = RECEIVE_TIMEOUT_MS;
  httpServer.headersTimeout = HEADERS_TIMEOUT_MS;

  // Coalitions and centrality: computed in a worker thread, cached per graph version, shared by every request.
  const network = new NetworkService(
    db,
    {
      timeoutMs: deps.config.ANALYTICS_TIMEOUT_MS,
      maxRows: deps.config.ANALYTICS_MAX_ROWS,
      maxBytes: deps.config.ANALYTICS_MAX_BYTES,
      workerMemoryMb: deps.config.ANALYTICS_WORKER_MEMORY_MB,
      cacheEntries: deps.config.ANALYTICS_CACHE_ENTRIES,
      cacheTtlMs: deps.config.ANALYTICS_CACHE_TTL_MS,
      betweennessSources: deps.config.ANALYTICS_BETWEENNESS_SOURCES,
    },
    logger,
  );

  // Article extraction: in its own worker thread, shared by every request (and a gazetteer per graph version).
  const ingestion = new IngestionService(
    { maxChars: deps.config.INGEST_MAX_CHARS, extractTimeoutMs: deps.config.INGEST_EXTRACT_TIMEOUT_MS, workerMemoryMb: deps.config.INGEST_WORKER_MEMORY_MB },
    logger,
  );

  const limits = queryLimits<Context>({ hideSuggestions: !deps.config.GRAPHQL_INTROSPECTION });
  const apollo = new ApolloServer<Context>({
    typeDefs: loadTypeDefs(),
    resolvers,
    introspection: deps.config.GRAPHQL_INTROSPECTION,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // main.ts owns the signals: it drains HTTP, closes the driver, then stops what it started.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => maskError(formatted, error, logger),
    ...limits.options,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints and no Apollo reporting here: their per-field hooks cost CPU on every list item (profiled).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      requestLogging(logger),
      operationNames(),
      responsePolicy<Context>(),
      ...limits.plugins,
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/ready', async (_req, res) => {
    try {
      await db.ping();
      if (deps.isPrepared && !deps.isPrepared()) {
        res.status(503).json({ status: 'unavailable', neo4j: 'up', reason: 'preparing the database' });
        return;
      }
      res.json({ status: 'ready', neo4j: 'up' });
    } catch {
      res.status(503).json({ status: 'unavailable', neo4j: 'down' });
    }
  });

  // The playground's page comes first: it is same-origin and gets no CORS headers; every other /graphql request
  // (OPTIONS included) goes on to CORS, then Apollo.
  app.use(createPlaygroundRouter({ logger }));
  // The explorer: a same-origin page that reaches the data only through /graphql, like any other client.
  app.use(createExplorerRouter({ logger, version: serviceVersion }));
  app.use(
    '/graphql',
    crossOrigin(deps.config.corsOrigins),
    ...graphqlEndpoint({
      apollo,
      logger,
      maxBodyBytes: MAX_BODY_BYTES,
      limits: { timeoutMs: deps.config.REQUEST_TIMEOUT_MS, maxRows: deps.config.REQUEST_MAX_ROWS, maxBytes: deps.config.REQUEST_MAX_BYTES },
      context: async (req, budget) =>
        createContext({ db, logger, apiKeys: deps.config.apiKeys, network, ingestion }, { operationName: operationName(req), authorization: req.headers.authorization, budget }),
    }),
  );
  app.use(
    createExportRouter({
      db,
      logger,
      corsOrigins: deps.config.corsOrigins,
      timeoutMs: deps.config.EXPORT_TIMEOUT_MS,
      maxConcurrent: deps.config.EXPORT_MAX_CONCURRENT,
    }),
  );
  app.use(notFound);
  app.use(bodyParserErrors(logger));

  return {
    app,
    httpServer,
    apollo,
    stop: async () => {
      await apollo.stop();
      await network.close();
      await ingestion.close();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** Errors clients can expect keep their message and code; anything else is logged in full and masked. */
function maskError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && clientFacingCodes.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // Apollo refuses a few requests with a 4xx and no code (a persisted query's hash that does not match its document):
  // the client's mistake, described by Apollo for the client.
  if (isUncodedBadRequest(unwrapResolverError(error))) {
    return { message: formatted.message, extensions: { code: ErrorCode.BAD_REQUEST } };
  }
  logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error');
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

function isUncodedBadRequest(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined || error.path !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** Any path no route answers: a JSON GraphQL error, never Express's HTML "Cannot GET". */
const notFound: express.RequestHandler = (req, res) => {
  const path = req.path.length > 100 ? `${req.path.slice(0, 100)}…` : req.path;
  sendErrors(req, res, 404, [{ message: `Nothing at ${req.method} ${path}: the API answers at /graphql.`, extensions: { code: ErrorCode.NOT_FOUND } }]);
};

/**
 * Errors raised outside Apollo (express.json: body too large, not JSON, bad charset; anything a route throws)
 * answered as GraphQL errors in JSON, never Express's HTML page with its stack trace.
 */
function bodyParserErrors(logger: Logger): express.ErrorRequestHandler {
  return (error: { status?: unknown; type?: unknown; message?: unknown }, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    let message: string;
    if (error.type === 'entity.too.large') message = `Request body is larger than the limit of ${MAX_BODY_BYTES / 1024 / 1024} MB.`;
    else if (error.type === 'entity.parse.failed') message = 'Request body is not valid JSON.';
    else if (status < 500 && typeof error.message === 'string') message = error.message;
    else {
      logger.error({ err: error }, 'unexpected error outside GraphQL');
      message = 'Internal server error';
    }
    const code = status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_SERVER_ERROR;
    sendErrors(req, res, status, [{ message, extensions: { code } }]);
  };
}

/** Queries carry their operation's name in their metadata even when the client sent no operationName. */
function operationNames(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.name) contextValue.db.nameOperation(operation.name.value);
        },
      };
    },
  };
}

function requestLogging(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse({ errors }) {
          logger.debug(
            { operation: request.operationName ?? null, ms: Math.round(performance.now() - started), errors: errors?.length ?? 0 },
            'graphql request',
          );
        },
      };
    },
  };
}
