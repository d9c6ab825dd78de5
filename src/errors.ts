/** The API's error codes, in one place. Clients may rely on `extensions.code`; messages may change. */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  /** The query's estimated cost is over the budget in src/limits.ts; nothing ran. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose messages are written for clients; anything else is masked by formatError. */
export const clientFacingCodes: ReadonlySet<string> = new Set([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.QUERY_TIMEOUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.QUERY_TOO_COMPLEX,
  // Raised by graphql-js / Apollo for malformed operations; their messages describe the document only.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function badUserInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
  });
}

/** A write names a node that does not exist (an evidence id, a parent issue...). */
export function notFound(argument: string, message: string): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, { extensions: { code: ErrorCode.NOT_FOUND, argument } });
}

/** The write collides with what the graph holds (an id taken, a position of another actor, a concurrent change). */
export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT } });
}

export function serviceUnavailable(): GraphQLError {
  return new GraphQLError('The graph database is unavailable; try again shortly.', {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503 } },
  });
}

export function queryTimeout(): GraphQLError {
  return new GraphQLError('The query took too long and was stopped; narrow it (smaller first, fewer fields).', {
    extensions: { code: ErrorCode.QUERY_TIMEOUT },
  });
}
