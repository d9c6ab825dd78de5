/**
 * What Apollo's answers carry over HTTP beyond its own defaults:
 * - a request that read past its budget (rows or bytes) fails as a whole: one RESULT_TOO_LARGE error, no data, 400;
 * - a response with data is 200, whatever status one of its errors asked for (GraphQL over HTTP: data that is not
 *   null MUST come with a 2xx; SERVICE_UNAVAILABLE's 503 or QUERY_TIMEOUT's 504 apply when no data came back);
 * - Cache-Control: anonymous GET queries that succeeded may be cached by anyone for a short while (every read is the
 *   same for every client: no field depends on who asks); anything else is never stored.
 *
 * Not Apollo's cache-control plugin: it hooks every field of every list item (profiled as costly), would compute the
 * same public policy field by field, and knows nothing of the method or the Authorization header.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { resultTooLarge } from '../errors.js';
import type { RequestBudget } from '../neo4j/database.js';
import { formatted } from './media.js';

/** How long a successful anonymous GET query may be reused by browsers, CDNs and proxies. */
export const PUBLIC_MAX_AGE_SECONDS = 30;

export const publicCacheControl = `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`;

export function responsePolicy<TContext extends BaseContext & { db: { budget?: RequestBudget } }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, contextValue, operation }) {
          if (response.body.kind !== 'single') {
            response.http.headers.set('cache-control', 'no-store');
            return;
          }
          const budget = contextValue.db.budget;
          // After a write committed, the answer says what was written, with the errors of what could not be read.
          if (budget?.exceeded && !budget.wrote) {
            response.body.singleResult = { errors: [formatted(resultTooLarge(budget.exceeded))] };
            response.http.status = 400;
          }
          const result = response.body.singleResult;
          if (result.data !== null && result.data !== undefined && (response.http.status ?? 200) >= 300) response.http.status = 200;
          const publicRead =
            request.http?.method === 'GET' &&
            operation?.operation === 'query' &&
            !request.http.headers.get('authorization') &&
            result.errors === undefined &&
            (response.http.status ?? 200) === 200;
          response.http.headers.set('cache-control', publicRead ? publicCacheControl : 'no-store');
        },
      };
    },
  };
}
