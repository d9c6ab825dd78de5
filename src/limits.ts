/**
 * What one request may ask of the service, in one place. Anchors: GitHub's GraphQL API (every list capped at
 * 100, a node budget per call), Shopify's query cost limit, and the OWASP GraphQL cheat sheet.
 *
 * Each number was set against every query the test suite and operations/*.graphql send (measured: depth 9,
 * 7 aliases, no directives, 170 tokens, cost 44,076 at most), with room to spare; tests/limits.test.ts checks
 * both sides. A refused query is answered 400 before any resolver runs, with a message naming the limit.
 */
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type DocumentNode, type GraphQLField, type GraphQLSchema, type ValidationContext } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from './errors.js';
import { DEFAULT_PAGE_SIZE } from './shared/pagination.js';

/**
 * Levels of fields (fragments do not count). The deepest real query is 9:
 * actors > edges > node > events > nodes > participants > nodes > actor > name.
 */
export const MAX_DEPTH = 12;
/** Aliased fields per operation, __typename included. Real queries use at most 7 (several lists side by side). */
export const MAX_ALIASES = 30;
/** Directive uses per operation (@include/@skip). We use none; 50 leaves room for generated clients. */
export const MAX_DIRECTIVES = 50;
/**
 * Lexical tokens per document, counted by graphql-js while it parses, so a flood is cut before it is parsed whole.
 * Real documents have under 200, introspection included.
 */
export const MAX_TOKENS = 5_000;
/**
 * Fields and fragments per operation with every fragment spread expanded (Apollo's own rule): stops documents that
 * spread the same fragments over and over, which no token limit sees. GraphiQL's introspection query selects ~250.
 */
export const MAX_SELECTIONS = 2_000;
/**
 * The query cost budget: each field costs 1, a field with `first` multiplies what it selects by `first` (by
 * DEFAULT_PAGE_SIZE when absent), any other list by ASSUMED_LIST_SIZE. An estimate of the nodes a query may
 * resolve, like GitHub's node limit. The heaviest real query (tests/round-trips: 25 actors > positions(first: 10) >
 * evidence > citations > source) costs 44,076; the heaviest example operation, ActorPositions, 3,806.
 */
export const MAX_COST = 50_000;
/**
 * What an unpaginated list (Position.evidence, Statement.citations, a proposal's authors...) is assumed to hold: above
 * the seed's averages (3.5 positions per actor, 1.6 statements per position), below its longest lists (14, 7).
 */
export const ASSUMED_LIST_SIZE = 5;

/** Request bodies above this are refused with 413 before they are parsed (express.json's limit). */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * A client has this long to send a whole request (headers and body): slow uploads cannot hold connections open. How
 * long answering may take is REQUEST_TIMEOUT_MS in the configuration (src/config.ts).
 */
export const RECEIVE_TIMEOUT_MS = 30_000;
/** ...and this long for its headers. */
export const HEADERS_TIMEOUT_MS = 10_000;

const estimators: ComplexityEstimator[] = [fieldExtensionsEstimator(), listSizeEstimator, simpleEstimator({ defaultComplexity: 1 })];

/** A field's cost: 1 plus its selection's cost times how many items the field can return. */
function listSizeEstimator({ type, field, args, childComplexity }: Parameters<ComplexityEstimator>[0]): number | undefined {
  // Introspection (allowed only where it is on) is small and fixed: one per field.
  if (type.name.startsWith('__')) return undefined;
  if (field.args.some((argument) => argument.name === 'first')) {
    // A negative `first` is refused by the resolver, but must not lower the cost of the fields beside it.
    const first: unknown = args.first;
    return 1 + (typeof first === 'number' ? Math.max(first, 0) : DEFAULT_PAGE_SIZE) * childComplexity;
  }
  // A connection's edges hold `first` items, already counted on the field that returns the connection.
  if (returnsList(field) && !type.name.endsWith('Connection')) {
    const ids: unknown = args.ids;
    return 1 + (Array.isArray(ids) ? ids.length : ASSUMED_LIST_SIZE) * childComplexity;
  }
  return undefined;
}

/**
 * `[Position!]!` and `[Node]` are lists. Read from the type's SDL form rather than with isListType: under vitest,
 * src/ gets its own copy of graphql-js, whose instanceof checks refuse the server's types.
 */
function returnsList(field: GraphQLField<unknown, unknown>): boolean {
  return String(field.type).startsWith('[');
}

/** The cost of one operation of a validated document, with its variables. */
function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): number {
  return getComplexity({ schema, query: document, variables, ...(operationName ? { operationName } : {}), estimators });
}

function queryTooComplex(cost: number): GraphQLError {
  return new GraphQLError(
    `Query cost ${cost} exceeds the limit of ${MAX_COST}: ask for fewer items (a smaller first) or fewer nested lists.`,
    { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, maxCost: MAX_COST, http: { status: 400 } } },
  );
}

/**
 * Checks the cost once the operation is known and validated, with the request's variables (so `first: $first`
 * counts what was asked), before anything runs.
 */
function costLimit<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          let cost: number;
          try {
            cost = queryCost(schema, document, request.variables ?? {}, operationName ?? undefined);
          } catch (error) {
            // Variables or arguments that cannot be coerced (as execution would find): the request is refused,
            // never run with its cost unknown.
            throw new GraphQLError(error instanceof Error ? error.message : 'invalid variables', {
              extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
            });
          }
          if (cost > MAX_COST) throw queryTooComplex(cost);
        },
      };
    },
  };
}

/**
 * Apollo's own plugin hides "Did you mean ...?" in validation errors; variables are coerced later and their errors
 * suggest input fields and enum values too, so this hides those the same way.
 */
function hideSuggestionsInAllErrors<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = error.message.replace(/ ?Did you mean(.+?)\?$/, '');
        },
      };
    },
  };
}

/** graphql-armor's rules throw by default, which Apollo answers with a 500; reported, they are a 400 validation error. */
const reportToValidation = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

export interface QueryLimits<TContext extends BaseContext> {
  options: Pick<ApolloServerOptions<TContext>, 'validationRules' | 'parseOptions' | 'maxRecursiveSelections' | 'allowBatchedHttpRequests'>;
  plugins: ApolloServerPlugin<TContext>[];
}

/**
 * The ApolloServer options and plugins that enforce these limits. `hideSuggestions` (wherever introspection is
 * off, as OWASP advises) keeps error messages from naming fields the client did not write.
 */
export function queryLimits<TContext extends BaseContext>({ hideSuggestions }: { hideSuggestions: boolean }): QueryLimits<TContext> {
  return {
    options: {
      parseOptions: { maxTokens: MAX_TOKENS },
      // Besides its own limit, this makes Apollo run validationRules only on documents that passed graphql-js's
      // validation (no fragment cycles or unknown fragments reach the rules below).
      maxRecursiveSelections: MAX_SELECTIONS,
      validationRules: [
        maxDepthRule({ n: MAX_DEPTH, flattenFragments: true, ...reportToValidation }),
        // Aliased __typename counts too: armor lets it through by default, and a thousand copies of it are still a flood.
        maxAliasesRule({ n: MAX_ALIASES, allowList: [], ...reportToValidation }),
        maxDirectivesRule({ n: MAX_DIRECTIVES, ...reportToValidation }),
      ],
      // One operation per HTTP request: a batch would multiply every limit above.
      allowBatchedHttpRequests: false,
    },
    plugins: [costLimit<TContext>(), ...(hideSuggestions ? [ApolloServerPluginDisableSuggestions(), hideSuggestionsInAllErrors<TContext>()] : [])],
  };
}
