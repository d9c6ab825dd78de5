/** No N+1: a request's Neo4j round trips do not grow with the size of its result. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeedDir } from '../src/seed/loader.js';
import { readSeed } from '../src/seed/validate.js';
import { startTestService, type TestService } from './support.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service.close();
});

async function roundTrips(query: string, variables: Record<string, unknown>): Promise<{ count: number; data: any }> {
  service.takeQueryCount();
  const response = await service.gql<any>(query, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return { count: service.takeQueryCount(), data: response.data };
}

/**
 * Seed actors, those holding positions first (other test files add actors of their own while this one runs, so the
 * lists are fixed here rather than taken from actors(first:)).
 */
const seed = readSeed(defaultSeedDir);
const holders = [...new Set([...seed.positions.map((position) => position.actor), ...seed.actors.map((actor) => actor.id)])];

const threeLevels = `query($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Actor { id name
    positions { stance topic { id name }
      evidence { text speaker { name }
        citations { start end excerpt source { title reliability } } } } } }
}`;

describe('round trips per request', () => {
  it('actors -> positions -> evidence -> citations -> source costs the same over 5 and over 25 actors', async () => {
    expect(holders.length).toBeGreaterThanOrEqual(25);
    const small = await roundTrips(threeLevels, { ids: holders.slice(0, 5) });
    const large = await roundTrips(threeLevels, { ids: holders.slice(0, 25) });
    expect(small.data.nodes).toHaveLength(5);
    expect(large.data.nodes).toHaveLength(25);
    const evidence = (data: any) => data.nodes.flatMap((actor: any) => actor.positions.flatMap((position: any) => position.evidence)).length;
    expect(evidence(large.data)).toBeGreaterThan(evidence(small.data));
    expect(large.count).toBe(small.count);
    // Node kinds, actors, then one query for the whole position subtree the document asks (topics, evidence,
    // speakers, citations, sources), and the articles' text for the excerpts.
    expect(large.count).toBeLessThanOrEqual(4);
  });

  it('a wide walk (relations, events, participants, roles) stays bounded too', async () => {
    const wide = `query($first: Int) { actors(first: $first) { totalCount edges { node {
      relations { type actor { name } evidence { text } }
      events { name participants { actor { name } role } evidence { id } }
      roles { title of { name } } roleHolders { holder { name } }
      statements(first: 3) { totalCount edges { node { text evidenceFor { stance } } } }
    } } } }`;
    const small = await roundTrips(wide, { first: 5 });
    const large = await roundTrips(wide, { first: 47 });
    expect(large.data.actors.edges.length).toBeGreaterThan(30);
    // A branch that is empty for every actor of a small page (no role holders, say) makes no query, so the
    // counts may differ by those branches; what matters is a fixed ceiling: one query per field and wave.
    expect(small.count).toBeLessThanOrEqual(20);
    expect(large.count).toBeLessThanOrEqual(20);
  });

  it('an issue with everyone for and against it: the same cost for a small and a large issue', async () => {
    const query = `query($id: ID!) { issue(id: $id) { positions { actor { name relations { type } } evidence { citations { source { title } } } } } }`;
    const small = await roundTrips(query, { id: 'putin-zelensky-meeting' });
    const large = await roundTrips(query, { id: 'ukraine-nato-membership' });
    expect(large.data.issue.positions.length).toBeGreaterThan(small.data.issue.positions.length);
    expect(large.count).toBe(small.count);
  });

  it('supporters and opponents side by side share one query, and each list holds only its stance', async () => {
    const sides = `query($id: ID!) { issue(id: $id) {
      supporters: positions(stance: SUPPORTS) { id stance actor { name } evidence { text speaker { name } } }
      opponents: positions(stance: OPPOSES) { id stance actor { name } evidence { text speaker { name } } } } }`;
    const all = `query($id: ID!) { issue(id: $id) { positions { id stance actor { name } evidence { text speaker { name } } } } }`;
    const both = await roundTrips(sides, { id: 'ukraine-nato-membership' });
    const one = await roundTrips(all, { id: 'ukraine-nato-membership' });
    expect(both.count).toBe(one.count);
    const { supporters, opponents } = both.data.issue;
    expect(supporters.length).toBeGreaterThan(0);
    expect(opponents.length).toBeGreaterThan(0);
    expect(supporters.every((position: any) => position.stance === 'SUPPORTS')).toBe(true);
    expect(opponents.every((position: any) => position.stance === 'OPPOSES')).toBe(true);
    const ids = (stance: string) => one.data.issue.positions.filter((position: any) => position.stance === stance).map((position: any) => position.id);
    expect(supporters.map((position: any) => position.id)).toEqual(ids('SUPPORTS'));
    expect(opponents.map((position: any) => position.id)).toEqual(ids('OPPOSES'));
  });
});
