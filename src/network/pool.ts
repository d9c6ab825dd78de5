/**
 * Runs graph algorithms in one worker thread, one job at a time in arrival order: the CPU a computation takes is
 * bounded (one core), its memory too (the worker's heap limit), and its time (a job past the timeout ends the worker,
 * which is started again for the next job). Under tsx (development, tests) the worker loads TypeScript through tsx's
 * loader; built, it runs worker.js.
 */
import { Worker } from 'node:worker_threads';
import type { ActorNetwork, CentralityResult, CoalitionOptions, CoalitionsResult, StanceProjection } from './compute.js';

export type Job = { id: number } & (
  | { kind: 'coalitions'; projection: StanceProjection; options: CoalitionOptions }
  | { kind: 'centrality'; network: ActorNetwork; maxSources: number }
);
type JobInput = Job extends infer J ? (J extends Job ? Omit<J, 'id'> : never) : never;

export type JobOutput = { kind: 'coalitions'; value: CoalitionsResult } | { kind: 'centrality'; value: CentralityResult };
export type JobResult = { id: number; result: JobOutput; error?: undefined } | { id: number; error: string; result?: undefined };

/** Why a job did not finish: it took too long, ran out of memory, or the algorithm failed. */
export class JobError extends Error {
  constructor(
    readonly reason: 'timeout' | 'memory' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

export interface PoolSettings {
  timeoutMs: number;
  /** The worker's heap limit. */
  memoryMb: number;
  /** An idle worker ends after this long, giving its heap back (a large graph's computation leaves gigabytes). */
  idleMs?: number;
}

// The worker's entry next to this module: worker.ts under tsx, worker.js once built.
const typescript = import.meta.url.endsWith('.ts');
const entry = new URL(typescript ? './worker.ts' : './worker.js', import.meta.url).href;
// A worker does not inherit tsx's loader: the boot script registers it first when the entry is TypeScript.
const boot = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.loader) (await import(workerData.loader)).register();
  await import(workerData.entry);
})();
`;

export class WorkerPool {
  private worker: Worker | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private pending = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly settings: PoolSettings) {}

  /** Runs a job after those before it; rejects with a JobError if it fails, times out or exhausts the worker's heap. */
  run(input: JobInput): Promise<JobOutput> {
    this.pending += 1;
    clearTimeout(this.idleTimer);
    const result = this.queue.then(() => this.runNow({ ...input, id: this.nextId++ } as Job));
    this.queue = result
      .catch(() => undefined)
      .finally(() => {
        this.pending -= 1;
        if (this.pending === 0) this.endWhenIdle();
      });
    return result;
  }

  private endWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const worker = this.worker;
      if (this.pending > 0 || !worker) return;
      this.worker = undefined;
      void worker.terminate();
    }, this.settings.idleMs ?? 10_000);
    this.idleTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(boot, {
      eval: true,
      workerData: { entry, loader: typescript ? import.meta.resolve('tsx/esm/api') : null },
      resourceLimits: { maxOldGenerationSizeMb: this.settings.memoryMb },
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private runNow(job: Job): Promise<JobOutput> {
    if (this.closed) return Promise.reject(new JobError('failed', 'the analytics worker is stopped'));
    const worker = this.worker ?? this.start();
    return new Promise<JobOutput>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const discard = () => {
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
      };
      const timer = setTimeout(() => {
        done();
        discard();
        reject(new JobError('timeout', `the computation took longer than ${this.settings.timeoutMs} ms`));
      }, this.settings.timeoutMs);
      const onMessage = (message: JobResult) => {
        if (message.id !== job.id) return;
        done();
        if (message.result) resolve(message.result);
        else reject(new JobError('failed', message.error));
      };
      const onError = (error: Error & { code?: string }) => {
        done();
        discard();
        const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        reject(new JobError(memory ? 'memory' : 'failed', memory ? `the computation needed more than ${this.settings.memoryMb} MB` : error.message));
      };
      const onExit = (code: number) => {
        done();
        if (this.worker === worker) this.worker = undefined;
        reject(new JobError('failed', `the analytics worker exited (code ${code})`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
  }
}
