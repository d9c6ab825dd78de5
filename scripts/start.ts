/**
 * `npm start`: with NEO4J_URI unset, builds (first run) and starts the bundled Neo4j, then the service on it;
 * with NEO4J_URI set, starts only the service. Ctrl-C / SIGTERM stops both, cleanly.
 */
import { startBundledNeo4j, type BundledNeo4j } from '../neo4j/launcher.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { runUntilSignalled, startService } from '../src/main.js';
import { seedStep } from '../src/seed/serve.js';
import { bundledDefaults } from './bundled-defaults.js';

const say = (message: string) => console.log(`[stancegraph] ${message}`);

let bundled: BundledNeo4j | undefined;
if (!process.env.NEO4J_URI) {
  const defaults = bundledDefaults();
  say(`NEO4J_URI is unset: starting the bundled Neo4j on 127.0.0.1:${defaults.port} (data in ${defaults.dataDir})`);
  const started = Date.now();
  bundled = await startBundledNeo4j({
    ...defaults,
    onOutput: (line) => {
      if (line.startsWith('[neo4j-launcher]') || line.startsWith('NEO4J')) say(`neo4j: ${line.replace('[neo4j-launcher] ', '')}`);
    },
  });
  say(`Neo4j is up after ${((Date.now() - started) / 1000).toFixed(1)}s`);
  process.env.NEO4J_URI = bundled.uri;
  process.env.NEO4J_USER = bundled.user;
  process.env.NEO4J_PASSWORD = bundled.password;
}

try {
  const config = loadConfig();
  const service = await startService(config, { progress: say, prepare: seedStep(config) });
  say(`serving GraphQL at ${service.url} (playground: open it in a browser)`);
  await runUntilSignalled(service, async () => {
    if (bundled) {
      say('stopping the bundled Neo4j...');
      await bundled.stop();
    }
  });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  await bundled?.stop();
  process.exit(error instanceof ConfigError ? 2 : 1);
}
