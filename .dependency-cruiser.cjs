// Import-graph rules for src/ and explorer/, checked by `npm run lint:deps` (dependency-cruiser) in .ci/run.
//
// Why a graph check at all: tsc proves each import type-checks, not that the shape of the
// code stays the one the README describes (domains under src/<domain>/, merged once in
// src/resolvers.ts; seed, bench, scripts, tests and the Neo4j launcher as tools around the
// service, never inside it). These rules make that shape a failing build instead of a
// review comment. Every rule is severity "error", so any violation exits non-zero.
//
// Paths are relative to the repository root (depcruise runs from there), so "^neo4j/" is
// the Java launcher client at the top level and never src/neo4j/ (the service's driver code).

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Cycles make load order matter (an ESM cycle can hand a module an export that is still ' +
        'undefined at import time) and leave no place to start reading. Type-only imports ' +
        'count too (tsPreCompilationDeps): a type cycle is still a cycle for a reader. Break ' +
        'it by moving the shared piece down into a module both sides import (e.g. src/shared/).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'seed-is-a-tool',
      severity: 'error',
      comment:
        'src/seed/ is the seed CLI (src/seed/cli.ts) and its helpers: a tool that drives the ' +
        'service, not part of it. Service code importing src/seed/** ships the loader and its ' +
        'YAML/validation machinery in the API and ties the service to the seed format. ' +
        'src/seed/ itself may import its own files and the service.',
      from: { path: '^src/', pathNot: '^src/seed/' },
      to: { path: '^src/seed/' },
    },
    {
      name: 'tools-are-not-dependencies',
      severity: 'error',
      comment:
        'bench/, scripts/, tests/ and neo4j/ (the Java launcher client neo4j/launcher.ts) use ' +
        'the service; the service must not use them. tsconfig.build.json compiles only src/, ' +
        'so such an import would also break the production build and the Docker image.',
      from: { path: '^src/' },
      to: { path: '^(bench|scripts|tests|neo4j)/' },
    },
    {
      name: 'resolvers-only-from-the-merge',
      severity: 'error',
      comment:
        'A domain\'s src/<domain>/resolvers.ts is a leaf: only src/resolvers.ts, the merge of ' +
        'all domains, imports it. A domain that reaches into another domain\'s resolvers ' +
        '(e.g. for a helper like mustExist) couples the two and is how resolver cycles start. ' +
        'Move the shared helper to the owning domain\'s non-resolver module or to src/shared/.',
      from: { path: '^src/', pathNot: '^src/resolvers\\.ts$' },
      to: { path: '^src/[^/]+/resolvers\\.ts$' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment:
        'A module under src/ that nothing imports and that imports nothing is dead code or ' +
        'was forgotten in the wiring. Entry points are exempt: src/main.ts (the server), ' +
        'src/seed/cli.ts (the seed CLI), src/vocabulary.contract.ts (only type-checked) and ' +
        'src/generated/** (codegen output, some of it used only by tests).',
      from: {
        orphan: true,
        path: '^src/',
        pathNot: [
          '^src/main\\.ts$',
          '^src/seed/cli\\.ts$',
          '^src/vocabulary\\.contract\\.ts$',
          '^src/generated/',
          '\\.d\\.(c|m)?ts$',
        ],
      },
      to: {},
    },
    {
      name: 'explorer-uses-only-the-public-api',
      severity: 'error',
      comment:
        'explorer/ is the reference frontend: it proves a client can do everything through the ' +
        'public GraphQL API. It reaches the data only over HTTP with its typed operations ' +
        '(explorer/generated/), never by importing the service, the tests or the tools, and it ' +
        'runs in a browser, so no Node built-ins.',
      from: { path: '^explorer/' },
      to: { path: ['^(src|tests|scripts|bench|neo4j|seeds)/'], dependencyTypesNot: ['npm', 'npm-dev'] },
    },
    {
      name: 'explorer-runs-in-a-browser',
      severity: 'error',
      comment: 'Node built-ins do not exist in a browser: an import of one breaks the bundle.',
      from: { path: '^explorer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'explorer-has-no-cycles',
      severity: 'error',
      comment: 'The same reason as no-circular, for the explorer.',
      from: { path: '^explorer/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'The import names a module that does not exist (a typo, a moved file, or a package ' +
        'missing from package.json). tsc would also fail, but this names the edge directly.',
      from: { path: '^(src|explorer)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Read the packages' own manifests but never walk into node_modules: the rules are about
    // our code, and not following keeps the run fast.
    doNotFollow: { path: 'node_modules' },
    // Deliberately no includeOnly/exclude: an edge from src/ to bench/, tests/... must stay in
    // the graph for tools-are-not-dependencies to see it, and src/generated/graphql.ts stays
    // in so cycles through it (-> ../context.js, -> domain model.ts) are not hidden.
    // `import type` edges are real edges for these rules (see no-circular).
    tsPreCompilationDeps: true,
    // Resolve like tsc does (NodeNext, `.js` suffixes mapping to `.ts` sources).
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
