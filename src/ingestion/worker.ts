/**
 * The extraction worker: runs the extractor (src/extraction/) off the thread that answers requests, so a long article
 * never stalls the service, and its memory and time stay bounded (src/shared/worker-pool.ts). Started by ./service.ts.
 */
import { extract } from '../extraction/extract.js';
import { serveJobs } from '../shared/worker-pool.js';
import type { ExtractionJob, ExtractionOutput } from './service.js';

serveJobs<ExtractionJob, ExtractionOutput>('src/ingestion/worker.ts', (job) => {
  const started = performance.now();
  const extraction = extract(job.text, job.gazetteer);
  return { extraction, milliseconds: Math.round(performance.now() - started) };
});
