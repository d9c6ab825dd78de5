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
  /** The request read more from the graph than one request may (REQUEST_MAX_ROWS / REQUEST_MAX_BYTES); it was stopped. */
  RESULT_TOO_LARGE: 'RESULT_TOO_LARGE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** The HTTP request is not one GraphQL over HTTP accepts (its body, method, Content-Type or Accept); Apollo's code too. */
  BAD_REQUEST: 'BAD_REQUEST',
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
  ErrorCode.RESULT_TOO_LARGE,
  // Raised by graphql-js / Apollo for malformed operations; their messages describe the document only.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  ErrorCode.BAD_REQUEST,
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

/**
 * A Neo4j transaction or the whole request ran past its time. 504: the service gave up waiting on the database; when
 * other fields returned data the answer is still 200 (see src/http/semantics.ts).
 */
export function queryTimeout(message = 'The query took too long and was stopped; narrow it (smaller first, fewer fields).'): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.QUERY_TIMEOUT, http: { status: 504 } },
  });
}

/** The request read more rows or bytes from the graph than one request may; what it read is dropped. */
export function resultTooLarge(limit: { rows: number } | { bytes: number }): GraphQLError {
  const what = 'rows' in limit ? `${limit.rows} rows` : limit.bytes >= 1024 * 1024 ? `${Math.round(limit.bytes / 1024 / 1024)} MB` : `${Math.round(limit.bytes / 1024)} KB`;
  return new GraphQLError(
    `The query read more than ${what} from the graph and was stopped; ask for fewer items (a smaller first) or fewer nested lists and fields.`,
    { extensions: { code: ErrorCode.RESULT_TOO_LARGE, ...limit, http: { status: 400 } } },
  );
}
