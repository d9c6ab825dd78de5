/**
 * The media types a GraphQL response goes out as (GraphQL over HTTP): `application/graphql-response+json` for clients
 * that ask for it, `application/json` for the others, both UTF-8. Chosen from Accept the way Apollo chooses them, so
 * the errors the service writes itself (406, 413, 415, 404, the deadline's 504) look like Apollo's own.
 */
import type { Request, Response } from 'express';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';

export const mediaTypes = {
  json: 'application/json; charset=utf-8',
  graphqlResponse: 'application/graphql-response+json; charset=utf-8',
} as const;

/**
 * The response media type for this request: the one Accept ranks higher (application/json when they tie, for `*\/*`
 * and when there is no Accept, as Apollo does), or undefined when Accept allows neither.
 */
export function responseMediaType(req: Request): string | undefined {
  if (!req.headers.accept) return mediaTypes.json;
  const chosen = req.accepts([mediaTypes.json, mediaTypes.graphqlResponse]);
  return chosen === false ? undefined : chosen;
}

/** A GraphQLError as a client sees it: message and extensions, without the `http` extension Apollo acts on. */
export function formatted(error: GraphQLError): GraphQLFormattedError {
  const { http: _http, ...extensions } = error.extensions;
  return { message: error.message, extensions };
}

/** Answers with GraphQL errors and no data, in the negotiated media type (JSON when none was acceptable); never cached. */
export function sendErrors(req: Request, res: Response, status: number, errors: GraphQLFormattedError[]): void {
  res
    .status(status)
    .set({ 'Content-Type': responseMediaType(req) ?? mediaTypes.json, 'Cache-Control': 'no-store' })
    .vary('Accept')
    .send(JSON.stringify({ errors }));
}
