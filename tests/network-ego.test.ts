/**
 * Query.network, the ego network around some actors, on the seed: its members and ties are checked against what the
 * rest of the API says about each actor's ties (Actor.relations, roles, roleHolders, events and their participants,
 * proposals and their authors), never against a list written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActorTiesDocument, NetworkDefaultsDocument, NetworkDocument, type ActorTiesQuery, type NetworkQuery } from './generated/operations.js';
import { ownedData } from './support.js';

// This file writes nothing: it reads the seed.
const owned = ownedData('network-ego');
beforeAll(() => owned.start());
afterAll(() => owned.cleanup());

const putin = 'vladimir-putin';

type ActorTies = NonNullable<ActorTiesQuery['actor']>;
type Tie = NetworkQuery['network']['ties'][number];
/** A tie as the other fields describe it: what `network` must answer for it (its actors by id). */
type ExpectedTie = Omit<Tie, 'from' | 'to'> & { from: { id: string }; to: { id: string } };

const tiesCache = new Map<string, Promise<ActorTies>>();

/** What the API says about one actor's ties; every list read whole (the seed's lists are shorter than a page). */
function tiesOf(id: string): Promise<ActorTies> {
  let ties = tiesCache.get(id);
  if (!ties) {
    ties = owned.read(ActorTiesDocument, { id }).then(({ actor }) => {
      if (!actor) throw new Error(`no actor ${id}`);
      expect(actor.relations.totalCount).toBe(actor.relations.edges.length);
      expect(actor.roles.totalCount).toBe(actor.roles.nodes.length);
      expect(actor.roleHolders.totalCount).toBe(actor.roleHolders.nodes.length);
      expect(actor.events.totalCount).toBe(actor.events.nodes.length);
      expect(actor.proposals.totalCount).toBe(actor.proposals.nodes.length);
      for (const event of actor.events.nodes) expect(event.participants.totalCount).toBe(event.participants.nodes.length);
      return actor;
    });
    tiesCache.set(id, ties);
  }
  return ties;
}

/** The actors tied to `id`, each with the weight of its ties (a relation or role 1, each shared event or proposal 1). */
async function neighbours(id: string): Promise<Map<string, number>> {
  const actor = await tiesOf(id);
  const weights = new Map<string, number>();
  const add = (other: string) => other !== id && weights.set(other, (weights.get(other) ?? 0) + 1);
  for (const edge of actor.relations.edges) add(edge.actor.id);
  for (const role of actor.roles.nodes) add(role.of.id);
  for (const role of actor.roleHolders.nodes) add(role.holder.id);
  for (const event of actor.events.nodes) new Set(event.participants.nodes.map((p) => p.actor.id)).forEach(add);
  for (const proposal of actor.proposals.nodes) new Set(proposal.authors.map((author) => author.id)).forEach(add);
  return weights;
}

const byWeightThenId = (x: { id: string; weight: number }, y: { id: string; weight: number }) => y.weight - x.weight || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/** Newest first, undated last, then id. */
const newestFirst = (x: { id: string; date: string | null }, y: { id: string; date: string | null }) =>
  (y.date ?? '').localeCompare(x.date ?? '') || (x.id < y.id ? -1 : 1);

/** Every tie among `memberIds`, strongest first, as the other fields describe them. */
async function expectedTies(memberIds: readonly string[]): Promise<ExpectedTie[]> {
  await Promise.all(memberIds.map(tiesOf));
  const members = new Set(memberIds);
  const ties: ExpectedTie[] = [];
  const shared = { EVENT: new Map<string, Map<string, { id: string; date: string | null }>>(), PROPOSAL: new Map<string, Map<string, { id: string; date: string | null }>>() };
  const share = (kind: 'EVENT' | 'PROPOSAL', a: string, b: string, item: { id: string; date: string | null }) => {
    if (a >= b || !members.has(b)) return;
    const key = `${a}~${b}`;
    const items = shared[kind].get(key) ?? new Map<string, { id: string; date: string | null }>();
    items.set(item.id, { id: item.id, date: item.date });
    shared[kind].set(key, items);
  };
  for (const id of memberIds) {
    const actor = await tiesOf(id);
    for (const edge of actor.relations.edges) {
      if (edge.direction !== 'OUTGOING' || !members.has(edge.actor.id)) continue;
      const relation = edge.node;
      ties.push({ id: relation.id, kind: 'RELATION', from: { id }, to: { id: edge.actor.id }, directed: true, label: relation.type, weight: 1, relation, role: null, events: [], proposals: [] });
    }
    for (const role of actor.roles.nodes) {
      if (!members.has(role.of.id)) continue;
      ties.push({ id: role.id, kind: 'ROLE', from: { id }, to: { id: role.of.id }, directed: true, label: role.title, weight: 1, relation: null, role, events: [], proposals: [] });
    }
    for (const event of actor.events.nodes) for (const p of event.participants.nodes) share('EVENT', id, p.actor.id, event);
    for (const proposal of actor.proposals.nodes) for (const author of proposal.authors) share('PROPOSAL', id, author.id, proposal);
  }
  for (const kind of ['EVENT', 'PROPOSAL'] as const) {
    for (const [pair, items] of shared[kind]) {
      const [a, b] = pair.split('~') as [string, string];
      const list = [...items.values()].sort(newestFirst);
      const n = list.length;
      const label = kind === 'EVENT' ? `${n} shared event${n === 1 ? '' : 's'}` : `${n} co-authored proposal${n === 1 ? '' : 's'}`;
      const named = list.slice(0, 5);
      ties.push({ id: `${pair}:${kind}`, kind, from: { id: a }, to: { id: b }, directed: false, label, weight: n, relation: null, role: null, events: kind === 'EVENT' ? named : [], proposals: kind === 'PROPOSAL' ? named : [] });
    }
  }
  return ties.sort(byWeightThenId);
}

/** The ring around `drawn` (actors tied to them and not in `exclude`), ranked by the weight of their ties to `drawn`, then id. */
async function ring(drawn: readonly string[], exclude: ReadonlySet<string>): Promise<Array<{ id: string; weight: number }>> {
  await Promise.all(drawn.map(tiesOf));
  const weights = new Map<string, number>();
  for (const id of drawn) {
    for (const [other, weight] of await neighbours(id)) if (!exclude.has(other)) weights.set(other, (weights.get(other) ?? 0) + weight);
  }
  return [...weights].map(([id, weight]) => ({ id, weight })).sort(byWeightThenId);
}

async function network(actorIds: string[], hops: number, first: number): Promise<NetworkQuery['network']> {
  return (await owned.read(NetworkDocument, { actorIds, hops, first })).network;
}

const memberIds = (answer: NetworkQuery['network']) => answer.members.map((member) => member.actor.id);

describe('Query.network', () => {
  it('hops 1: the asked actor, then every actor tied to it, most strongly tied first, and every tie among them', async () => {
    const near = await ring([putin], new Set([putin]));
    expect(near.length).toBeGreaterThan(3);
    const answer = await network([putin], 1, 100);
    expect(answer.members).toEqual([
      { distance: 0, actor: expect.objectContaining({ id: putin, name: 'Vladimir Putin' }) },
      ...near.map(({ id }) => ({ distance: 1, actor: expect.objectContaining({ id }) })),
    ]);
    expect(answer.omittedActors).toBe(0);
    const expected = await expectedTies(memberIds(answer));
    expect(answer.ties).toEqual(expected);
    expect(answer.omittedTies).toBe(0);
    // The seed's Putin has relations (both ways), a role and shared events.
    expect(new Set(answer.ties.map((tie) => tie.kind))).toEqual(new Set(['RELATION', 'ROLE', 'EVENT']));
  });

  it("relation ties read from -> to as Actor.relations' direction says, with the relation and role as other fields give them", async () => {
    const answer = await network([putin], 1, 100);
    const byId = new Map(answer.ties.map((tie) => [tie.id, tie]));
    const actor = await tiesOf(putin);
    expect(actor.relations.edges.map((edge) => edge.direction)).toEqual(expect.arrayContaining(['OUTGOING', 'INCOMING']));
    for (const edge of actor.relations.edges) {
      const tie = byId.get(edge.node.id);
      expect(tie, edge.node.id).toBeDefined();
      const [from, to] = edge.direction === 'OUTGOING' ? [putin, edge.actor.id] : [edge.actor.id, putin];
      expect(tie).toMatchObject({ kind: 'RELATION', directed: true, from: { id: from }, to: { id: to }, label: edge.node.type, relation: edge.node });
    }
    for (const role of actor.roles.nodes) expect(byId.get(role.id)).toMatchObject({ kind: 'ROLE', from: { id: putin }, to: { id: role.of.id }, label: role.title, role });
    for (const tie of answer.ties.filter((t) => t.kind === 'EVENT' || t.kind === 'PROPOSAL')) {
      expect(tie.directed).toBe(false);
      expect(tie.from.id < tie.to.id).toBe(true);
      expect(tie.events.length + tie.proposals.length).toBe(Math.min(tie.weight, 5));
    }
  });

  it('hops 2: the actors tied only to those at distance 1 come next, ranked by their ties to the actors drawn before them', async () => {
    const near = await ring([putin], new Set([putin]));
    const far = await ring(
      near.map((actor) => actor.id),
      new Set([putin, ...near.map((actor) => actor.id)]),
    );
    expect(far.length).toBeGreaterThan(3);
    expect(1 + near.length + far.length).toBeLessThanOrEqual(100);
    const answer = await network([putin], 2, 100);
    expect(answer.members.map((member) => [member.actor.id, member.distance])).toEqual([
      [putin, 0],
      ...near.map(({ id }) => [id, 1]),
      ...far.map(({ id }) => [id, 2]),
    ]);
    expect(answer.omittedActors).toBe(0);
    expect(answer.ties).toEqual(await expectedTies(memberIds(answer)));
    // Two hops out, co-authors of proposals are among the members too.
    expect(new Set(answer.ties.map((tie) => tie.kind))).toEqual(new Set(['RELATION', 'ROLE', 'EVENT', 'PROPOSAL']));
  });

  it('first keeps the top of each ring and omittedActors counts the rest', async () => {
    const near = await ring([putin], new Set([putin]));
    const one = await network([putin], 1, 3);
    expect(memberIds(one)).toEqual([putin, ...near.slice(0, 2).map((actor) => actor.id)]);
    expect(one.omittedActors).toBe(near.length - 2);
    expect(one.ties).toEqual(await expectedTies(memberIds(one)));

    const far = await ring(
      near.map((actor) => actor.id),
      new Set([putin, ...near.map((actor) => actor.id)]),
    );
    const two = await network([putin], 2, 1 + near.length + 2);
    expect(two.members.map((member) => [member.actor.id, member.distance])).toEqual([[putin, 0], ...near.map(({ id }) => [id, 1]), ...far.slice(0, 2).map(({ id }) => [id, 2])]);
    expect(two.omittedActors).toBe(far.length - 2);

    // Ring 1 fills `first`: hop 2, which could draw no one, is not explored (nor counted).
    const full = await network([putin], 2, 3);
    expect(memberIds(full)).toEqual(memberIds(one));
    expect(full.omittedActors).toBe(one.omittedActors);
    // Ring 1 leaves room for one: hop 2 expands from every distance-1 actor and counts the rest of ring 2.
    const roomForOne = await network([putin], 2, 1 + near.length + 1);
    expect(memberIds(roomForOne)).toEqual([putin, ...near.map((actor) => actor.id), far[0]!.id]);
    expect(roomForOne.omittedActors).toBe(far.length - 1);

    // The defaults: hops 1, first 50.
    const defaults = (await owned.read(NetworkDefaultsDocument, { actorIds: [putin] })).network;
    expect(defaults.members.map((member) => [member.actor.id, member.distance])).toEqual([[putin, 0], ...near.slice(0, 49).map(({ id }) => [id, 1])]);
  });

  it('hops 0 gives the asked actors (duplicates once, in the order given) and only the ties among them', async () => {
    const near = await ring([putin], new Set([putin]));
    const asked = [near[1]!.id, putin, near[0]!.id, putin, near[2]!.id];
    const answer = await network(asked, 0, 100);
    const distinct = [...new Set(asked)];
    expect(answer.members.map((member) => [member.actor.id, member.distance])).toEqual(distinct.map((id) => [id, 0]));
    expect(answer.omittedActors).toBe(0);
    const expected = await expectedTies(distinct);
    expect(expected.length).toBeGreaterThan(2);
    expect(answer.ties).toEqual(expected);

    // Asked actors beyond `first` are left out too, and counted.
    const fewer = await network(asked, 0, 2);
    expect(memberIds(fewer)).toEqual(distinct.slice(0, 2));
    expect(fewer.omittedActors).toBe(distinct.length - 2);
    expect(fewer.ties).toEqual(await expectedTies(distinct.slice(0, 2)));
  });

  it.each([
    { name: 'no actors', variables: { actorIds: [] }, code: 'BAD_USER_INPUT', argument: 'actorIds' },
    { name: '101 actors', variables: { actorIds: Array.from({ length: 101 }, (_, i) => `actor-${i}`) }, code: 'BAD_USER_INPUT', argument: 'actorIds' },
    { name: 'an unknown actor', variables: { actorIds: [putin, 'no-such-actor'] }, code: 'NOT_FOUND', argument: 'actorIds' },
    { name: 'an issue', variables: { actorIds: ['ukraine-nato-membership'] }, code: 'NOT_FOUND', argument: 'actorIds' },
    { name: 'hops -1', variables: { actorIds: [putin], hops: -1 }, code: 'BAD_USER_INPUT', argument: 'hops' },
    { name: 'hops 3', variables: { actorIds: [putin], hops: 3 }, code: 'BAD_USER_INPUT', argument: 'hops' },
    { name: 'first 0', variables: { actorIds: [putin], first: 0 }, code: 'BAD_USER_INPUT', argument: 'first' },
    { name: 'first 101', variables: { actorIds: [putin], first: 101 }, code: 'BAD_USER_INPUT', argument: 'first' },
  ])('refuses $name with $code naming $argument', async ({ variables, code, argument }) => {
    const response = await owned.run(NetworkDocument, variables, null);
    expect(response.data ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions).toMatchObject({ code, argument });
    expect(response.errors![0]!.message).toContain(argument);
  });

  it('makes the same few round trips however large the network', async () => {
    const count = async (actorIds: string[], hops: number, first: number) => {
      owned.service.takeQueryCount();
      const answer = await network(actorIds, hops, first);
      return { answer, queries: owned.service.takeQueryCount() };
    };
    const large = await count([putin], 2, 100);
    // A few actors holding one tie of each kind: every nested list of the document is asked for, as in the large one.
    const kinds = ['RELATION', 'ROLE', 'EVENT', 'PROPOSAL'].map((kind) => large.answer.ties.find((tie) => tie.kind === kind)!);
    const small = await count([...new Set(kinds.flatMap((tie) => [tie.from.id, tie.to.id]))], 0, 100);
    expect(new Set(small.answer.ties.map((tie) => tie.kind))).toEqual(new Set(['RELATION', 'ROLE', 'EVENT', 'PROPOSAL']));
    expect(large.answer.members.length).toBeGreaterThan(4 * small.answer.members.length);
    expect(large.answer.ties.length).toBeGreaterThan(5 * small.answer.ties.length);
    // The asked ids' kinds, the members, the ties, then one batch each: actors, events, proposals, the relations' evidence.
    expect(small.queries).toBe(7);
    expect(large.queries).toBe(7);
  });
});
