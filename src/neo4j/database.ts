/**
 * The one driver of the process and the way every query reaches it: managed transactions with a timeout,
 * metadata naming the query and the GraphQL operation, records converted once, Neo4j errors mapped once, and each
 * GraphQL request's budget (its deadline, the rows and bytes it may read) kept across all its round trips.
 */
import neo4j, { type Driver, type ManagedTransaction, Neo4jError, type Transaction, isRetryableError } from 'neo4j-driver';
import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import type { Config } from '../config.js';
import { conflict, queryTimeout, resultTooLarge, serviceUnavailable } from '../errors.js';
import type { Logger } from '../logger.js';
import { toPlain, type Plain } from './records.js';

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
  /** False when the request's deadline passed before the query was sent (it waited for a connection or a retry). */
  sent: boolean;
}

/** What one GraphQL request may spend on Neo4j (config: REQUEST_TIMEOUT_MS, REQUEST_MAX_ROWS, REQUEST_MAX_BYTES). */
export interface RequestLimits {
  timeoutMs: number;
  maxRows: number;
  maxBytes: number;
}

/**
 * One request's budget, shared by all its round trips: a deadline (each transaction gets the time left as its timeout;
 * once it has passed nothing more is sent) and the rows and approximate bytes read so far (past a limit, the query
 * reading is stopped and every later one fails at once). A write that committed lifts the deadline for the rest of the
 * request: the deadline stops work, it never hides a write that happened.
 */
export class RequestBudget {
  private readonly deadline: number;
  private rows = 0;
  private bytes = 0;
  private exceededLimit: { rows: number } | { bytes: number } | undefined;
  private commitsInFlight = 0;
  private committed = false;
  private expiryWaitsForCommit = false;
  private timer: NodeJS.Timeout | undefined;
  private expire: (() => void) | undefined;

  constructor(
    readonly limits: RequestLimits,
    startedAt = performance.now(),
  ) {
    this.deadline = startedAt + limits.timeoutMs;
  }

  /** Milliseconds until the deadline (negative past it); unbounded once a write committed. */
  remainingMs(): number {
    return this.committed ? Number.POSITIVE_INFINITY : this.deadline - performance.now();
  }

  /** The transaction timeout of a round trip starting now: the time left, at most `perQueryMs`. */
  timeoutFor(perQueryMs: number): number {
    return Math.max(1, Math.min(perQueryMs, Math.ceil(this.remainingMs())));
  }

  /** Throws what ended the request (the deadline passed, or a read limit was exceeded) before anything is sent. */
  check(): void {
    if (this.exceededLimit) throw resultTooLarge(this.exceededLimit);
    if (this.remainingMs() <= 0) throw queryTimeout();
  }

  /** The limit a read went past, if one did. */
  get exceeded(): { rows: number } | { bytes: number } | undefined {
    return this.exceededLimit;
  }

  /** Whether a write of this request committed. */
  get wrote(): boolean {
    return this.committed;
  }

  /** Counts one row read; throws RESULT_TOO_LARGE past a limit. */
  countRow(row: Plain): void {
    this.rows += 1;
    this.bytes += approximateBytes(row);
    if (this.rows > this.limits.maxRows) this.exceededLimit = { rows: this.limits.maxRows };
    else if (this.bytes > this.limits.maxBytes) this.exceededLimit = { bytes: this.limits.maxBytes };
    if (this.exceededLimit) throw resultTooLarge(this.exceededLimit);
  }

  /** Counts rows whose values are not read (writes). */
  countRows(count: number): void {
    this.rows += count;
    if (this.rows > this.limits.maxRows) {
      this.exceededLimit = { rows: this.limits.maxRows };
      throw resultTooLarge(this.exceededLimit);
    }
  }

  /** A write's work is done and its commit is on the way: the request is not answered QUERY_TIMEOUT meanwhile. */
  commitStarted(): void {
    this.commitsInFlight += 1;
  }

  commitEnded(committed: boolean): void {
    this.commitsInFlight -= 1;
    if (committed) this.committed = true;
    if (this.expiryWaitsForCommit && this.commitsInFlight === 0) this.onDeadline();
  }

  /**
   * Resolves when the request must be answered QUERY_TIMEOUT: the deadline passed with no write committing and none
   * committed. `dispose()` stops the timer once the request is answered.
   */
  whenExpired(): Promise<void> {
    return new Promise((resolve) => {
      this.expire = resolve;
      this.timer = setTimeout(() => this.onDeadline(), Math.max(0, this.deadline - performance.now()));
      this.timer.unref();
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.expire = undefined;
  }

  private onDeadline(): void {
    this.expiryWaitsForCommit = false;
    if (this.committed) return;
    if (this.commitsInFlight > 0) this.expiryWaitsForCommit = true;
    else this.expire?.();
  }
}

/** A row's size in memory, roughly: strings at 2 bytes a character, 8 bytes a number, 16 per string, list and map. */
function approximateBytes(value: Plain): number {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return 8;
  if (typeof value === 'string') return 16 + 2 * value.length;
  let bytes = 16;
  if (Array.isArray(value)) {
    for (const item of value) bytes += approximateBytes(item);
  } else {
    for (const key in value) bytes += 8 + approximateBytes(value[key] ?? null);
  }
  return bytes;
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
  // A transaction waiting for a lock when its timeout ended it (Neo4j 5 reports it as a client error, older ones as transient).
  if (error.code === 'Neo.ClientError.Transaction.LockClientStopped' || error.code === 'Neo.TransientError.Transaction.LockClientStopped') {
    return queryTimeout();
  }
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

  /**
   * A runner bound to one GraphQL operation: its queries carry its name in their metadata and, with a budget, share
   * its deadline and read limits.
   */
  runner(operation?: string, budget?: RequestBudget): QueryRunner {
    return new QueryRunner(this, operation, budget);
  }

  ping(timeoutMs = 2_000): Promise<void> {
    return this.execute('ping', 'READ', 'ready', (tx) => run(tx, 'ping', 'RETURN 1 AS ok', {}), { timeoutMs });
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  /**
   * One long read whose rows are streamed as they are consumed (the export): an explicit transaction, not a managed
   * one, because rows already handed on cannot be taken back for a retry. The driver pulls `fetchSize` rows at a time
   * and stops pulling while they wait to be consumed. Aborting `signal` rolls the transaction back, which stops the
   * query on the server; the work then fails with the signal's reason.
   */
  async stream<T>(
    name: string,
    operation: string | undefined,
    work: (tx: StreamTx) => Promise<T>,
    { timeoutMs, fetchSize, signal }: { timeoutMs: number; fetchSize: number; signal?: AbortSignal },
  ): Promise<T> {
    signal?.throwIfAborted();
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ, fetchSize });
    const started = performance.now();
    let ok = false;
    let tx: Transaction | undefined;
    const cancel = () => void tx?.rollback().catch(() => undefined);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      tx = session.beginTransaction({ timeout: timeoutMs, metadata: { app: 'stancegraph', query: name, operation: operation ?? null } });
      const result = await work(new StreamTx(tx, signal));
      await tx.commit();
      ok = true;
      return result;
    } catch (error) {
      if (tx?.isOpen()) await tx.rollback().catch(() => undefined);
      if (signal?.aborted) throw signal.reason;
      if (error instanceof GraphQLError) throw error;
      const mapped = mapNeo4jError(error);
      this.options.logger.warn({ err: error, query: name, operation }, 'neo4j query failed');
      throw mapped ?? error;
    } finally {
      signal?.removeEventListener('abort', cancel);
      await session.close();
      const event: QueryEvent = { name, mode: 'READ', operation, ms: performance.now() - started, ok, sent: tx !== undefined };
      for (const listener of this.listeners) listener(event);
    }
  }

  /** @internal used by QueryRunner */
  async execute<T>(
    name: string,
    mode: 'READ' | 'WRITE',
    operation: string | undefined,
    work: (tx: ManagedTransaction) => Promise<T>,
    { timeoutMs = this.options.timeoutMs, budget }: { timeoutMs?: number; budget?: RequestBudget } = {},
  ): Promise<T> {
    // Past the deadline or a read limit: nothing is sent, not even a session opened.
    budget?.check();
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const started = performance.now();
    let ok = false;
    let sent = false;
    let committing = false;
    // Each attempt (the driver retries transient failures) first checks the budget: a connection or a retry that comes
    // after the deadline sends nothing. A write checks again before its commit, so none commits after the deadline.
    const attempt = async (tx: ManagedTransaction): Promise<T> => {
      budget?.check();
      sent = true;
      const result = await work(tx);
      if (mode === 'WRITE' && budget) {
        budget.check();
        if (!committing) budget.commitStarted();
        committing = true;
      }
      return result;
    };
    try {
      const config = {
        timeout: budget ? budget.timeoutFor(timeoutMs) : timeoutMs,
        metadata: { app: 'stancegraph', query: name, operation: operation ?? null },
      };
      const result =
        mode === 'READ' ? await session.executeRead(attempt, config) : await session.executeWrite(attempt, config);
      ok = true;
      return result;
    } catch (error) {
      // Errors written for clients (NOT_FOUND, CONFLICT, QUERY_TIMEOUT, RESULT_TOO_LARGE...) raised inside a unit of
      // work pass through as they are.
      if (error instanceof GraphQLError) throw error;
      const mapped = mapNeo4jError(error);
      this.options.logger.warn({ err: error, query: name, operation }, 'neo4j query failed');
      throw mapped ?? error;
    } finally {
      if (committing) budget?.commitEnded(ok);
      await session.close();
      const event: QueryEvent = { name, mode, operation, ms: performance.now() - started, ok, sent };
      for (const listener of this.listeners) listener(event);
    }
  }
}

export class QueryRunner {
  constructor(
    private readonly database: Database,
    private operationName: string | undefined,
    /** The request's deadline and read limits; none for the service's own work (migrations, the seed, /ready). */
    readonly budget?: RequestBudget,
  ) {}

  /** The GraphQL operation its queries name in their transaction metadata. */
  get operation(): string | undefined {
    return this.operationName;
  }

  /** Names the operation once the document is known, when the client sent no operationName. */
  nameOperation(name: string): void {
    this.operationName ??= name;
  }

  /** One read query in its own managed transaction; each row is parsed by `row`. */
  read<S extends RowSchema>(name: string, cypher: string, params: Params, row: S, timeoutMs?: number): Promise<Array<RowOf<S>>> {
    return this.database.execute(name, 'READ', this.operation, (tx) => runRows(tx, name, cypher, params, row, this.budget), {
      timeoutMs,
      budget: this.budget,
    });
  }

  /** One write query in its own managed transaction, whose rows are not read (migrations, index waits). */
  exec(name: string, cypher: string, params: Params = {}): Promise<void> {
    return this.database.execute(name, 'WRITE', this.operation, (tx) => run(tx, name, cypher, params, this.budget), { budget: this.budget });
  }

  /**
   * Several queries in one write transaction: all or nothing. `timeoutMs` is for the service's own long writes (the
   * seed); a request's writes keep the query timeout and the request's deadline.
   */
  writeTransaction<T>(name: string, work: (tx: Tx) => Promise<T>, { timeoutMs }: { timeoutMs?: number } = {}): Promise<T> {
    return this.database.execute(name, 'WRITE', this.operation, (tx) => work(new Tx(tx, this.budget)), { timeoutMs, budget: this.budget });
  }

  /** Several reads in one transaction, seeing one snapshot. */
  readTransaction<T>(name: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.database.execute(name, 'READ', this.operation, (tx) => work(new Tx(tx, this.budget)), { budget: this.budget });
  }

  /** Several reads in one transaction whose rows are streamed, not collected (see Database.stream); no request budget. */
  stream<T>(name: string, work: (tx: StreamTx) => Promise<T>, options: { timeoutMs: number; fetchSize: number; signal?: AbortSignal }): Promise<T> {
    return this.database.stream(name, this.operation, work, options);
  }
}

/** A streaming read transaction: each query's rows are parsed one by one and pulled only as fast as they are consumed. */
export class StreamTx {
  constructor(
    private readonly tx: Transaction,
    private readonly signal?: AbortSignal,
  ) {}

  async *rows<S extends RowSchema>(name: string, cypher: string, params: Params, schema: S): AsyncGenerator<RowOf<S>, void, undefined> {
    for await (const record of this.tx.run(`/* ${name} */ ${cypher}`, params)) {
      // A rolled-back transaction may end its results quietly: an abort must never read as the end of the rows.
      this.signal?.throwIfAborted();
      const plain: Record<string, Plain> = {};
      for (const key of record.keys) plain[String(key)] = toPlain(record.get(key));
      yield parseRow(name, schema, plain);
    }
    this.signal?.throwIfAborted();
  }
}

/** A transaction handle: queries whose rows are parsed, and queries whose rows are not read. */
export class Tx {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly budget?: RequestBudget,
  ) {}
  run<S extends RowSchema>(name: string, cypher: string, params: Params, row: S): Promise<Array<RowOf<S>>> {
    return runRows(this.tx, name, cypher, params, row, this.budget);
  }
  exec(name: string, cypher: string, params: Params = {}): Promise<void> {
    return run(this.tx, name, cypher, params, this.budget);
  }
}

async function run(tx: ManagedTransaction, name: string, cypher: string, params: Params, budget?: RequestBudget): Promise<void> {
  const result = await tx.run(`/* ${name} */ ${cypher}`, params);
  budget?.countRows(result.records.length);
}

/**
 * Rows are streamed, converted, counted against the request's budget and parsed one by one: a query that reads past a
 * limit is stopped there (leaving the loop discards the rest of its stream), before its rows can fill the heap.
 */
async function runRows<S extends RowSchema>(
  tx: ManagedTransaction,
  name: string,
  cypher: string,
  params: Params,
  schema: S,
  budget?: RequestBudget,
): Promise<Array<RowOf<S>>> {
  const rows: Array<RowOf<S>> = [];
  for await (const record of tx.run(`/* ${name} */ ${cypher}`, params)) {
    const plain: Record<string, Plain> = {};
    for (const key of record.keys) plain[String(key)] = toPlain(record.get(key));
    budget?.countRow(plain);
    rows.push(parseRow(name, schema, plain));
  }
  return rows;
}

function parseRow<S extends RowSchema>(name: string, schema: S, plain: Record<string, Plain>): RowOf<S> {
  const parsed = schema.safeParse(plain);
  if (!parsed.success) {
    throw new RowShapeError(name, parsed.error.issues.map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`).join('; '));
  }
  return parsed.data;
}
