import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (index.js) and ESM (index.mjs) builds. Node loads the CommonJS one for everybody;
    // Vite would give our code the ESM one while CommonJS dependencies (graphql-armor, graphql-query-complexity)
    // require the other, and graphql refuses types from "another realm". One instance, as in production.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    globalSetup: ['tests/global-setup.ts'],
    // Neo4j answers every test; a cold JVM makes the first queries slow.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      // Files share one database and write under their own prefixes, two at a time.
      { extends: true, test: { name: 'shared', include: ['tests/**/*.test.ts'], exclude: ['tests/**/*.quiet.test.ts'], sequence: { groupOrder: 0 } } },
      // Files that compare the whole graph with what a real consumer reads from it (networkx on the export) need it
      // to hold only the seed: they run after every other file has finished and removed its data, one at a time.
      { extends: true, test: { name: 'quiet', include: ['tests/**/*.quiet.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
