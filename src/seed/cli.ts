/** `npm run seed`: validates seeds/ and loads it into whatever NEO4J_URI points at (migrations first). */
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createDriver, Database } from '../neo4j/database.js';
import { applyMigrations } from '../neo4j/migrations.js';
import { loadSeed } from './loader.js';
import { countGraph } from './repository.js';
import { SeedValidationError } from './validate.js';

const seedDir = process.argv[2];
let exitCode = 0;
try {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const db = new Database(createDriver(config), { database: config.NEO4J_DATABASE, timeoutMs: 120_000, logger });
  try {
    const runner = db.runner('seed');
    console.log(`seeding ${config.NEO4J_URI}${config.NEO4J_DATABASE ? ` (database ${config.NEO4J_DATABASE})` : ''}`);
    await applyMigrations(runner);
    const summary = await loadSeed(runner, seedDir);
    console.log('loaded:', summary);
    console.log('graph now holds:', await countGraph(runner));
  } finally {
    await db.close();
  }
} catch (error) {
  exitCode = 1;
  if (error instanceof ConfigError || error instanceof SeedValidationError) console.error(error.message);
  else console.error(error);
}
process.exit(exitCode);
