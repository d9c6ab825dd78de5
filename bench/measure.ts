/**
 * One measurement: autocannon (programmatic) against one server with one operation's requests, rotating over them,
 * counting errors both ways (non-2xx statuses and GraphQL `errors` in 2xx bodies) and the server's peak RSS.
 */
import { request as httpRequest } from 'node:http';
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

/**
 * Sends one request on a new connection and returns the status and parsed body (for the correctness check and walking
 * cursors). A new connection each time: stancegraph answered an empty 408 to requests sent on keep-alive connections
 * that had sat idle (from the readiness poll) while the other servers started.
 */
export async function sendOnce(url: string, request: BenchRequest): Promise<{ status: number; text: string; body: unknown }> {
  const target = new URL(request.path, url);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const outgoing = httpRequest(
      target,
      { method: request.method, headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) }, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status, text, body };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
