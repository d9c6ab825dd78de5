/**
 * The extraction worker: runs the extractor (src/extraction/) off the thread that answers requests, so a long article
 * never stalls the service, and its memory and time stay bounded (src/shared/worker-pool.ts). Started by ./service.ts.
 */
import { extract } from '../extraction/extract.js';
import type { Gazetteer } from '../extraction/model.js';
import { serveJobs } from '../shared/worker-pool.js';
import { GAZETTEER_MISSING, type ExtractionJob, type ExtractionOutput } from './service.js';

/** The gazetteer last seen, kept as one object per key: the extractor builds its indexes once per gazetteer object. */
let kept: { key: string; gazetteer: Gazetteer } | undefined;

serveJobs<ExtractionJob, ExtractionOutput>('src/ingestion/worker.ts', (job) => {
  if (job.gazetteer) kept = { key: job.gazetteerKey, gazetteer: job.gazetteer };
  else if (kept?.key !== job.gazetteerKey) throw new Error(GAZETTEER_MISSING);
  const started = performance.now();
  const extraction = extract(job.text, kept.gazetteer);
  return { extraction, milliseconds: Math.round(performance.now() - started) };
});
