/**
 * One measurement: autocannon (programmatic) against one server with one operation's requests, rotating over them,
 * counting errors both ways (non-2xx statuses and GraphQL `errors` in 2xx bodies) and the server's peak RSS.
 */
import autocannon from 'autocannon';
import type { BenchRequest } from './operations.js';
import { PeakMemory } from './servers.js';

export interface Measurement {
  requests: number;
  reqPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Non-2xx responses, connection errors and timeouts. */
  httpErrors: number;
  /** 2xx responses whose body carries GraphQL errors. */
  bodyErrors: number;
  peakRssMb: number;
  bytesPerSec: number;
}

/** Cheap and exact enough: no response data is an object key named "errors" except the error list itself. */
export const hasErrors = (body: string) => body.includes('"errors":[');

export async function measure(url: string, requests: BenchRequest[], options: { connections: number; durationSec: number; pid?: number; timeoutSec?: number }): Promise<Measurement> {
  let turn = 0;
  const memory = options.pid ? new PeakMemory(options.pid) : null;
  memory?.start();
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSec,
    timeout: options.timeoutSec ?? 30,
    // One shared turn over the parameter sets across all connections: at any moment the connections ask for different
    // ids (a connection-local turn would start every connection on the same, possibly heaviest, id).
    requests: [
      {
        method: requests[0]!.method,
        path: requests[0]!.path,
        headers: requests[0]!.headers,
        body: requests[0]!.body,
        setupRequest: (request) => {
          const next = requests[turn++ % requests.length]!;
          return { ...request, method: next.method, path: next.path, headers: next.headers, body: next.body };
        },
      },
    ],
    verifyBody: (body) => !hasErrors(String(body ?? '')),
  });
  const peakRssMb = memory?.stop() ?? 0;
  return {
    requests: result.requests.total,
    reqPerSec: round(result.requests.total / Math.max(result.duration, 0.001)),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    httpErrors: result.non2xx + result.errors + result.timeouts,
    bodyErrors: result.mismatches,
    peakRssMb,
    bytesPerSec: Math.round(result.throughput.average),
  };
}

/** Sends one request and returns the status and parsed body (for the correctness check and walking cursors). */
export async function sendOnce(url: string, request: BenchRequest): Promise<{ status: number; text: string; body: unknown }> {
  let response = await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  if (response.status === 408) {
    // Seen from stancegraph on a keep-alive connection opened (by the readiness poll) more than its 10 s headers
    // timeout earlier: an empty 408. A new connection answers; autocannon opens its own connections anyway.
    await response.text();
    console.warn(`note: ${url}${request.path} answered 408 on a reused connection; retrying once`);
    response = await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, text, body };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
