/**
 * GET and POST /graphql. First what GraphQL over HTTP asks of a server before any GraphQL runs (406 when Accept names
 * no type we answer with, 415 for a POST body that is not JSON), then Apollo, raced against the request's deadline:
 * past REQUEST_TIMEOUT_MS the client gets QUERY_TIMEOUT at once, and whatever the request still had running finds
 * its budget spent (every Neo4j round trip it starts fails before anything is sent).
 *
 * This is @as-integrations/express5's expressMiddleware (Apollo's documented `executeHTTPGraphQLRequest` for
 * integrations) with the race around it: the library gives no place to stop waiting for Apollo's answer.
 */
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { ErrorCode, queryTimeout } from '../errors.js';
import type { Logger } from '../logger.js';
import { RequestBudget, type RequestLimits } from '../neo4j/database.js';
import { formatted, responseMediaType, sendErrors } from './media.js';

export interface GraphQLEndpointOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  limits: RequestLimits;
  maxBodyBytes: number;
  logger: Logger;
  /** The per-request context, given the request's budget (its queries share it). */
  context: (req: Request, budget: RequestBudget) => Promise<TContext>;
}

/** The handlers of /graphql, in order (after CORS). */
export function graphqlEndpoint<TContext extends BaseContext>(options: GraphQLEndpointOptions<TContext>): RequestHandler[] {
  return [acceptableResponse, jsonBody, express.json({ limit: options.maxBodyBytes }), execute(options)];
}

/** 406 before anything runs (Apollo would run the operation first, and answer 406 only after). */
const acceptableResponse: RequestHandler = (req, res, next) => {
  if ((req.method === 'GET' || req.method === 'POST') && responseMediaType(req) === undefined) {
    sendErrors(req, res, 406, [
      {
        message: `Accept: ${clip(req.headers.accept ?? '')} allows no type this API answers with: accept application/graphql-response+json or application/json.`,
        extensions: { code: ErrorCode.BAD_REQUEST },
      },
    ]);
    return;
  }
  next();
};

/**
 * A POST body must be JSON (`Content-Type: application/json`, UTF-8). Anything else, a missing Content-Type included,
 * is 415 before it is read: form and text/plain bodies, which a page on any site could send without a preflight, never
 * reach GraphQL (Apollo's CSRF prevention still guards GET).
 */
const jsonBody: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') {
    next();
    return;
  }
  const contentType = req.headers['content-type'] ?? '';
  const essence = contentType.split(';', 1)[0]!.trim().toLowerCase();
  if (essence === 'application/json') {
    next();
    return;
  }
  const got = contentType === '' ? 'no Content-Type' : `Content-Type ${clip(contentType)}`;
  sendErrors(req, res, 415, [
    { message: `A POST to /graphql sends its operation as JSON with Content-Type: application/json (got ${got}).`, extensions: { code: ErrorCode.BAD_REQUEST } },
  ]);
};

function execute<TContext extends BaseContext>({ apollo, limits, logger, context }: GraphQLEndpointOptions<TContext>): RequestHandler {
  return async (req, res) => {
    const budget = new RequestBudget(limits);
    const expired = budget.whenExpired().then(() => 'expired' as const);
    const execution = apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: toApolloRequest(req), context: () => context(req, budget) });
    // Once the deadline has answered, Apollo's late answer (or failure) is dropped.
    execution.catch(() => undefined);
    try {
      const response = await Promise.race([execution, expired]);
      // The same URL answers in the media type Accept asks for, so caches key on it.
      res.vary('Accept');
      if (response === 'expired') {
        logger.warn({ operation: operationName(req), timeoutMs: limits.timeoutMs }, 'request deadline passed: answered QUERY_TIMEOUT');
        sendErrors(req, res, 504, [formatted(queryTimeout())]);
        return;
      }
      await send(res, response);
    } finally {
      budget.dispose();
    }
  };
}

function toApolloRequest(req: Request): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const query = req.originalUrl.indexOf('?');
  return { method: req.method.toUpperCase(), headers, search: query === -1 ? '' : withoutEmptyOptionals(req.originalUrl.slice(query)), body: req.body };
}

/** GraphQL over HTTP: an optional GET parameter given as the empty string is as if not given (Apollo would parse it). */
function withoutEmptyOptionals(search: string): string {
  const params = new URLSearchParams(search);
  let changed = false;
  for (const name of ['operationName', 'variables', 'extensions']) {
    const values = params.getAll(name);
    if (values.length === 1 && values[0] === '') {
      params.delete(name);
      changed = true;
    }
  }
  return changed ? `?${params.toString()}` : search;
}

async function send(res: Response, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  // Answers that never reached the response plugin (a refused request: CSRF, a bad body, a GET mutation) are not cached either.
  if (!res.hasHeader('cache-control')) res.setHeader('cache-control', 'no-store');
  res.status(response.status ?? 200);
  if (response.body.kind === 'complete') {
    res.send(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** The operation name a request gives (POST body or GET query string), for logs and transaction metadata. */
export function operationName(req: Request): string | undefined {
  const body: unknown = req.body;
  if (body && typeof body === 'object' && 'operationName' in body && typeof body.operationName === 'string') return body.operationName;
  const fromQuery = req.query.operationName;
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

function clip(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}
