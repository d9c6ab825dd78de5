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
  /** Aborting a start that is under way stops the half-started JVM; the start then rejects. */
  signal?: AbortSignal;
}

export interface Neo4jExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BundledNeo4j {
  uri: string;
  user: string;
  password: string;
  /** The JVM's process id (tests kill it to play a crash). */
  pid: number;
  /** Settles when the JVM exits, for whatever reason: stop(), a crash, a kill from outside. */
  exited: Promise<Neo4jExit>;
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
  options.signal?.throwIfAborted();
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
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      // The password travels in the environment, not on a command line that `ps` shows.
      env: { ...process.env, NEO4J_LAUNCHER_PASSWORD: options.password },
      // Its own process group: a Ctrl-C at the terminal reaches only us, and we decide when Neo4j stops. Otherwise
      // the JVM would stop on the same SIGINT, and a supervisor could take that for a crash. If we die without
      // stopping it, --watch-stdin stops it.
      detached: true,
    },
  );
  const exited = new Promise<Neo4jExit>((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));

  try {
    await waitForReady(child, options);
  } catch (error) {
    // An aborted start is a shutdown: let Neo4j stop cleanly. A failed one may hang: kill it.
    if (options.signal?.aborted) await stopProcess(child);
    else await killProcess(child);
    throw error;
  }
  return {
    uri: `bolt://127.0.0.1:${options.port}`,
    user: 'neo4j',
    password: options.password,
    pid: child.pid!,
    exited,
    stop: () => stopProcess(child),
  };
}

function waitForReady(child: ChildProcess, options: BundledNeo4jOptions): Promise<void> {
  const timeoutMs = options.startTimeoutMs ?? 180_000;
  const recent: string[] = [];
  return new Promise((resolveReady, reject) => {
    // The first outcome wins; the listeners that only matter during the start are removed with it.
    const settle = (error?: Error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolveReady();
    };
    const timer = setTimeout(
      () => settle(new Error(`Neo4j did not report ready within ${timeoutMs / 1000}s:\n${recent.join('\n')}`)),
      timeoutMs,
    );
    const onAbort = () => settle(new Error('the start of Neo4j was aborted'));
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      settle(new Error(`Neo4j exited before it was ready (code ${code}, signal ${signal}):\n${recent.join('\n')}`));
    // Lines keep flowing to onOutput after the start, for as long as the JVM runs.
    const onLine = (line: string) => {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      options.onOutput?.(line);
      if (line.startsWith('NEO4J READY')) settle();
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('error', (error) => settle(new Error(`could not start java: ${error.message}`)));
    child.once('exit', onExit);
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function hasExited(child: ChildProcess): boolean {
  // A child that never spawned (java missing) has no pid and will not report an exit.
  return child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
}

function killProcess(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolveKill) => {
    child.once('exit', () => resolveKill());
    child.kill('SIGKILL');
  });
}

function stopProcess(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolveStop) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
