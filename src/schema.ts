/** The executable schema: SDL from schema/*.graphql, resolvers from each domain. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolvers } from './resolvers.js';

const schemaDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema');

export function loadTypeDefs(): string {
  return readdirSync(schemaDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(schemaDir, file), 'utf8'))
    .join('\n');
}

export { resolvers };
