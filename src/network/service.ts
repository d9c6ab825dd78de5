/**
 * Coalitions and centrality, computed once per graph version and shared by every request: the process-wide half of
 * the network domain (each request's half is ./resolvers.ts, which reads the graph's version first).
 *
 * Freshness: a result is used only for the version it was computed on (./repository.ts `version`), so every committed
 * write through the API is reflected by the next request. A request whose version has no result starts the computation
 * (one projection query or three, then the algorithm in the worker); requests asking the same meanwhile share it. A
 * request waits for it up to its own deadline; past it, it is answered QUERY_TIMEOUT while the computation goes on, so
 * asking again shortly gets the result. Entries expire after a while (a write outside the API that left the counts
 * unchanged is seen then) and the least recently used go first.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode, queryTimeout } from '../errors.js';
import type { Logger } from '../logger.js';
import { RequestBudget, type Database } from '../neo4j/database.js';
import type { CentralityResult, CoalitionsResult } from './compute.js';
import { JobError } from '../shared/worker-pool.js';
import { analyticsPool, type AnalyticsPool } from './pool.js';
import { NetworkRepository } from './repository.js';

export interface NetworkSettings {
  /** A computation's time: its projection queries and the algorithm. */
  timeoutMs: number;
  /** Rows and bytes a computation's projection may read. */
  maxRows: number;
  maxBytes: number;
  cacheEntries: number;
  cacheTtlMs: number;
  /** Betweenness is exact up to this many actors, and sampled from this many sources above. */
  betweennessSources: number;
  /** The worker's heap limit. */
  workerMemoryMb: number;
}

/** A result and what it was computed on. */
export interface Computed<T> {
  value: T;
  version: string;
  computedAt: Date;
  seconds: number;
}

export interface CoalitionArgs {
  topicIds: string[] | null;
  asOf: string;
  resolution: number;
  minSize: number;
}

/** Centrality with the orders the API serves, computed once per result. */
export interface CentralityView extends CentralityResult {
  indexOf: Map<string, number>;
  /** Actor indices by each measure, highest first, then by id. */
  order: { PAGE_RANK: number[]; BETWEENNESS: number[]; DEGREE: number[] };
  /** Rank by PageRank (1 = highest) of each actor index. */
  pageRankRank: number[];
}

export type CentralityMeasure = keyof CentralityView['order'];

interface Entry {
  computed: Computed<unknown>;
  expires: number;
}

export class NetworkService {
  private readonly pool: AnalyticsPool;
  private readonly cache = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Computed<unknown>>>();

  constructor(
    private readonly db: Database,
    private readonly settings: NetworkSettings,
    private readonly logger: Logger,
  ) {
    this.pool = analyticsPool({ timeoutMs: settings.timeoutMs, memoryMb: settings.workerMemoryMb });
  }

  coalitions(version: string, args: CoalitionArgs): Promise<Computed<CoalitionsResult>> {
    const key = `coalitions:${JSON.stringify(args)}`;
    return this.computed(key, version, async (repository) => {
      const projection = await repository.stanceProjection(args.topicIds, args.asOf, { timeoutMs: this.settings.timeoutMs });
      const output = await this.pool.run({ kind: 'coalitions', projection, options: { resolution: args.resolution, minSize: args.minSize } });
      if (output.kind !== 'coalitions') throw new Error('the worker answered another job');
      return output.value;
    });
  }

  centrality(version: string): Promise<Computed<CentralityView>> {
    return this.computed('centrality', version, async (repository) => {
      const network = await repository.actorNetwork({ timeoutMs: this.settings.timeoutMs });
      const output = await this.pool.run({ kind: 'centrality', network, maxSources: this.settings.betweennessSources });
      if (output.kind !== 'centrality') throw new Error('the worker answered another job');
      return centralityView(output.value);
    });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private computed<T>(key: string, version: string, compute: (repository: NetworkRepository) => Promise<T>): Promise<Computed<T>> {
    const cacheKey = `${key}@${version}`;
    const entry = this.cache.get(cacheKey);
    if (entry && entry.expires > Date.now()) {
      // Least recently used goes first: a hit moves to the end.
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, entry);
      return Promise.resolve(entry.computed as Computed<T>);
    }
    const running = this.inFlight.get(cacheKey);
    if (running) return running as Promise<Computed<T>>;

    const started = performance.now();
    const budget = new RequestBudget({ timeoutMs: this.settings.timeoutMs, maxRows: this.settings.maxRows, maxBytes: this.settings.maxBytes });
    const repository = new NetworkRepository(this.db.runner(`network:${key.split(':')[0]}`, budget));
    const promise = compute(repository)
      .then((value) => {
        const computed: Computed<T> = { value, version, computedAt: new Date(), seconds: (performance.now() - started) / 1000 };
        this.cache.set(cacheKey, { computed, expires: Date.now() + this.settings.cacheTtlMs });
        while (this.cache.size > this.settings.cacheEntries) this.cache.delete(this.cache.keys().next().value!);
        this.logger.info({ analytics: key, version, seconds: computed.seconds }, 'network analytics computed');
        return computed;
      })
      .catch((error: unknown) => {
        throw asClientError(error, this.logger, key);
      })
      .finally(() => this.inFlight.delete(cacheKey));
    this.inFlight.set(cacheKey, promise);
    return promise;
  }
}

/** Why a computation failed, in the API's codes; anything unexpected is masked by formatError. */
function asClientError(error: unknown, logger: Logger, key: string): unknown {
  if (error instanceof JobError) {
    logger.warn({ analytics: key, reason: error.reason, err: error.message }, 'network analytics failed');
    if (error.reason === 'timeout') return queryTimeout('The computation did not finish in time; narrow it (fewer topics) or ask again shortly.');
    if (error.reason === 'memory') {
      return new GraphQLError('The computation needed more memory than the analytics worker has; narrow it (fewer topics).', {
        extensions: { code: ErrorCode.RESULT_TOO_LARGE, http: { status: 400 } },
      });
    }
  }
  return error;
}


function centralityView(result: CentralityResult): CentralityView {
  const ids = result.actorIds;
  const byId = (x: number, y: number) => (ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : 0);
  const orderBy = (values: number[]) => ids.map((_, i) => i).sort((x, y) => values[y]! - values[x]! || byId(x, y));
  const order = { PAGE_RANK: orderBy(result.pageRank), BETWEENNESS: orderBy(result.betweenness), DEGREE: orderBy(result.degree) };
  const pageRankRank = new Array<number>(ids.length);
  order.PAGE_RANK.forEach((i, rank) => (pageRankRank[i] = rank + 1));
  return { ...result, indexOf: new Map(ids.map((id, i) => [id, i])), order, pageRankRank };
}
