/**
 * The analytics worker's jobs: graph algorithms (./compute.ts) run in one worker thread (src/shared/worker-pool.ts),
 * off the thread that answers requests.
 */
import { WorkerPool, workerEntry, type PoolSettings } from '../shared/worker-pool.js';
import type { ActorNetwork, CentralityResult, CoalitionOptions, CoalitionsResult, StanceProjection } from './compute.js';

export type Job = { kind: 'coalitions'; projection: StanceProjection; options: CoalitionOptions } | { kind: 'centrality'; network: ActorNetwork; maxSources: number };
export type JobOutput = { kind: 'coalitions'; value: CoalitionsResult } | { kind: 'centrality'; value: CentralityResult };

export type AnalyticsPool = WorkerPool<Job, JobOutput>;

export function analyticsPool(settings: Omit<PoolSettings, 'entry' | 'name'>): AnalyticsPool {
  return new WorkerPool<Job, JobOutput>({ ...settings, entry: workerEntry(import.meta.url, './worker'), name: 'analytics' });
}
