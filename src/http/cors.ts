/**
 * Which browser origins may call the API (CORS_ORIGINS), and the middleware that tells browsers so.
 *
 * The API authenticates with `Authorization: Bearer <token>`, never cookies, so no response ever carries
 * `Access-Control-Allow-Credentials`: a page can only send a token its own code holds. That is why `*` is
 * allowed. An origin not allowed gets no `Access-Control-Allow-Origin`, and the browser refuses the page
 * the response; the server itself never rejects a request by its Origin (same-origin pages such as the
 * playground, curl and servers need no CORS at all).
 */
import cors from 'cors';
import type { Request, RequestHandler, Response, NextFunction } from 'express';
import { z } from 'zod';

/** One allowed origin; `anyPort` for `http://localhost:*`, where `origin` is then the origin without a port. */
export interface OriginPattern {
  origin: string;
  anyPort: boolean;
}

/** `*`: any origin; otherwise the list (empty: no cross-origin caller). */
export type CorsOrigins = '*' | readonly OriginPattern[];

/** Development and test let a frontend on any local port (Vite, Next, a test page) call; production nobody. */
export function defaultCorsOrigins(nodeEnv: 'development' | 'production' | 'test'): CorsOrigins {
  if (nodeEnv === 'production') return [];
  return [
    { origin: 'http://localhost', anyPort: true },
    { origin: 'http://127.0.0.1', anyPort: true },
  ];
}

const originShape = 'scheme://host[:port] (http or https, no path or trailing slash; `:*` for any port)';

/** `*`, `none`, or comma-separated origins; each bad entry is named. */
export const corsOriginsSchema = z.string().transform((value, ctx): CorsOrigins => {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'names no origin (write none for no cross-origin caller)' });
    return [];
  }
  if (entries.length === 1 && entries[0] === 'none') return [];
  if (entries.includes('*')) {
    if (entries.length > 1) ctx.addIssue({ code: 'custom', message: '`*` allows every origin and must stand alone' });
    return '*';
  }
  const patterns: OriginPattern[] = [];
  for (const entry of entries) {
    const problem = originProblem(entry);
    if (problem) ctx.addIssue({ code: 'custom', message: `"${entry}" ${problem}` });
    else patterns.push(entry.endsWith(':*') ? { origin: entry.slice(0, -2), anyPort: true } : { origin: entry, anyPort: false });
  }
  return patterns;
});

function originProblem(entry: string): string | null {
  const anyPort = entry.endsWith(':*');
  const origin = anyPort ? entry.slice(0, -2) : entry;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `is not an origin: expected ${originShape}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must start with http:// or https://`;
  if (url.hostname.includes('*')) return 'has a wildcard in the host: list each origin (only the port may be `*`)';
  if (anyPort && url.port !== '') return 'has both a port and `:*`';
  // Browsers send the serialized origin, so anything else (a path, a slash, upper case, :80) would never match.
  if (url.origin !== origin) return `is not an origin as browsers send it: write ${url.origin}${anyPort ? ':*' : ''}`;
  return null;
}

/** Whether a request's Origin header names an allowed origin. No header, or `null` (sandboxed, file://): no. */
export function isAllowedOrigin(allowed: CorsOrigins, requestOrigin: string | undefined): boolean {
  if (requestOrigin === undefined || requestOrigin === 'null') return false;
  if (allowed === '*') return true;
  let url: URL;
  try {
    url = new URL(requestOrigin);
  } catch {
    return false;
  }
  if (url.origin !== requestOrigin) return false;
  const withoutPort = `${url.protocol}//${url.hostname}`;
  return allowed.some((pattern) => (pattern.anyPort ? pattern.origin === withoutPort : pattern.origin === requestOrigin));
}

/** For logs: the allowed origins as CORS_ORIGINS would name them. */
export function describeCorsOrigins(allowed: CorsOrigins): string {
  if (allowed === '*') return '*';
  if (allowed.length === 0) return 'none';
  return allowed.map((pattern) => (pattern.anyPort ? `${pattern.origin}:*` : pattern.origin)).join(',');
}

/**
 * CORS for the API's paths (not the playground page, which is same-origin): an allowed origin is echoed
 * (or `*`), preflights are answered here with the methods and headers a GraphQL client sends, and cached
 * for ten minutes.
 */
export function crossOrigin(allowed: CorsOrigins): RequestHandler {
  const handler = cors({
    origin: allowed === '*' ? '*' : (requestOrigin, callback) => callback(null, isAllowedOrigin(allowed, requestOrigin)),
    methods: ['GET', 'POST'],
    // Content-Type: application/json and Apollo's CSRF-prevention headers (apollo-require-preflight,
    // x-apollo-operation-name) make a request non-simple, so the browser asks first; Authorization carries the token.
    allowedHeaders: ['Authorization', 'Content-Type', 'Apollo-Require-Preflight', 'X-Apollo-Operation-Name'],
    credentials: false,
    maxAge: 600,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    // The answer depends on Origin whether or not it is allowed (cors adds Vary only when it allows), so caches key on it.
    if (allowed !== '*') res.vary('Origin');
    // A preflight from an origin not allowed is answered too, with no Access-Control-Allow-Origin, so the browser
    // stops there; left to Apollo it would be a 405.
    handler(req, res, (error?: unknown) => {
      if (error) next(error);
      else if (req.method === 'OPTIONS') res.status(204).end();
      else next();
    });
  };
}
