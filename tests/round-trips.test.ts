/** No N+1: a request's Neo4j round trips do not grow with the size of its result. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeedDir } from '../src/seed/loader.js';
import { readSeed } from '../src/seed/validate.js';
import {
  ActorsThreeLevelsDeepDocument,
  ActorsWideWalkDocument,
  IssueEveryoneDocument,
  IssuePositionsDocument,
  IssueSidesDocument,
  type ActorsThreeLevelsDeepQuery,
} from './generated/operations.js';
import { ownedData, type Variables } from './support.js';

// This file writes nothing: it counts the round trips of reads over the seed.
const owned = ownedData('round-trips');
beforeAll(() => owned.start());
afterAll(() => owned.cleanup());

async function roundTrips<TData, TVariables extends Variables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<{ count: number; data: TData }> {
  owned.service.takeQueryCount();
  const data = await owned.read(document, variables);
  return { count: owned.service.takeQueryCount(), data };
}

/**
 * Seed actors, those holding positions first (other test files add actors of their own while this one runs, so the
 * lists are fixed here rather than taken from actors(first:)).
 */
const seed = readSeed(defaultSeedDir);
const holders = [...new Set([...seed.positions.map((position) => position.actor), ...seed.actors.map((actor) => actor.id)])];

describe('round trips per request', () => {
  it('actors -> positions -> evidence -> citations -> source costs the same over 5 and over 25 actors', async () => {
    expect(holders.length).toBeGreaterThanOrEqual(25);
    const small = await roundTrips(ActorsThreeLevelsDeepDocument, { ids: holders.slice(0, 5) });
    const large = await roundTrips(ActorsThreeLevelsDeepDocument, { ids: holders.slice(0, 25) });
    expect(small.data.nodes).toHaveLength(5);
    expect(large.data.nodes).toHaveLength(25);
    const evidence = (data: ActorsThreeLevelsDeepQuery) =>
      data.nodes.flatMap((actor) => {
        if (!actor || !('positions' in actor)) throw new Error(`not an actor: ${JSON.stringify(actor)}`);
        return actor.positions.nodes.flatMap((position) => position.evidence);
      }).length;
    expect(evidence(large.data)).toBeGreaterThan(evidence(small.data));
    expect(large.count).toBe(small.count);
    // Node kinds, actors, then one query for the whole position subtree the document asks (topics, evidence,
    // speakers, citations, sources), and the articles' text for the excerpts.
    expect(large.count).toBeLessThanOrEqual(4);
  });

  it('a wide walk (relations, events, participants, roles) stays bounded too', async () => {
    const small = await roundTrips(ActorsWideWalkDocument, { first: 5 });
    const large = await roundTrips(ActorsWideWalkDocument, { first: 47 });
    expect(large.data.actors.edges.length).toBeGreaterThan(30);
    // A branch that is empty for every actor of a small page (no role holders, say) makes no query, so the
    // counts may differ by those branches; what matters is a fixed ceiling: one query per field and wave.
    expect(small.count).toBeLessThanOrEqual(20);
    expect(large.count).toBeLessThanOrEqual(20);
  });

  it('an issue with everyone for and against it: the same cost for a small and a large issue', async () => {
    const small = await roundTrips(IssueEveryoneDocument, { id: 'putin-zelensky-meeting' });
    const large = await roundTrips(IssueEveryoneDocument, { id: 'ukraine-nato-membership' });
    expect(large.data.issue!.positions.nodes.length).toBeGreaterThan(small.data.issue!.positions.nodes.length);
    expect(large.count).toBe(small.count);
  });

  it('supporters and opponents side by side share one query (and one count), and each list holds only its stance', async () => {
    const both = await roundTrips(IssueSidesDocument, { id: 'ukraine-nato-membership' });
    const one = await roundTrips(IssuePositionsDocument, { id: 'ukraine-nato-membership' });
    expect(both.count).toBe(one.count);
    const supporters = both.data.issue!.supporters.nodes;
    const opponents = both.data.issue!.opponents.nodes;
    expect(supporters.length).toBeGreaterThan(0);
    expect(opponents.length).toBeGreaterThan(0);
    expect(supporters.every((position) => position.stance === 'SUPPORTS')).toBe(true);
    const all = one.data.issue!.positions;
    expect(both.data.issue!.supporters.totalCount).toBe(all.nodes.filter((position) => position.stance === 'SUPPORTS').length);
    expect(both.data.issue!.opponents.totalCount).toBe(all.nodes.filter((position) => position.stance === 'OPPOSES').length);
    expect(all.totalCount).toBe(all.nodes.length);
    expect(opponents.every((position) => position.stance === 'OPPOSES')).toBe(true);
    const ids = (stance: string) => one.data.issue!.positions.nodes.filter((position) => position.stance === stance).map((position) => position.id);
    expect(supporters.map((position) => position.id)).toEqual(ids('SUPPORTS'));
    expect(opponents.map((position) => position.id)).toEqual(ids('OPPOSES'));
  });
});
