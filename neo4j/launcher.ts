/**
 * Starts the bundled Neo4j (see Launcher.java) for `npm start`, `npm run neo4j` and the test suite.
 * Nothing under src/ imports this: the service only ever sees a Bolt URI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const launcherDir = dirname(fileURLToPath(import.meta.url));
const targetDir = join(launcherDir, 'target');
export const projectRoot = resolve(launcherDir, '..');

export interface BundledNeo4jOptions {
  port: number;
  dataDir: string;
  password: string;
  /** Called with each line Neo4j prints (progress for the terminal); silent when omitted. */
  onOutput?: (line: string) => void;
  /** How long to wait for the ready line. */
  startTimeoutMs?: number;
}

export interface BundledNeo4j {
  uri: string;
  user: string;
  password: string;
  stop(): Promise<void>;
}

function isBuilt(): boolean {
  const lib = join(targetDir, 'lib');
  return (
    existsSync(join(targetDir, 'classes', 'org', 'stancegraph', 'neo4j', 'Launcher.class')) &&
    existsSync(lib) &&
    readdirSync(lib).some((jar) => jar.startsWith('neo4j-kernel-')) &&
    existsSync(join(targetDir, 'plugins'))
  );
}

/** Builds the launcher with Maven the first time (downloads Neo4j's jars into the Maven cache). */
export function ensureBuilt(log: (message: string) => void = () => {}): void {
  if (isBuilt()) return;
  log('building the bundled Neo4j with Maven (first run only; downloads about 150 MB of jars)...');
  const result = spawnSync('mvn', ['-B', '-q', '-f', join(launcherDir, 'pom.xml'), 'package', '-DskipTests'], {
    stdio: 'inherit',
  });
  if (result.error) throw new Error(`could not run Maven (is mvn on PATH?): ${result.error.message}`);
  if (result.status !== 0 || !isBuilt()) throw new Error(`Maven build of the Neo4j launcher failed (exit ${result.status})`);
  log('bundled Neo4j built');
}

/** Resolves when nothing listens on the port (so a clear message can replace a Java bind error). */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} on 127.0.0.1 is already in use: stop what holds it, or choose another port`
            : `cannot bind 127.0.0.1:${port}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePort()));
  });
}

export async function startBundledNeo4j(options: BundledNeo4jOptions): Promise<BundledNeo4j> {
  ensureBuilt(options.onOutput);
  await assertPortFree(options.port);
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });

  const classpath = [join(targetDir, 'classes'), join(targetDir, 'lib', '*')].join(':');
  const child = spawn(
    'java',
    [
      '-Xms256m',
      '-Xmx1g',
      '-XX:+UseG1GC',
      '-cp',
      classpath,
      'org.stancegraph.neo4j.Launcher',
      '--port',
      String(options.port),
      '--data',
      dataDir,
      '--plugins',
      join(targetDir, 'plugins'),
      '--watch-stdin',
    ],
    // The password travels in the environment, not on a command line that `ps` shows.
    { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NEO4J_LAUNCHER_PASSWORD: options.password } },
  );

  const ready = waitForReady(child, options);
  try {
    await ready;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    uri: `bolt://127.0.0.1:${options.port}`,
    user: 'neo4j',
    password: options.password,
    stop: () => stopProcess(child),
  };
}

function waitForReady(child: ChildProcess, options: BundledNeo4jOptions): Promise<void> {
  const timeoutMs = options.startTimeoutMs ?? 180_000;
  const recent: string[] = [];
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Neo4j did not report ready within ${timeoutMs / 1000}s:\n${recent.join('\n')}`)),
      timeoutMs,
    );
    const onLine = (line: string) => {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      options.onOutput?.(line);
      if (line.startsWith('NEO4J READY')) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start java: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Neo4j exited before it was ready (code ${code}, signal ${signal}):\n${recent.join('\n')}`));
    });
  });
}

function stopProcess(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
