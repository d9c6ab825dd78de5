/**
 * Unit tests of the look-ahead's selection parsing (src/position/lookahead.ts): which fields below a list of positions
 * a document asks, however it spells them (aliases, named and inline fragments, @skip/@include, variables). No
 * database: the real schema, and resolvers that only record what the look-ahead read.
 */
import { buildASTSchema, execute, parse, type GraphQLFieldResolver, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { includeOf, lookAhead, positionInclude, type PositionInclude } from '../src/position/lookahead.js';
import { loadTypeDefs } from '../src/schema.js';

const schema = buildASTSchema(parse(loadTypeDefs()));

/** Runs `document` with Query.actor and Issue-side fields stubbed; returns what Actor.positions' look-ahead read. */
async function includesOf(document: string, variables: Record<string, unknown> = {}): Promise<PositionInclude[]> {
  const seen: PositionInclude[] = [];
  const set = (type: string, field: string, resolve: GraphQLFieldResolver<unknown, unknown>) => {
    (schema.getType(type) as GraphQLObjectType).getFields()[field]!.resolve = resolve;
  };
  set('Query', 'actor', () => ({ id: 'a' }));
  set('Query', 'issue', () => ({ id: 'i', __typename: 'Issue' }));
  const positions: GraphQLFieldResolver<unknown, unknown> = (_parent, _args, _context, info) => {
    seen.push(positionInclude(info));
    return emptyConnection;
  };
  set('Actor', 'positions', positions);
  set('Issue', 'positions', positions);
  const result = await execute({ schema, document: parse(document), variableValues: variables });
  expect(result.errors).toBeUndefined();
  return seen;
}

const emptyConnection = { edges: [], nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
const nothing: PositionInclude = { topic: false, actor: false, evidence: null };

describe('the look-ahead of position lists', () => {
  it('asks nothing more for scalar fields only', async () => {
    expect(await includesOf('{ actor(id: "a") { positions { totalCount nodes { id stance summary } } } }')).toEqual([nothing]);
  });

  it('sees topic, holder and the evidence subtree, speakers and sources included', async () => {
    const [include] = await includesOf(`{ actor(id: "a") { positions { nodes {
      topic { name } actor { name } evidence { text speaker { name } citations { start source { title } } } } } } }`);
    expect(include).toEqual({ topic: true, actor: true, evidence: { speaker: true, citations: { source: true } } });
  });

  it('reads fields by name whatever their aliases, merging two aliases of one field', async () => {
    const [include] = await includesOf(`{ actor(id: "a") { positions { nodes {
      about: topic { id } first: evidence { id } again: evidence { citations { start } } } } } }`);
    expect(include).toEqual({ topic: true, actor: false, evidence: { speaker: false, citations: { source: false } } });
  });

  it('looks through named and inline fragments', async () => {
    const [include] = await includesOf(`
      query { actor(id: "a") { positions { edges { node { ...Held } } } } }
      fragment Held on Position { ... on Position { actor { id } } evidence { ...Said } }
      fragment Said on Statement { speaker { id } }`);
    expect(include).toEqual({ topic: false, actor: true, evidence: { speaker: true, citations: null } });
  });

  it('honours @skip and @include, with literals and variables', async () => {
    const document = `query ($withEvidence: Boolean!) { actor(id: "a") { positions { nodes {
      topic @skip(if: true) { id } evidence @include(if: $withEvidence) { id } } } } }`;
    expect(await includesOf(document, { withEvidence: false })).toEqual([nothing]);
    expect(await includesOf(document, { withEvidence: true })).toEqual([{ ...nothing, evidence: { speaker: false, citations: null } }]);
  });

  it('reads the lists under an issue the same way, each aliased list for itself', async () => {
    const includes = await includesOf(`{ issue(id: "i") {
      supporters: positions(stance: SUPPORTS) { nodes { actor { name } } }
      opponents: positions(stance: OPPOSES) { edges { node { evidence { citations { source { title } } } } } } } }`);
    expect(includes).toEqual([
      { topic: false, actor: true, evidence: null },
      { topic: false, actor: false, evidence: { speaker: false, citations: { source: true } } },
    ]);
  });

  it('merges what is asked under edges { node } and under nodes', async () => {
    const [include] = await includesOf(`{ actor(id: "a") { positions {
      edges { cursor node { topic { id } } } nodes { evidence { speaker { name } } } } } }`);
    expect(include).toEqual({ topic: true, actor: false, evidence: { speaker: true, citations: null } });
  });

  it('parses a selection once for all the items of a list', async () => {
    const selections = new Set<unknown>();
    (schema.getType('Actor') as GraphQLObjectType).getFields().positions!.resolve = (_parent, _args, _context, info) => {
      selections.add(lookAhead(info));
      return emptyConnection;
    };
    (schema.getType('Query') as GraphQLObjectType).getFields().actors!.resolve = () => ({
      edges: ['a', 'b', 'c'].map((id) => ({ cursor: id, node: { id } })),
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 3,
    });
    const result = await execute({ schema, document: parse('{ actors { edges { node { positions { nodes { topic { id } } } } } } }') });
    expect(result.errors).toBeUndefined();
    expect(selections.size).toBe(1);
    const nodes = ([...selections][0] as ReturnType<typeof lookAhead>).fields.get('nodes')!;
    expect(includeOf(nodes)).toEqual({ ...nothing, topic: true });
  });
});
