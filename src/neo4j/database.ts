/**
 * The one driver of the process and the way every query reaches it: managed transactions with a timeout,
 * metadata naming the query and the GraphQL operation, records converted once, Neo4j errors mapped once.
 */
import neo4j, { type Driver, type ManagedTransaction, Neo4jError, isRetryableError } from 'neo4j-driver';
import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import type { Config } from '../config.js';
import { conflict, queryTimeout, serviceUnavailable } from '../errors.js';
import type { Logger } from '../logger.js';
import { toPlain } from './records.js';

/**
 * What one row of a query must hold: a zod schema per query, applied to every row at this boundary. A misspelt
 * column fails to compile where the row is read; a missing column or an unknown enum value fails loudly here.
 */
export type RowSchema = z.ZodType;
export type RowOf<S extends RowSchema> = z.output<S>;

/** A row that does not fit its query's schema: a bug or a database changed behind the code, never the client's fault. */
export class RowShapeError extends Error {
  override name = 'RowShapeError';
  constructor(query: string, issues: string) {
    super(`query ${query}: a row does not have the expected shape: ${issues}`);
  }
}

/** JavaScript numbers travel as floats; LIMIT, SKIP and procedure limits need Neo4j integers. */
export function int(value: number) {
  return neo4j.int(value);
}
export type Params = Record<string, unknown>;

export interface QueryEvent {
  name: string;
  mode: 'READ' | 'WRITE';
  operation?: string;
  ms: number;
  ok: boolean;
}

export function createDriver(config: Config): Driver {
  return neo4j.driver(config.NEO4J_URI, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), {
    maxConnectionPoolSize: config.NEO4J_MAX_POOL_SIZE,
    // Fail fast when the database is away, so requests get SERVICE_UNAVAILABLE instead of hanging.
    connectionTimeout: Math.min(5_000, config.NEO4J_QUERY_TIMEOUT_MS),
    connectionAcquisitionTimeout: Math.min(5_000, config.NEO4J_QUERY_TIMEOUT_MS),
    // The retry budget of managed transactions fits inside one query's timeout.
    maxTransactionRetryTime: Math.floor(config.NEO4J_QUERY_TIMEOUT_MS / 2),
    disableLosslessIntegers: true,
    userAgent: 'stancegraph',
  });
}

/** Maps a driver error to the API's error, or returns undefined when it is not one clients can expect. */
export function mapNeo4jError(error: unknown): GraphQLError | undefined {
  if (!(error instanceof Neo4jError)) return undefined;
  if (error.code === 'ServiceUnavailable' || error.code === 'SessionExpired') return serviceUnavailable();
  // Every pooled connection stayed busy past connectionAcquisitionTimeout: the service is overloaded, not broken. The
  // driver gives this error no code, only its message.
  if (error.message.startsWith('Connection acquisition timed out')) return serviceUnavailable();
  if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) return queryTimeout();
  if (error.code === 'Neo.TransientError.Transaction.LockClientStopped') return queryTimeout();
  if (error.code === 'Neo.ClientError.Statement.EntityNotFound') {
    return conflict('A node changed concurrently (it was merged or deleted); try again.');
  }
  if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return conflict('A node with this id already exists.');
  }
  if (isRetryableError(error)) return serviceUnavailable();
  return undefined;
}

export class Database {
  private readonly listeners = new Set<(event: QueryEvent) => void>();

  constructor(
    readonly driver: Driver,
    private readonly options: { database?: string; timeoutMs: number; logger: Logger },
  ) {}

  /** Observes every query (tests count round trips with it; the benchmark times them). */
  onQuery(listener: (event: QueryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A runner bound to one GraphQL operation: its queries carry its name in their metadata. */
  runner(operation?: string): QueryRunner {
    return new QueryRunner(this, operation);
  }

  ping(timeoutMs = 2_000): Promise<void> {
    return this.execute('ping', 'READ', 'ready', (tx) => run(tx, 'ping', 'RETURN 1 AS ok', {}), timeoutMs);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  /** @internal used by QueryRunner */
  async execute<T>(
    name: string,
    mode: 'READ' | 'WRITE',
    operation: string | undefined,
    work: (tx: ManagedTransaction) => Promise<T>,
    timeoutMs = this.options.timeoutMs,
  ): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const started = performance.now();
    let ok = false;
    try {
      const config = { timeout: timeoutMs, metadata: { app: 'stancegraph', query: name, operation: operation ?? null } };
      const result =
        mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
      ok = true;
      return result;
    } catch (error) {
      // Errors written for clients (NOT_FOUND, CONFLICT...) raised inside a unit of work pass through as they are.
      if (error instanceof GraphQLError) throw error;
      const mapped = mapNeo4jError(error);
      this.options.logger.warn({ err: error, query: name, operation }, 'neo4j query failed');
      throw mapped ?? error;
    } finally {
      await session.close();
      const event: QueryEvent = { name, mode, operation, ms: performance.now() - started, ok };
      for (const listener of this.listeners) listener(event);
    }
  }
}

export class QueryRunner {
  constructor(
    private readonly database: Database,
    readonly operation: string | undefined,
  ) {}

  /** One read query in its own managed transaction; each row is parsed by `row`. */
  read<S extends RowSchema>(name: string, cypher: string, params: Params, row: S, timeoutMs?: number): Promise<Array<RowOf<S>>> {
    return this.database.execute(name, 'READ', this.operation, (tx) => runRows(tx, name, cypher, params, row), timeoutMs);
  }

  /** One write query in its own managed transaction, whose rows are not read (migrations, index waits). */
  exec(name: string, cypher: string, params: Params = {}): Promise<void> {
    return this.database.execute(name, 'WRITE', this.operation, (tx) => run(tx, name, cypher, params));
  }

  /** Several queries in one write transaction: all or nothing. */
  writeTransaction<T>(name: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.database.execute(name, 'WRITE', this.operation, (tx) => work(new Tx(tx)));
  }

  /** Several reads in one transaction, seeing one snapshot. */
  readTransaction<T>(name: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.database.execute(name, 'READ', this.operation, (tx) => work(new Tx(tx)));
  }
}

/** A transaction handle: queries whose rows are parsed, and queries whose rows are not read. */
export class Tx {
  constructor(private readonly tx: ManagedTransaction) {}
  run<S extends RowSchema>(name: string, cypher: string, params: Params, row: S): Promise<Array<RowOf<S>>> {
    return runRows(this.tx, name, cypher, params, row);
  }
  exec(name: string, cypher: string, params: Params = {}): Promise<void> {
    return run(this.tx, name, cypher, params);
  }
}

async function run(tx: ManagedTransaction, name: string, cypher: string, params: Params): Promise<void> {
  await tx.run(`/* ${name} */ ${cypher}`, params);
}

async function runRows<S extends RowSchema>(tx: ManagedTransaction, name: string, cypher: string, params: Params, schema: S): Promise<Array<RowOf<S>>> {
  const result = await tx.run(`/* ${name} */ ${cypher}`, params);
  return result.records.map((record) => {
    const plain: Record<string, unknown> = {};
    for (const key of record.keys) plain[String(key)] = toPlain(record.get(key));
    const parsed = schema.safeParse(plain);
    if (!parsed.success) {
      throw new RowShapeError(name, parsed.error.issues.map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`).join('; '));
    }
    return parsed.data;
  });
}
