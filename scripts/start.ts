/**
 * `npm start`: with NEO4J_URI unset, builds (first run) and starts the bundled Neo4j, then the service on it;
 * with NEO4J_URI set, starts only the service. Ctrl-C / SIGTERM stops both, cleanly.
 *
 * The bundled Neo4j is supervised: if it dies, the exit is logged and it is started again with backoff, while the
 * service answers SERVICE_UNAVAILABLE (/ready 503) and reconnects by itself. A Neo4j of NEO4J_URI is not ours to restart.
 */
import { superviseBundledNeo4j, type SupervisedNeo4j, type SupervisorEvent } from '../neo4j/launcher.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { runUntilSignalled, startService, type RunningService } from '../src/main.js';
import { seedStep } from '../src/seed/serve.js';
import { bundledDefaults } from './bundled-defaults.js';

const say = (message: string) => console.log(`[stancegraph] ${message}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

let service: RunningService | undefined;

/** Each supervisor event as a line for the terminal and, once the service runs, a structured log line. */
function reportNeo4jEvent(event: SupervisorEvent): void {
  const logger = service?.logger;
  switch (event.type) {
    case 'exited': {
      const how = event.signal ? `killed by ${event.signal}` : `exit code ${event.code}`;
      say(`Neo4j (pid ${event.pid}) exited unexpectedly (${how}) after ${seconds(event.uptimeMs)} up; requests answer SERVICE_UNAVAILABLE until it is back`);
      logger?.warn({ neo4j: { pid: event.pid, code: event.code, signal: event.signal, uptimeMs: event.uptimeMs } }, 'bundled Neo4j exited unexpectedly');
      break;
    }
    case 'restarting':
      say(`restarting Neo4j in ${seconds(event.delayMs)} (attempt ${event.attempt} of ${event.maxAttempts})`);
      logger?.info({ neo4j: { attempt: event.attempt, delayMs: event.delayMs } }, 'restarting the bundled Neo4j');
      break;
    case 'restarted':
      say(`Neo4j is back (pid ${event.pid}) after ${seconds(event.startupMs)}`);
      logger?.info({ neo4j: { pid: event.pid, attempt: event.attempt, startupMs: event.startupMs } }, 'bundled Neo4j restarted');
      break;
    case 'restart-failed':
      say(`restart attempt ${event.attempt} of Neo4j failed: ${event.error.message.split('\n')[0]}`);
      logger?.warn({ err: event.error, neo4j: { attempt: event.attempt } }, 'bundled Neo4j restart failed');
      break;
    case 'gave-up':
      console.error(
        `[stancegraph] GIVING UP on the bundled Neo4j: ${event.attempts} restarts in a row did not hold (see the lines above).\n` +
          '[stancegraph] The service keeps running but answers SERVICE_UNAVAILABLE (/ready 503) until you fix the cause and restart npm start.',
      );
      logger?.error({ neo4j: { attempts: event.attempts } }, 'gave up restarting the bundled Neo4j');
      break;
  }
}

let bundled: SupervisedNeo4j | undefined;
if (!process.env.NEO4J_URI) {
  const defaults = bundledDefaults();
  say(`NEO4J_URI is unset: starting the bundled Neo4j on 127.0.0.1:${defaults.port} (data in ${defaults.dataDir})`);
  const started = Date.now();
  bundled = await superviseBundledNeo4j({
    ...defaults,
    onOutput: (line) => {
      if (line.startsWith('[neo4j-launcher]') || line.startsWith('NEO4J')) say(`neo4j: ${line.replace('[neo4j-launcher] ', '')}`);
    },
    onEvent: reportNeo4jEvent,
  });
  say(`Neo4j is up after ${seconds(Date.now() - started)} (pid ${bundled.pid}; restarted if it dies)`);
  process.env.NEO4J_URI = bundled.uri;
  process.env.NEO4J_USER = bundled.user;
  process.env.NEO4J_PASSWORD = bundled.password;
}

try {
  const config = loadConfig();
  service = await startService(config, { progress: say, prepare: seedStep(config) });
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
