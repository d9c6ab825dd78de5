/**
 * Bad input, one table: every case gets a stable error code (or a harmless answer), never a 5xx, a stack trace
 * or a word of Cypher, and the graph is unchanged afterwards. The accepted cases (Cypher-like strings, Unicode
 * names, a 100k-character article) must store exactly what was sent and nothing else.
 *
 * The file owns its data: every id starts with `prefix`, and afterAll deletes those nodes and their audit records.
 * Other files write their own data meanwhile, so "unchanged" is measured on what only this file and the seed own.
 */
import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFacingCodes } from '../src/errors.js';
import { defaultSeedDir } from '../src/seed/loader.js';
import { readSeed } from '../src/seed/validate.js';
import {
  ActorStoredDocument,
  ActorsMatchingDocument,
  AddSourceDocument,
  EventStoredDocument,
  FirstIssueCursorDocument,
  IssueStoredDocument,
  MergeActorsDocument,
  PositionStoredDocument,
  RecordEventDocument,
  RecordStatementDocument,
  RelateActorsDocument,
  RetractPositionDocument,
  SetPositionDocument,
  SourceStoredDocument,
  StatementStoredDocument,
  UpsertActorDocument,
  UpsertIssueDocument,
  type ActorsMatchingQuery,
} from './generated/operations.js';
import { cypher, cypherSnapshot, ownedData, type Variables } from './support.js';

const owned = ownedData('bad-input');
const { id, prefix } = owned;
const { editor, admin } = owned.tokens;
const { ok, read } = owned;
/** A word no other file (or run) uses, for searches that must find this file's actors only. */
const tag = `tag${randomUUID().slice(0, 8)}`;

const cypherQuote = `') DETACH DELETE n //`;
const cypherBrace = `"}) MATCH (n) DETACH DELETE n //`;

let seedIds: string[];

// ---------------------------------------------------------------------------------------------------------------
// Requests

interface GraphQLError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; argument?: string; [key: string]: unknown };
}
interface Answer {
  status: number;
  contentType: string;
  text: string;
  /** The answers to made-up documents have no type to trust: checks read them through `at`. */
  body: { data?: unknown; errors?: GraphQLError[] } | null;
}

async function http(method: string, options: { path?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const response = await fetch(`${owned.service.url}${options.path ?? '/graphql'}`, { method, headers: options.headers ?? {}, body: options.body });
  const text = await response.text();
  let body: Answer['body'] = null;
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    // Left null: the checks below say the answer must be JSON.
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body };
}

const bearer = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
const post = (payload: unknown, headers: Record<string, string> = {}) =>
  http('POST', { headers: { 'content-type': 'application/json', ...headers }, body: typeof payload === 'string' ? payload : JSON.stringify(payload) });
const gql = (query: string | DocumentNode, variables?: Variables, token: string | null = null) =>
  post({ query: typeof query === 'string' ? query : print(query), variables }, bearer(token));
const get = (query: string, headers: Record<string, string> = {}) =>
  http('GET', { path: `/graphql?query=${encodeURIComponent(query)}`, headers: { 'apollo-require-preflight': 'true', ...headers } });

/** A cursor as the service encodes them (base64url JSON), with whatever payload a client forges. */
const forgedCursor = (payload: unknown) => Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
const many = <T>(count: number, item: (index: number) => T): T[] => Array.from({ length: count }, (_, index) => item(index));
/** Sets one field of an input, `a.b[0].c` style, on a deep copy. */
function withField(input: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(input);
  const keys = path.split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== '');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = asObject(target[key], path);
  target[keys.at(-1)!] = value;
  return copy;
}
function asObject(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object') throw new Error(`${path}: not a field of the input`);
  return value as Record<string, unknown>;
}

/** What lies at `path` in an answer of unknown shape, undefined where the path leads nowhere. */
function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}

/** Each mutation, echoing what it stored (tests/operations/curation.graphql). */
const mutations = {
  upsertActor: UpsertActorDocument,
  mergeActors: MergeActorsDocument,
  upsertIssue: UpsertIssueDocument,
  addSource: AddSourceDocument,
  recordStatement: RecordStatementDocument,
  setPosition: SetPositionDocument,
  retractPosition: RetractPositionDocument,
  relateActors: RelateActorsDocument,
  recordEvent: RecordEventDocument,
} as const;
type MutationName = keyof typeof mutations;

// ---------------------------------------------------------------------------------------------------------------
// Fixtures (created in beforeAll) and valid inputs that cases spoil one field at a time

const fixtureSourceText =
  `Minister Alpha said the plan was \u201Cdead on arrival\u201D. The wall of the ministry read \u201C${cypherBrace}\u201D, ` +
  `and below it someone had written ${cypherQuote} in chalk.\nBeta said nothing.`;

const validInputs: Record<MutationName, () => Record<string, unknown>> = {
  upsertActor: () => ({ id: id('new-actor'), name: 'New Actor', kind: 'PERSON', aliases: ['N. Actor'], description: 'A new actor.' }),
  mergeActors: () => ({ keepId: id('alpha'), mergeIds: [id('beta')] }),
  upsertIssue: () => ({ id: id('new-issue'), name: 'New issue', description: 'What it is about.', parentId: id('parent') }),
  addSource: () => ({ id: id('new-source'), title: 'A new article', outlet: 'Wire', publishedOn: '2025-12-05', url: 'https://example.org/a', text: 'Words.', reliability: 'MEDIUM', reliabilityNote: 'A note.' }),
  recordStatement: () => ({
    id: id('new-statement'),
    text: 'Beta said nothing',
    kind: 'REPORTED',
    speakerId: id('beta'),
    saidOn: '2025-12-05',
    dateSource: 'ARTICLE',
    sourceIds: [id('source')],
  }),
  setPosition: () => ({ id: id('new-position'), actorId: id('beta'), topicId: id('child'), stance: 'OPPOSES', summary: 'Against.', evidence: [id('said')] }),
  retractPosition: () => ({ id: id('alpha-position') }),
  relateActors: () => ({ fromId: id('alpha'), type: 'ADVISES', toId: id('beta'), evidence: [id('said')] }),
  recordEvent: () => ({
    id: id('new-event'),
    name: 'New talks',
    kind: 'TALKS',
    date: '2025-12-02',
    place: 'Moscow',
    description: 'Talks.',
    participants: [{ actorId: id('alpha'), role: 'host' }],
    evidence: [id('said')],
  }),
};

/** Every id a valid input above would create: none of them may exist after a refused case. */
const wouldCreate = [id('new-actor'), id('new-issue'), id('new-source'), id('new-statement'), id('new-position'), id('new-event')];

const spoil = (mutation: MutationName, path: string, value: unknown, token = mutation === 'mergeActors' ? admin : editor) =>
  gql(mutations[mutation], { input: withField(validInputs[mutation](), path, value) }, token);

// ---------------------------------------------------------------------------------------------------------------
// What "unchanged" means: this file's nodes, relationships and audit records (with their properties), and the
// seed's nodes and the relationships between them.

interface Fingerprint {
  own: string;
  ownNodes: number;
  ownChanges: number;
  seedNodes: number;
  seedRelationships: number;
}

async function fingerprint(): Promise<Fingerprint> {
  return cypherSnapshot(owned.service.db, 'badInputFingerprint', async (read) => {
    const nodes = await read(
      'ownNodes',
      'MATCH (n) WHERE n.id STARTS WITH $prefix RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id',
      { prefix },
    );
    const relationships = await read(
      'ownRelationships',
      `MATCH (a)-[r]->(b) WHERE a.id STARTS WITH $prefix OR b.id STARTS WITH $prefix
       RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props ORDER BY from, type, to`,
      { prefix },
    );
    const changes = await read('ownChanges', 'MATCH (c:Change) WHERE any(t IN c.targetIds WHERE t STARTS WITH $prefix) RETURN count(c) AS count', { prefix });
    const seed = await read(
      'seedCounts',
      `MATCH (n:Entity) WHERE n.id IN $seedIds
       WITH count(n) AS nodes
       RETURN nodes, COUNT { MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $seedIds AND b.id IN $seedIds } AS relationships`,
      { seedIds },
    );
    return {
      own: JSON.stringify({ nodes: nodes.map(stable).sort(), relationships: relationships.map(stable).sort() }),
      ownNodes: nodes.length,
      ownChanges: Number(changes[0]?.count),
      seedNodes: Number(seed[0]?.nodes),
      seedRelationships: Number(seed[0]?.relationships),
    };
  });
}

/** JSON with object keys sorted, so two reads of the same graph compare equal whatever order maps come in. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, inner]) => `${JSON.stringify(key)}:${stable(inner)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

async function existing(ids: string[]): Promise<string[]> {
  const rows = await cypher(owned.service.db, 'existingIds', 'MATCH (n) WHERE n.id IN $ids RETURN collect(n.id) AS ids', { ids });
  return (rows[0]?.ids as string[] | undefined) ?? [];
}

// ---------------------------------------------------------------------------------------------------------------
// The table

type Expectation =
  /** Refused with this code; `argument` is the field the error names (extensions.argument, and in the message). */
  | { refused: string; argument?: string; status?: number }
  /** A limit of the service: any client-facing code will do (the limits have their own tests), below 500. */
  | { limited: true }
  /** Answered without error; `check` looks at the data. */
  | { harmless: (data: unknown) => void | Promise<void> }
  /** A valid write: it creates these ids (nothing else of ours, one audit record) and stores what `check` says. */
  | { accepted: string[]; check: (data: unknown) => void | Promise<void> };

interface Case {
  name: string;
  send: () => Promise<Answer>;
  expect: Expectation;
  /** Ids that must not exist afterwards. */
  absent?: string[];
  /** A known bug, reported: the case fails until it is fixed (it.fails). */
  bug?: string;
}

const refused = (code: string, argument?: string, status?: number): Expectation => ({ refused: code, ...(argument ? { argument } : {}), ...(status ? { status } : {}) });
const limited: Expectation = { limited: true };
const harmless = (check: (data: unknown) => void | Promise<void> = () => {}): Expectation => ({ harmless: check });
/**
 * A valid write of a typed document, sent as the editor: it creates `ids`, and `check` reads the answer as the
 * document's result (the answer is to that document, which is what its type describes).
 */
function accepted<TData, TVariables extends Variables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  ids: string[],
  check: (data: TData) => void | Promise<void>,
): Pick<Case, 'send' | 'expect'> {
  return { send: () => gql(document, variables, editor), expect: { accepted: ids, check: (data) => check(data as TData) } };
}

const deepSelection = (levels: number) => `{ actors { edges { node { ${'relations { edges { actor { '.repeat(levels)}id${' } } }'.repeat(levels)} } } } }`;
const deepFragments = (levels: number) =>
  `query { actors { edges { node { ...L0 } } } } ` +
  many(levels, (level) => `fragment L${level} on Actor { id relations { edges { actor { ${level + 1 < levels ? `...L${level + 1}` : 'name'} } } } }`).join(' ');
/** Each fragment spreads the next ten times: 10^5 selections once expanded, from a tiny document. */
const fragmentBomb = `{ actors { edges { node { ...F0 } } } } ` + many(6, (level) => `fragment F${level} on Actor { ${level < 5 ? `...F${level + 1} `.repeat(10) : 'id name'} }`).join(' ');

const idFieldsOfMutations: Array<[MutationName, string]> = [
  ['upsertActor', 'id'],
  ['mergeActors', 'keepId'],
  ['mergeActors', 'mergeIds[0]'],
  ['upsertIssue', 'id'],
  ['upsertIssue', 'parentId'],
  ['addSource', 'id'],
  ['recordStatement', 'id'],
  ['recordStatement', 'speakerId'],
  ['recordStatement', 'sourceIds[0]'],
  ['setPosition', 'id'],
  ['setPosition', 'actorId'],
  ['setPosition', 'topicId'],
  ['setPosition', 'evidence[0]'],
  ['retractPosition', 'id'],
  ['relateActors', 'fromId'],
  ['relateActors', 'toId'],
  ['relateActors', 'evidence[0]'],
  ['recordEvent', 'id'],
  ['recordEvent', 'participants[0].actorId'],
  ['recordEvent', 'evidence[0]'],
];

const nfdName = `Zoe\u0308 U\u0308nal ${tag}`; // "Zoë Ünal" decomposed
const nfcName = `\u00C5sa \u010Capek ${tag}`; // "Åsa Čapek" composed
const searchActors = (search: string) => read(ActorsMatchingDocument, { search, first: 100 });
const idsOf = (data: ActorsMatchingQuery): string[] => data.actors.edges.map((edge) => edge.node.id);

const cases: Case[] = [
  // --- Documents that ask too much, or are not documents ---
  { name: 'deep nesting: 40 levels of relations { edges { actor { ... } } }', send: () => gql(deepSelection(40)), expect: limited },
  { name: 'deep nesting through fragments: 30 fragments, each one level deeper', send: () => gql(deepFragments(30)), expect: limited },
  { name: 'a fragment bomb: 6 fragments spreading the next 10 times (10^5 selections)', send: () => gql(fragmentBomb), expect: limited },
  {
    name: 'fragment cycle (A spreads B spreads A)',
    send: () => gql('{ actors { ...A } } fragment A on ActorConnection { totalCount ...B } fragment B on ActorConnection { ...A }'),
    expect: refused('GRAPHQL_VALIDATION_FAILED', undefined, 400),
  },
  { name: 'undefined fragment', send: () => gql('{ actors { ...Nowhere } }'), expect: refused('GRAPHQL_VALIDATION_FAILED', undefined, 400) },
  { name: '1000 aliases of one field', send: () => gql(`{ ${many(1000, (index) => `a${index}: version`).join(' ')} }`), expect: limited },
  { name: 'directive flood: @include 100 times on one selection set', send: () => gql(`{ actors { ${'totalCount @include(if: true) '.repeat(100)} } }`), expect: limited },
  { name: 'directive flood: one field with @include 300 times', send: () => gql(`{ version ${'@include(if: true) '.repeat(300)} }`), expect: limited },
  { name: 'token flood: 20,000 __typename', send: () => gql(`{ version ${'__typename '.repeat(20_000)} }`), expect: limited },
  { name: 'variable flood: 1000 variable definitions', send: () => gql(`query(${many(1000, (index) => `$v${index}: Int`).join(', ')}) { version }`), expect: limited },
  { name: 'a 900,000-character field name', send: () => gql(`{ ${'a'.repeat(900_000)} }`), expect: refused('GRAPHQL_VALIDATION_FAILED', undefined, 400) },
  { name: 'a syntax error', send: () => gql('{ actors(first: ) { totalCount }'), expect: refused('GRAPHQL_PARSE_FAILED', undefined, 400) },
  { name: 'a document of comments and whitespace around { version } is fine', send: () => gql(`${'# comment\n'.repeat(50_000)}{${' '.repeat(100_000)}version }`), expect: harmless((data) => expect(at(data, 'version')).toEqual(expect.any(String))) },

  // --- first / maxHops out of range ---
  { name: 'first: 0', send: () => gql('{ actors(first: 0) { totalCount } }'), expect: refused('BAD_USER_INPUT', 'first') },
  { name: 'first: -1', send: () => gql('{ issues(first: -1) { totalCount } }'), expect: refused('BAD_USER_INPUT', 'first') },
  { name: 'first: 101', send: () => gql('{ statements(first: 101) { totalCount } }'), expect: refused('BAD_USER_INPUT', 'first') },
  { name: 'first: 2^53 in the document (not an Int)', send: () => gql('{ actors(first: 9007199254740992) { totalCount } }'), expect: refused('GRAPHQL_VALIDATION_FAILED', undefined, 400) },
  { name: 'first: 2^53 as a variable', send: () => gql('query($first: Int) { events(first: $first) { totalCount } }', { first: 2 ** 53 }), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'first: 2^31 - 1 (an Int, far over 100)', send: () => gql('{ sources(first: 2147483647) { totalCount } }'), expect: limited },
  { name: 'first: 10.5 in the document', send: () => gql('{ proposals(first: 10.5) { totalCount } }'), expect: refused('GRAPHQL_VALIDATION_FAILED', undefined, 400) },
  { name: 'first: 10.5 as a variable', send: () => gql('query($first: Int) { actors(first: $first) { totalCount } }', { first: 10.5 }), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'first: "10" (a string) as a variable', send: () => gql('query($first: Int) { actors(first: $first) { totalCount } }', { first: '10' }), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'a nested first: 0 (an actor’s statements)', send: () => gql('{ actor(id: "vladimir-putin") { statements(first: 0) { totalCount } } }'), expect: refused('BAD_USER_INPUT', 'first') },
  { name: 'search(first: 101)', send: () => gql('{ search(query: "Putin", first: 101) { totalCount } }'), expect: refused('BAD_USER_INPUT', 'first') },
  { name: 'paths(maxHops: 7)', send: () => gql('{ paths(from: "vladimir-putin", to: "ukraine", maxHops: 7) { length } }'), expect: refused('BAD_USER_INPUT', 'maxHops') },
  { name: 'paths(first: 51)', send: () => gql('{ paths(from: "vladimir-putin", to: "ukraine", first: 51) { length } }'), expect: refused('BAD_USER_INPUT', 'first') },

  // --- Forged cursors ---
  { name: 'cursor: not base64url ("%%%")', send: () => gql('{ actors(after: "%%%") { totalCount } }'), expect: refused('BAD_USER_INPUT', 'after') },
  { name: 'cursor: base64url of something that is not JSON', send: () => gql('query($after: String) { issues(after: $after) { totalCount } }', { after: Buffer.from('not json').toString('base64url') }), expect: refused('BAD_USER_INPUT', 'after') },
  {
    name: 'cursor: a valid cursor of another list',
    send: async () => {
      const issues = await read(FirstIssueCursorDocument, {});
      return gql('query($after: String) { actors(after: $after) { totalCount } }', { after: issues.issues.pageInfo.endCursor });
    },
    expect: refused('BAD_USER_INPUT', 'after'),
  },
  { name: 'cursor: right list, wrong number of keys', send: () => gql('query($after: String) { actors(after: $after) { totalCount } }', { after: forgedCursor({ l: 'actors', k: ['a'] }) }), expect: refused('BAD_USER_INPUT', 'after') },
  {
    name: 'cursor: right list, an object as a key',
    send: () => gql('query($after: String) { statements(after: $after) { totalCount } }', { after: forgedCursor({ l: 'statements', k: [{ $gt: '' }, 'x'] }) }),
    expect: refused('BAD_USER_INPUT', 'after'),
  },
  { name: 'cursor: 3000 characters', send: () => gql('query($after: String) { actors(after: $after) { totalCount } }', { after: 'A'.repeat(3000) }), expect: refused('BAD_USER_INPUT', 'after') },
  {
    name: 'cursor: right list, keys of the wrong types (numbers for a name and an id)',
    send: () => gql('query($after: String) { actors(after: $after) { edges { node { id } } } }', { after: forgedCursor({ l: 'actors', k: [123, 456] }) }),
    expect: refused('BAD_USER_INPUT', 'after'),
  },
  {
    name: 'cursor: right list, a negative offset where a start offset goes',
    send: () =>
      gql('query($after: String) { source(id: "washington-post-2025-12-03") { statements(after: $after) { totalCount } } }', { after: forgedCursor({ l: 'source-statements', k: [-5, 'x'] }) }),
    expect: refused('BAD_USER_INPUT', 'after'),
  },
  {
    name: 'cursor: right list, Cypher in the keys',
    send: () => gql('query($after: String) { events(after: $after) { edges { node { id } } } }', { after: forgedCursor({ l: 'events', k: [cypherQuote, cypherBrace] }) }),
    expect: harmless(),
  },
  {
    name: 'cursor of changes: a key that is not a date-time (was an INTERNAL_SERVER_ERROR from datetime() in Cypher)',
    send: () => gql('query($after: String) { changes(after: $after) { totalCount } }', { after: forgedCursor({ l: 'changes', k: ['not-a-date-time', 'x'] }) }),
    expect: refused('BAD_USER_INPUT', 'after'),
  },
  {
    name: 'cursor of changes: a key shaped like a timestamp that is no real time (month 13, hour 25)',
    send: () => gql('query($after: String) { changes(after: $after) { totalCount } }', { after: forgedCursor({ l: 'changes', k: ['2025-13-45T25:61:00Z', 'x'] }) }),
    expect: refused('BAD_USER_INPUT', 'after'),
  },
  {
    name: 'cursor of changes: a number where the date-time goes',
    send: () => gql('query($after: String) { changes(after: $after) { totalCount } }', { after: forgedCursor({ l: 'changes', k: [123, 'x'] }) }),
    expect: refused('BAD_USER_INPUT', 'after'),
  },

  // --- Ids of the wrong type ---
  { name: 'id: 123 as a variable for ID! (an ID may be an integer): no such actor', send: () => gql('query($id: ID!) { actor(id: $id) { id } }', { id: 123 }), expect: harmless((data) => expect(at(data, 'actor')).toBeNull()) },
  { name: 'id: 123 in the document: no such node', send: () => gql('{ node(id: 123) { id } }'), expect: harmless((data) => expect(at(data, 'node')).toBeNull()) },
  { name: 'id: {x: 1} as a variable', send: () => gql('query($id: ID!) { actor(id: $id) { id } }', { id: { x: 1 } }), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'id: {x: 1} in the document', send: () => gql('{ actor(id: {x: 1}) { id } }'), expect: refused('GRAPHQL_VALIDATION_FAILED', undefined, 400) },
  { name: 'id: true / 1.5 as variables', send: () => gql('query($a: ID!, $b: ID!) { a: actor(id: $a) { id } b: actor(id: $b) { id } }', { a: true, b: 1.5 }), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'id: null for ID!', send: () => gql('query($id: ID!) { issue(id: $id) { id } }', { id: null }), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'id missing for ID!', send: () => gql('query($id: ID!) { issue(id: $id) { id } }', {}), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'id: "" and a 100,000-character id: no such nodes', send: () => gql('query($long: ID!) { a: node(id: "") { id } b: node(id: $long) { id } }', { long: 'x'.repeat(100_000) }), expect: harmless((data) => expect(data).toEqual({ a: null, b: null })) },
  {
    name: 'ids a list nested 100,000 deep',
    send: () => post(`{"query":"query($ids: [ID!]!) { nodes(ids: $ids) { id } }","variables":{"ids":${'['.repeat(100_000)}"x"${']'.repeat(100_000)}}}`),
    expect: refused('BAD_USER_INPUT', undefined, 400),
  },

  // --- Enums, dates ---
  { name: 'an enum value not in the enum, in the document', send: () => gql('{ actors(filter: { kinds: [PLANET] }) { totalCount } }'), expect: refused('GRAPHQL_VALIDATION_FAILED', undefined, 400) },
  { name: 'an enum value as a string in the document', send: () => gql('{ actors(filter: { kinds: ["PERSON"] }) { totalCount } }'), expect: refused('GRAPHQL_VALIDATION_FAILED', undefined, 400) },
  { name: 'an enum value not in the enum, as a variable', send: () => gql('query($stance: Stance) { issue(id: "ceasefire") { positions(stance: $stance) { totalCount } } }', { stance: 'MAYBE' }), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'date 2025-02-30 in the document', send: () => gql('{ statements(filter: { from: "2025-02-30" }) { totalCount } }'), expect: refused('GRAPHQL_VALIDATION_FAILED', undefined, 400) },
  { name: 'date 2025-02-30 as a variable', send: () => gql('query($d: Date) { statements(filter: { to: $d }) { totalCount } }', { d: '2025-02-30' }), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'dates that are not YYYY-MM-DD', send: () => gql('query($a: Date, $b: Date) { statements(filter: { from: $a, to: $b }) { totalCount } }', { a: 'yesterday', b: '2025-12-31T00:00:00Z' }), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'asOf: 0001-01-01 (a real, old day): no positions', send: () => gql('{ actor(id: "vladimir-putin") { positions(asOf: "0001-01-01") { totalCount nodes { id } } } }'), expect: harmless((data) => expect(at(data, 'actor', 'positions')).toEqual({ totalCount: 0, nodes: [] })) },

  // --- Lists of 1000 ---
  { name: 'nodes(ids: 1000 ids)', send: () => gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: many(1000, (index) => `x-${index}`) }), expect: refused('BAD_USER_INPUT', 'ids') },
  { name: 'compare(actorIds: 1000 ids)', send: () => gql('query($ids: [ID!]!) { compare(actorIds: $ids) { actors { id } } }', { ids: many(1000, (index) => `x-${index}`) }), expect: refused('BAD_USER_INPUT', 'actorIds') },
  { name: 'compare(issueIds: 1000 ids)', send: () => gql('query($ids: [ID!]!) { compare(actorIds: ["russia"], issueIds: $ids) { actors { id } } }', { ids: many(1000, (index) => `x-${index}`) }), expect: refused('BAD_USER_INPUT', 'issueIds') },

  // --- Strings in reads: Cypher, Lucene, Unicode, control characters, 100k ---
  {
    name: 'Cypher-like strings in every id and search argument of the reads',
    send: () =>
      gql(
        `query($q: String!, $b: String!, $qid: ID!, $bid: ID!) {
          actor(id: $qid) { id } node(id: $bid) { id } issue(id: $bid) { id } source(id: $qid) { id }
          nodes(ids: [$qid, $bid]) { id }
          actors(filter: { search: $q }) { totalCount } issues(filter: { search: $b }) { totalCount }
          statements(filter: { search: $q }) { totalCount }
          search(query: $b) { totalCount }
          changes(targetId: $qid) { totalCount }
        }`,
        { q: cypherQuote, b: cypherBrace, qid: cypherQuote, bid: cypherBrace },
      ),
    expect: harmless((data) => {
      expect(data).toMatchObject({ actor: null, node: null, issue: null, source: null, nodes: [null, null], changes: { totalCount: 0 } });
    }),
  },
  {
    name: 'Cypher-like strings in the ids a filter names: NOT_FOUND naming the argument',
    send: () => gql('query($qid: ID!) { statements(filter: { speakerId: $qid }) { totalCount } }', { qid: cypherQuote }),
    expect: refused('NOT_FOUND', 'filter.speakerId'),
  },
  // Arguments that must name existing nodes: a Cypher-like id names none.
  { name: 'paths(from: Cypher-like string)', send: () => gql('query($qid: ID!, $bid: ID!) { paths(from: $qid, to: $bid) { length } }', { qid: cypherQuote, bid: cypherBrace }), expect: refused('NOT_FOUND', 'from') },
  { name: 'compare(actorIds: Cypher-like string)', send: () => gql('query($qid: ID!, $bid: ID!) { compare(actorIds: [$qid], issueIds: [$bid]) { actors { id } } }', { qid: cypherQuote, bid: cypherBrace }), expect: refused('NOT_FOUND', 'actorIds') },
  { name: 'agreement(a: Cypher-like string)', send: () => gql('query($a: ID!) { agreement(a: $a, b: "russia") { score } }', { a: cypherQuote }), expect: refused('NOT_FOUND', 'a') },
  { name: 'alignment(with: Cypher-like string)', send: () => gql('query($a: ID!) { alignment(with: $a) { totalCount } }', { a: cypherBrace }), expect: refused('NOT_FOUND', 'with') },
  {
    name: 'Lucene syntax, quotes and NUL in search are plain words',
    send: () => gql('query($a: String!, $b: String!, $c: String!) { a: search(query: $a) { edges { score } } b: search(query: $b) { totalCount } c: search(query: $c) { edges { score } } }', { a: 'NATO AND (title:"x ~2^3 [* TO *]', b: "o'neil <b>=</b> #tag", c: 'Putin\u0000Kremlin' }),
    expect: harmless(),
  },
  { name: 'search with only operators and punctuation', send: () => gql('{ search(query: "&& || ! ( ) * ? :") { totalCount } }'), expect: refused('BAD_USER_INPUT', 'query') },
  { name: 'search: 100,000 characters', send: () => gql('query($q: String!) { search(query: $q) { edges { score } } }', { q: 'Putin '.repeat(17_000) }), expect: refused('BAD_USER_INPUT', 'query') },
  { name: 'actors(filter: { search: 100,000 characters })', send: () => gql('query($q: String) { actors(filter: { search: $q }) { totalCount } }', { q: 'x'.repeat(100_000) }), expect: refused('BAD_USER_INPUT', 'filter.search') },
  {
    name: 'control characters, a lone surrogate and RTL text in filters find nothing, harmlessly',
    send: () => gql('query($a: String, $b: String, $c: String) { a: actors(filter: { search: $a }) { totalCount } b: issues(filter: { search: $b }) { totalCount } c: actors(filter: { search: $c }) { totalCount } }', { a: '\u0000\u0007\u001B[31m', b: '\uD800', c: '\u202Eنتالي' }),
    expect: harmless(),
  },

  // --- HTTP: bodies, methods, content types ---
  {
    name: 'a body over 1 MB: 413 in JSON, and the mutation in it did not run',
    send: () => post({ query: print(mutations.upsertActor), variables: { input: { id: id('too-big'), name: 'Too big', kind: 'PERSON', description: 'x'.repeat(1_100_000) } } }, bearer(editor)),
    expect: refused('BAD_REQUEST', undefined, 413),
    absent: [id('too-big')],
  },
  { name: 'invalid JSON', send: () => post('{"query": "{ version }", '), expect: refused('BAD_REQUEST', undefined, 400) },
  { name: 'a JSON body that is not an object (42)', send: () => post('42'), expect: refused('BAD_REQUEST', undefined, 400) },
  { name: 'an empty JSON object', send: () => post({}), expect: refused('BAD_REQUEST', undefined, 400) },
  { name: 'query is not a string', send: () => post({ query: 42 }), expect: refused('BAD_REQUEST', undefined, 400) },
  { name: 'variables is a string', send: () => post({ query: '{ version }', variables: '{"a":1}' }), expect: refused('BAD_REQUEST', undefined, 400) },
  {
    name: 'an unsupported charset',
    send: () => http('POST', { headers: { 'content-type': 'application/json; charset=latin1' }, body: '{"query":"{ version }"}' }),
    expect: refused('BAD_REQUEST', undefined, 415),
  },
  {
    name: 'text/plain POST of a mutation (CSRF): refused, nothing written',
    send: () =>
      http('POST', {
        headers: { 'content-type': 'text/plain', ...bearer(editor) },
        body: JSON.stringify({ query: print(mutations.upsertActor), variables: { input: { id: id('csrf'), name: 'CSRF', kind: 'PERSON' } } }),
      }),
    expect: refused('BAD_REQUEST', undefined, 415),
    absent: [id('csrf')],
  },
  {
    name: 'form-encoded POST (CSRF)',
    send: () => http('POST', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent('{ version }')}` }),
    expect: refused('BAD_REQUEST', undefined, 415),
  },
  {
    name: 'a mutation over GET: 405, nothing written',
    send: () => get(`mutation { upsertActor(input: { id: "${id('over-get')}", name: "Over GET", kind: PERSON }) { actor { id } } }`, bearer(editor)),
    expect: refused('BAD_REQUEST', undefined, 405),
    absent: [id('over-get')],
  },
  { name: 'PUT /graphql', send: () => http('PUT', { headers: { 'content-type': 'application/json' }, body: '{"query":"{ version }"}' }), expect: refused('BAD_REQUEST', undefined, 405) },
  {
    name: 'a batched array of two mutations: refused, nothing written',
    send: () =>
      post(
        [1, 2].map((index) => ({ query: print(mutations.upsertActor), variables: { input: { id: id(`batch-${index}`), name: `Batch ${index}`, kind: 'PERSON' } } })),
        bearer(editor),
      ),
    expect: refused('BAD_REQUEST', undefined, 400),
    absent: [id('batch-1'), id('batch-2')],
  },
  {
    name: 'two operations (a query and a mutation) without operationName: nothing runs',
    send: () => gql(`query Read { version } mutation Write { upsertActor(input: { id: "${id('multi-op')}", name: "Multi", kind: PERSON }) { actor { id } } }`, undefined, editor),
    expect: refused('OPERATION_RESOLUTION_FAILURE', undefined, 400),
    absent: [id('multi-op')],
  },
  { name: 'an operationName that is not in the document', send: () => post({ query: 'query Read { version }', operationName: 'Write' }), expect: refused('OPERATION_RESOLUTION_FAILURE', undefined, 400) },

  // --- Who may write ---
  { name: 'a mutation without a token', send: () => gql(mutations.upsertActor, { input: { ...validInputs.upsertActor(), id: id('anonymous') } }, null), expect: refused('UNAUTHENTICATED', undefined, 401), absent: [id('anonymous')] },
  {
    name: 'a mutation with an unknown token',
    send: () => gql(mutations.upsertActor, { input: { ...validInputs.upsertActor(), id: id('unknown-token') } }, 'not-a-token-of-this-service'),
    expect: refused('UNAUTHENTICATED', undefined, 401),
    absent: [id('unknown-token')],
  },
  {
    name: 'a mutation with Basic credentials instead of a Bearer token',
    send: () => post({ query: print(mutations.upsertActor), variables: { input: { ...validInputs.upsertActor(), id: id('basic') } } }, { authorization: `Basic ${Buffer.from(`editor:${editor}`).toString('base64')}` }),
    expect: refused('UNAUTHENTICATED', undefined, 401),
    absent: [id('basic')],
  },
  { name: 'mergeActors with an editor token (needs admin)', send: () => spoil('mergeActors', 'keepId', id('alpha'), editor), expect: refused('FORBIDDEN', undefined, 403) },

  // --- Input objects: unknown keys, prototype keys ---
  {
    name: '__proto__ key in an input object (variables)',
    send: () => post(`{"query":${JSON.stringify(print(mutations.upsertActor))},"variables":{"input":{"id":"${id('proto')}","name":"Proto","kind":"PERSON","__proto__":{"polluted":true}}}}`, bearer(editor)),
    expect: refused('BAD_USER_INPUT', undefined, 400),
    absent: [id('proto')],
  },
  {
    name: 'constructor.prototype key in a nested input object (variables)',
    send: () =>
      post(
        `{"query":${JSON.stringify(print(mutations.recordEvent))},"variables":{"input":{"id":"${id('ctor')}","name":"Ctor","participants":[{"actorId":"${id('alpha')}","constructor":{"prototype":{"polluted":true}}}]}}}`,
        bearer(editor),
      ),
    expect: refused('BAD_USER_INPUT', undefined, 400),
    absent: [id('ctor')],
  },
  {
    name: '__proto__ field in an input object literal',
    send: () => gql(`mutation { upsertActor(input: { id: "${id('proto-literal')}", name: "P", kind: PERSON, __proto__: "x" }) { actor { id } } }`, undefined, editor),
    expect: refused('GRAPHQL_VALIDATION_FAILED', undefined, 400),
    absent: [id('proto-literal')],
  },
  { name: 'an unknown field in an input (variables)', send: () => spoil('upsertIssue', 'admin', true), expect: refused('BAD_USER_INPUT', undefined, 400), absent: [id('new-issue')] },

  // --- Mutation inputs: sizes, characters, formats ---
  { name: 'upsertActor name of 100,000 characters', send: () => spoil('upsertActor', 'name', 'x'.repeat(100_000)), expect: refused('BAD_USER_INPUT', 'input.name'), absent: [id('new-actor')] },
  { name: 'upsertActor 1000 aliases', send: () => spoil('upsertActor', 'aliases', many(1000, (index) => `Alias ${index}`)), expect: refused('BAD_USER_INPUT', 'input.aliases') },
  { name: 'upsertActor an alias of 100,000 characters', send: () => spoil('upsertActor', 'aliases', ['ok', 'y'.repeat(100_000)]), expect: refused('BAD_USER_INPUT', 'input.aliases[1]') },
  { name: 'upsertActor name with a control character (BEL)', send: () => spoil('upsertActor', 'name', 'Bell\u0007Actor'), expect: refused('BAD_USER_INPUT', 'input.name') },
  { name: 'upsertActor name with a NUL byte', send: () => spoil('upsertActor', 'name', 'Nul\u0000Actor'), expect: refused('BAD_USER_INPUT', 'input.name') },
  { name: 'upsertActor description with a NUL byte', send: () => spoil('upsertActor', 'description', 'before\u0000after'), expect: refused('BAD_USER_INPUT', 'input.description') },
  { name: 'upsertActor empty name', send: () => spoil('upsertActor', 'name', ''), expect: refused('BAD_USER_INPUT', 'input.name') },
  { name: 'upsertActor whitespace-only name', send: () => spoil('upsertActor', 'name', ' \t\n\u3000 '), expect: refused('BAD_USER_INPUT', 'input.name') },
  { name: 'upsertActor an empty alias', send: () => spoil('upsertActor', 'aliases', ['']), expect: refused('BAD_USER_INPUT', 'input.aliases[0]') },
  { name: 'upsertActor kind not in the enum', send: () => spoil('upsertActor', 'kind', 'PLANET'), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'upsertActor id that is not a slug (uppercase, spaces)', send: () => spoil('upsertActor', 'id', 'Not A Slug'), expect: refused('BAD_USER_INPUT', 'input.id') },
  { name: 'upsertActor with the id of an issue', send: () => spoil('upsertActor', 'id', 'ukraine-nato-membership'), expect: refused('CONFLICT') },
  {
    name: 'upsertActor with a lone surrogate in the name: refused, or stored as sent',
    send: () => gql(mutations.upsertActor, { input: { id: id('lone-surrogate'), name: 'Lone \uD800 Surrogate', kind: 'PERSON' } }, editor),
    expect: refused('BAD_USER_INPUT', 'input.name'),
    absent: [id('lone-surrogate')],
  },
  { name: 'mergeActors keepId among mergeIds', send: () => spoil('mergeActors', 'mergeIds', [id('beta'), id('alpha')]), expect: refused('BAD_USER_INPUT', 'input.mergeIds') },
  { name: 'mergeActors 1000 mergeIds', send: () => spoil('mergeActors', 'mergeIds', many(1000, (index) => id(`m-${index}`))), expect: refused('BAD_USER_INPUT', 'input.mergeIds') },
  { name: 'mergeActors an unknown id', send: () => spoil('mergeActors', 'mergeIds', [id('nobody')]), expect: refused('NOT_FOUND', 'input.mergeIds') },
  { name: 'upsertIssue made its own parent', send: () => spoil('upsertIssue', 'parentId', id('new-issue')), expect: refused('BAD_USER_INPUT', 'input.parentId'), absent: [id('new-issue')] },
  { name: 'upsertIssue a parent cycle (parent under its own child)', send: () => gql(mutations.upsertIssue, { input: { id: id('parent'), name: 'Parent', parentId: id('child') } }, editor), expect: refused('BAD_USER_INPUT', 'input.parentId') },
  { name: 'upsertIssue an unknown parent', send: () => spoil('upsertIssue', 'parentId', id('no-such-issue')), expect: refused('NOT_FOUND', 'input.parentId'), absent: [id('new-issue')] },
  { name: 'upsertIssue description of 100,000 characters', send: () => spoil('upsertIssue', 'description', 'd'.repeat(100_000)), expect: refused('BAD_USER_INPUT', 'input.description') },
  { name: 'addSource a javascript: URL', send: () => spoil('addSource', 'url', 'javascript:alert(document.cookie)'), expect: refused('BAD_USER_INPUT', 'input.url'), absent: [id('new-source')] },
  { name: 'addSource a JAVASCRIPT: URL with a tab in the scheme', send: () => spoil('addSource', 'url', 'JAVA\tSCRIPT:alert(1)'), expect: refused('BAD_USER_INPUT', 'input.url') },
  { name: 'addSource a data: URL', send: () => spoil('addSource', 'url', 'data:text/html,<script>alert(1)</script>'), expect: refused('BAD_USER_INPUT', 'input.url') },
  { name: 'addSource an ftp: URL', send: () => spoil('addSource', 'url', 'ftp://example.org/file'), expect: refused('BAD_USER_INPUT', 'input.url') },
  { name: 'addSource title of 100,000 characters', send: () => spoil('addSource', 'title', 't'.repeat(100_000)), expect: refused('BAD_USER_INPUT', 'input.title') },
  { name: 'addSource text with a NUL byte', send: () => spoil('addSource', 'text', 'Words\u0000more words.'), expect: refused('BAD_USER_INPUT', 'input.text') },
  { name: 'addSource publishedOn 2025-02-30', send: () => spoil('addSource', 'publishedOn', '2025-02-30'), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'addSource an id that is taken (sources are immutable)', send: () => spoil('addSource', 'id', id('source')), expect: refused('CONFLICT') },
  { name: 'recordStatement a QUOTE of words not inside quotation marks', send: () => spoil('recordStatement', 'kind', 'QUOTE'), expect: refused('BAD_USER_INPUT', 'input.sourceIds[0]'), absent: [id('new-statement')] },
  { name: 'recordStatement words that are not in the source', send: () => spoil('recordStatement', 'text', 'Gamma said everything'), expect: refused('BAD_USER_INPUT', 'input.sourceIds[0]') },
  { name: 'recordStatement the same source twice', send: () => spoil('recordStatement', 'sourceIds', [id('source'), id('source')]), expect: refused('BAD_USER_INPUT', 'input.sourceIds[1]') },
  { name: 'recordStatement without any source', send: () => spoil('recordStatement', 'sourceIds', []), expect: refused('BAD_USER_INPUT', 'input.sourceIds') },
  { name: 'recordStatement an unknown source', send: () => spoil('recordStatement', 'sourceIds', [id('no-such-source')]), expect: refused('NOT_FOUND', 'input.sourceIds[0]') },
  { name: 'recordStatement an unknown speaker', send: () => spoil('recordStatement', 'speakerId', id('nobody')), expect: refused('NOT_FOUND', 'input.speakerId') },
  { name: 'recordStatement citation occurrence 0', send: () => spoil('recordStatement', 'citations', [{ sourceId: id('source'), occurrence: 0 }]), expect: refused('BAD_USER_INPUT', 'input.citations[0].occurrence') },
  { name: 'recordStatement 1000 citations', send: () => spoil('recordStatement', 'citations', many(1000, () => ({ sourceId: id('source') }))), expect: refused('BAD_USER_INPUT', 'input.citations') },
  { name: 'recordStatement text of 100,000 characters', send: () => spoil('recordStatement', 'text', 'w '.repeat(50_000)), expect: refused('BAD_USER_INPUT', 'input.text') },
  { name: 'setPosition CONDITIONAL without a condition', send: () => spoil('setPosition', 'stance', 'CONDITIONAL'), expect: refused('BAD_USER_INPUT', 'input.condition'), absent: [id('new-position')] },
  { name: 'setPosition without evidence', send: () => spoil('setPosition', 'evidence', []), expect: refused('BAD_USER_INPUT', 'input.evidence') },
  { name: 'setPosition 1000 evidence ids', send: () => spoil('setPosition', 'evidence', many(1000, () => id('said'))), expect: refused('BAD_USER_INPUT', 'input.evidence') },
  { name: 'setPosition evidence that does not exist', send: () => spoil('setPosition', 'evidence', [id('said'), id('unsaid')]), expect: refused('NOT_FOUND', 'input.evidence') },
  { name: 'setPosition an unknown actor', send: () => spoil('setPosition', 'actorId', id('nobody')), expect: refused('NOT_FOUND', 'input.actorId') },
  { name: 'setPosition summary of 100,000 characters', send: () => spoil('setPosition', 'summary', 's'.repeat(100_000)), expect: refused('BAD_USER_INPUT', 'input.summary') },
  { name: 'setPosition an empty summary', send: () => spoil('setPosition', 'summary', '   '), expect: refused('BAD_USER_INPUT', 'input.summary') },
  { name: 'setPosition the id of another actor’s position', send: () => spoil('setPosition', 'id', id('alpha-position')), expect: refused('CONFLICT') },
  { name: 'retractPosition an unknown position', send: () => spoil('retractPosition', 'id', id('no-such-position')), expect: refused('NOT_FOUND', 'input.id') },
  { name: 'retractPosition before the position’s validFrom', send: () => spoil('retractPosition', 'validTo', '2001-01-01'), expect: refused('BAD_USER_INPUT', 'input.validTo') },
  { name: 'retractPosition a position already retracted', send: () => spoil('retractPosition', 'id', id('retracted-position')), expect: refused('CONFLICT') },
  { name: 'relateActors an actor to itself', send: () => spoil('relateActors', 'toId', id('alpha')), expect: refused('BAD_USER_INPUT', 'input.toId') },
  { name: 'relateActors an unknown actor', send: () => spoil('relateActors', 'toId', id('nobody')), expect: refused('NOT_FOUND', 'input.toId') },
  { name: 'relateActors a type not in the enum', send: () => spoil('relateActors', 'type', 'MARRIED_TO'), expect: refused('BAD_USER_INPUT', undefined, 400) },
  { name: 'recordEvent date 2025-02-30', send: () => spoil('recordEvent', 'date', '2025-02-30'), expect: refused('BAD_USER_INPUT', undefined, 400), absent: [id('new-event')] },
  { name: 'recordEvent endDate before date', send: () => spoil('recordEvent', 'endDate', '2025-12-01'), expect: refused('BAD_USER_INPUT', 'input.endDate') },
  { name: 'recordEvent 1000 participants', send: () => spoil('recordEvent', 'participants', many(1000, () => ({ actorId: id('alpha') }))), expect: refused('BAD_USER_INPUT', 'input.participants') },
  { name: 'recordEvent an unknown participant', send: () => spoil('recordEvent', 'participants', [{ actorId: id('nobody'), role: 'ghost' }]), expect: refused('NOT_FOUND', 'input.participants') },
  { name: 'recordEvent kind not in EventKind', send: () => spoil('recordEvent', 'kind', 'K'.repeat(61)), expect: refused('BAD_USER_INPUT', undefined, 400) },

  // --- Cypher-like strings in every id field of every mutation: not slugs, refused before any query ---
  ...idFieldsOfMutations.map(([mutation, field], index): Case => ({
    name: `${mutation} ${field}: a Cypher-like string`,
    send: () => spoil(mutation, field, index % 2 === 0 ? cypherQuote : cypherBrace),
    expect: refused('BAD_USER_INPUT', `input.${field}`),
    absent: wouldCreate,
  })),

  // --- Accepted: Cypher-like strings in every string input round-trip verbatim, and do nothing else ---
  {
    name: 'upsertActor name/description/aliases hold Cypher-like strings, stored verbatim (the name trimmed)',
    ...accepted(
      UpsertActorDocument,
      { input: { id: id('cypher-actor'), name: `  ${cypherQuote}  `, kind: 'GROUP', aliases: [cypherBrace, `${cypherQuote} (alias)`], description: `${cypherBrace}\n${cypherQuote}` } },
      [id('cypher-actor')],
      async (data) => {
        const expected = { id: id('cypher-actor'), name: cypherQuote, kind: 'GROUP', aliases: [cypherBrace, `${cypherQuote} (alias)`], description: `${cypherBrace}\n${cypherQuote}` };
        expect(data.upsertActor.actor).toEqual(expected);
        expect((await read(ActorStoredDocument, { id: id('cypher-actor') })).actor).toEqual(expected);
      },
    ),
  },
  {
    name: 'upsertIssue name/description hold Cypher-like strings, stored verbatim',
    ...accepted(UpsertIssueDocument, { input: { id: id('cypher-issue'), name: cypherBrace, description: cypherQuote, parentId: id('parent') } }, [id('cypher-issue')], async (data) => {
      const expected = { id: id('cypher-issue'), name: cypherBrace, description: cypherQuote, parent: { id: id('parent') } };
      expect(data.upsertIssue.issue).toEqual(expected);
      expect((await read(IssueStoredDocument, { id: id('cypher-issue') })).issue).toEqual(expected);
    }),
  },
  {
    name: 'addSource title/outlet/reliabilityNote hold Cypher-like strings and the text is 100,000+ characters: stored verbatim',
    ...accepted(
      AddSourceDocument,
      {
        input: {
          id: id('cypher-source'),
          title: cypherQuote,
          outlet: cypherBrace,
          publishedOn: '2024-02-29',
          url: "https://example.org/a?q=')%20DETACH%20DELETE%20n",
          text: `He said \u201C${cypherBrace}\u201D and wrote ${cypherQuote}.\n${'Lorem ipsum dolor sit amet. '.repeat(3600)}`,
          reliability: 'LOW',
          reliabilityNote: cypherQuote,
        },
      },
      [id('cypher-source')],
      async (data) => {
        const text = `He said \u201C${cypherBrace}\u201D and wrote ${cypherQuote}.\n${'Lorem ipsum dolor sit amet. '.repeat(3600)}`;
        expect(text.length).toBeGreaterThan(100_000);
        const expected = {
          id: id('cypher-source'),
          title: cypherQuote,
          outlet: cypherBrace,
          url: "https://example.org/a?q=')%20DETACH%20DELETE%20n",
          publishedOn: '2024-02-29',
          reliability: 'LOW',
          reliabilityNote: cypherQuote,
          text,
        };
        expect(data.addSource.source).toEqual(expected);
        const stored = await read(SourceStoredDocument, { id: id('cypher-source') });
        expect(stored.source).toEqual(expected);
      },
    ),
  },
  {
    name: 'recordStatement a QUOTE of Cypher-like words, with a Cypher-like speakerNote: stored verbatim, cited at the right offsets',
    ...accepted(
      RecordStatementDocument,
      { input: { id: id('cypher-quote'), text: cypherBrace, kind: 'QUOTE', speakerId: id('alpha'), speakerNote: ` ${cypherQuote} `, saidOn: '2025-12-05', sourceIds: [id('source')] } },
      [id('cypher-quote')],
      async (data) => {
        const statement = data.recordStatement.statement;
        expect(statement).toMatchObject({ id: id('cypher-quote'), text: cypherBrace, kind: 'QUOTE', speakerNote: cypherQuote, speaker: { id: id('alpha') } });
        const start = fixtureSourceText.indexOf(cypherBrace);
        expect(statement.citations).toEqual([{ start, end: start + cypherBrace.length, excerpt: cypherBrace, source: { id: id('source') } }]);
        const stored = await read(StatementStoredDocument, { id: id('cypher-quote') });
        expect(stored.node).toEqual({ text: cypherBrace, speakerNote: cypherQuote });
      },
    ),
  },
  {
    name: 'recordStatement a PARAPHRASE citing Cypher-like words through citations.match: the text stored verbatim, the match found',
    ...accepted(
      RecordStatementDocument,
      { input: { id: id('cypher-paraphrase'), text: `Someone wrote ${cypherQuote} on the wall`, kind: 'PARAPHRASE', citations: [{ sourceId: id('source'), match: cypherQuote }] } },
      [id('cypher-paraphrase')],
      (data) => {
        expect(data.recordStatement.statement.text).toBe(`Someone wrote ${cypherQuote} on the wall`);
        expect(data.recordStatement.statement.citations[0]!.excerpt).toBe(cypherQuote);
      },
    ),
  },
  {
    name: 'setPosition summary/condition hold Cypher-like strings, stored verbatim',
    ...accepted(
      SetPositionDocument,
      { input: { actorId: id('alpha'), topicId: id('child'), stance: 'CONDITIONAL', summary: cypherQuote, condition: cypherBrace, evidence: [id('said')] } },
      [id(`alpha-${id('child')}`)],
      async (data) => {
        const expected = { id: id(`alpha-${id('child')}`), stance: 'CONDITIONAL', summary: cypherQuote, condition: cypherBrace, evidence: [{ id: id('said') }] };
        expect(data.setPosition.position).toEqual(expected);
        const stored = await read(PositionStoredDocument, { id: expected.id });
        expect(stored.node).toEqual(expected);
      },
    ),
  },
  {
    name: 'recordEvent name/place/description/participant role hold Cypher-like strings, stored verbatim (names trimmed)',
    ...accepted(
      RecordEventDocument,
      {
        input: {
          id: id('cypher-event'),
          name: cypherQuote,
          kind: 'MEETING',
          date: '2025-12-02',
          place: `  ${cypherBrace}  `,
          description: `${cypherQuote}\n${cypherBrace}`,
          participants: [{ actorId: id('alpha'), role: cypherQuote }],
          evidence: [id('said')],
        },
      },
      [id('cypher-event')],
      async (data) => {
        const expected = {
          id: id('cypher-event'),
          name: cypherQuote,
          kind: 'MEETING',
          date: '2025-12-02',
          place: cypherBrace,
          description: `${cypherQuote}\n${cypherBrace}`,
          participants: { nodes: [{ actor: { id: id('alpha') }, role: cypherQuote }] },
          evidence: { nodes: [{ id: id('said') }] },
        };
        expect(data.recordEvent.event).toEqual(expected);
        const stored = await read(EventStoredDocument, { id: id('cypher-event') });
        expect(stored.event).toEqual(expected);
      },
    ),
  },

  // --- Accepted: Unicode names in NFD and NFC ---
  {
    name: 'upsertActor a name in NFD: stored NFC, found by search in NFC, NFD and without accents',
    ...accepted(UpsertActorDocument, { input: { id: id('nfd'), name: nfdName, kind: 'PERSON', aliases: [`Zoe\u0308 ${tag}`] } }, [id('nfd')], async (data) => {
      expect(data.upsertActor.actor.name).toBe(nfdName.normalize('NFC'));
      expect(data.upsertActor.actor.name).not.toBe(nfdName);
      expect(data.upsertActor.actor.aliases).toEqual([`Zo\u00EB ${tag}`]);
      for (const search of [`zo\u00EB \u00FCnal ${tag}`, `zoe\u0308 u\u0308nal ${tag}`, `ZOE UNAL ${tag}`]) {
        expect(idsOf(await searchActors(search)), search).toEqual([id('nfd')]);
      }
    }),
  },
  {
    name: 'upsertActor a name in NFC: stored as sent, found by search in NFC and NFD',
    ...accepted(UpsertActorDocument, { input: { id: id('nfc'), name: nfcName, kind: 'PERSON' } }, [id('nfc')], async (data) => {
      expect(data.upsertActor.actor.name).toBe(nfcName);
      for (const search of [nfcName, nfcName.normalize('NFD'), `asa capek ${tag}`]) {
        expect(idsOf(await searchActors(search)), search).toEqual([id('nfc')]);
      }
    }),
  },
  {
    name: 'upsertActor names in other scripts and emoji: stored as sent',
    ...accepted(UpsertActorDocument, { input: { id: id('scripts'), name: 'Володимир 🇺🇦 زيلينسكي 習近平', kind: 'PERSON', aliases: ['𝔘𝔨𝔯𝔞𝔦𝔫𝔢'] } }, [id('scripts')], async (data) => {
      expect(data.upsertActor.actor).toMatchObject({ name: 'Володимир 🇺🇦 زيلينسكي 習近平', aliases: ['𝔘𝔨𝔯𝔞𝔦𝔫𝔢'] });
      expect(idsOf(await searchActors('володимир 🇺🇦'))).toContain(id('scripts'));
    }),
  },
];

// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  const seed = readSeed(process.env.SEED_DIR || defaultSeedDir);
  seedIds = [...seed.sources, ...seed.actors, ...seed.issues, ...seed.proposals, ...seed.events, ...seed.statements, ...seed.positions].map((row) => row.id);
  await owned.start();
  await ok(AddSourceDocument, { input: { id: id('source'), title: 'Fixture wire', publishedOn: '2025-12-05', reliability: 'MEDIUM', text: fixtureSourceText } });
  await ok(UpsertActorDocument, { input: { id: id('alpha'), name: `Minister Alpha ${tag}`, kind: 'PERSON' } });
  await ok(UpsertActorDocument, { input: { id: id('beta'), name: `Beta ${tag}`, kind: 'PERSON' } });
  await ok(UpsertIssueDocument, { input: { id: id('parent'), name: 'Fixture parent issue' } });
  await ok(UpsertIssueDocument, { input: { id: id('child'), name: 'Fixture child issue', parentId: id('parent') } });
  await ok(RecordStatementDocument, { input: { id: id('said'), text: 'dead on arrival', kind: 'QUOTE', speakerId: id('alpha'), saidOn: '2025-12-05', sourceIds: [id('source')] } });
  await ok(SetPositionDocument, { input: { id: id('alpha-position'), actorId: id('alpha'), topicId: id('parent'), stance: 'OPPOSES', summary: 'Against the plan.', evidence: [id('said')] } });
  await ok(SetPositionDocument, { input: { id: id('retracted-position'), actorId: id('beta'), topicId: id('parent'), stance: 'UNDECIDED', summary: 'Undecided.', evidence: [id('said')] } });
  await ok(RetractPositionDocument, { input: { id: id('retracted-position'), validTo: '2025-12-06' } });
});

afterAll(() => owned.cleanup());

/** What no answer may contain: stack traces, source paths, driver errors, the service's Cypher. */
const leaks = [/stacktrace/i, /\.(?:[cm]?[jt]s|java):\d+/, /\bat [\w.<>$]+ \(/, /Neo\.(?:Client|Database|Transient)Error/, /Neo4jError/, /Invalid input '/, /\(line \d+, column \d+/, /\b(?:MATCH|MERGE|UNWIND|RETURN|OPTIONAL MATCH|DETACH DELETE|CREATE) [(a-z$]/];

describe('bad input: a coded error or a harmless answer, never a 5xx, a stack or Cypher; the graph unchanged', () => {
  it('has at least 40 cases, each named once', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((testCase) => testCase.name)).size).toBe(cases.length);
  });

  for (const testCase of cases) {
    const test = testCase.bug ? it.fails : it;
    test(testCase.name, async () => {
      const before = await fingerprint();
      const answer = await testCase.send();
      const after = await fingerprint();
      const shown = `${answer.status} ${answer.text.slice(0, 600)}`;

      // Always: JSON, below 500, no internal error, nothing leaked, nothing polluted.
      expect(answer.status, shown).toBeLessThan(500);
      expect(answer.contentType, shown).toMatch(/application\/json/);
      expect(answer.body, shown).not.toBeNull();
      const errors = answer.body?.errors ?? [];
      for (const error of errors) {
        expect(error.extensions?.code, shown).toBeDefined();
        expect(clientFacingCodes.has(error.extensions!.code!), shown).toBe(true);
      }
      const stripped = answer.text.replaceAll(cypherQuote, '').replaceAll(JSON.stringify(cypherBrace).slice(1, -1), '').replaceAll(cypherBrace, '');
      for (const leak of leaks) expect(stripped, `${leak} in ${shown}`).not.toMatch(leak);
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      // The seed is whole whatever the case.
      expect({ nodes: after.seedNodes, relationships: after.seedRelationships }).toEqual({ nodes: seedIds.length, relationships: before.seedRelationships });

      const expectation = testCase.expect;
      if ('refused' in expectation || 'limited' in expectation) {
        expect(errors.length, shown).toBeGreaterThan(0);
        if ('refused' in expectation) {
          expect(errors[0]!.extensions?.code, shown).toBe(expectation.refused);
          if (expectation.argument) {
            expect(errors[0]!.extensions?.argument, shown).toBe(expectation.argument);
            expect(errors[0]!.message, shown).toContain(expectation.argument);
          }
          if (expectation.status) expect(answer.status, shown).toBe(expectation.status);
        }
        if (answer.body?.data) expect(Object.values(answer.body.data).every((value) => value === null), shown).toBe(true);
      } else {
        expect(errors, shown).toEqual([]);
        expect(answer.status, shown).toBe(200);
      }

      if ('accepted' in expectation) {
        await expectation.check(answer.body!.data);
        expect(await existing(expectation.accepted)).toEqual(expect.arrayContaining(expectation.accepted));
        expect(after.ownNodes - before.ownNodes, 'nodes created').toBe(expectation.accepted.length);
        expect(after.ownChanges - before.ownChanges, 'audit records').toBe(1);
      } else {
        if ('harmless' in expectation) await expectation.harmless(answer.body!.data);
        expect(after.own, 'this file’s nodes, relationships and their properties').toBe(before.own);
        expect(after.ownChanges, 'audit records').toBe(before.ownChanges);
      }
      if (testCase.absent) expect(await existing(testCase.absent)).toEqual([]);
    });
  }
});
