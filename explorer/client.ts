/**
 * The explorer's GraphQL client: urql with graphcache, a normalised cache that knows the schema (the introspection
 * codegen writes), so an actor fetched by one view is the same record in every other, and unions and interfaces
 * (search hits, topics) resolve without guessing. Types without an `id` are embedded in their parent.
 */
import { cacheExchange } from '@urql/exchange-graphcache';
import { Client, fetchExchange } from 'urql';
import schema from './generated/schema.js';
import { settings } from './settings.js';
import { currentToken } from './token.js';

type KeyingConfig = Record<string, () => null>;

/** Every object type without an `id` field: graphcache stores it inside its parent instead of warning. */
function embeddedTypes(): KeyingConfig {
  const keys: KeyingConfig = {};
  for (const type of schema.__schema.types) {
    if (type.kind !== 'OBJECT' || type.name === 'Query' || type.name === 'Mutation') continue;
    if (!type.fields.some((field) => field.name === 'id')) keys[type.name] = () => null;
  }
  return keys;
}

export function createClient(): Client {
  return new Client({
    url: settings.endpoint,
    // Coalition ids (`coalition:<core member>`) name different members for different dates and resolutions: embedded.
    exchanges: [cacheExchange({ schema, keys: { ...embeddedTypes(), Coalition: () => null } }), fetchExchange],
    fetchOptions: () => {
      const token = currentToken();
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      return { headers };
    },
    // POST with a JSON body: Apollo's CSRF prevention accepts it without a preflight header.
    preferGetMethod: false,
  });
}
