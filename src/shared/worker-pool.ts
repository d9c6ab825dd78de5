/**
 * Runs CPU-heavy jobs (graph algorithms, article extraction) in one worker thread, one job at a time in arrival order:
 * the CPU a job takes is bounded (one core), its memory too (the worker's heap limit), and its time (a job past the
 * timeout ends the worker, which is started again for the next job). Under tsx (development, tests) the worker loads
 * TypeScript through tsx's loader; built, it runs the compiled .js. Each worker module answers `{id, result}` or
 * `{id, error}` to each `{id, ...input}` it receives (see `serveJobs`).
 */
import { parentPort, Worker } from 'node:worker_threads';

export type JobResult<Out> = { id: number; result: Out; error?: undefined } | { id: number; error: string; result?: undefined };

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
  /** The worker module: `workerEntry(import.meta.url, './worker')` from the module next to it. */
  entry: string;
  /** Names the worker in errors ("the analytics worker exited"). */
  name: string;
  timeoutMs: number;
  /** The worker's heap limit. */
  memoryMb: number;
  /** An idle worker ends after this long, giving its heap back (a large graph's computation leaves gigabytes). */
  idleMs?: number;
}

/** A worker module next to the caller: `<name>.ts` under tsx, `<name>.js` once built. */
export function workerEntry(callerUrl: string, name: string): string {
  return new URL(`${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl).href;
}

/** Inside a worker module: answers each job with `work`'s result, or its error's message. */
export function serveJobs<In, Out>(module: string, work: (input: In) => Out): void {
  const port = parentPort;
  if (!port) throw new Error(`${module} runs as a worker thread (see src/shared/worker-pool.ts)`);
  port.on('message', (job: In & { id: number }) => {
    let reply: JobResult<Out>;
    try {
      reply = { id: job.id, result: work(job) };
    } catch (error) {
      reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}
// A worker does not inherit tsx's loader: the boot script registers it first when the entry is TypeScript.
const boot = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.loader) (await import(workerData.loader)).register();
  await import(workerData.entry);
})();
`;

export class WorkerPool<In extends object, Out> {
  private worker: Worker | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private pending = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly settings: PoolSettings) {}

  /** Runs a job after those before it; rejects with a JobError if it fails, times out or exhausts the worker's heap. */
  run(input: In): Promise<Out> {
    this.pending += 1;
    clearTimeout(this.idleTimer);
    const result = this.queue.then(() => this.runNow({ ...input, id: this.nextId++ }));
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
      workerData: { entry: this.settings.entry, loader: this.settings.entry.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : null },
      resourceLimits: { maxOldGenerationSizeMb: this.settings.memoryMb },
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private runNow(job: In & { id: number }): Promise<Out> {
    if (this.closed) return Promise.reject(new JobError('failed', `the ${this.settings.name} worker is stopped`));
    const worker = this.worker ?? this.start();
    return new Promise<Out>((resolve, reject) => {
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
      const onMessage = (message: JobResult<Out>) => {
        if (message.id !== job.id) return;
        done();
        if (message.error === undefined) resolve(message.result);
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
        reject(new JobError('failed', `the ${this.settings.name} worker exited (code ${code})`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
  }
}
