/**
 * The three API servers, each a child process of the harness (so its memory is its own and can be read from /proc):
 * stancegraph as it ships (src/main.ts), the peer (peer/server.ts) and the floor (floor/server.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BundledNeo4j } from '../neo4j/launcher.js';
import { projectRoot } from '../neo4j/launcher.js';
import type { ServerName } from './operations.js';

export interface RunningServer {
  name: ServerName;
  pid: number;
  url: string;
  /** Last lines the process printed (for failure messages). */
  output: string[];
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /** Extra node flags for this server (e.g. --cpu-prof for stancegraph when profiling). */
  nodeFlags?: string[];
  /** Extra environment for this server (e.g. the analytics benchmark's cache and deadline settings). */
  env?: Record<string, string>;
}

export async function startServer(name: ServerName, neo4j: BundledNeo4j, options: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password };
  let entry: string;
  let readyPath: string;
  if (name === 'stancegraph') {
    entry = 'src/main.ts';
    readyPath = '/ready';
    Object.assign(env, { SEED_IF_EMPTY: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }, options.env);
  } else {
    entry = join('bench', name, 'server.ts');
    readyPath = '/health';
  }
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', entry], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const remember = (line: string) => {
    output.push(line);
    if (output.length > 50) output.shift();
  };
  createInterface({ input: child.stdout! }).on('line', remember);
  createInterface({ input: child.stderr! }).on('line', remember);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (code ${child.exitCode}) before it was ready:\n${output.join('\n')}`);
    try {
      const response = await fetch(`${url}${readyPath}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready within 120 s:\n${output.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { name, pid: child.pid!, url, output, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Peak resident memory of a process over a window: the kernel's high-water mark (VmHWM), reset at the start of the
 * window through /proc/<pid>/clear_refs, with RSS polling as a fallback where the reset is not allowed.
 */
export class PeakMemory {
  private timer: NodeJS.Timeout | undefined;
  private polled = 0;
  private resetWorked = false;

  constructor(private readonly pid: number) {}

  start(): void {
    this.polled = 0;
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      this.resetWorked = true;
    } catch {
      this.resetWorked = false;
    }
    this.timer = setInterval(() => {
      this.polled = Math.max(this.polled, readStatusKb(this.pid, 'VmRSS'));
    }, 100);
    this.timer.unref();
  }

  /** Peak RSS in MiB since start(). */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    const polled = Math.max(this.polled, readStatusKb(this.pid, 'VmRSS'));
    const peakKb = this.resetWorked ? Math.max(readStatusKb(this.pid, 'VmHWM'), polled) : polled;
    return Math.round(peakKb / 1024);
  }
}

export function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const path = `/proc/${pid}/status`;
  if (!existsSync(path)) return 0;
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(path, 'utf8'));
  return match ? Number(match[1]) : 0;
}
