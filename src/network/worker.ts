/**
 * The analytics worker: runs one graph algorithm at a time (./compute.ts) off the thread that answers requests, so a
 * long computation never stalls the service. Started by ./pool.ts; messages are `Job`s and `JobResult`s.
 */
import { parentPort } from 'node:worker_threads';
import { computeCentrality, findCoalitions } from './compute.js';
import type { Job, JobOutput, JobResult } from './pool.js';

function run(job: Job): JobOutput {
  switch (job.kind) {
    case 'coalitions':
      return { kind: 'coalitions', value: findCoalitions(job.projection, job.options) };
    case 'centrality':
      return { kind: 'centrality', value: computeCentrality(job.network, job.maxSources) };
  }
}

const port = parentPort;
if (!port) throw new Error('src/network/worker.ts runs as a worker thread (see src/network/pool.ts)');
port.on('message', (job: Job) => {
  let reply: JobResult;
  try {
    reply = { id: job.id, result: run(job) };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
