/**
 * Starts the bundled Neo4j (see Launcher.java) for `npm start`, `npm run neo4j` and the test suite.
 * Nothing under src/ imports this: the service only ever sees a Bolt URI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
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
  /** JVM heap and page cache (MB); 1024 and 256 by default, enough for the seed and the tests. */
  memory?: { heapMb: number; pageCacheMb: number };
}

export interface ProcessExit {
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
  exited: Promise<ProcessExit>;
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
      `-Xmx${options.memory?.heapMb ?? 1024}m`,
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
      '--pagecache-mb',
      String(options.memory?.pageCacheMb ?? 256),
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
  const exited = new Promise<ProcessExit>((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));

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

/** When a supervised Neo4j is restarted, and when the supervisor stops trying. */
export interface RestartPolicy {
  /** The wait before the first restart; each further consecutive failure doubles it... */
  initialDelayMs: number;
  /** ...up to this. */
  maxDelayMs: number;
  /** Restarts tried in a row without Neo4j staying up for `stableAfterMs` (it failed to start, or exited again); then it gives up. */
  maxConsecutiveFailures: number;
  /** A Neo4j that stayed up this long had recovered: its next exit starts the backoff from the beginning. */
  stableAfterMs: number;
}

/** 1 s, 2 s, 4 s ... 30 s; after 10 restarts in a row that did not hold (three minutes of waiting between them) it gives up. */
export const defaultRestartPolicy: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxConsecutiveFailures: 10,
  stableAfterMs: 60_000,
};

/** The wait before restart number `attempt` (1 for the first after a failure): exponential, capped. */
export function restartDelayMs(attempt: number, policy: RestartPolicy = defaultRestartPolicy): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // Capped before it is computed, so a large attempt number cannot overflow to Infinity.
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(exponent, 30));
}

/** What the supervisor saw and did, for the caller to log. */
export type SupervisorEvent =
  | { type: 'exited'; pid: number; code: number | null; signal: NodeJS.Signals | null; uptimeMs: number }
  | { type: 'restarting'; attempt: number; maxAttempts: number; delayMs: number }
  | { type: 'restarted'; pid: number; attempt: number; startupMs: number }
  | { type: 'restart-failed'; attempt: number; error: Error }
  | { type: 'gave-up'; attempts: number };

/** What supervise() needs of a process; a BundledNeo4j is one. */
export interface SupervisedProcess {
  pid: number;
  exited: Promise<ProcessExit>;
  stop(): Promise<void>;
}

export type SupervisorState = 'running' | 'restarting' | 'gave-up' | 'stopped';

export interface Supervisor<P extends SupervisedProcess> {
  /** The running process; undefined while it is being restarted, after giving up and after stop(). */
  readonly current: P | undefined;
  readonly state: SupervisorState;
  /** Stops supervising, then the process (a restart under way is aborted); nothing is restarted after this. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  policy?: Partial<RestartPolicy>;
  /** Called with each exit, restart and failure; supervision is silent without it. */
  onEvent?: (event: SupervisorEvent) => void;
}

/**
 * Keeps `first` running: when it exits without stop() having been called, the exit is reported and `start` called
 * again after a backoff (restartDelayMs), until a process stays up or the policy's bound of attempts is spent.
 * `start` must stop what it started and reject when its signal is aborted (stop() aborts it).
 */
export function supervise<P extends SupervisedProcess>(
  first: P,
  start: (signal: AbortSignal) => Promise<P>,
  options: SuperviseOptions = {},
): Supervisor<P> {
  const policy: RestartPolicy = { ...defaultRestartPolicy, ...options.policy };
  const emit = (event: SupervisorEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A failing logger must not stop the supervision it reports on.
    }
  };
  const shutdown = new AbortController();
  let state: SupervisorState = 'running';
  let current: P | undefined = first;
  let upSince = Date.now();
  let failures = 0;
  let restarting: Promise<void> = Promise.resolve();

  const watch = (instance: P) => {
    void instance.exited.then(({ code, signal }) => {
      if (shutdown.signal.aborted) return;
      const uptimeMs = Date.now() - upSince;
      if (uptimeMs >= policy.stableAfterMs) failures = 0;
      current = undefined;
      state = 'restarting';
      emit({ type: 'exited', pid: instance.pid, code, signal, uptimeMs });
      restarting = restart();
    });
  };

  const restart = async (): Promise<void> => {
    while (!shutdown.signal.aborted) {
      failures++;
      if (failures > policy.maxConsecutiveFailures) {
        state = 'gave-up';
        emit({ type: 'gave-up', attempts: policy.maxConsecutiveFailures });
        return;
      }
      const delayMs = restartDelayMs(failures, policy);
      emit({ type: 'restarting', attempt: failures, maxAttempts: policy.maxConsecutiveFailures, delayMs });
      try {
        await sleep(delayMs, undefined, { signal: shutdown.signal });
        const started = Date.now();
        const instance = await start(shutdown.signal);
        if (shutdown.signal.aborted) {
          // Started just as stop() was called: stop() already looked for a current process and found none.
          await instance.stop();
          return;
        }
        current = instance;
        upSince = Date.now();
        state = 'running';
        emit({ type: 'restarted', pid: instance.pid, attempt: failures, startupMs: upSince - started });
        watch(instance);
        return;
      } catch (error) {
        if (shutdown.signal.aborted) return;
        emit({ type: 'restart-failed', attempt: failures, error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
  };

  watch(first);
  let stopping: Promise<void> | undefined;
  return {
    get current() {
      return current;
    },
    get state() {
      return state;
    },
    stop: () => {
      stopping ??= (async () => {
        shutdown.abort();
        state = 'stopped';
        await restarting;
        await current?.stop();
        current = undefined;
      })();
      return stopping;
    },
  };
}

export interface SupervisedNeo4jOptions extends Omit<BundledNeo4jOptions, 'signal'> {
  restartPolicy?: Partial<RestartPolicy>;
  /** Called with each exit, restart and failure; supervision is silent without it. */
  onEvent?: (event: SupervisorEvent) => void;
}

export interface SupervisedNeo4j {
  uri: string;
  user: string;
  password: string;
  /** The running JVM's process id; undefined while Neo4j is being restarted, after giving up and after stop(). */
  readonly pid: number | undefined;
  readonly state: SupervisorState;
  /** Stops supervising, then Neo4j (a restart under way is aborted); nothing is restarted after this. */
  stop(): Promise<void>;
}

/**
 * `startBundledNeo4j`, kept running: when the JVM dies, it is started again on the same port and data folder (see
 * supervise). The first start is not retried: a port in use or a broken store at start is for the caller to see at
 * once, not for a loop to hide.
 */
export async function superviseBundledNeo4j(options: SupervisedNeo4jOptions): Promise<SupervisedNeo4j> {
  const { restartPolicy, onEvent, ...startOptions } = options;
  const first = await startBundledNeo4j(startOptions);
  const supervisor = supervise(first, (signal) => startBundledNeo4j({ ...startOptions, signal }), { policy: restartPolicy, onEvent });
  return {
    uri: first.uri,
    user: first.user,
    password: first.password,
    get pid() {
      return supervisor.current?.pid;
    },
    get state() {
      return supervisor.state;
    },
    stop: () => supervisor.stop(),
  };
}
