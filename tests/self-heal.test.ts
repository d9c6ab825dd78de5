/**
 * The bundled Neo4j that `npm start` runs heals itself: when its JVM dies, the supervisor in neo4j/launcher.ts logs
 * the exit and starts it again with backoff, and the service (which only knows a Bolt URI) answers 503 on /ready
 * meanwhile and 200 once Neo4j is back. The supervision rules are shown first on stand-in processes (fast, exact
 * timings), then on a real Neo4j of this file's own (spare loopback port, temporary folder) killed with SIGKILL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  restartDelayMs,
  superviseBundledNeo4j,
  supervise,
  type ProcessExit,
  type RestartPolicy,
  type SupervisedNeo4j,
  type SupervisedProcess,
  type SupervisorEvent,
} from '../neo4j/launcher.js';
import { loadConfig } from '../src/config.js';
import { startService, type RunningService } from '../src/main.js';
import { eventually, freeLoopbackPort } from './support.js';

describe('restartDelayMs: the wait before each restart in a row', () => {
  it('doubles from 1 s and stays at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((attempt) => restartDelayMs(attempt))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('follows a given policy, and never exceeds its cap however many attempts', () => {
    const policy: RestartPolicy = { initialDelayMs: 50, maxDelayMs: 300, maxConsecutiveFailures: 3, stableAfterMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => restartDelayMs(attempt, policy))).toEqual([50, 100, 200, 300, 300]);
    expect(restartDelayMs(10_000, policy)).toBe(300);
    expect(restartDelayMs(0, policy)).toBe(50);
  });
});

/** A process stand-in: exits when told to, or when stopped. */
interface FakeProcess extends SupervisedProcess {
  exit(exit: ProcessExit): void;
  stopped: boolean;
}

function fakeProcess(pid: number): FakeProcess {
  let exit!: (exit: ProcessExit) => void;
  const exited = new Promise<ProcessExit>((resolve) => (exit = resolve));
  const fake: FakeProcess = {
    pid,
    exited,
    exit,
    stopped: false,
    stop: async () => {
      fake.stopped = true;
      exit({ code: 0, signal: null });
    },
  };
  return fake;
}

const killed: ProcessExit = { code: null, signal: 'SIGKILL' };
const fastPolicy: RestartPolicy = { initialDelayMs: 20, maxDelayMs: 80, maxConsecutiveFailures: 4, stableAfterMs: 300 };

function recorder() {
  const events: Array<SupervisorEvent & { at: number }> = [];
  return { events, onEvent: (event: SupervisorEvent) => events.push({ ...event, at: Date.now() }) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('supervise: restart rules, on stand-in processes', () => {
  it('restarts a process that dies, after the first delay, and reports both', async () => {
    const { events, onEvent } = recorder();
    const first = fakeProcess(1);
    const second = fakeProcess(2);
    const supervisor = supervise(first, async () => second, { policy: fastPolicy, onEvent });
    first.exit(killed);
    await eventually(() => supervisor.current === second, 100, 10);
    expect(supervisor.state).toBe('running');
    expect(events.map(({ at: _at, ...event }) => event)).toMatchObject([
      { type: 'exited', pid: 1, code: null, signal: 'SIGKILL' },
      { type: 'restarting', attempt: 1, maxAttempts: 4, delayMs: 20 },
      { type: 'restarted', pid: 2, attempt: 1 },
    ]);
    await supervisor.stop();
    expect(second.stopped).toBe(true);
  });

  it('does not spin in a crash loop: each failed start waits longer, and after the bound it gives up and says so', async () => {
    const { events, onEvent } = recorder();
    const first = fakeProcess(1);
    let starts = 0;
    const supervisor = supervise(
      first,
      async () => {
        starts++;
        throw new Error('port 7687 on 127.0.0.1 is already in use');
      },
      { policy: fastPolicy, onEvent },
    );
    first.exit(killed);
    await eventually(() => supervisor.state === 'gave-up', 200, 10);
    expect(events.map((event) => event.type)).toEqual([
      'exited',
      ...Array.from({ length: 4 }, () => ['restarting', 'restart-failed']).flat(),
      'gave-up',
    ]);
    expect(events.filter((event) => event.type === 'restarting').map((event) => event.delayMs)).toEqual([20, 40, 80, 80]);
    expect(events.at(-1)).toMatchObject({ type: 'gave-up', attempts: 4 });
    // The waits were kept (timers may fire a little late, never early).
    const failedAt = events.filter((event) => event.type === 'restart-failed').map((event) => event.at);
    expect(failedAt[3]! - events[0]!.at).toBeGreaterThanOrEqual(20 + 40 + 80 + 80 - 5);
    expect(starts).toBe(4);
    // Given up means given up.
    await sleep(200);
    expect(starts).toBe(4);
    expect(supervisor.current).toBeUndefined();
    await supervisor.stop();
    expect(supervisor.state).toBe('stopped');
  });

  it('counts a restart that dies at once as a failure, and starts the backoff over once a process has stayed up', async () => {
    const { events, onEvent } = recorder();
    const processes = [fakeProcess(1), fakeProcess(2), fakeProcess(3), fakeProcess(4)];
    let next = 1;
    const supervisor = supervise(processes[0]!, async () => processes[next++]!, { policy: fastPolicy, onEvent });
    processes[0]!.exit(killed);
    await eventually(() => supervisor.current === processes[1], 100, 10);
    processes[1]!.exit({ code: 1, signal: null }); // died at once: the next wait doubles
    await eventually(() => supervisor.current === processes[2], 100, 10);
    await sleep(fastPolicy.stableAfterMs + 50); // stayed up: the next wait is the first one again
    processes[2]!.exit(killed);
    await eventually(() => supervisor.current === processes[3], 100, 10);
    expect(events.filter((event) => event.type === 'restarting').map((event) => [event.attempt, event.delayMs])).toEqual([
      [1, 20],
      [2, 40],
      [1, 20],
    ]);
    await supervisor.stop();
  });

  it('stop() stops the process and nothing restarts it', async () => {
    const { events, onEvent } = recorder();
    const first = fakeProcess(1);
    let starts = 0;
    const start = async () => {
      starts++;
      return fakeProcess(2);
    };
    const supervisor = supervise(first, start, { policy: fastPolicy, onEvent });
    await supervisor.stop();
    await sleep(100);
    expect(first.stopped).toBe(true);
    expect(starts).toBe(0);
    expect(events).toEqual([]);
    expect(supervisor.state).toBe('stopped');
  });

  it('stop() during the wait before a restart cancels it at once', async () => {
    const first = fakeProcess(1);
    let starts = 0;
    const start = async () => {
      starts++;
      return fakeProcess(2);
    };
    const supervisor = supervise(first, start, { policy: { ...fastPolicy, initialDelayMs: 60_000 } });
    first.exit(killed);
    await eventually(() => supervisor.state === 'restarting', 100, 10);
    const stopping = Date.now();
    await supervisor.stop();
    expect(Date.now() - stopping).toBeLessThan(1_000);
    expect(starts).toBe(0);
  });

  it('stop() during a restart aborts the start, which stops what it had started', async () => {
    const { events, onEvent } = recorder();
    const first = fakeProcess(1);
    let abortedStart = false;
    const supervisor = supervise(
      first,
      (signal) =>
        new Promise<FakeProcess>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            abortedStart = true;
            reject(new Error('the start was aborted'));
          });
        }),
      { policy: fastPolicy, onEvent },
    );
    first.exit(killed);
    await sleep(fastPolicy.initialDelayMs + 50);
    await supervisor.stop();
    expect(abortedStart).toBe(true);
    expect(events.map((event) => event.type)).toEqual(['exited', 'restarting']);
    expect(supervisor.state).toBe('stopped');
  });
});

describe('the bundled Neo4j, killed with SIGKILL, comes back by itself', () => {
  const password = 'stancegraph-self-heal';
  const editorToken = 'self-heal-editor-token-0123456789';
  // Short waits so the test does not idle; the same rules as npm start's defaults otherwise.
  const policy: RestartPolicy = { initialDelayMs: 1_000, maxDelayMs: 4_000, maxConsecutiveFailures: 5, stableAfterMs: 10_000 };
  const { events, onEvent } = recorder();
  let port: number;
  let dataDir: string;
  let neo4j: SupervisedNeo4j | undefined;
  let service: RunningService | undefined;
  let base: string;

  // While Neo4j is away /ready takes a few seconds to say 503 (the driver's retries of the ping, within half the query timeout).
  const readyStatus = async () => {
    try {
      return (await fetch(`${base}/ready`, { signal: AbortSignal.timeout(15_000) })).status;
    } catch {
      return 0;
    }
  };

  async function gql(query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editorToken}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    return (await response.json()) as {
      data?: { upsertActor?: { actor: { id: string } }; actor?: { name: string } | null; actors?: { totalCount: number } } | null;
      errors?: Array<{ extensions?: { code?: string } }>;
    };
  }

  const upsertActor = (id: string, name: string) =>
    gql('mutation($input: UpsertActorInput!) { upsertActor(input: $input) { actor { id name } } }', {
      input: { id, name, kind: 'PERSON' },
    });
  const actorName = async (id: string) => (await gql('query($id: ID!) { actor(id: $id) { name } }', { id })).data?.actor?.name;

  const isAlive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  /** Holds a port the way a stray process would: accepts and hangs up. */
  const holdPort = (portToHold: number) =>
    new Promise<Server>((resolve, reject) => {
      const holder = createNetServer((socket) => socket.destroy());
      holder.once('error', reject);
      holder.listen(portToHold, '127.0.0.1', () => resolve(holder));
    });

  beforeAll(async () => {
    port = await freeLoopbackPort();
    dataDir = mkdtempSync(join(tmpdir(), 'stancegraph-self-heal-'));
    neo4j = await superviseBundledNeo4j({ port, dataDir, password, restartPolicy: policy, onEvent });
    service = await startService(
      loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        HOST: '127.0.0.1',
        PORT: '0',
        NEO4J_URI: neo4j.uri,
        NEO4J_USER: neo4j.user,
        NEO4J_PASSWORD: password,
        STANCEGRAPH_API_KEYS: `editor:${editorToken}`,
      }),
    );
    base = `http://127.0.0.1:${service.port}`;
    await eventually(async () => (await readyStatus()) === 200, 120, 500);
  }, 300_000);

  afterAll(async () => {
    await service?.close();
    await neo4j?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('goes 503 on /ready, then 200 by itself, and keeps the write acknowledged before the kill', async () => {
    const before = await upsertActor('self-heal-before-kill', 'Written before the kill');
    expect(before.errors).toBeUndefined();
    expect(before.data?.upsertActor?.actor.id).toBe('self-heal-before-kill');

    const killedPid = neo4j!.pid!;
    process.kill(killedPid, 'SIGKILL');
    await eventually(async () => (await readyStatus()) === 503, 60, 500);
    // While Neo4j is away a query answers SERVICE_UNAVAILABLE; on a quiet machine the restart may already be done by
    // the time /ready has said 503 (each probe waits out the driver's retries), and then it simply answers.
    const during = await gql('{ actors(first: 1) { totalCount } }');
    if (during.errors) expect(during.errors[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    else expect(during.data?.actors?.totalCount).toBeGreaterThan(0);

    // Nobody starts Neo4j here: the supervisor does. A restart takes up to a minute on a busy machine. Bolt may
    // answer a moment before the launcher prints its ready line, so /ready can turn 200 before the supervisor says so.
    await eventually(async () => neo4j!.state === 'running' && (await readyStatus()) === 200, 360, 500);
    expect(isAlive(killedPid)).toBe(false);
    expect(neo4j!.pid).toBeDefined();
    expect(neo4j!.pid).not.toBe(killedPid);
    expect(events.map(({ at: _at, ...event }) => event)).toMatchObject([
      { type: 'exited', pid: killedPid, code: null, signal: 'SIGKILL' },
      { type: 'restarting', attempt: 1, delayMs: 1_000 },
      { type: 'restarted', pid: neo4j!.pid, attempt: 1 },
    ]);

    expect(await actorName('self-heal-before-kill')).toBe('Written before the kill');
    // Writes go through again. The JVM is cold after its restart: on a busy machine its first writes may outlast the
    // query timeout (QUERY_TIMEOUT, which clients retry), so a few tries are allowed.
    const codes: Array<string | undefined> = [];
    await eventually(async () => {
      const after = await upsertActor('self-heal-after-restart', 'Written after the restart');
      codes.push(after.errors?.[0]?.extensions?.code);
      return after.errors === undefined;
    }, 10, 1_000);
    for (const code of codes.slice(0, -1)) expect(['QUERY_TIMEOUT', 'SERVICE_UNAVAILABLE']).toContain(code);
    expect(await actorName('self-heal-after-restart')).toBe('Written after the restart');
  }, 300_000);

  it('does not spin while something else holds its port: waits longer each time, and comes back once the port is free', async () => {
    // Up long enough for the backoff to start over.
    const restartedAt = events.find((event) => event.type === 'restarted')!.at;
    await sleep(Math.max(0, restartedAt + policy.stableAfterMs + 500 - Date.now()));
    events.length = 0;

    const killedPid = neo4j!.pid!;
    process.kill(killedPid, 'SIGKILL');
    await eventually(() => events.some((event) => event.type === 'exited'), 100, 100);
    const holder = await holdPort(port);
    try {
      await eventually(() => events.filter((event) => event.type === 'restart-failed').length >= 2, 200, 100);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    await eventually(async () => neo4j!.state === 'running' && (await readyStatus()) === 200, 360, 500);

    const summary = events.map(({ at: _at, ...event }) =>
      event.type === 'restart-failed' ? { type: event.type, attempt: event.attempt, message: event.error.message } : event,
    );
    expect(summary).toMatchObject([
      { type: 'exited', pid: killedPid, signal: 'SIGKILL' },
      { type: 'restarting', attempt: 1, delayMs: 1_000 },
      { type: 'restart-failed', attempt: 1, message: expect.stringMatching(/already in use/) },
      { type: 'restarting', attempt: 2, delayMs: 2_000 },
      { type: 'restart-failed', attempt: 2, message: expect.stringMatching(/already in use/) },
      { type: 'restarting', attempt: 3, delayMs: 4_000 },
      { type: 'restarted', attempt: 3 },
    ]);
    const failedAt = events.filter((event) => event.type === 'restart-failed').map((event) => event.at);
    expect(failedAt[1]! - failedAt[0]!).toBeGreaterThanOrEqual(2_000 - 50);
    expect(await actorName('self-heal-before-kill')).toBe('Written before the kill');
  }, 300_000);

  it('stop() stops Neo4j and nothing restarts it', async () => {
    const pid = neo4j!.pid!;
    events.length = 0;
    await neo4j!.stop();
    expect(isAlive(pid)).toBe(false);
    expect(neo4j!.state).toBe('stopped');
    expect(neo4j!.pid).toBeUndefined();
    await sleep(policy.initialDelayMs + 1_000);
    expect(events).toEqual([]);
    expect(await readyStatus()).toBe(503);
    // The port is free again: nothing was started on it.
    await new Promise<void>((resolve) => holdPort(port).then((holder) => holder.close(() => resolve())));
  }, 120_000);
});
