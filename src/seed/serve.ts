/**
 * The service as `npm start` and the Docker image run it: src/main.ts's service, plus loading the seed graph at start
 * when SEED_IF_EMPTY is on and the database holds no stancegraph node. The service itself never imports the seed tool;
 * `node dist/main.js` (or `tsx src/main.ts`) runs it without this step.
 */
import { pathToFileURL } from 'node:url';
import type { Config } from '../config.js';
import { main, type StartOptions } from '../main.js';
import { seedIfEmpty } from './loader.js';

/** The preparation step that seeds an empty database, or none when SEED_IF_EMPTY is off. */
export function seedStep(config: Pick<Config, 'SEED_IF_EMPTY' | 'SEED_DIR'>): StartOptions['prepare'] {
  if (!config.SEED_IF_EMPTY) return undefined;
  return async (db, logger, progress) => {
    const seeded = await seedIfEmpty(db, { logger, progress, seedDir: config.SEED_DIR });
    if (!seeded) progress('database already holds data: seed skipped');
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(seedStep);
}
