/**
 * Boot: config -> Neo4j driver -> database prepared (migrations, then the caller's own step) -> server -> listen.
 * SIGTERM/SIGINT drain HTTP and close the driver. Run directly (`tsx src/main.ts`, NEO4J_URI required) for the service
 * alone; `npm start` (scripts/start.ts) and the Docker image run it through src/seed/serve.ts, which adds loading the
 * seed graph into an empty database: the seed loader is a tool the service does not depend on.
 */
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config.js';
import { ErrorCode } from './errors.js';
import { describeCorsOrigins } from './http/cors.js';
import { createLogger, type Logger } from './logger.js';
import { createDriver, Database } from './neo4j/database.js';
import { applyMigrations } from './neo4j/migrations.js';
import type { QueryRunner } from './neo4j/database.js';
import { createServer } from './server.js';

export interface RunningService {
  url: string;
  port: number;
  logger: Logger;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Progress lines for a person at a terminal (npm start); structured logs go to the logger either way. */
  progress?: (message: string) => void;
  /** A step after the migrations (loading the seed into an empty database); retried with them while Neo4j is away. */
  prepare?: (db: QueryRunner, logger: Logger, progress: (message: string) => void) => Promise<void>;
}

export async function startService(config: Config, options: StartOptions = {}): Promise<RunningService> {
  const logger = createLogger(config.LOG_LEVEL);
  const progress = options.progress ?? (() => {});
  const db = new Database(createDriver(config), {
    database: config.NEO4J_DATABASE,
    timeoutMs: config.NEO4J_QUERY_TIMEOUT_MS,
    logger,
  });

  let prepared = !config.MIGRATE_ON_START && !options.prepare;
  const prepare = async () => {
    const runner = db.runner('startup');
    if (config.MIGRATE_ON_START) {
      progress('applying schema migrations (constraints, indexes)...');
      const count = await applyMigrations(runner);
      logger.info({ migrations: count }, 'migrations applied');
    }
    await options.prepare?.(runner, logger, progress);
    prepared = true;
  };

  // A database that is down at start is not fatal: the service starts, /ready says 503, and preparation
  // retries until Neo4j answers. Any other failure (a refused migration, a bad seed file) is.
  let retry: NodeJS.Timeout | undefined;
  let closed = false;
  if (!prepared) {
    try {
      await prepare();
    } catch (error) {
      if (!isUnavailable(error)) {
        await db.close();
        throw error;
      }
      logger.warn('Neo4j is unreachable; the service starts anyway and prepares the database when it answers');
      progress('Neo4j is unreachable: serving anyway; /ready answers 503 until it is back');
      const again = (delayMs: number) => {
        retry = setTimeout(async () => {
          if (closed) return;
          try {
            await prepare();
            logger.info('database prepared after Neo4j became reachable');
          } catch (retryError) {
            if (!isUnavailable(retryError)) logger.error({ err: retryError }, 'database preparation failed');
            again(Math.min(delayMs * 2, 5_000));
          }
        }, delayMs);
        retry.unref();
      };
      again(1_000);
    }
  }

  const server = await createServer({ config, db, logger, isPrepared: () => prepared });
  await new Promise<void>((resolve, reject) => {
    server.httpServer.once('error', reject);
    server.httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (server.httpServer.address() as AddressInfo).port;
  const host = config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${host}:${port}/graphql`;
  logger.info({ url, corsOrigins: describeCorsOrigins(config.corsOrigins) }, 'stancegraph is serving');

  return {
    url,
    port,
    logger,
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      await server.stop();
      await db.close();
      logger.info('stancegraph stopped');
    },
  };
}

function isUnavailable(error: unknown): boolean {
  const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return code === ErrorCode.SERVICE_UNAVAILABLE;
}

/** Runs until SIGTERM/SIGINT, then shuts down cleanly; `onStopped` lets a wrapper stop what it started. */
export async function runUntilSignalled(service: RunningService, onStopped?: () => Promise<void>): Promise<void> {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.logger.info({ signal }, 'shutting down');
    try {
      await service.close();
      await onStopped?.();
      process.exit(0);
    } catch (error) {
      service.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  // `on`, not `once`: tsx's own handler kills the process when it sees no listener left.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Runs the service until signalled; `prepareFor` adds a preparation step chosen from the configuration. */
export async function main(prepareFor?: (config: Config) => StartOptions['prepare']): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const service = await startService(config, { prepare: prepareFor?.(config), progress: (message) => console.log(message) });
  console.log(`stancegraph is serving GraphQL at ${service.url}`);
  await runUntilSignalled(service);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
