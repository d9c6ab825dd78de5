/**
 * The analytics worker: runs one graph algorithm at a time (./compute.ts) off the thread that answers requests, so a
 * long computation never stalls the service. Started by ./pool.ts.
 */
import { serveJobs } from '../shared/worker-pool.js';
import { computeCentrality, findCoalitions } from './compute.js';
import type { Job, JobOutput } from './pool.js';

serveJobs<Job, JobOutput>('src/network/worker.ts', (job) => {
  switch (job.kind) {
    case 'coalitions':
      return { kind: 'coalitions', value: findCoalitions(job.projection, job.options) };
    case 'centrality':
      return { kind: 'centrality', value: computeCentrality(job.network, job.maxSources) };
  }
});
